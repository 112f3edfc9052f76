// What every command shares: global options, the config, the data-dir lock, signals and error output.
import path from 'node:path';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { claimDataDir, describeHolder, type DataDirLock, type LockHolder } from '../runtime/data-dir-lock.js';
import { RedisUnavailableError } from '../queue/redis-connection.js';
import { StoreOpenError } from '../store/sqlite-store.js';

/** A mistake in what the user asked for: printed as one line, without a stack. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Global options every command takes. */
export interface GlobalOptions {
  config?: string;
}

export const log = (msg: string) => process.stderr.write(`storywatch: ${msg}\n`);

/** The config of `--config` (or the shipped one), its notices said once on stderr. */
export function readConfig(opts: GlobalOptions): Config {
  // Worker processes of `storywatch start` (with an IPC channel) read the daemon's file again: it has said it.
  return loadConfig(opts.config ?? DEFAULT_CONFIG_PATH, process.env, process.send ? () => {} : log);
}

/** Claims the config's data dir for `command` (runtime/data-dir-lock.ts); refuses, naming it, if another process holds it. */
export function holdDataDir(config: Config, command: string, say: (msg: string) => void = log): DataDirLock {
  const held = holdOrJoinDataDir(config, command, false, say);
  return (held as { lock: DataDirLock }).lock;
}

/** Like holdDataDir, but a running daemon (`storywatch start`) is returned, to be joined, instead of refused. */
export function holdOrJoinDataDir(
  config: Config,
  command: string,
  join = true,
  say: (msg: string) => void = log,
): { lock: DataDirLock } | { daemon: LockHolder } {
  const claim = claimDataDir(config.dataDir, command);
  if ('lock' in claim) {
    if (claim.replaced) say(`${describeHolder(claim.replaced)} ended without giving the data dir up; taking it over`);
    return claim;
  }
  const { holder } = claim;
  if (join && holder.command === 'start') return { daemon: holder };
  const dir = path.resolve(config.dataDir);
  const what =
    holder.command === 'start'
      ? `one daemon runs per data dir: stop it first (kill -TERM ${holder.pid}), use another data dir (dataDir or STORYWATCH_DATA), ` +
        'or add workers to it with storywatch worker --role ingest'
      : 'wait for it to finish, or use another data dir (dataDir or STORYWATCH_DATA)';
  throw new UserError(`the data dir ${dir} is in use by ${describeHolder(holder)}: ${what} (lock: ${claim.file})`);
}

/** Closes the runtime on SIGINT/SIGTERM (active jobs finish first); a second signal exits at once. */
export function closeOnSignals(
  runtime: { close(): Promise<boolean | void> },
  onClosed: () => void = () => process.exit(130),
  say: (msg: string) => void = log,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: leaving now; unfinished jobs are taken over once their locks expire`);
      process.exit(130);
    }
    stopping = true;
    say(`${signal}: finishing active jobs and shutting down (again to force)`);
    // BullMQ's Job.waitUntilFinished makes its first check inside `new Promise(async …)`: a connection that
    // closes under it rejects where nobody listens. While shutting down, that is expected, not a crash.
    process.on('unhandledRejection', (err: Error) => {
      if (!/Connection is closed|EPIPE|ECONNRESET/.test(String(err?.message))) throw err;
    });
    runtime.close().then(
      (finished) => {
        say(
          finished === false
            ? 'stopped; some active jobs were cut off (see above)'
            : 'stopped: active jobs finished, connections closed',
        );
        onClosed();
      },
      (err: Error) => {
        say(`shutdown failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs a command, turning expected failures into one clear line and exit code 1. */
export function run(action: () => Promise<void>): Promise<void> {
  return action().catch((err: Error) => {
    const expected = [ConfigError, RedisUnavailableError, UserError, StoreOpenError].some(
      (kind) => err instanceof kind,
    );
    log(expected ? err.message : (err.stack ?? err.message));
    process.exitCode = 1;
  });
}
