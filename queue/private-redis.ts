// Runs a private `redis-server` in the data dir, on a Unix socket, with append-only persistence.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** First wait before a private redis-server that died is started again; doubles up to MAX_RESTART_DELAY_MS. */
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
/** A server that stayed up this long starts the back-off afresh when it dies. */
const HEALTHY_AFTER_MS = 60_000;

/** The server could not be started; the message names its log. */
export class PrivateRedisStartError extends Error {
  override name = 'PrivateRedisStartError';
}

/**
 * A private `redis-server` child in `<dataDir>/redis`, on a Unix socket, with AOF on and `noeviction`
 * (queues must never lose keys). It runs in a process group of its own, so the terminal's Ctrl-C reaches
 * storywatch only, which then stops it after its own shutdown. When it dies while storywatch runs, it is
 * started again from its append-only file, with exponential back-off, and each step is logged.
 */
export class PrivateRedis {
  readonly socket: string;
  readonly options: RedisOptions;
  private child: ChildProcess | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private delay = FIRST_RESTART_DELAY_MS;
  // A process that leaves without stop() (a second Ctrl-C, an uncaught error) still asks the server to go:
  // on SIGTERM it flushes its append-only file and exits. Only `kill -9` of storywatch leaves it behind.
  private readonly onExit = () => {
    if (this.running) this.child!.kill('SIGTERM');
  };

  constructor(
    readonly dir: string,
    base: RedisOptions,
    private readonly log: (msg: string) => void,
  ) {
    this.socket = path.join(dir, 'redis.sock');
    this.options = { ...base, path: this.socket };
  }

  /** Whether the server process is running (it may still be loading its append-only file). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server; resolves once it answers, rejects (naming its log) if it exits or stays silent for 5 s. */
  async start(): Promise<void> {
    rmSync(this.socket, { force: true });
    const child = spawn(
      'redis-server',
      [
        '--port',
        '0',
        '--unixsocket',
        this.socket,
        '--unixsocketperm',
        '700',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
        '--logfile',
        this.logFile,
      ],
      { stdio: 'ignore', detached: true },
    );
    this.child = child;
    process.off('exit', this.onExit).on('exit', this.onExit);
    await this.waitUntilAnswering(child);
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) this.delay = FIRST_RESTART_DELAY_MS;
      this.log(
        `private redis-server (pid ${child.pid}) exited (${signal ?? `code ${code}`}); starting it again from its append-only file in ${this.delay} ms`,
      );
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    const delay = this.delay;
    this.delay = Math.min(MAX_RESTART_DELAY_MS, this.delay * 2);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      const since = Date.now();
      this.start().then(
        () =>
          this.log(
            `private redis-server is back (pid ${this.child?.pid}, ${Date.now() - since} ms to load); queues resume`,
          ),
        (err: Error) => {
          this.log(`${err.message}; trying again in ${this.delay} ms`);
          this.scheduleRestart();
        },
      );
    }, delay);
  }

  private get logFile(): string {
    return path.join(this.dir, 'redis.log');
  }

  private async waitUntilAnswering(child: ChildProcess): Promise<void> {
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
    child.once('error', (err) => (exited = err.message));
    for (let i = 0; i < 100; i++) {
      if (exited !== undefined)
        throw new PrivateRedisStartError(`redis-server exited (${exited}) while starting (log: ${this.logFile})`);
      if (existsSync(this.socket) && (await canPing(this.options))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new PrivateRedisStartError(
      `redis-server did not come up on ${this.socket} within 5 s (log: ${this.logFile})`,
    );
  }

  /** Stops the server (SHUTDOWN flushes the append-only file) and any restart that was due; SIGKILL after 5 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    process.off('exit', this.onExit);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await shutdownServer(this.options);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** Sends SHUTDOWN (the server flushes its append-only file and exits); errors mean it is already gone. */
export async function shutdownServer(options: RedisOptions): Promise<void> {
  const client = new Redis({ ...options, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.call('SHUTDOWN');
  } catch {
    // The connection closes as the server exits: that is the answer.
  } finally {
    client.disconnect();
  }
}

/** Whether a Redis server answers PING with these options (no retries, no queued commands). */
export async function canPing(options: RedisOptions): Promise<boolean> {
  const client = new Redis({
    ...options,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
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
