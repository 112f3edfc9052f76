import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { FeedStateStore } from '../queue/feed-state.js';
import { createFetchProcessor } from '../workers/fetch-feed.worker.js';
import { createGuardedFetch } from '../adapters/http/guarded-fetch.js';
import { afterCluster, enqueueIngest } from '../queue/flow.js';
import { createAlertProcessor } from '../workers/deliver-alert.worker.js';
import path from 'node:path';
import type { Config, StorylineConfig } from '../config/schema.js';
import type { StorylineProfile } from '../pipeline/storylines/match-storylines.js';
import type { Vector } from '../pipeline/types.js';
import { jitteredBackoff } from '../queue/backoff.js';
import { createClusterProcessor } from '../workers/cluster-item.worker.js';
import { afterIngest, type StageQueues } from '../queue/flow.js';
import { createIngestProcessor } from '../workers/ingest-item.worker.js';
import { loadLanguageDetector } from '../adapters/language-identifier.js';
import { queuePrefix } from './instance.js';
import { JOB_OPTIONS, QUEUES } from '../queue/queues.js';
import { connectRedis, type PrivateRedisMode, type RedisHandle } from '../queue/redis-connection.js';
import { loadRepresentation, type Representation } from '../adapters/representation.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { silentLogger, type Logger } from './logger.js';
import { recordJob } from './stage-metrics.js';
import { within } from '../queue/time-limit.js';

/** Most ClusterItems active at once (across processes), so most articles one batch transaction places. */
const CLUSTER_BATCH = 64;

/** How often the cluster writer looks for storylines to back-fill. @defaultValue 1000 */
const BACKFILL_TICK_MS = 1000;

/** Event streams of the stages whose jobs a process waits for. */
export interface StageEvents {
  ingest: QueueEvents;
  cluster: QueueEvents;
  alert: QueueEvents;
}

export type Role = 'fetch' | 'ingest' | 'cluster' | 'alert';
export const ROLES: Role[] = ['fetch', 'ingest', 'cluster', 'alert'];

/** A running instance: queues, the workers of the requested roles, the store and Redis. */
export interface Runtime {
  config: Config;
  redis: RedisHandle;
  prefix: string;
  queues: StageQueues;
  /**
   * The queues' event streams, opened (and ready) on first call: only processes that wait for jobs to
   * finish (the one-shot CLI) read them, so workers spend nothing on them.
   */
  events(): Promise<StageEvents>;
  /** Open only in processes that run the cluster or alert role: ingest and fetch workers need no database. */
  store: SqliteStore | undefined;
  /** Loaded only in processes that run the ingest or cluster role. */
  representation: Representation | undefined;
  workers: Worker[];
  /** Whether Redis answers a PING within a second (the queues are up). */
  queueUp(): Promise<boolean>;
  /**
   * Stops the workers (active jobs finish first), the queues, the store and Redis. What has not finished
   * within `queue.shutdownSeconds` (Redis gone, a job stuck) is cut off: its jobs' locks expire and they are
   * taken over at the next start. Resolves to whether every active job finished.
   */
  close(): Promise<boolean>;
}

export interface RuntimeOptions {
  roles: Role[];
  log: (msg: string) => void;
  /** Structured job logs (pino); the one-shot CLI leaves them out. @defaultValue silent */
  logger?: Logger;
  /** How this process relates to the data dir's private Redis (redis-connection.ts). @defaultValue auto */
  redis?: PrivateRedisMode;
  /** Open the store even without the cluster or alert role (to report on what others stored). @defaultValue false */
  openStore?: boolean;
}

