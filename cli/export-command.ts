// The `storywatch export` command: the report of everything in the store.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../store/sqlite-store.js';
import { storeReport } from '../store/store-report.js';
import { readConfig, type GlobalOptions } from './context.js';

/** `storywatch export [--out FILE]`: the report of everything in the store; needs no Redis. */
export async function exportCommand(opts: GlobalOptions & { out?: string }): Promise<void> {
  const config = readConfig(opts);
  const store = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
  try {
    const mode = store.mode() ?? (config.representation.mode === 'neural' ? 'neural' : 'offline');
    store.syncConfigStorylines(config.storylines);
    const json = `${JSON.stringify(storeReport(store, mode), null, 2)}\n`;
    if (opts.out) writeFileSync(opts.out, json);
    else process.stdout.write(json);
  } finally {
    store.close();
  }
}
