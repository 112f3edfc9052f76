// Enqueues inputs as IngestItem jobs and follows each to its end (stored, copy, unchanged, failed), for the CLI and evaluation.
import { Job, type Queue } from 'bullmq';
import { enqueueInputs } from './job-chain.js';
import type { ClusterResult, IngestItem, IngestResult } from './queues.js';
import type { Runtime } from '../runtime/runtime.js';

/**
 * What became of one article of an input: stored, kept as a copy of a stored article (`duplicateOf`),
 * unchanged (read before), or failed.
 */
export interface ArticleOutcome {
  articleId: string;
  status: 'stored' | 'copy' | 'unchanged' | 'failed';
  clusterId?: string;
  duplicateOf?: string;
  error?: string;
  /** Alerts this article caused: delivered, and failed for good. */
  alerts?: { sent: number; failed: number };
}

/** What became of one input. */
export interface ItemOutcome {
  source: string;
  status: 'done' | 'unchanged' | 'failed';
  articles: ArticleOutcome[];
  error?: string;
}

/** Enqueues inputs as IngestItem jobs; an input already enqueued (same source and content) is not added again. */
export async function enqueueItems(runtime: Runtime, items: IngestItem[]): Promise<Job[]> {
  return enqueueInputs(runtime.queues, items);
}

/**
 * Waits until every input is either failed or fully clustered (its ClusterItem jobs finished), calling
 * `onItem` as each one settles. Work finished before `since` (an earlier run) is reported as unchanged.
 */
export async function waitForItems(
  runtime: Runtime,
  jobs: Job[],
  since: number,
  onItem: (o: ItemOutcome) => void,
): Promise<ItemOutcome[]> {
  return Promise.all(
    jobs.map(async (job) => {
      const outcome = await settleItem(runtime, job, since);
      onItem(outcome);
      return outcome;
    }),
  );
}

/**
 * Enqueues inputs as they come and waits for each, keeping at most `window` of them in flight (enqueued
 * but not yet fully clustered): the queues, and this process, hold a bounded amount whatever the size of
 * the input. Outcomes are reported through `onItem` as inputs settle (in completion order), each with the
 * input's position in `items` (from 0).
 */
export async function ingestWindowed(
  runtime: Runtime,
  items: AsyncIterable<IngestItem>,
  window: number,
  since: number,
  onItem: (o: ItemOutcome, index: number) => void,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  for await (const item of items) {
    while (inFlight.size >= window) await Promise.race(inFlight);
    const [job] = await enqueueInputs(runtime.queues, [item]);
    const at = index++;
    const failed = (err: Error): ItemOutcome => ({
      source: item.source,
      status: 'failed',
      articles: [],
      error: err.message,
    });
    const settled: Promise<void> = settleItem(runtime, job!, since)
      .then(
        (o) => onItem(o, at),
        (err: Error) => onItem(failed(err), at),
      )
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  }
  await Promise.all(inFlight);
}

async function settleItem(runtime: Runtime, job: Job, since: number): Promise<ItemOutcome> {
  const source = (job.data as IngestItem).source;
  let result: IngestResult;
  try {
    result = (await job.waitUntilFinished((await runtime.events()).ingest)) as IngestResult;
  } catch (err) {
    return { source, status: 'failed', articles: [], error: (err as Error).message };
  }
  if (result.status !== 'done') return { source, status: 'done', articles: [] };
  const earlier = await finishedBefore(runtime.queues.ingest, job.id, since);
  const articles = await Promise.all(
    result.clusterJobIds.map(async (id, i): Promise<ArticleOutcome> => {
      const articleId = result.articleIds[i] ?? id;
      const clusterJob = await Job.fromId(runtime.queues.cluster, id);
      if (!clusterJob) return { articleId, status: 'unchanged' };
      try {
        const r = (await clusterJob.waitUntilFinished((await runtime.events()).cluster)) as ClusterResult;
        if (await finishedBefore(runtime.queues.cluster, id, since)) return { articleId, status: 'unchanged' };
        if (r.status === 'skipped') return { articleId: r.articleId ?? articleId, status: 'unchanged' };
        if (r.duplicateOf)
          return { articleId: r.articleId, status: 'copy', clusterId: r.clusterId, duplicateOf: r.duplicateOf };
        const alerts = await settleAlerts(runtime, r.alertJobIds ?? []);
        return {
          articleId: r.articleId,
          status: 'stored',
          clusterId: r.clusterId,
          ...(alerts.sent + alerts.failed ? { alerts } : {}),
        };
      } catch (err) {
        return { articleId, status: 'failed', error: (err as Error).message };
      }
    }),
  );
  return { source, status: earlier ? 'unchanged' : 'done', articles };
}

/** Waits until each alert is delivered or has failed for good; counts both. */
async function settleAlerts(runtime: Runtime, jobIds: string[]): Promise<{ sent: number; failed: number }> {
  const events = await runtime.events();
  const results = await Promise.all(
    jobIds.map(async (id) => {
      const job = await Job.fromId(runtime.queues.alert, id);
      if (!job) return true;
      return job.waitUntilFinished(events.alert).then(
        () => true,
        () => false,
      );
    }),
  );
  return { sent: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
}

async function finishedBefore(queue: Queue, id: string | undefined, since: number): Promise<boolean> {
  const fresh = id ? await Job.fromId(queue, id) : undefined;
  return (fresh?.finishedOn ?? Infinity) < since;
}
