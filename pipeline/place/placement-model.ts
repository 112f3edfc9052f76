/** The cluster writer's in-memory model of the store: clusters and their index, term statistics, storylines, subscriptions. */
import type { Subscription } from '../alerts/alert-events.js';
import { ClusterIndex } from '../cluster/cluster-index.js';
import { observe, type TermStats } from '../represent/term-stats.js';
import type { StorylineMemory, StorylineProfile } from '../storylines/match-storylines.js';
import type { Vector } from '../types.js';
import type { TitledCluster } from './placement.js';

/**
 * What placing reads of every cluster and storyline, kept in memory between articles. It is a model of the
 * store: it is loaded from the store (`load`) and advanced as each placement is persisted, so it holds
 * what the store holds; after a failed write it is loaded again.
 */
export class PlacementModel {
  clusters = new Map<string, TitledCluster>();
  readonly index = new ClusterIndex();
  stats: TermStats = { docs: 0, df: new Map() };
  /** Storylines prepared for matching, each with its memory. */
  storylines: StorylineProfile[] = [];
  /** Storyline names by id, for alert events. */
  storylineNames = new Map<string, string>();
  subscriptions: Subscription[] = [];

  /** Clusters, term statistics and storyline memories as the store has them. */
  load(clusters: TitledCluster[], stats: TermStats, memories: Map<string, StorylineMemory>): void {
    this.clusters = new Map(clusters.map((c) => [c.id, c]));
    this.stats = stats;
    for (const s of this.storylines) s.memory = memories.get(s.id) ?? { sum: null, count: 0, recent: [] };
    // The index follows the store (neural: only centroids that changed are re-linked in the HNSW graphs).
    this.index.sync(this.clusters.values(), stats);
  }

  /** An article joined `cluster` (its new state): its terms count, and the cluster is indexed again. */
  count(cluster: TitledCluster, vector: Vector): void {
    this.clusters.set(cluster.id, cluster);
    observe(this.stats, vector);
    this.index.upsert(cluster, this.stats);
  }

  /** Cluster `fromId` went into `into` (their combination). */
  merge(fromId: string, into: TitledCluster): void {
    this.clusters.delete(fromId);
    this.index.remove(fromId, true);
    this.clusters.set(into.id, into);
    this.index.upsert(into, this.stats);
  }
}
