/** The cluster writer's batches: ClusterItems that arrive together share one write transaction; back-fills run between. */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Delivery } from '../pipeline/alerts/alert-events.js';
import { nextTurn } from '../pipeline/event-loop-turns.js';
import type { MatchOptions } from '../pipeline/storylines/match-storylines.js';
import type { PreparedArticle } from '../pipeline/types.js';
import type { PlacementOutcome } from '../store/placement-writes.js';
import type { PlacementView } from '../store/placement-view.js';
import { describeBackfill, runBackfillStep } from '../store/storyline-backfill.js';
import {
  alertJobId,
  readClusterJob,
  type ArticleFailure,
  type ClusterJobResult,
  type ClusterResult,
  type Entry,
} from './queues.js';

/** Most work one batch transaction holds before it commits; what is left waits for the next batch. @defaultValue 100 */
export const BATCH_BUDGET_MS = 100;
/**
 * The same in a process whose event loop also serves the dashboard and API (`storywatch start` with
 * `queue.workerProcesses: false`): a transaction holds the loop from start to commit, and a batch costs
 * little besides its articles, so shorter ones cost little. @defaultValue 10
 */
export const SERVING_BATCH_BUDGET_MS = 10;

/** What placing one ClusterItem gave: its outcome and the deliveries to hand on once the batch committed. */
export interface PlacedJob {
  result: PlacementOutcome;
  deliveries: Delivery[];
  /** A retried job whose article an earlier attempt committed: it hands on whatever is still pending. */
  resumed?: boolean;
}

/** What the batches need from the cluster writer. */
export interface ClusterBatchDeps {
  view: PlacementView;
  /** Places an article inside the batch's write transaction; throws when that article fails. */
  place(item: PreparedArticle, job: Job): PlacedJob;
  /** Hands committed deliveries to the alert queue; returns their job ids. */
  handOn(deliveries: Delivery[]): Promise<string[]>;
  storylineMatch?: MatchOptions;
  /** Most work (ms) one batch transaction holds before it commits. @defaultValue 100 */
  batchBudgetMs?: number;
  faultDelayMs?: number;
  /** Fault injection for crash tests: pause this long after the batch is committed. @defaultValue 0 */
  faultAfterCommitMs?: number;
  log?: (msg: string) => void;
}

/** A ClusterItem waiting for the next batch, with its articles and how far it got. */
interface Waiting {
  job: Job;
  articles: Entry<PreparedArticle>[];
  /** The next article to place. */
  next: number;
  /** One per article placed so far (an outcome, or why it failed). */
  results: Array<ClusterResult | ArticleFailure>;
  resolve(result: ClusterJobResult): void;
  reject(err: Error): void;
}

/** What placing one article of a batch gave, or the error that fails its whole job (to be retried). */
type Settled =
  | { waiting: Waiting; at: number; error: Error; jobFails: boolean }
  | ({ waiting: Waiting; at: number; error?: undefined } & PlacedJob);

/**
 * The ClusterItem processor's scheduling. The articles of the ClusterItems that arrive together are placed
 * one after another, in order, inside one SQLite write transaction: the store's write lock makes writers in
 * several processes take turns, and one commit (and one hand-on of alerts) serves the whole batch, so the
 * per-article cost is the placing itself. A batch holds at most `batchBudgetMs` of work; a ClusterItem with
 * articles left goes on in the next. Every article succeeds or fails on its own: one that fails is left out
 * (its writes roll back to a savepoint) and answered `failed` with its error (a job of one article fails
 * with it), unless the error may pass (not an UnrecoverableError, attempts left): then its job fails whole
 * and is retried, its committed articles answered as stored. After a failure half-way the rest wait for the
 * next batch, which loads the view again first.
 *
 * Between batches, when no ClusterItem waits, the writer back-fills storylines created or changed (and
 * those asked to re-score) over the stored articles, one step per transaction (store/storyline-backfill.ts);
 * `drainBackfills()` runs them and resolves once none is left.
 */
