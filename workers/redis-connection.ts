import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

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
 * Uses `url` when given (REDIS_URL); otherwise a private `redis-server` in `<dataDir>/redis`, reached over
 * a Unix socket, with AOF on and `noeviction` (queues must never lose keys). A private server that another
 * storywatch process already runs for the same data dir is shared, and left running on exit.
 */
export async function connectRedis(url: string | undefined, dataDir: string): Promise<RedisHandle> {
  const base: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true };
  if (url) {
    const options = { ...base, ...optionsFromUrl(url) };
    await ping(options, `Redis at ${redact(url)}`);
    return { options, describe: redact(url), stop: async () => {} };
  }
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, 'redis.sock');
  const options: RedisOptions = { ...base, path: socket };
  if (existsSync(socket) && (await canPing(options))) return { options, describe: `shared private redis-server (${socket})`, stop: async () => {} };
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) {
    throw new RedisUnavailableError(`No REDIS_URL is set and redis-server is not on PATH. ${HOW_TO_GET_REDIS}`);
  }
  rmSync(socket, { force: true });
  const child = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--dir', dir, '--appendonly', 'yes',
      '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', '', '--logfile', path.join(dir, 'redis.log')],
    { stdio: 'ignore' },
  );
  await waitForSocket(child, options, socket);
  return {
    options,
    describe: `private redis-server (${socket})`,
    stop: () => stopChild(child, options),
  };
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

async function canPing(options: RedisOptions): Promise<boolean> {
  const client = new Redis({ ...options, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function ping(options: RedisOptions, what: string): Promise<void> {
  if (!(await canPing(options))) throw new RedisUnavailableError(`${what} does not answer. ${HOW_TO_GET_REDIS}`);
}

async function waitForSocket(child: ChildProcess, options: RedisOptions, socket: string): Promise<void> {
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (let i = 0; i < 100; i++) {
    if (exited !== null) throw new RedisUnavailableError(`redis-server exited with code ${exited} (log: ${path.join(path.dirname(socket), 'redis.log')}). ${HOW_TO_GET_REDIS}`);
    if (existsSync(socket) && (await canPing(options))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server did not come up on ${socket} within 5 s. ${HOW_TO_GET_REDIS}`);
}

async function stopChild(child: ChildProcess, options: RedisOptions): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client = new Redis({ ...options, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  // SHUTDOWN rewrites nothing with `--save ""`, but flushes the AOF before exiting.
  await client.call('SHUTDOWN').catch(() => {});
  client.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
