/** A daemon's arrivals: inputs handed to the ingest queue one by one, close together, travel in one IngestItem. */
import { INPUTS_PER_JOB, type IngestItem } from './queues.js';
import type { InputJob } from './job-chain.js';
import { sendTogether, type Waiting } from './send-together.js';

/**
 * How long (ms) an input that arrives close behind another waits for more before it is enqueued. Offline, an
 * input is prepared in a few ms and its queue hops cost about as much again, so a short wait that lets
 * two or three busy-time arrivals share an IngestItem (and its articles a ClusterItem) gives back more
 * than it takes. @defaultValue 10
 */
export const ARRIVAL_HOLD_MS = 10;

type Pending = Waiting<IngestItem, InputJob>;

/**
 * Group commit for the ingest queue's producers (feed polls, the inbox). An arrival after a quiet spell (none
 * in the last `holdMs`) is enqueued at once, so a lone input never waits; one that comes while others arrive
 * waits at most `holdMs` (less once `INPUTS_PER_JOB` inputs wait) and goes with them in one `send`. A hand-over
 * of `INPUTS_PER_JOB` inputs or more goes at once, as it came. Each caller gets its own inputs' jobs, or the
 * error of the `send` that carried them. `send` groups what it is given into IngestItems (`enqueueInputs`),
 * returning one job per input, in order.
 */
export function createArrivalBatches(
  send: (items: IngestItem[]) => Promise<InputJob[]>,
  { holdMs = ARRIVAL_HOLD_MS, now = () => performance.now() }: { holdMs?: number; now?: () => number } = {},
) {
  let pending: Pending[] = [];
  let waiting = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastArrival = Number.NEGATIVE_INFINITY;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    waiting = 0;
    sendTogether(batch, send);
  };

  /** Enqueues the inputs (with those arriving close to them); resolves to each input's job. */
  return (items: IngestItem[]): Promise<InputJob[]> => {
    const at = now();
    const quiet = at - lastArrival >= holdMs;
    lastArrival = at;
    if (!items.length) return Promise.resolve([]);
    if (items.length >= INPUTS_PER_JOB || (quiet && !pending.length)) return send(items);
    return new Promise<InputJob[]>((resolve, reject) => {
      pending.push({ entries: items, resolve, reject });
      waiting += items.length;
      if (waiting >= INPUTS_PER_JOB) flush();
      else timer ??= setTimeout(flush, holdMs);
    });
  };
}
