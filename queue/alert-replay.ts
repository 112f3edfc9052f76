// Replays failed webhook deliveries by hand (CLI, API, dashboard): the same event gets a fresh set of attempts.
import { Job } from 'bullmq';
import type { AlertStore } from '../store/alert-store.js';
import { enqueueDeliveries, type DeliveryRetry } from './job-chain.js';
import { alertJobId } from './queues.js';
import type { StageQueues } from './stage-queues.js';

export interface ReplayOutcome {
  id: string;
  /** queued: handed to the alert queue again; unknown: no such delivery; not-failed: nothing to replay. */
  status: 'queued' | 'unknown' | 'not-failed';
  jobId?: string;
}

/**
 * Replays failed deliveries: the same event (same webhook-id, same body) gets a fresh set of attempts.
 * A failed job still in the queue is retried in place; one removed from the queue is added again.
 */
export async function replayDeliveries(
  queues: StageQueues,
  alerts: AlertStore,
  ids: string[],
  retry: DeliveryRetry,
): Promise<ReplayOutcome[]> {
  const out: ReplayOutcome[] = [];
  for (const id of ids) {
    const record = alerts.delivery(id);
    if (!record) {
      out.push({ id, status: 'unknown' });
      continue;
    }
    if (record.status !== 'failed') {
      out.push({ id, status: 'not-failed' });
      continue;
    }
    alerts.markForReplay([id]);
    const jobId = alertJobId(id);
    const job = await Job.fromId(queues.alert, jobId);
    const state = job ? await job.getState() : 'missing';
    if (job && state === 'failed') {
      await job.updateData({ ...job.data, deferrals: 0 });
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } else if (state === 'completed' || state === 'missing' || state === 'unknown') {
      if (job) await job.remove();
      await enqueueDeliveries(queues, [record], retry);
    } // waiting, delayed or active: already on its way.
    out.push({ id, status: 'queued', jobId });
  }
  return out;
}
