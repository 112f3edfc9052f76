// Tests that a feed dropped into the inbox is enqueued entry by entry and moved to processed/.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamInputs } from '../../adapters/inputs/read-inputs.js';
import { InboxWatcher } from '../../adapters/inbox-watcher.js';
import { enqueueItems } from '../../queue/ingest-run.js';
import type { IngestItem } from '../../queue/queues.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { shutDown } from '../helpers/runtime-cleanup.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

let runtime: Runtime | undefined;
let watcher: InboxWatcher | undefined;
afterEach(async () => {
  await watcher?.stop();
  await shutDown(runtime);
  runtime = watcher = undefined;
});

describe('inbox watcher (real Redis)', () => {
  it('enqueues a feed dropped into the inbox in IngestItems of up to 16 entries, read in steps, and moves it to processed/', async () => {
    const { config } = testConfig();
    // No workers: the jobs stay in the queue to be counted.
    runtime = await startRuntime(config, { roles: [], log: () => {} });
    const inbox = mkdtempSync(path.join(tmpdir(), 'sw-inbox-'));
    const entries = Array.from(
      { length: 1_200 },
      (_, i) => `<item><title>Entry ${i + 1}</title><description>Text ${i + 1}.</description></item>`,
    );
    writeFileSync(
      path.join(inbox, 'wire.rss'),
      `<rss version="2.0"><channel><title>Wire</title>\n${entries.join('\n')}\n</channel></rss>\n`,
    );
    const batches: number[] = [];
    const logs: string[] = [];
    watcher = new InboxWatcher(inbox, {
      read: (file) => streamInputs([file], config.ingest.maxBytes),
      enqueue: async (items: IngestItem[]) => {
        batches.push(items.length);
        await enqueueItems(runtime!, items);
      },
      log: (m) => logs.push(m),
      intervalMs: 50,
    });
    await watcher.start();
    await waitFor(() => existsSync(path.join(inbox, 'processed', 'wire.rss')), 20_000, 'the feed to be processed');

    expect(batches).toEqual([512, 512, 176]);
    // 32 + 32 + 11 jobs: 1,200 entries, each once.
    const jobs = await runtime.queues.ingest.getWaiting(0, -1);
    expect(jobs).toHaveLength(75);
    const carried = jobs.flatMap((j) => (j.data as { items: IngestItem[] }).items);
    expect(carried.map((i) => i.idBase).sort()).toEqual(
      Array.from({ length: 1_200 }, (_, i) => `wire-${i + 1}`).sort(),
    );
    expect(carried.find((i) => i.idBase === 'wire-1')).toMatchObject({
      kind: 'record',
      source: path.join(inbox, 'wire.rss'),
    });
    expect(logs).toContain('inbox: wire.rss: 1200 input(s) enqueued');
  }, 60_000);
});
