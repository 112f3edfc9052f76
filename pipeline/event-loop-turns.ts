// Work cut into turns of the event loop, in a process whose loop also serves the dashboard and API.
import { setImmediate as immediate } from 'node:timers/promises';

/** Most work, in ms, that one turn of the event loop holds where work is cut into turns. @defaultValue 10 */
export const TURN_MS = 10;

let turnMs = Infinity;
let turnStarted = performance.now();
let next: Promise<void> | undefined;

/**
 * From now on this process cuts its work into turns of `ms` (`yieldWhenDue`); by default it does not (a
 * worker process has no one waiting on its event loop). `Infinity` stops cutting.
 */
export function cutIntoTurns(ms = TURN_MS): void {
  turnMs = ms;
}

/**
 * Resolves at the event loop's next turn (once timers and I/O have had theirs), the same for every caller
 * that asks before then, in the order they asked; the turn's clock starts then.
 */
export function nextTurn(): Promise<void> {
  return (next ??= immediate().then(() => {
    next = undefined;
    turnStarted = performance.now();
  }));
}

/**
 * Called between the articles of a job: where work is cut into turns and the current turn (every caller's
 * work since it started) has reached its length, resolves at the next turn; otherwise returns at once
 * (undefined). So a job of 16 articles holds the loop no longer than one of a few, and two jobs and the
 * cluster writer that share a turn hold it about as long as one.
 */
export function yieldWhenDue(): Promise<void> | undefined {
  return performance.now() - turnStarted >= turnMs ? nextTurn() : undefined;
}
