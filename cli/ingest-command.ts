import { SingleBar, Presets } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import { enqueueItems, waitForItems } from '../workers/ingest-run.js';
import { startRuntime } from '../workers/runtime.js';
import { storeReport } from '../workers/store-report.js';
import { closeOnSignals, log, readConfig, type GlobalOptions } from './context.js';
import { readInputs } from './read-inputs.js';
import { formatSummary } from './summary.js';

export interface IngestOptions extends GlobalOptions {
  report?: string;
  progress?: boolean;
}

/**
 * `storywatch ingest <paths…>`: enqueue inputs through the same queues the daemon uses, process them with
 * local workers, wait until every article is clustered, print a summary and optionally write the report.
 */
export async function ingestCommand(paths: string[], opts: IngestOptions): Promise<void> {
  const config = readConfig(opts);
  const { items, errors } = readInputs(paths, config.ingest.maxBytes);
  for (const e of errors) log(`${e.source}: ${e.message}`);
  const runtime = await startRuntime(config, { roles: ['ingest', 'cluster', 'alert'], log });
  closeOnSignals(runtime);
  try {
    const since = Date.now();
    const bar = new SingleBar({ format: 'ingest [{bar}] {value}/{total} inputs | {source}', stream: process.stderr, noTTYOutput: false, hideCursor: true }, Presets.shades_classic);
    if (opts.progress !== false) bar.start(items.length, 0, { source: '' });
    const jobs = await enqueueItems(runtime, items);
    const outcomes = await waitForItems(runtime, jobs, since, (o) => {
      if (opts.progress !== false) bar.increment({ source: o.source });
    });
    if (opts.progress !== false) bar.stop();
    for (const o of outcomes) if (o.status === 'failed') log(`failed: ${o.error}`);
    const report = storeReport(runtime.store!, runtime.representation!.embedder.mode);
    const store = runtime.store!;
    const keywordsOf = (articleId: string, storylineId: string) => store.matchEvidence(articleId).find((m) => m.storylineId === storylineId)?.evidence.keywords ?? [];
    process.stdout.write(`${formatSummary(outcomes, errors, report, keywordsOf)}\n`);
    if (opts.report) {
      writeFileSync(opts.report, `${JSON.stringify(report, null, 2)}\n`);
      log(`report written to ${opts.report} (${report.articles.length} articles in the store)`);
    }
    const failed = errors.length + outcomes.filter((o) => o.status === 'failed' || o.articles.some((a) => a.status === 'failed')).length;
    if (failed) process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}
