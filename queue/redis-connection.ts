// Connects to Redis: the REDIS_URL server, or the data dir's private one, started, joined or taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RedisOptions } from 'bullmq';
import { canPing, PrivateRedis, shutdownServer } from './private-redis.js';

/** How to reach Redis, and who stops it. */
export interface RedisHandle {
  /** Options for every ioredis connection (BullMQ workers need `maxRetriesPerRequest: null`). */
  options: RedisOptions;
  /** Human-readable address for logs. */
  describe: string;
  /** Stops the private server if this process started it. */
  stop(): Promise<void>;
}

/** Redis could not be reached or started; the message says how to get one. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

const HOW_TO_GET_REDIS =
  'Install redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) so storywatch can start a private one, ' +
  'or point REDIS_URL at a running server (e.g. REDIS_URL=redis://127.0.0.1:6379).';

/**
 * Who runs the private server: `own` — this process holds the data dir (see data-dir-lock.ts), runs the
 * server and restarts it when it dies (a server left behind by an earlier owner is shut down and started
 * again under this one); `join` — another process runs it, and it must answer; `auto` — join a server
 * that answers, else start one (tests, benchmarks).
 */
export type PrivateRedisMode = 'own' | 'join' | 'auto';

export interface ConnectOptions {
  /** @defaultValue auto */
  mode?: PrivateRedisMode;
  /** Where the private server's restarts are told. @defaultValue nowhere */
  log?: (msg: string) => void;
}

/**
 * Uses `url` when given (REDIS_URL); otherwise the data dir's private `redis-server` (private-redis.ts),
 * started, joined or taken over as `options.mode` says.
 */
export async function connectRedis(
  url: string | undefined,
  dataDir: string,
  options: ConnectOptions = {},
): Promise<RedisHandle> {
  const base: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true };
  if (url) {
    const urlOptions = { ...base, ...optionsFromUrl(url) };
    await ping(urlOptions, `Redis at ${redact(url)}`);
    return { options: urlOptions, describe: redact(url), stop: async () => {} };
  }
  const mode = options.mode ?? 'auto';
  const dir = path.resolve(dataDir, 'redis');
  const server = new PrivateRedis(dir, base, options.log ?? (() => {}));
  const answering = existsSync(server.socket) && (await canPing(server.options));
  if (mode === 'join' || (mode === 'auto' && answering)) {
    if (!answering) {
      throw new RedisUnavailableError(
        `no storywatch process runs the private Redis of the data dir ${path.resolve(dataDir)} (nothing answers on ${server.socket}): ` +
          'start the daemon there first (storywatch start), or point REDIS_URL at the shared Redis',
      );
    }
    return {
      options: server.options,
      describe: `shared private redis-server (${server.socket})`,
      stop: async () => {},
    };
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) {
    throw new RedisUnavailableError(`No REDIS_URL is set and redis-server is not on PATH. ${HOW_TO_GET_REDIS}`);
  }
  mkdirSync(dir, { recursive: true });
  if (answering) {
    // This process holds the data dir, so the server's owner is gone: restart it under this process.
    options.log?.(
      `a private redis-server left running by an earlier storywatch process is shut down and started again under this one`,
    );
    await shutdownServer(server.options);
    for (let i = 0; i < 100 && (await canPing(server.options)); i++) await new Promise((r) => setTimeout(r, 50));
  }
  try {
    await server.start();
  } catch (err) {
    throw new RedisUnavailableError(`${(err as Error).message}. ${HOW_TO_GET_REDIS}`);
  }
  return { options: server.options, describe: `private redis-server (${server.socket})`, stop: () => server.stop() };
}

function optionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  if (u.protocol === 'unix:' || u.protocol === 'redis+unix:') return { path: u.pathname };
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    db: Number(u.pathname.slice(1) || 0),
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/u, '//***@');

async function ping(options: RedisOptions, what: string): Promise<void> {
  if (!(await canPing(options))) throw new RedisUnavailableError(`${what} does not answer. ${HOW_TO_GET_REDIS}`);
}
