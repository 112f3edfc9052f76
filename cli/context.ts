import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { RedisUnavailableError } from '../workers/redis-connection.js';
import type { Runtime } from '../workers/runtime.js';

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

/** Closes the runtime on SIGINT/SIGTERM (active jobs finish first); a second signal exits at once. */
export function closeOnSignals(runtime: Pick<Runtime, 'close'>, onClosed: () => void = () => process.exit(130), say: (msg: string) => void = log): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    say(`${signal}: finishing active jobs and shutting down (again to force)`);
    runtime.close().then(() => {
      say('stopped: active jobs finished, connections closed');
      onClosed();
    }, (err: Error) => {
      say(`shutdown failed: ${err.message}`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs a command, turning expected failures into one clear line and exit code 1. */
export function run(action: () => Promise<void>): Promise<void> {
  return action().catch((err: Error) => {
    if (err instanceof ConfigError || err instanceof RedisUnavailableError || err instanceof UserError) log(err.message);
    else log(err.stack ?? err.message);
    process.exitCode = 1;
  });
}
