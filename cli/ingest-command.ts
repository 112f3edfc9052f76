// The `storywatch ingest` command: inputs through the queues, waits until clustered, prints a summary.
import { SingleBar, Presets } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import { ingestWindowed, type ItemOutcome } from '../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../runtime/runtime.js';
import { storeReport } from '../store/store-report.js';
import { describeHolder, isAlive, type LockHolder } from '../runtime/data-dir-lock.js';
import { closeOnSignals, holdOrJoinDataDir, log, readConfig, UserError, type GlobalOptions } from './context.js';
import { streamInputs, type InputError } from '../adapters/inputs/read-inputs.js';
import { formatSummary } from './summary.js';

export interface IngestOptions extends GlobalOptions {
  report?: string;
  progress?: boolean;
  /** A summary row for every article, however many. */
  allRows?: boolean;
}

/**
 * `storywatch ingest <paths…>`: enqueue inputs through the same queues the daemon uses, process them with
 * local workers, wait until every article is clustered, print a summary and optionally write the report.
 */
export async function ingestCommand(paths: string[], opts: IngestOptions): Promise<void> {
  const config = readConfig(opts);
  const errors: InputError[] = [];
  // With a daemon on the data dir, its workers (and its store's one writer) do the work; this process
  // enqueues, waits and reports. Otherwise this process runs the workers itself, and holds the data dir.
  const held = holdOrJoinDataDir(config, 'ingest');
  const daemon = 'daemon' in held ? held.daemon : undefined;
  const progress = opts.progress !== false;
  const bar = new SingleBar(
    {
      format: 'ingest [{bar}] {value}/{total} inputs | {source}',
      stream: process.stderr,
      noTTYOutput: false,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let seen = 0;
  const outcomes: Array<ItemOutcome & { index: number }> = [];
  const run: RunState = { interrupted: false };
  closeOnInterrupt(
    run,
    () => {
      if (progress) bar.stop();
    },
    () => `${outcomes.length} of the ${seen} input(s) read so far had finished`,
  );
  const runtime = await (
    daemon
      ? startRuntime(config, { roles: [], openStore: true, redis: 'join', log })
      : startRuntime(config, { roles: ['ingest', 'cluster', 'alert'], redis: 'own', log })
  ).catch((err: Error) => {
    if ('lock' in held) held.lock.release();
    throw err;
  });
  run.runtime = runtime;
  if (daemon) log(`${describeHolder(daemon)} runs on this data dir: its workers process these inputs`);
  const daemonGone = daemon ? watchDaemon(daemon) : undefined;
  try {
    const since = Date.now();
    if (progress) bar.start(0, 0, { source: '' });
    // Inputs are read as they are needed and at most ingest.maxInFlight are in the queues at once.
    async function* items() {
      for await (const event of streamInputs(paths, config.ingest.maxBytes)) {
        if (run.interrupted) return;
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
    const done = ingestWindowed(runtime, items(), config.ingest.maxInFlight, since, (o, index) => {
      outcomes.push({ ...o, index });
      if (progress) bar.increment({ source: o.source });
    });
    // Once interrupted, the closing queues fail what still waits: the signal handler says what to do next.
    await (daemonGone ? Promise.race([done, daemonGone.stopped]) : done).catch((err: Error) => {
      if (!run.interrupted) throw err;
    });
    if (run.interrupted) return;
    if (progress) bar.stop();
    outcomes.sort((a, b) => a.index - b.index);
    for (const o of outcomes) if (o.status === 'failed') log(`failed: ${o.error}`);
    const report = storeReport(
      runtime.store!,
      runtime.representation?.embedder.mode ?? (daemon?.mode === 'neural' ? 'neural' : 'offline'),
    );
    const store = runtime.store!;
    const keywordsOf = (articleId: string, storylineId: string) =>
      store.matchEvidence(articleId).find((m) => m.storylineId === storylineId)?.evidence.keywords ?? [];
    const summary = formatSummary(outcomes, errors, report, {
      allRows: opts.allRows,
      keywordsOf,
      reportFile: opts.report,
    });
    process.stdout.write(`${summary}\n`);
    if (opts.report) writeReport(opts.report, report);
    const failed =
      errors.length +
      outcomes.filter((o) => o.status === 'failed' || o.articles.some((a) => a.status === 'failed')).length;
    if (failed) process.exitCode = 1;
  } finally {
    daemonGone?.cancel();
    await runtime.close();
    if ('lock' in held) held.lock.release();
  }
}

/** What stopping a run needs to know: set as the run goes. */
interface RunState {
  interrupted: boolean;
  runtime?: Runtime;
}

/** Ctrl-C at any point, start-up included, stops the run cleanly (a private Redis is not in the terminal's group). */
function closeOnInterrupt(run: RunState, stopProgress: () => void, finished: () => string): void {
  closeOnSignals(
    {
      close: async () => {
        run.interrupted = true;
        stopProgress();
        return run.runtime?.close();
      },
    },
    () => {
      log(
        `interrupted: ${finished()}; run the same command again to go on ` +
          '(what is stored is kept, and inputs seen before are reported as unchanged)',
      );
      process.exit(130);
    },
  );
}

/** Writes the store's report as JSON and says how much it holds. */
function writeReport(file: string, report: ReturnType<typeof storeReport>): void {
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const copies = report.articles.filter((a) => a.duplicateOf).length;
  log(`report written to ${file} (${report.articles.length} articles in the store, ${copies} of them copies)`);
}

/** Rejects when the joined daemon's process is gone, since nothing would then process what was enqueued. */
function watchDaemon(daemon: LockHolder): { stopped: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (isAlive(daemon)) return;
      reject(
        new UserError(
          `${describeHolder(daemon)} stopped before every input was processed; ` +
            'run the same command again (with the daemon running again, or without one) to finish',
        ),
      );
    }, 2000);
  });
  stopped.catch(() => {});
  return { stopped, cancel: () => clearInterval(timer) };
}
