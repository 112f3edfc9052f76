// Which job follows which, and under what job id: every hand-on from one stage to the next goes through here.
/**
 *   feeds (Job Scheduler per feed) ─► FetchFeed ─┐ enqueueInputs
 *   inputs (CLI, inbox) ─────────────────────────┴─► IngestItem ─► ClusterItem ─► DeliverAlert ─► webhooks
 *                                                       enqueueArticles   enqueueDeliveries
 *   the store's outbox (batches, back-fill steps, start-up sweep, digests) ─► enqueueOutbox ─► DeliverAlert
 *   a failed delivery replayed by hand (alert-replay.ts) ──────────────────► enqueueDeliveries
 *   storylines created/changed ─► back-fill steps, run by the ClusterItem writer between its batches
 *                                 (no queue: the store holds what is asked for and how far it got)
 *
 * Job ids (queues.ts) only stop concurrent duplicates; the store decides what has been seen.
 */
import type { Job } from 'bullmq';
import type { Delivery } from '../pipeline/alerts/alert-events.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { alertJobId, clusterJobId, ingestJobId, QUEUES, type ClusterItem, type IngestItem } from './queues.js';
import type { StageQueues } from './stage-queues.js';

/** How often, and how far apart, a delivery is tried (the config's `alerts.*`). */
export interface DeliveryRetry {
  attempts: number;
  retryDelayMs: number;
}

/** The store's outbox of deliveries: what was committed and has not been handed to the alert queue yet. */
export interface DeliveryOutbox {
  markEnqueued(ids: string[]): void;
}

/** Inputs (CLI, inbox) and a polled feed's entries → one IngestItem each; same source and content → same job. */
export async function enqueueInputs(queues: StageQueues, items: IngestItem[]): Promise<Job[]> {
  return queues.ingest.addBulk(
    items.map((data) => ({ name: QUEUES.ingest, data, opts: { jobId: ingestJobId(data) } })),
  );
}

/** IngestItem → one ClusterItem per prepared article (its source, id and content make the job id). Returns the job ids. */
export async function enqueueArticles(queues: StageQueues, articles: PreparedArticle[]): Promise<string[]> {
  const jobs = articles.map((article) => {
    const data: ClusterItem = { ...article };
    return { name: QUEUES.cluster, data, opts: { jobId: clusterJobId(article) } };
  });
  // One article (a record, a feed entry) is one script call; addBulk would wrap it in MULTI/EXEC.
  if (jobs.length === 1) await queues.cluster.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
  else await queues.cluster.addBulk(jobs);
  return jobs.map((j) => j.opts.jobId);
}

/** ClusterItem → one DeliverAlert per delivery (event and endpoint), its job id the delivery's. Returns the job ids. */
export async function enqueueDeliveries(
  queues: StageQueues,
  deliveries: Delivery[],
  retry: DeliveryRetry,
): Promise<string[]> {
  const jobs = deliveries.map((d) => ({
    name: QUEUES.alert,
    data: { id: d.id, eventId: d.eventId, endpoint: d.endpoint, type: d.type, body: d.body, deferrals: 0 },
    opts: {
      jobId: alertJobId(d.id),
      attempts: retry.attempts,
      backoff: { type: 'jittered', delay: retry.retryDelayMs },
    },
  }));
  await queues.alert.addBulk(jobs);
  return jobs.map((j) => j.opts.jobId);
}

/**
 * Committed deliveries of the outbox → DeliverAlert (through `enqueue`), then marked enqueued. A crash between
 * the two leaves them pending: the next start-up sweep adds them again, under the same job ids. Returns the job ids.
 */
export async function enqueueOutbox(
  deliveries: Delivery[],
  enqueue: (deliveries: Delivery[]) => Promise<string[]>,
  outbox: DeliveryOutbox,
): Promise<string[]> {
  if (!deliveries.length) return [];
  const jobIds = await enqueue(deliveries);
  if (jobIds.length) outbox.markEnqueued(deliveries.map((d) => d.id));
  return jobIds;
}

/** Each worker's next step, bound to one instance's queues: what its processor is given to hand work on. */
export function nextSteps(queues: StageQueues, retry: DeliveryRetry) {
  return {
    /** FetchFeed: the feed's entries → IngestItem jobs (their ids). */
    fetch: async (items: IngestItem[]) => (await enqueueInputs(queues, items)).map((j) => j.id!),
    /** IngestItem: prepared articles → ClusterItem jobs. */
    ingest: (articles: PreparedArticle[]) => enqueueArticles(queues, articles),
    /** ClusterItem: committed deliveries → DeliverAlert jobs. */
    cluster: (deliveries: Delivery[]) => enqueueDeliveries(queues, deliveries, retry),
  };
}
