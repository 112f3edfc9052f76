import { Job, type Queue } from 'bullmq';
import type { AlertStore } from '../store/alert-store.js';
import { afterCluster } from './flow.js';
import { alertJobId } from './queues.js';

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
export async function replayDeliveries(queue: Queue, alerts: AlertStore, ids: string[], options: { attempts: number; retryDelayMs: number }): Promise<ReplayOutcome[]> {
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
    const job = await Job.fromId(queue, jobId);
    const state = job ? await job.getState() : 'missing';
    if (job && state === 'failed') {
      await job.updateData({ ...job.data, deferrals: 0 });
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } else if (state === 'completed' || state === 'missing' || state === 'unknown') {
      if (job) await job.remove();
      await afterCluster(queue, [record], options);
    } // waiting, delayed or active: already on its way.
    out.push({ id, status: 'queued', jobId });
  }
  return out;
}
