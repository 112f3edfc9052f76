// Enqueues inputs as IngestItem jobs and follows each to its end (stored, copy, unchanged, failed), for the CLI and evaluation.
import { Job } from 'bullmq';
import { enqueueInputs, type InputJob } from './job-chain.js';
import {
  INPUTS_PER_JOB,
  type ArticleJob,
  type ClusterJobResult,
  type IngestItem,
  type IngestResult,
} from './queues.js';
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

/**
 * Enqueues inputs as IngestItems (inputs handed over together travel together); an input already enqueued
 * (the same inputs, same sources and contents) is not added again. Returns each input with its job.
 */
export async function enqueueItems(runtime: Runtime, items: IngestItem[]): Promise<InputJob[]> {
  return enqueueInputs(runtime.queues, items);
}

/**
 * Waits until every input is either failed or fully clustered (its articles' ClusterItems finished), calling
 * `onItem` as each one settles. Work finished before `since` (an earlier run) is reported as unchanged.
 */
export async function waitForItems(
  runtime: Runtime,
  inputs: InputJob[],
  since: number,
  onItem: (o: ItemOutcome) => void,
): Promise<ItemOutcome[]> {
  const results = new JobResults(runtime);
  return Promise.all(
    inputs.map(async (input) => {
      const outcome = await settleItem(results, input, since);
      onItem(outcome);
      return outcome;
    }),
  );
}

/** Inputs one window step takes from the stream and hands over together. */
const STEP = INPUTS_PER_JOB;

/**
 * Enqueues inputs as they come and waits for each, keeping at most `window` of them in flight (enqueued
 * but not yet fully clustered): the queues, and this process, hold a bounded amount whatever the size of
 * the input. Inputs are read in steps of `INPUTS_PER_JOB` (or the window, if smaller), once the window has
 * room for a whole step, and each step travels in one IngestItem.
 * Outcomes are reported through `onItem` as inputs settle (in completion order), each with the input's
 * position in `items` (from 0).
 */
export async function ingestWindowed(
  runtime: Runtime,
  items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
  window: number,
  since: number,
  onItem: (o: ItemOutcome, index: number) => void,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const results = new JobResults(runtime);
  let index = 0;
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  // Room is made for a whole step before reading on, so inputs keep travelling together once the window is full.
  const step = Math.min(STEP, window);
  for (let done = false; !done;) {
    while (inFlight.size > window - step) await Promise.race(inFlight);
    const taken: IngestItem[] = [];
    while (taken.length < step) {
      const next = await iterator.next();
      if ((done = !!next.done)) break;
      taken.push(next.value);
    }
    if (!taken.length) break;
    for (const input of await enqueueInputs(runtime.queues, taken)) {
      const at = index++;
      const failed = (err: Error): ItemOutcome => ({
        source: input.item.source,
        status: 'failed',
        articles: [],
        error: err.message,
      });
      const settled: Promise<void> = settleItem(results, input, since)
        .then(
          (o) => onItem(o, at),
          (err: Error) => onItem(failed(err), at),
        )
        .finally(() => inFlight.delete(settled));
      inFlight.add(settled);
    }
  }
  await Promise.all(inFlight);
}

/** A finished job's result and when it finished. */
interface Finished<T> {
  result: T;
  finishedOn: number;
}

/**
 * Waits for jobs on behalf of the inputs they carry: inputs of one IngestItem (and articles of one ClusterItem)
 * share one wait. A wait is forgotten once it settles, so what is held stays bounded by the jobs in flight.
 */
class JobResults {
  private readonly waits = new Map<string, Promise<Finished<unknown> | undefined>>();

  constructor(readonly runtime: Runtime) {}

  /** The job's result once it finished (undefined when the queue no longer holds it); rejects when it failed. */
  of<T>(stage: 'ingest' | 'cluster', id: string): Promise<Finished<T> | undefined> {
    const key = `${stage}:${id}`;
    let wait = this.waits.get(key);
    if (!wait) {
      wait = this.finish(stage, id).finally(() => this.waits.delete(key));
      this.waits.set(key, wait);
    }
    return wait as Promise<Finished<T> | undefined>;
  }

  private async finish(stage: 'ingest' | 'cluster', id: string): Promise<Finished<unknown> | undefined> {
    const queue = this.runtime.queues[stage];
    const job = await Job.fromId(queue, id);
    if (!job) return undefined;
    const result: unknown = await job.waitUntilFinished((await this.runtime.events())[stage]);
    const fresh = await Job.fromId(queue, id);
    return { result, finishedOn: fresh?.finishedOn ?? Infinity };
  }
}

async function settleItem(results: JobResults, input: InputJob, since: number): Promise<ItemOutcome> {
  const { source } = input.item;
  let ingested: Finished<IngestResult> | undefined;
  try {
    ingested = await results.of<IngestResult>('ingest', input.job.id!);
  } catch (err) {
    return { source, status: 'failed', articles: [], error: (err as Error).message };
  }
  if (!ingested || ingested.result.status !== 'done') return { source, status: 'done', articles: [] };
  const mine = ingested.result.inputs[input.index];
  if (!mine) return { source, status: 'failed', articles: [], error: `${source}: no result for this input` };
  if (mine.status === 'failed') return { source, status: 'failed', articles: [], error: mine.error };
  const articles = await Promise.all(mine.articles.map((a) => settleArticle(results, a, since)));
  return { source, status: ingested.finishedOn < since ? 'unchanged' : 'done', articles };
}

async function settleArticle(results: JobResults, sent: ArticleJob, since: number): Promise<ArticleOutcome> {
  const articleId = sent.id;
  let clustered: Finished<ClusterJobResult> | undefined;
  try {
    clustered = await results.of<ClusterJobResult>('cluster', sent.clusterJobId);
  } catch (err) {
    return { articleId, status: 'failed', error: (err as Error).message };
  }
  if (!clustered || clustered.finishedOn < since) return { articleId, status: 'unchanged' };
  const r = clustered.result.status === 'done' ? clustered.result.articles[sent.at] : undefined;
  if (!r || r.status === 'skipped') return { articleId: r?.articleId ?? articleId, status: 'unchanged' };
  if (r.status === 'failed') return { articleId, status: 'failed', error: r.error };
  if (r.duplicateOf)
    return { articleId: r.articleId, status: 'copy', clusterId: r.clusterId, duplicateOf: r.duplicateOf };
  const alerts = await settleAlerts(results.runtime, r.alertJobIds ?? []);
  return {
    articleId: r.articleId,
    status: 'stored',
    clusterId: r.clusterId,
    ...(alerts.sent + alerts.failed ? { alerts } : {}),
  };
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
