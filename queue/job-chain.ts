// Which job follows which, and under what job id: every hand-on from one stage to the next goes through here.
/**
 *   feeds (Job Scheduler per feed) ─► FetchFeed ─┐ enqueueInputs (feeds and inbox: arrivalsOf)
 *   inputs (CLI, inbox) ─────────────────────────┴─► IngestItem ─► ClusterItem ─► DeliverAlert ─► webhooks
 *                                       (inputs handed over together)  (its articles)  enqueueDeliveries
 *                                                       enqueueArticles
 *   the store's outbox (batches, back-fill steps, start-up sweep, digests) ─► enqueueOutbox ─► DeliverAlert
 *   a failed delivery replayed by hand (alert-replay.ts) ──────────────────► enqueueDeliveries
 *   storylines created/changed ─► back-fill steps, run by the ClusterItem writer between its batches
 *                                 (no queue: the store holds what is asked for and how far it got)
 *
 * Job ids (queues.ts) only stop concurrent duplicates; the store decides what has been seen.
 */
import type { Job, Queue } from 'bullmq';
import type { Delivery } from '../pipeline/alerts/alert-events.js';
import type { PreparedArticle } from '../pipeline/types.js';
import {
  alertJobId,
  BYTES_PER_JOB,
  clusterJobId,
  ingestJobId,
  INPUTS_PER_JOB,
  QUEUES,
  type ArticleJob,
  type ClusterJob,
  type IngestItem,
  type IngestJob,
} from './queues.js';
import type { StageQueues } from './stage-queues.js';
import { toWire } from './wire-vector.js';
import { createArrivalBatches } from './arrival-batches.js';

/** How often, and how far apart, a delivery is tried (the config's `alerts.*`). */
export interface DeliveryRetry {
  attempts: number;
  retryDelayMs: number;
}

/** The store's outbox of deliveries: what was committed and has not been handed to the alert queue yet. */
export interface DeliveryOutbox {
  markEnqueued(ids: string[]): void;
}

/** An input handed to the ingest queue: the IngestItem that carries it, and its place in that job's list. */
export interface InputJob {
  item: IngestItem;
  job: Job;
  index: number;
}

/** Consecutive entries in groups of at most `count` entries and `bytes` of `size` (an entry larger than that alone). */
export function groupsOf<T>(list: T[], size: (entry: T) => number, count: number, bytes: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let used = 0;
  for (const entry of list) {
    const s = size(entry);
    if (group.length && (group.length >= count || used + s > bytes)) {
      groups.push(group);
      group = [];
      used = 0;
    }
    group.push(entry);
    used += s;
  }
  if (group.length) groups.push(group);
  return groups;
}

/** Adds jobs to a queue: one is one script call (addBulk would wrap it in MULTI/EXEC), several one round trip. */
async function addJobs<T>(queue: Queue, name: string, jobs: Array<{ data: T; jobId: string }>) {
  const bulk = jobs.map(({ data, jobId }) => ({ name, data, opts: { jobId } }));
  return jobs.length === 1 ? [await queue.add(name, bulk[0]!.data, bulk[0]!.opts)] : queue.addBulk(bulk);
}

/**
 * Inputs (CLI, inbox) and a polled feed's entries → IngestItems of up to `INPUTS_PER_JOB` inputs that were
 * handed over together (same inputs → same job). Returns each input with its job.
 */
export async function enqueueInputs(queues: StageQueues, items: IngestItem[]): Promise<InputJob[]> {
  const groups = groupsOf(items, (i) => i.content.length, INPUTS_PER_JOB, BYTES_PER_JOB);
  const jobs = await addJobs<IngestJob>(
    queues.ingest,
    QUEUES.ingest,
    groups.map((group) => ({ data: { items: group }, jobId: ingestJobId(group) })),
  );
  return groups.flatMap((group, g) => group.map((item, index) => ({ item, job: jobs[g]!, index })));
}

const arrivals = new WeakMap<StageQueues, (items: IngestItem[]) => Promise<InputJob[]>>();

/**
 * How a daemon's producers (feed polls, the inbox) hand inputs over: `enqueueInputs`, but inputs arriving
 * close together in this process go in one IngestItem (queue/arrival-batches.ts). One per process's queues.
 */
export function arrivalsOf(queues: StageQueues): (items: IngestItem[]) => Promise<InputJob[]> {
  let arrive = arrivals.get(queues);
  if (!arrive) arrivals.set(queues, (arrive = createArrivalBatches((items) => enqueueInputs(queues, items))));
  return arrive;
}

/** About what an article weighs in a payload: its text, titles and vector. */
const payloadSize = (a: PreparedArticle) =>
  a.text.length +
  a.title.length +
  a.titleEn.length +
  (a.vector.kind === 'sparse' ? 24 * Object.keys(a.vector.terms).length : 6 * a.vector.values.length);

/**
 * IngestItem → ClusterItems carrying its prepared articles in order, as few as `BYTES_PER_JOB` allows (their
 * sources, ids and contents make the job id), vectors as base64 typed arrays. Returns where each article went.
 */
export async function enqueueArticles(queues: StageQueues, articles: PreparedArticle[]): Promise<ArticleJob[]> {
  const groups = groupsOf(articles, payloadSize, Infinity, BYTES_PER_JOB);
  const jobs = groups.map((group) => ({
    data: { articles: group.map((a) => ({ ...a, vector: toWire(a.vector) })) } as ClusterJob,
    jobId: clusterJobId(group),
  }));
  if (jobs.length) await addJobs<ClusterJob>(queues.cluster, QUEUES.cluster, jobs);
  return groups.flatMap((group, g) => group.map((a, at) => ({ id: a.id, clusterJobId: jobs[g]!.jobId, at })));
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
    /** FetchFeed: the feed's entries → IngestItem jobs (their ids), with entries of other polls arriving close to them. */
    fetch: async (items: IngestItem[]) => [...new Set((await arrivalsOf(queues)(items)).map((i) => i.job.id!))],
    /** IngestItem: prepared articles → ClusterItem jobs. */
    ingest: (articles: PreparedArticle[]) => enqueueArticles(queues, articles),
    /** ClusterItem: committed deliveries → DeliverAlert jobs. */
    cluster: (deliveries: Delivery[]) => enqueueDeliveries(queues, deliveries, retry),
  };
}
