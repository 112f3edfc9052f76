// Exponential back-off with full jitter for job retries, so retries of many jobs spread out.

/**
 * Exponential back-off with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * a random delay up to base·2^(attempt-1), at least a quarter of it, so retries of many jobs spread out.
 */
export function jitteredBackoff(
  attemptsMade: number,
  _type?: string,
  _err?: Error,
  job?: { opts?: { backoff?: number | { delay?: number } } },
): number {
  const backoff = job?.opts?.backoff;
  const base = typeof backoff === 'object' ? (backoff.delay ?? 1000) : (backoff ?? 1000);
  const cap = base * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(cap * (0.25 + 0.75 * Math.random()));
}
