/** ClusterItem, the store writer: places each article of each job (pipeline/place) and persists the placement; alerts go on after the commit. */
import { UnrecoverableError, type Job } from 'bullmq';
import type { StorylineConfig } from '../config/schema.js';
import type { Delivery } from '../pipeline/alerts/alert-events.js';
import { placeArticle } from '../pipeline/place/place-article.js';
import type { PlacementSettings } from '../pipeline/place/placement.js';
import type { StorylineProfile } from '../pipeline/storylines/match-storylines.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { createClusterBatches, type PlacedJob } from '../queue/cluster-batches.js';
import { enqueueOutbox } from '../queue/job-chain.js';
import { timeStage } from '../runtime/stage-metrics.js';
import { PlacementView } from '../store/placement-view.js';
import type { SqliteStore } from '../store/sqlite-store.js';

/** What the ClusterItem processor needs. */
export interface ClusterDeps extends PlacementSettings {
  store: SqliteStore;
  /** Builds matching profiles (vectors) for the stored storyline definitions. */
  profiles(defs: StorylineConfig[]): Promise<StorylineProfile[]>;
  faultDelayMs?: number;
  /** Fault injection for crash tests: pause this long after the article is committed. @defaultValue 0 */
  faultAfterCommitMs?: number;
  /** Most work (ms) one batch transaction holds before it commits. @defaultValue 100 */
  batchBudgetMs?: number;
  log?: (msg: string) => void;
  /** Hands alert deliveries to the alert queue; returns their job ids. */
  alert?(deliveries: Delivery[]): Promise<string[]>;
}

/**
 * The ClusterItem processor: for each article of a job, in order, loads its snapshot of the store, places it
 * (`placeArticle`), persists the placement and, once its batch committed, hands its alerts on. Batches of
 * ClusterItems share one write transaction, and storyline back-fills run between them
 * (queue/cluster-batches.ts): `drainBackfills()` runs them and resolves once none is left.
 */
export function createClusterProcessor(deps: ClusterDeps) {
  const { store } = deps;
  const view = new PlacementView(store, deps.profiles);

  /** Why an article can never be stored here, if it cannot. */
  const refusal = (item: PreparedArticle): UnrecoverableError | undefined => {
    const storeMode = store.mode();
    if (!storeMode || storeMode === item.mode) return undefined;
    const why = `article made in ${item.mode} mode, but the store holds ${storeMode} vectors; use a fresh data dir`;
    return new UnrecoverableError(`${item.source}: ${why}`);
  };

  /** Places one article inside the batch's write transaction. */
  const place = (item: PreparedArticle, job: Job): PlacedJob => {
    const refused = refusal(item);
    if (refused) throw refused;
    // A retried job whose earlier attempt committed before its worker died finds its article stored.
    const retried = job.attemptsMade > 0 || (job.attemptsStarted ?? 0) > 1;
    const snapshot = view.snapshot(item, retried);
    const assigned = timeStage('assign');
    const placement = placeArticle(item, snapshot, deps);
    if (placement.kind === 'placed' || placement.kind === 'copy') assigned();
    const stored = timeStage('store');
    const { outcome: result, deliveries } = store.persistPlacement(placement);
    if (placement.kind === 'placed') stored();
    view.persisted(placement);
    if (placement.kind !== 'placed')
      return { result, deliveries: [], resumed: placement.kind === 'resumed' && !placement.copy };
    const { merge } = placement;
    if (merge)
      deps.log?.(`merged cluster ${merge.fromId} into ${merge.into.id} (similarity ${merge.similarity.toFixed(3)})`);
    return { result, deliveries };
  };

  return createClusterBatches({ ...deps, view, place, handOn });

  /** Hands committed deliveries to the alert queue and marks them enqueued; returns their job ids. */
  async function handOn(deliveries: Delivery[]): Promise<string[]> {
    return deps.alert ? enqueueOutbox(deliveries, deps.alert, deps.store) : [];
  }
}
