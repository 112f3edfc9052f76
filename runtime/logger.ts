// JSON logs (pino) on stderr for the daemon and workers.
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs (pino) on stderr for the daemon and workers: one line per event, with `queue`, `jobId` and
 * `articleId` where there is one. Level from STORYWATCH_LOG_LEVEL (default info).
 */
export function createLogger(bindings: Record<string, unknown> = {}): Logger {
  return pino(
    { level: process.env.STORYWATCH_LOG_LEVEL ?? 'info', base: { pid: process.pid, ...bindings } },
    pino.destination(2),
  );
}

/** A logger that writes nothing (the one-shot CLI prints its own summary). */
export const silentLogger: Logger = pino({ level: 'silent' });
