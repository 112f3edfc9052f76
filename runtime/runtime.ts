// Starts one process of an instance: Redis, the stage queues, the store and representation its roles need, and their workers.
import type { RedisOptions, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import path from 'node:path';
import { loadRepresentation, type Representation } from '../adapters/representation.js';
import type { Config } from '../config/schema.js';
import { connectRedis, type PrivateRedisMode, type RedisHandle } from '../queue/redis-connection.js';
import { openStageEvents, openStageQueues, type StageEvents, type StageQueues } from '../queue/stage-queues.js';
import { within } from '../queue/time-limit.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { connectionErrors } from './connection-errors.js';
import { queuePrefix } from './instance.js';
import { logJobs } from './job-log.js';
import { silentLogger, type Logger } from './logger.js';
import { startWorkers, type StartedWorkers } from './stage-workers.js';

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
  /**
   * The process's event loop also serves the dashboard and API (`storywatch start`): its workers cut their
   * work into short turns (runtime/stage-workers.ts). @defaultValue false
   */
  servesRequests?: boolean;
}

/** Opens the store, connects (or starts) Redis and starts the workers of the given roles. */
export async function startRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const redis = await connectRedis(config.redisUrl, config.dataDir, { mode: options.redis, log: options.log });
  const errors = connectionErrors(options.log);
  const prefix = queuePrefix(config.dataDir, config.queuePrefix);
  const connection = redis.options;
  const queues = await openStageQueues(connection, prefix);
  let events: Promise<StageEvents> | undefined;
  const openEvents = () => (events ??= openStageEvents(connection, prefix, queues, errors.of));
  const { store, representation } = await openParts(config, options).catch(async (err: unknown) => {
    // Nothing was started yet: let go of what was opened, so the process can end with its error.
    await Promise.allSettled(Object.values(queues).map((q) => q.close()));
    await redis.stop();
    throw err;
  });
  const started = await startWorkers(options.roles, {
    config,
    queues,
    connection,
    prefix,
    store,
    representation,
    servesRequests: options.servesRequests,
    log: options.log,
    onError: errors.of,
  });
  logJobs(started.workers, options.logger ?? silentLogger);
  for (const q of Object.values(queues)) q.on('error', errors.of(`queue ${q.name}`));
  await Promise.all(started.workers.map((w) => w.waitUntilReady()));
  const health = healthProbe(connection);
  const parts: RuntimeParts = {
    config,
    log: options.log,
    redis,
    queues,
    events: () => events,
    store,
    representation,
    started,
    health,
  };
  let closing: Promise<boolean> | undefined;
  return {
    config,
    redis,
    prefix,
    queues,
    events: openEvents,
    store,
    representation,
    workers: started.workers,
    queueUp: health.up,
    close: () => {
      errors.shuttingDown();
      return (closing ??= closeRuntime(parts));
    },
  };
}

/** The store (with the cluster or alert role, or when asked for) and the representation (with the ingest or cluster role). */
async function openParts(
  config: Config,
  options: RuntimeOptions,
): Promise<{ store?: SqliteStore; representation?: Representation }> {
  const needsStore = options.openStore || options.roles.includes('cluster') || options.roles.includes('alert');
  const needsText = options.roles.includes('ingest') || options.roles.includes('cluster');
  const store = needsStore ? new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite')) : undefined;
  try {
    return { store, representation: needsText ? await loadRepresentation(config, options.log) : undefined };
  } catch (err) {
    store?.close();
    throw err;
  }
}

/** Whether Redis answers a PING within a second: answers at once while Redis is away (no offline queue, no retries). */
function healthProbe(connection: RedisOptions) {
  const probe = new Redis({
    ...connection,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: (n) => Math.min(n * 200, 2000),
  });
  probe.on('error', () => {});
  return {
    up: () =>
      within(probe.ping(), 1000).then(
        (r) => r === 'PONG',
        () => false,
      ),
    stop: () => probe.disconnect(),
  };
}

/** What a runtime closes. */
interface RuntimeParts {
  config: Config;
  log(msg: string): void;
  redis: RedisHandle;
  queues: StageQueues;
  events(): Promise<StageEvents> | undefined;
  store?: SqliteStore;
  representation?: Representation;
  started: StartedWorkers;
  health: ReturnType<typeof healthProbe>;
}

/**
 * Workers first: they finish their active jobs before the connections go away. Without Redis no job can finish,
 * so there is nothing to wait for; a stuck job is waited for at most `queue.shutdownSeconds`.
 */
async function closeRuntime(p: RuntimeParts): Promise<boolean> {
  const { workers, timers, closers } = p.started;
  for (const t of timers) clearInterval(t);
  const events = p.events();
  const graceful = async () => {
    await Promise.all(workers.map((w) => w.close()));
    const opened = events ? Object.values(await events) : [];
    await Promise.all([...Object.values(p.queues), ...opened].map((x) => x.close()));
  };
  const up = await p.health.up();
  const finished =
    up &&
    (await within(graceful(), p.config.queue.shutdownSeconds * 1000).then(
      () => true,
      () => false,
    ));
  if (!finished) {
    p.log(
      up
        ? `shutdown: active jobs did not finish within ${p.config.queue.shutdownSeconds} s (queue.shutdownSeconds); leaving without them`
        : 'shutdown: Redis does not answer, so no job can finish; leaving without waiting',
    );
    // Jobs cut off here keep their locks until they expire; then a worker takes them over.
    const opened = events ? Object.values(await within(events, 500).catch(() => ({}))) : [];
    for (const x of [...workers, ...Object.values(p.queues), ...opened]) x.disconnect().catch(() => {});
  }
  p.health.stop();
  for (const closer of closers) await closer();
  p.store?.close();
  await p.representation?.close();
  await p.redis.stop();
  return finished;
}
