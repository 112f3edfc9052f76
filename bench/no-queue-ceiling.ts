// Measures the pipeline's work with no queues between the steps: the ceiling no queued run can beat.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Job } from 'bullmq';
import { loadConfig } from '../config/load-config.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { createClusterProcessor } from '../workers/cluster-item.worker.js';
import { loadRepresentation } from '../adapters/representation.js';
import { writerSettings } from '../config/writer-settings.js';
import { SqliteStore } from '../store/sqlite-store.js';

const SHARE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'represent-share.ts');

/**
 * The same work as an end-to-end run with no queues between the steps: the stream's representation split
 * over `processes` processes (as over that many ingest workers) and the clustering of its prepared
 * articles into a fresh store in this process (the writer), all started at once. Each step still does all
 * its work and nothing waits on anything, so no pipeline of these steps runs faster on this machine: the
 * end-to-end rate over this one is what the queues (and the waiting between steps) cost.
 */
export async function noQueueCeiling(options: {
  configFile: string;
  streamFile: string;
  prepared: PreparedArticle[];
  processes: number;
}) {
  const config = loadConfig(options.configFile, {});
  const { children, reply } = await startShares(options.configFile, options.streamFile, options.processes);
  const representation = await loadRepresentation(config, () => {});
  const store = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
  store.syncConfigStorylines(config.storylines);
  const place = createClusterProcessor({ store, ...writerSettings(config, representation) });
  const t0 = performance.now();
  for (const c of children) c.stdin!.end('go\n');
  const [writerMs, shareMs] = await Promise.all([
    Promise.all(
      options.prepared.map((data) => place({ data, attemptsMade: 0, attemptsStarted: 1 } as unknown as Job)),
    ).then(() => performance.now() - t0),
    Promise.all(children.map(async (_, i) => (JSON.parse(await reply(i)) as { ms: number }).ms)),
  ]);
  store.close();
  await representation.close();
  const seconds = Math.max(writerMs, ...shareMs) / 1000;
  return {
    processes: options.processes,
    perSec: Math.round(options.prepared.length / seconds),
    writerMs: Math.round(writerMs),
    representationMs: shareMs.map(Math.round),
  };
}

/** Starts `processes` representation processes, each over its share of the stream, and waits until each is ready. */
async function startShares(configFile: string, streamFile: string, processes: number) {
  const children = Array.from({ length: processes }, (_, i) =>
    spawn(process.execPath, ['--import', 'tsx', SHARE, configFile, streamFile, String(i), String(processes)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const replies = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
  const reply = async (i: number) => {
    const line = await replies[i]!.next();
    if (line.done) throw new Error(`representation process ${i + 1} of ${processes} exited early`);
    return line.value as string;
  };
  for (let i = 0; i < children.length; i++) await reply(i);
  return { children, reply };
}

/**
 * The representation step alone over the whole stream, in a fresh process that loads and warms the
 * representation as an ingest worker does and then prepares each article once, as an ingest worker meets
 * them: ms for the stream.
 */
export async function representationAlone(configFile: string, streamFile: string): Promise<number> {
  const { children, reply } = await startShares(configFile, streamFile, 1);
  children[0]!.stdin!.end('go\n');
  return (JSON.parse(await reply(0)) as { ms: number }).ms;
}
