// Starts the workers of a process's roles, each processor given what it needs and its next step in the job chain.
import { Worker, type RedisOptions, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { createGuardedFetch } from '../adapters/http/guarded-fetch.js';
import { loadLanguageDetector } from '../adapters/language-identifier.js';
import type { Representation } from '../adapters/representation.js';
import type { Config } from '../config/schema.js';
import { writerSettings } from '../config/writer-settings.js';
import { jitteredBackoff } from '../queue/backoff.js';
import { FeedStateStore } from '../queue/feed-state.js';
import { BATCH_BUDGET_MS, SERVING_BATCH_BUDGET_MS } from '../queue/cluster-batches.js';
import { enqueueOutbox, nextSteps } from '../queue/job-chain.js';
import { CONCURRENCY, QUEUES } from '../queue/queues.js';
import type { StageQueues } from '../queue/stage-queues.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { createClusterProcessor } from '../workers/cluster-item.worker.js';
import { growOldHeapByLive } from './heap-growth.js';
import { cutIntoTurns } from '../pipeline/event-loop-turns.js';
import { createAlertProcessor } from '../workers/deliver-alert.worker.js';
import { createFetchProcessor } from '../workers/fetch-feed.worker.js';
import { createIngestProcessor } from '../workers/ingest-item.worker.js';
import { warmUp } from '../pipeline/warm-up.js';
import type { Role } from './runtime.js';

/** How often the cluster writer looks for storylines to back-fill. @defaultValue 1000 */
const BACKFILL_TICK_MS = 1000;

/** What the workers of one process share. */
export interface WorkerSetting {
  config: Config;
  queues: StageQueues;
  connection: RedisOptions;
  /** The instance's queue key prefix. */
  prefix: string;
  /** Open in processes with the cluster or alert role. */
  store?: SqliteStore;
  /** Loaded in processes with the ingest or cluster role. */
  representation?: Representation;
  /** The process's event loop also serves the dashboard and API: its work is cut into short turns. */
  servesRequests?: boolean;
  log(msg: string): void;
  onError(source: string): (err: Error) => void;
}

/** The started workers, and what to stop when they are closed. */
export interface StartedWorkers {
  workers: Worker[];
  closers: Array<() => Promise<unknown>>;
  timers: NodeJS.Timeout[];
}

/** Starts one worker per role in `roles` (alert, fetch, ingest, cluster, in that order). */
export async function startWorkers(roles: Role[], s: WorkerSetting): Promise<StartedWorkers> {
  const started: StartedWorkers = { workers: [], closers: [], timers: [] };
  if (s.servesRequests) cutIntoTurns();
  // Webhooks of the config are stored next to those made through the API or CLI.
  s.store?.alerts.syncConfigWebhooks(s.config.webhooks);
  if (s.store && roles.includes('alert')) startAlertWorker(s, s.store, started);
  if (roles.includes('fetch')) startFetchWorker(s, started);
  if (s.representation && roles.includes('ingest')) await startIngestWorker(s, s.representation, started);
  if (s.store && s.representation && roles.includes('cluster'))
    await startClusterWriter(s, s.store, s.representation, started);
  for (const w of started.workers) w.on('error', s.onError(`worker ${w.name}`));
  return started;
}

/** Connection, locks and back-off of every worker, and the concurrency of its queue. */
function workerOptions(s: WorkerSetting, concurrency: number): WorkerOptions {
  const lockMs = s.config.queue.lockSeconds * 1000;
  return {
    connection: s.connection,
    prefix: s.prefix,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    settings: { backoffStrategy: jitteredBackoff },
  };
}

/** Limits of the guarded HTTP client, from the config's `http`. */
function httpLimits(config: Config) {
  const { allowPrivateAddresses, allowList, connectTimeoutMs, totalTimeoutMs, maxBytes, maxRedirects } = config.http;
  return { allowPrivateAddresses, allowList, connectTimeoutMs, totalTimeoutMs, maxBytes, maxRedirects };
}

/** DeliverAlert: signed webhook requests, one per job, with the secret looked up in the store. */
function startAlertWorker(s: WorkerSetting, store: SqliteStore, started: StartedWorkers): void {
  const limits = {
    ...httpLimits(s.config),
    totalTimeoutMs: s.config.alerts.timeoutMs,
    maxBytes: 64 * 1024,
    maxRedirects: 0,
  };
  const guardedFetch = createGuardedFetch(limits);
  started.closers.push(() => guardedFetch.close());
  const alerts = store.alerts;
  const processor = createAlertProcessor({
    fetch: guardedFetch,
    secretOf: (url) => alerts.webhook(url)?.secret,
    record: (id, outcome) => alerts.recordAttempt(id, outcome),
  });
  started.workers.push(new Worker(QUEUES.alert, processor, workerOptions(s, CONCURRENCY[QUEUES.alert])));
}

/** FetchFeed: polls feeds, with their state (ETag, errors, next poll) in Redis. */
function startFetchWorker(s: WorkerSetting, started: StartedWorkers): void {
  const guardedFetch = createGuardedFetch(httpLimits(s.config));
  const stateClient = new Redis(s.connection);
  stateClient.on('error', s.onError('feed state'));
  started.closers.push(
    () => guardedFetch.close(),
    async () => stateClient.disconnect(),
  );
  const intervals = new Map(s.config.feeds.map((f) => [f.url, f.pollMinutes * 60_000]));
  const processor = createFetchProcessor({
    fetch: guardedFetch,
    state: new FeedStateStore(stateClient, s.prefix),
    next: nextSteps(s.queues, s.config.alerts).fetch,
    intervalOf: (url) => intervals.get(url) ?? 15 * 60_000,
    hostIntervalMs: s.config.http.hostIntervalMs,
  });
  started.workers.push(new Worker(QUEUES.fetch, processor, workerOptions(s, CONCURRENCY[QUEUES.fetch])));
}

/** IngestItem: extracts, detects the language and represents articles; needs no database. */
async function startIngestWorker(
  s: WorkerSetting,
  representation: Representation,
  started: StartedWorkers,
): Promise<void> {
  const language = await loadLanguageDetector(s.config);
  // Tables built on first use are built now, not while the first job waits; a failure here is the jobs' to report.
  await warmUp({ ...representation, language }).catch((err: Error) => s.log(`ingest warm-up: ${err.message}`));
  const processor = createIngestProcessor({
    ...representation,
    language,
    next: nextSteps(s.queues, s.config.alerts).ingest,
    faultDelayMs: faultDelayMs(),
  });
  started.workers.push(new Worker(QUEUES.ingest, processor, workerOptions(s, s.config.ingest.concurrency)));
}

/**
 * ClusterItem: the store's one writer. At start it hands on what the outbox holds (deliveries committed by a
 * writer that died before enqueueing them, digests that are due) and then keeps cutting due digests; between
 * batches it back-fills storylines created or changed (config at start, API, dashboard, CLI). In a process
 * that serves requests its batches are short and take their turns with the ingest work. Its process's old
 * generation grows by steps over what is live (runtime/heap-growth.ts).
 */
async function startClusterWriter(
  s: WorkerSetting,
  store: SqliteStore,
  representation: Representation,
  started: StartedWorkers,
): Promise<void> {
  growOldHeapByLive();
  store.syncConfigStorylines(s.config.storylines);
  const enqueueDeliveries = nextSteps(s.queues, s.config.alerts).cluster;
  const processor = createClusterProcessor({
    store,
    ...writerSettings(s.config, representation),
    faultDelayMs: faultDelayMs(),
    faultAfterCommitMs: Number(process.env.STORYWATCH_FAULT_AFTER_COMMIT_MS ?? 0),
    // Fault injection: a budget of 0 commits one article per batch, so a crash can fall inside a ClusterItem.
    batchBudgetMs: process.env.STORYWATCH_FAULT_BATCH_BUDGET_MS
      ? Number(process.env.STORYWATCH_FAULT_BATCH_BUDGET_MS)
      : s.servesRequests
        ? SERVING_BATCH_BUDGET_MS
        : BATCH_BUDGET_MS,
    log: s.log,
    alert: enqueueDeliveries,
  });
  const sweep = async () => {
    store.alerts.cutDigests();
    await enqueueOutbox(store.pendingDeliveries(), enqueueDeliveries, store);
  };
  await sweep();
  started.timers.push(
    setInterval(() => {
      if (store.alerts.shortestDigestMinutes() !== undefined)
        sweep().catch((err: Error) => s.log(`alert digests: ${err.message}`));
    }, digestTick(store.alerts.shortestDigestMinutes())),
  );
  let backfilling = false;
  const backfill = () => {
    if (backfilling || !store.backfills.anyUnfinished()) return;
    backfilling = true;
    processor
      .drainBackfills()
      .catch(() => {})
      .finally(() => (backfilling = false));
  };
  backfill();
  started.timers.push(setInterval(backfill, BACKFILL_TICK_MS));
  started.closers.push(() => processor.stopBackfills());
  started.workers.push(new Worker(QUEUES.cluster, processor, workerOptions(s, CONCURRENCY[QUEUES.cluster])));
}

/** Fault injection for crash tests: a pause inside every IngestItem and ClusterItem job. @defaultValue 0 */
const faultDelayMs = () => Number(process.env.STORYWATCH_FAULT_DELAY_MS ?? 0);

/** How often due digests are looked for: a quarter of the shortest interval, between 1 and 30 s. */
function digestTick(minutes: number | undefined): number {
  return Math.min(30_000, Math.max(1000, ((minutes ?? 2) * 60_000) / 4));
}