export function createClusterBatches(deps: ClusterBatchDeps) {
  const { view } = deps;
  const budget = deps.batchBudgetMs ?? BATCH_BUDGET_MS;
  const waiting: Waiting[] = [];
  let running: Promise<void> | undefined;
  // Set while back-fills may be unfinished; callers of drainBackfills() wait for the writer to find none.
  let backfillWanted = false;
  let drained: Array<{ resolve(): void; reject(err: Error): void }> = [];
  let lastProgressLog = 0;
  let stopped = false;

  // Arriving articles go first; a back-fill step runs only when none waits. Each starts at the event loop's
  // next turn, the one the ingest work in the same process takes too where work is cut into turns.
  const schedule = () => {
    if (running || (!waiting.length && (!backfillWanted || stopped))) return;
    const step = waiting.length ? runBatch : runBackfill;
    running = nextTurn()
      .then(step)
      .catch((err: Error) => {
        deps.log?.(`cluster ${step === runBatch ? 'batch' : 'backfill'}: ${err.message}`);
        if (step === runBackfill) settleDrains(err);
      })
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  const settleDrains = (err?: Error) => {
    backfillWanted = false;
    const waiters = drained;
    drained = [];
    for (const w of waiters) {
      if (err) w.reject(err);
      else w.resolve();
    }
  };
  const placeJob = (job: Job): Promise<ClusterJobResult> =>
    new Promise((resolve, reject) => {
      // Each article is read (its vector decoded) on its own, before the write lock is taken.
      const articles = readClusterJob(job.data);
      waiting.push({ job, articles, next: 0, results: [], resolve, reject });
      schedule();
    });
  /** Runs unfinished back-fills (between batches); resolves once the store has none left, rejects if a step fails. */
  const drainBackfills = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (stopped) return resolve();
      drained.push({ resolve, reject });
      backfillWanted = true;
      schedule();
    });
  /** Takes no further back-fill step (what is done stays done; the rest goes on at the next start); waits for the current one. */
  const stopBackfills = async (): Promise<void> => {
    stopped = true;
    await running;
    settleDrains();
  };
  return Object.assign(placeJob, { drainBackfills, stopBackfills });

  /** One back-fill step in its own write transaction; its deliveries go to the alert queue after the commit. */
  async function runBackfill(): Promise<void> {
    await view.refreshStorylines();
    const outcome = runBackfillStep(view, { match: deps.storylineMatch, budgetMs: budget, log: deps.log });
    if (outcome) {
      const b = outcome.backfill;
      if (b.state === 'done' || Date.now() - lastProgressLog > 5000) {
        deps.log?.(describeBackfill(b));
        lastProgressLog = Date.now();
      }
      await deps.handOn(outcome.deliveries.filter((d) => !d.held));
    }
    if (!view.store.backfills.anyUnfinished()) settleDrains();
  }

  /** Places the waiting articles in one transaction, commits, hands their alerts on and settles finished jobs. */
  async function runBatch(): Promise<void> {
    const batch = waiting.splice(0);
    if (deps.faultDelayMs) await new Promise((r) => setTimeout(r, deps.faultDelayMs));
    let placed: Settled[] | undefined;
    try {
      await view.refreshStorylines();
      placed = placeInTransaction(deps, batch, budget);
    } catch (err) {
      for (const w of batch) w.reject(err as Error);
      return;
    }
    // Storylines changed while their profiles were being made: nothing was written; the next batch embeds them again.
    if (!placed) {
      waiting.unshift(...batch);
      return;
    }
    if (deps.faultAfterCommitMs) await new Promise((r) => setTimeout(r, deps.faultAfterCommitMs));
    // The outbox rows are committed; a crash before this point is made good by the start-up sweep (and by
    // the retried jobs, which find their articles stored). Events held for a digest leave with the next cut.
    let handed: Set<string>;
    let resumedIds: string[] = [];
    try {
      handed = new Set(await deps.handOn(placed.flatMap((p) => (p.error ? [] : p.deliveries.filter((d) => !d.held)))));
      if (placed.some((p) => !p.error && p.resumed)) resumedIds = await deps.handOn(view.store.pendingDeliveries());
    } catch (err) {
      const touched = new Set(placed.map((p) => p.waiting));
      for (const w of touched) w.reject(err as Error);
      waiting.unshift(...batch.filter((w) => !touched.has(w)));
      return;
    }
    const failed = record(placed, handed, resumedIds);
    // Jobs with articles left (beyond the budget) wait, at the head of the line, for the next batch.
    waiting.unshift(...batch.filter((w) => !failed.has(w) && w.next < w.articles.length));
    for (const w of batch) {
      if (failed.has(w)) w.reject(failed.get(w)!);
      else if (w.next >= w.articles.length) finish(w);
    }
  }
}

/** Whether an article's error fails it alone (it can never be placed, or its job has no attempt left), not its job. */
function failsAlone(err: Error, job: Job): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts?.attempts ?? 1);
}

/**
 * Places the batch's articles in order inside one write transaction, within the time budget, and
 * commits; undefined (nothing written) when the storylines changed since they were embedded. An article
 * that fails stops the batch (its writes rolled back to a savepoint; the view is loaded again first).
 */
function placeInTransaction(deps: ClusterBatchDeps, batch: Waiting[], budget: number): Settled[] | undefined {
  const { view } = deps;
  try {
    return view.store.writeTransaction(() => {
      if (!view.refresh()) return undefined;
      const placed: Settled[] = [];
      const started = performance.now();
      for (const w of batch) {
        while (w.next < w.articles.length) {
          if (placed.length && performance.now() - started > budget) return placed;
          const at = w.next++;
          const entry = w.articles[at]!;
          if ('error' in entry) {
            placed.push({ waiting: w, at, error: new UnrecoverableError(entry.error), jobFails: false });
            continue;
          }
          try {
            placed.push({ waiting: w, at, ...deps.place(entry.value, w.job) });
          } catch (err) {
            placed.push({ waiting: w, at, error: err as Error, jobFails: !failsAlone(err as Error, w.job) });
            view.forget();
            return placed;
          }
        }
      }
      return placed;
    });
  } catch (err) {
    // The view ran ahead of the store: it is loaded again before the next batch.
    view.forget();
    throw err;
  }
}

/**
 * Records each placed article's result in its job: its outcome with the alert jobs handed on for it, or its
 * failure. Returns the jobs that fail whole (to be retried), with the error.
 */
function record(placed: Settled[], handed: Set<string>, resumedIds: string[]): Map<Waiting, Error> {
  const failed = new Map<Waiting, Error>();
  for (const p of placed) {
    const { waiting: w, at } = p;
    if (p.error) {
      if (p.jobFails || w.articles.length === 1) failed.set(w, p.error);
      else w.results[at] = { status: 'failed', articleId: articleIdOf(w.articles[at]!), error: p.error.message };
    } else if (p.result.status !== 'done') w.results[at] = p.result;
    else if (p.resumed) w.results[at] = { ...p.result, alertJobIds: resumedIds };
    else {
      const alertJobIds = p.deliveries.map((d) => alertJobId(d.id)).filter((id) => handed.has(id));
      w.results[at] = { ...p.result, alertJobIds };
    }
  }
  return failed;
}

const articleIdOf = (entry: Entry<PreparedArticle>) => ('error' in entry ? (entry.id ?? '(unnamed)') : entry.value.id);

/** A job whose every article has its result: it completes with them, in the payload's order. */
function finish(w: Waiting): void {
  w.resolve({ status: 'done', articles: w.results });
}
