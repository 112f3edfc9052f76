import { SingleBar, Presets } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import { ingestWindowed, type ItemOutcome } from '../workers/ingest-run.js';
import { startRuntime } from '../workers/runtime.js';
import { storeReport } from '../workers/store-report.js';
import { closeOnSignals, log, readConfig, type GlobalOptions } from './context.js';
import { streamInputs, type InputError } from './read-inputs.js';
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
  const errors: InputError[] = [];
  const runtime = await startRuntime(config, { roles: ['ingest', 'cluster', 'alert'], log });
  closeOnSignals(runtime);
  try {
    const since = Date.now();
    const progress = opts.progress !== false;
    const bar = new SingleBar({ format: 'ingest [{bar}] {value}/{total} inputs | {source}', stream: process.stderr, noTTYOutput: false, hideCursor: true }, Presets.shades_classic);
    if (progress) bar.start(0, 0, { source: '' });
    let seen = 0;
    const outcomes: Array<ItemOutcome & { index: number }> = [];
    // Inputs are read as they are needed and at most ingest.maxInFlight are in the queues at once.
    async function* items() {
      for await (const event of streamInputs(paths, config.ingest.maxBytes)) {
        if ('error' in event) {
          errors.push(event.error);
          if (progress) bar.stop();
          log(`${event.error.source}: ${event.error.message}`);
          if (progress) bar.start(seen, outcomes.length, { source: '' });
          continue;
        }
        seen++;
        if (progress) bar.setTotal(seen);
        yield event.item;
      }
    }
    await ingestWindowed(runtime, items(), config.ingest.maxInFlight, since, (o, index) => {
      outcomes.push({ ...o, index });
      if (progress) bar.increment({ source: o.source });
    });
    if (progress) bar.stop();
    outcomes.sort((a, b) => a.index - b.index);
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
