/** Persisting one placement decision: the article, its cluster, a merge, storyline matches and memories, alert outbox, or a copy. */
import { withCluster, type Delivery } from '../pipeline/alerts/alert-events.js';
import type { Placement } from '../pipeline/place/placement.js';
import type { ListedCopy } from './copy-store.js';
import type { SqliteStore } from './sqlite-store.js';
import { summarise } from './facts.js';

/** What ClusterItem answers for a persisted placement (the alert job ids are added once they are handed on). */
export type PlacementOutcome =
  | { status: 'skipped'; reason: 'unchanged'; articleId: string }
  | {
      status: 'done';
      articleId: string;
      clusterId: string;
      storylines: string[];
      duplicateOf?: string;
      similarity?: number;
    };

/** A persisted placement: its outcome, and the alert deliveries written to the outbox (to hand on after the commit). */
export interface PersistedPlacement {
  outcome: PlacementOutcome;
  deliveries: Delivery[];
}

/**
 * Writes what a placement decided, in one transaction of its own (a savepoint inside a batch's write
 * transaction, so a failed write leaves the batch's other articles as they were), and returns the outcome.
 * The alert events name the cluster as the store holds it once written (`summarise`), as the report, the API
 * and the dashboard do.
 */
export function persistPlacement(store: SqliteStore, placement: Placement): PersistedPlacement {
  return store.savepoint((): PersistedPlacement => {
    if (placement.kind !== 'placed') return { outcome: persistOther(store, placement), deliveries: [] };
    const { article, inputId, cluster, isNewCluster, matches, memories, merge } = placement;
    store.writeArticle({ article, inputId, cluster, isNewCluster, matches, memories });
    if (merge) store.mergeClusters(merge.fromId, merge.into, merge.similarity);
    const stored = placement.deliveries.length ? summarise(store.facts, placement.clusterId) : undefined;
    const deliveries = stored ? placement.deliveries.map((d) => withCluster(d, stored)) : placement.deliveries;
    store.addDeliveries(deliveries);
    const outcome: PlacementOutcome = {
      status: 'done',
      articleId: article.id,
      clusterId: placement.clusterId,
      storylines: matches.map((m) => m.id),
    };
    return { outcome, deliveries };
  });
}

/** Writes a placement that stores no new article: unchanged, resumed, or a copy. */
function persistOther(store: SqliteStore, placement: Exclude<Placement, { kind: 'placed' }>): PlacementOutcome {
  switch (placement.kind) {
    case 'unchanged':
      return { status: 'skipped', reason: 'unchanged', articleId: placement.articleId };
    case 'resumed': {
      if (placement.copy) return copyOutcome(store.copies.get(placement.articleId)!);
      const { clusterId, storylines } = store.articleSummary(placement.articleId)!;
      return { status: 'done', articleId: placement.articleId, clusterId, storylines };
    }
    case 'copy':
      store.copies.add(placement.copy);
      return copyOutcome(store.copies.get(placement.copy.id)!);
  }
}

/** A copy's outcome: its original's cluster (merges followed), no matches. */
const copyOutcome = (c: ListedCopy): PlacementOutcome => ({
  status: 'done',
  articleId: c.id,
  clusterId: c.clusterId,
  storylines: [],
  duplicateOf: c.duplicateOf,
  similarity: c.similarity,
});
