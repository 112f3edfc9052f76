// A time limit on a promise: rejects after `ms`, while the promise itself runs on.

/** Resolves or rejects as `promise` does, or rejects after `ms` (the promise itself runs on). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