/** Opens the store, connects (or starts) Redis and starts the workers of the given roles. */
export async function startRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const redis = await connectRedis(config.redisUrl, config.dataDir, { mode: options.redis, log: options.log });
  // Connection errors (Redis restarting, say) repeat while they last: each source logs one per 10 s.
  const lastLogged = new Map<string, number>();
  let shuttingDown = false;
  const logError = (source: string) => (err: Error) => {
    // Connections this process is closing complain about commands still on their way: not worth a line.
    if (shuttingDown && /EPIPE|ECONNRESET|Connection is closed/.test(err.message)) return;
    const key = `${source}: ${err.message}`;
    if (Date.now() - (lastLogged.get(key) ?? 0) < 10_000) return;
    lastLogged.set(key, Date.now());
    options.log(key);
  };
  const prefix = queuePrefix(config.dataDir, config.queuePrefix);
  const connection = redis.options;
  const queues: StageQueues = {
    fetch: new Queue(QUEUES.fetch, { connection, prefix, defaultJobOptions: JOB_OPTIONS[QUEUES.fetch] }),
    ingest: new Queue(QUEUES.ingest, { connection, prefix, defaultJobOptions: JOB_OPTIONS[QUEUES.ingest] }),
    cluster: new Queue(QUEUES.cluster, { connection, prefix, defaultJobOptions: JOB_OPTIONS[QUEUES.cluster] }),
    alert: new Queue(QUEUES.alert, { connection, prefix, defaultJobOptions: JOB_OPTIONS[QUEUES.alert] }),
  };
  // Job.waitUntilFinished adds a 'closing' listener to the queue per waiting job; ingest waits on thousands.
  for (const q of Object.values(queues)) q.setMaxListeners(0);
  // ClusterItems are taken up to CLUSTER_BATCH at a time across every process and placed in batches, one
  // write transaction each; the store's write lock lets one batch run at a time (no races in assignment).
  await queues.cluster.setGlobalConcurrency(CLUSTER_BATCH);
  let events: Promise<StageEvents> | undefined;
  const openEvents = (): Promise<StageEvents> =>
    (events ??= (async () => {
      // Each stream is read from its newest event as of now, however late the reader's first read is:
      // a job that finishes after this call is never missed by a waiter that looked before.
      const client = new Redis(connection);
      client.on('error', logError('queue events'));
      const from = async (q: Queue) => ((await client.xrevrange(q.toKey('events'), '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0');
      const [ingestFrom, clusterFrom, alertFrom] = await Promise.all([from(queues.ingest), from(queues.cluster), from(queues.alert)]).finally(() => client.disconnect());
      const opened = {
        ingest: new QueueEvents(QUEUES.ingest, { connection, prefix, lastEventId: ingestFrom }),
        cluster: new QueueEvents(QUEUES.cluster, { connection, prefix, lastEventId: clusterFrom }),
        alert: new QueueEvents(QUEUES.alert, { connection, prefix, lastEventId: alertFrom }),
      };
      for (const [name, e] of Object.entries(opened)) e.on('error', logError(`queue events ${name}`));
      await Promise.all(Object.values(opened).map((e) => e.waitUntilReady()));
      return opened;
    })());
  const needsStore = options.openStore || options.roles.includes('cluster') || options.roles.includes('alert');
  const needsText = options.roles.includes('ingest') || options.roles.includes('cluster');
  let store: SqliteStore | undefined;
  let representation: Awaited<ReturnType<typeof loadRepresentation>> | undefined;
  try {
    store = needsStore ? new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite')) : undefined;
    representation = needsText ? await loadRepresentation(config, options.log) : undefined;
  } catch (err) {
    // Nothing was started yet: let go of what was opened, so the process can end with its error.
    store?.close();
    await Promise.allSettled(Object.values(queues).map((q) => q.close()));
    await redis.stop();
    throw err;
  }
  const faultDelayMs = Number(process.env.STORYWATCH_FAULT_DELAY_MS ?? 0);
  const workerOptions = {
    connection,
    prefix,
    lockDuration: config.queue.lockSeconds * 1000,
    stalledInterval: config.queue.lockSeconds * 1000,
    settings: { backoffStrategy: jitteredBackoff },
  };
  const workers: Worker[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  const timers: NodeJS.Timeout[] = [];
  const httpLimits = {
    allowPrivateAddresses: config.http.allowPrivateAddresses, allowList: config.http.allowList,
    connectTimeoutMs: config.http.connectTimeoutMs, totalTimeoutMs: config.http.totalTimeoutMs,
    maxBytes: config.http.maxBytes, maxRedirects: config.http.maxRedirects,
  };
  // Webhooks of the config are stored next to those made through the API or CLI.
  store?.alerts.syncConfigWebhooks(config.webhooks);
  if (store && options.roles.includes('alert')) {
    const guardedFetch = createGuardedFetch({ ...httpLimits, totalTimeoutMs: config.alerts.timeoutMs, maxBytes: 64 * 1024, maxRedirects: 0 });
    closers.push(() => guardedFetch.close());
    const alerts = store.alerts;
    const processor = createAlertProcessor({
      fetch: guardedFetch,
      secretOf: (url) => alerts.webhook(url)?.secret,
      record: (id, outcome) => alerts.recordAttempt(id, outcome),
    });
    workers.push(new Worker(QUEUES.alert, processor, { ...workerOptions, concurrency: 8 }));
  }
  if (options.roles.includes('fetch')) {
    const guardedFetch = createGuardedFetch(httpLimits);
    const stateClient = new Redis(connection);
    stateClient.on('error', logError('feed state'));
    closers.push(() => guardedFetch.close(), async () => stateClient.disconnect());
    const intervals = new Map(config.feeds.map((f) => [f.url, f.pollMinutes * 60_000]));
    const processor = createFetchProcessor({
      fetch: guardedFetch,
      state: new FeedStateStore(stateClient, prefix),
      next: async (items) => (await enqueueIngest(queues.ingest, items)).map((j) => j.id!),
      intervalOf: (url) => intervals.get(url) ?? 15 * 60_000,
      hostIntervalMs: config.http.hostIntervalMs,
    });
    workers.push(new Worker(QUEUES.fetch, processor, { ...workerOptions, concurrency: 4 }));
  }
  if (representation && options.roles.includes('ingest')) {
    const processor = createIngestProcessor({
      ...representation,
      language: await loadLanguageDetector(config),
      next: (articles) => afterIngest(queues, articles),
      faultDelayMs,
    });
    workers.push(new Worker(QUEUES.ingest, processor, { ...workerOptions, concurrency: config.ingest.concurrency }));
  }
  if (store && representation && options.roles.includes('cluster')) {
    store.syncConfigStorylines(config.storylines);
    const processor = createClusterProcessor({
      store,
      ...writerSettings(config, representation),
      faultDelayMs,
      faultAfterCommitMs: Number(process.env.STORYWATCH_FAULT_AFTER_COMMIT_MS ?? 0),
      log: options.log,
      alert: (deliveries) => afterCluster(queues.alert, deliveries, config.alerts),
    });
    // Deliveries committed by a writer that died before enqueueing them, and digests that are due.
    const sweep = async () => {
      store.alerts.cutDigests();
      const pending = store.pendingDeliveries();
      if (!pending.length) return;
      await afterCluster(queues.alert, pending, config.alerts);
      store.markEnqueued(pending.map((d) => d.id));
    };
    await sweep();
    const digestTimer = setInterval(() => {
      if (store.alerts.shortestDigestMinutes() !== undefined) sweep().catch((err: Error) => options.log(`alert digests: ${err.message}`));
    }, digestTick(store.alerts.shortestDigestMinutes()));
    timers.push(digestTimer);
    // Storylines created or changed (config at start, API, dashboard, CLI) are back-filled between batches.
    let backfilling = false;
    const backfill = () => {
      if (backfilling || !store.backfills.anyUnfinished()) return;
      backfilling = true;
      processor.drainBackfills().catch(() => {}).finally(() => (backfilling = false));
    };
    backfill();
    timers.push(setInterval(backfill, BACKFILL_TICK_MS));
    closers.push(() => processor.stopBackfills());
    workers.push(new Worker(QUEUES.cluster, processor, { ...workerOptions, concurrency: CLUSTER_BATCH }));
  }
  for (const w of workers) w.on('error', logError(`worker ${w.name}`));
  const logger = options.logger ?? silentLogger;
  for (const w of workers) {
    w.on('completed', (job, result: { status?: string; articleId?: string; articleIds?: string[]; clusterId?: string; reason?: string }) => {
      recordJob(job, result?.status === 'skipped' ? 'skipped' : 'done');
      logger.info({ queue: job.queueName, jobId: job.id, source: (job.data as { source?: string }).source, articleId: result?.articleId, articleIds: result?.articleIds, clusterId: result?.clusterId, outcome: result?.status, reason: result?.reason, ms: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined, attempt: job.attemptsMade }, `${job.queueName} ${result?.status ?? 'done'}`);
    });
    w.on('failed', (job, err) => {
      if (!job) return;
      recordJob(job, 'failed');
      const final = job.finishedOn !== undefined && (err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1));
      logger[final ? 'error' : 'warn']({ queue: job.queueName, jobId: job.id, source: (job.data as { source?: string }).source, articleId: (job.data as { id?: string }).id, attempt: job.attemptsMade, final, err: err.message }, `${job.queueName} ${final ? 'failed' : 'will retry'}`);
    });
    w.on('stalled', (jobId) => logger.warn({ queue: w.name, jobId }, `${w.name} job stalled: its worker died or hung; another takes it over`));
  }
  for (const q of Object.values(queues)) q.on('error', logError(`queue ${q.name}`));
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  // Health answers at once while Redis is away: no offline queue, no retries.
  const probe = new Redis({ ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: (n) => Math.min(n * 200, 2000) });
  probe.on('error', () => {});
  const queueUp = () => within(probe.ping(), 1000).then((r) => r === 'PONG', () => false);

  let closing: Promise<boolean> | undefined;
  const close = async () => {
    for (const t of timers) clearInterval(t);
    // Workers first: they finish their active jobs before the connections go away. Without Redis no job can
    // finish, so there is nothing to wait for; a stuck job is waited for at most queue.shutdownSeconds.
    const limitMs = config.queue.shutdownSeconds * 1000;
    const graceful = async () => {
      await Promise.all(workers.map((w) => w.close()));
      const opened = events ? Object.values(await events) : [];
      await Promise.all([...Object.values(queues), ...opened].map((x) => x.close()));
    };
    const up = await queueUp();
    const finished = up && (await within(graceful(), limitMs).then(() => true, () => false));
    if (!finished) {
      options.log(up
        ? `shutdown: active jobs did not finish within ${config.queue.shutdownSeconds} s (queue.shutdownSeconds); leaving without them`
        : 'shutdown: Redis does not answer, so no job can finish; leaving without waiting');
      // Jobs cut off here keep their locks until they expire; then a worker takes them over.
      const opened = events ? Object.values(await within(events, 500).catch(() => ({}))) : [];
      for (const x of [...workers, ...Object.values(queues), ...opened]) x.disconnect().catch(() => {});
    }
    probe.disconnect();
    for (const closer of closers) await closer();
    store?.close();
    await representation?.close();
    await redis.stop();
    return finished;
  };
  return {
    config, redis, prefix, queues, events: openEvents, store, representation, workers, queueUp,
    close: () => {
      shuttingDown = true;
      return (closing ??= close());
    },
  };
}

/** How often due digests are looked for: a quarter of the shortest interval, between 1 and 30 s. */
function digestTick(minutes: number | undefined): number {
  return Math.min(30_000, Math.max(1000, ((minutes ?? 2) * 60_000) / 4));
}

/** Profile vectors of the configured storylines, made by the same embedder as the articles. */
export async function storylineProfiles(defs: StorylineConfig[], representation: Representation): Promise<StorylineProfile[]> {
  const embed = (title: string, text: string) => ({ title, text, lang: 'und' });
  const vectors = await representation.embedder.embed(defs.map((s) => embed(s.name, [s.description, ...s.keywords, ...s.examples].join('\n'))));
  const examples = await representation.embedder.embed(defs.flatMap((s) => s.examples.map((e) => embed('', e))));
  const keywords = await representation.embedder.embed(defs.map((s) => embed('', s.keywords.join('\n'))));
  let next = 0;
  return defs.map((s, i) => ({
    id: s.id,
    keywords: s.keywords,
    vector: vectors[i]!,
    examples: s.examples.map(() => examples[next++]!),
    threshold: s.threshold,
    memory: { sum: null, count: 0, recent: [] },
    keywordTerms: termsOf(keywords[i]!),
  }));
}

const termsOf = (v: Vector): string[] => (v.kind === 'sparse' ? Object.keys(v.terms) : []);

/** The cluster writer's settings for a representation: storyline profiles, and thresholds of its mode. */
export function writerSettings(config: Config, representation: Representation) {
  return {
    profiles: (defs: StorylineConfig[]) => storylineProfiles(defs, representation),
    clustering: clusteringOptions(config, representation.embedder.mode),
    storylineMatch: representation.embedder.mode === 'neural' ? { similarityAtFull: 0.6 } : {},
  };
}

function clusteringOptions(config: Config, mode: 'neural' | 'offline') {
  const thresholds = mode === 'neural' ? config.clustering.neural : config.clustering;
  return {
    sameLanguage: thresholds.sameLanguage,
    crossLanguage: thresholds.crossLanguage,
    mergeThreshold: thresholds.mergeThreshold,
    nearDuplicate: thresholds.nearDuplicate,
    windowDays: config.clustering.windowDays,
    quietHours: config.clustering.quietHours,
    quietGrowth: config.clustering.quietGrowth,
    titleOnly: mode === 'neural' ? 1 : config.clustering.titleOnly,
  };
}
