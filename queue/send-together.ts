/** One send for the entries of several waiting callers, each given the results of its own: the core of a group commit. */

/** A caller's part of a batch: its entries, and how to settle it. */
export interface Waiting<T, R> {
  entries: T[];
  resolve(results: R[]): void;
  reject(err: Error): void;
}

/**
 * Sends the entries of every waiting caller in one call, in order, and gives each caller the results of its
 * own entries (`send` returns one result per entry, in order), or the error of the send. A send that throws
 * at once fails the batch as one that rejects does.
 */
export function sendTogether<T, R>(batch: Waiting<T, R>[], send: (entries: T[]) => Promise<R[]>): void {
  if (!batch.length) return;
  new Promise<R[]>((resolve) => resolve(send(batch.flatMap((w) => w.entries)))).then(
    (results) => {
      let at = 0;
      for (const w of batch) w.resolve(results.slice(at, (at += w.entries.length)));
    },
    (err: Error) => {
      for (const w of batch) w.reject(err);
    },
  );
}
