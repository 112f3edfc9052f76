// Runs storyline back-fills to the end, through a running daemon's writer or in this process.
import type { Config } from '../config/schema.js';
import type { Backfill } from '../store/backfill-store.js';
import { createClusterProcessor } from '../workers/cluster-item.worker.js';
import { claimDataDir, describeHolder, isAlive, type LockHolder } from '../runtime/data-dir-lock.js';
import { loadRepresentation } from '../adapters/representation.js';
import { writerSettings } from '../config/writer-settings.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { describeBackfill } from '../store/storyline-backfill.js';
import { log, UserError } from './context.js';

/** How often the state of a daemon's back-fills is read. @defaultValue 500 */
const POLL_MS = 500;

/**
 * Runs the requested back-fills to the end and returns them: with a daemon on the data dir its cluster
 * writer does the work and this process follows it in the store; otherwise this process holds the data
 * dir and runs the writer's back-fill itself (no Redis needed: the deliveries it makes wait in the outbox
 * for the next `storywatch start`). `background` leaves a daemon's back-fills running and returns at once.
 */
export async function runBackfills(
  config: Config,
  store: SqliteStore,
  ids: string[],
  command: string,
  background = false,
): Promise<Backfill[] | undefined> {
  const claim = claimDataDir(config.dataDir, command);
  if ('holder' in claim) {
    const { holder } = claim;
    if (background) {
      log(
        `${describeHolder(holder)} back-fills ${ids.join(', ')} in the background (progress: storywatch storylines list, or the storyline's page)`,
      );
      return undefined;
    }
    if (holder.command !== 'start') {
      throw new UserError(
        `the data dir is in use by ${describeHolder(holder)}, whose writer back-fills ${ids.join(', ')}; ` +
          'wait for it to finish, then see storywatch storylines list',
      );
    }
    return followDaemon(store, ids, holder);
  }
  if (claim.replaced) log(`${describeHolder(claim.replaced)} ended without giving the data dir up; taking it over`);
  try {
    const representation = await loadRepresentation(config, log);
    try {
      const stored = store.mode();
      if (stored && stored !== representation.embedder.mode) {
        throw new UserError(
          `the store holds ${stored} vectors but this process runs in ${representation.embedder.mode} mode (representation.mode); ` +
            'storylines cannot be scored against them',
        );
      }
      const writer = createClusterProcessor({ store, ...writerSettings(config, representation), log });
      await writer.drainBackfills();
      return ids.map((id) => store.backfills.get(id)!);
    } finally {
      await representation.close();
    }
  } finally {
    claim.lock.release();
  }
}

/** Waits until the daemon's writer has done these back-fills, saying how far it is every few seconds. */
async function followDaemon(store: SqliteStore, ids: string[], daemon: LockHolder): Promise<Backfill[]> {
  log(`${describeHolder(daemon)} runs on this data dir: its writer re-scores ${ids.join(', ')}`);
  let said = Date.now();
  for (;;) {
    const backfills = ids.map((id) => store.backfills.get(id));
    if (backfills.every((b) => b === undefined || b.state === 'done'))
      return backfills.filter((b): b is Backfill => b !== undefined);
    if (!isAlive(daemon)) {
      throw new UserError(
        `${describeHolder(daemon)} stopped before the back-fill finished; it goes on at its next start ` +
          '(or run the same command again without a daemon)',
      );
    }
    if (Date.now() - said > 5000) {
      for (const b of backfills) if (b && b.state !== 'done') log(describeBackfill(b));
      said = Date.now();
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
