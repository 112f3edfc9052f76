/** Persisting one placement decision: the article, its cluster, a merge, storyline matches and memories, alert outbox, or a copy. */
import type { Placement } from '../pipeline/place/placement.js';
import type { ListedCopy } from './copy-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** What ClusterItem answers for a persisted placement (the alert job ids are added once they are handed on). */
export type PlacementOutcome =
  | { status: 'skipped'; reason: 'unchanged'; articleId: string }
  | { status: 'done'; articleId: string; clusterId: string; storylines: string[]; duplicateOf?: string; similarity?: number };

/**
 * Writes what a placement decided, in one transaction of its own (a savepoint inside a batch's write
 * transaction, so a failed write leaves the batch's other articles as they were), and returns the outcome.
 */
export function persistPlacement(store: SqliteStore, placement: Placement): PlacementOutcome {
  return store.db.transaction((): PlacementOutcome => {
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
      case 'placed': {
        const { article, inputId, cluster, isNewCluster, matches, memories, merge } = placement;
        store.writeArticle({ article, inputId, cluster, isNewCluster, matches, memories });
        if (merge) store.mergeClusters(merge.fromId, merge.into, merge.similarity);
        store.addDeliveries(placement.deliveries);
        return { status: 'done', articleId: article.id, clusterId: placement.clusterId, storylines: matches.map((m) => m.id) };
      }
    }
  }).immediate();
}

/** A copy's outcome: its original's cluster (merges followed), no matches. */
const copyOutcome = (c: ListedCopy): PlacementOutcome => ({
  status: 'done', articleId: c.id, clusterId: c.clusterId, storylines: [], duplicateOf: c.duplicateOf, similarity: c.similarity,
});
