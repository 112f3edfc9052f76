/** The cluster writer's in-memory model of the store: recent clusters and their index, term statistics, storylines, subscriptions. */
import type { Subscription } from '../alerts/alert-events.js';
import { ClusterIndex } from '../cluster/cluster-index.js';
import { packedVector } from '../represent/packed-terms.js';
import { observe, type TermStats } from '../represent/term-stats.js';
import type { StorylineMemory, StorylineProfile } from '../storylines/match-storylines.js';
import type { Vector } from '../types.js';
import type { TitledCluster } from './placement.js';

const DAY = 86_400_000;

/** Eviction runs once the resident window's edge moved this far past the last one (a scan of the clusters). */
const EVICT_STEP = DAY;

/** Placements whose earliest read keeps its clusters resident: late articles in a row read the store once. */
const RECENT_READS = 1024;

/** The store's clusters whose latest article is dated in [since, until) (ms), in creation order. */
export type StoredClusters = (since: number, until: number) => TitledCluster[];

/** How far back the model holds clusters, and where it reads older ones. */
export interface ResidentOptions {
  /**
   * Clusters whose latest article is older than this many days before the newest article leave memory (they
   * stay in the store). @defaultValue Infinity (every cluster stays)
   */
  residentDays?: number;
  /** Reads the clusters the model does not hold, when an article dated before its window needs them. */
  older?: StoredClusters;
}

/**
 * The cluster with its sparse centroid sums held packed (`PackedVector`, mutated): a cluster read from the
 * store has its sums as objects of terms, which cost several times the memory.
 */
function packCentroids<C extends TitledCluster>(cluster: C): C {
  for (const centroid of Object.values(cluster.centroids)) centroid.sum = packedVector(centroid.sum);
  return cluster;
}

/**
 * What placing reads of the clusters and storylines, kept in memory between articles. It is a model of the
 * store: it is loaded from the store (`load`) and advanced as each placement is persisted; after a failed
 * write it is loaded again. Of the clusters it holds the resident ones: every cluster whose latest article
 * is dated at or after `residentSince`, and every undated one. Placing an article reads clusters active
 * within a span before the article's date (`reach`): when that span starts before `residentSince` (a late
 * article), the older clusters are read from the store first, so the placement is what it would be with
 * every cluster in memory. `evict` drops the clusters quiet for longer than `residentDays` before the
 * newest article, so the writer's memory follows the stream's recent days, not the store's size.
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
  /** Every cluster whose latest article is dated at or after this (ms), and every undated one, is in `clusters`. */
  residentSince = Number.NEGATIVE_INFINITY;
  /** The latest article date of any cluster held (ms). */
  private newest = Number.NEGATIVE_INFINITY;
  private readonly residentDays: number;
  private readonly older?: StoredClusters;
  /** The earliest time each of the last RECENT_READS placements read from when it was late (a ring; +∞ otherwise). */
  private readonly recentReads = new Float64Array(RECENT_READS).fill(Number.POSITIVE_INFINITY);
  private reads = 0;

  constructor(options: ResidentOptions = {}) {
    this.residentDays = options.residentDays ?? Number.POSITIVE_INFINITY;
    this.older = options.older;
    if (!(this.residentDays > 0)) throw new Error(`residentDays must be positive, got ${this.residentDays}`);
  }

  /**
   * Clusters, term statistics and storyline memories as the store has them: `clusters` are all those whose
   * latest article is dated at or after `since` (and the undated ones).
   */
  load(
    clusters: TitledCluster[],
    stats: TermStats,
    memories: Map<string, StorylineMemory>,
    since = Number.NEGATIVE_INFINITY,
  ): void {
    this.clusters = new Map(clusters.map((c) => [c.id, packCentroids(c)]));
    this.residentSince = since;
    this.newest = Number.NEGATIVE_INFINITY;
    for (const c of clusters) if (c.lastSeen !== null && c.lastSeen > this.newest) this.newest = c.lastSeen;
    this.stats = stats;
    for (const s of this.storylines) s.memory = memories.get(s.id) ?? { sum: null, count: 0, recent: [] };
    // The index follows the store (neural: only centroids that changed are re-linked in the HNSW graphs).
    this.index.sync(this.clusters.values(), stats);
  }

  /**
   * Makes every cluster whose latest article is dated at or after `since` (ms) resident: those older than
   * the resident window are read from the store (an article dated before the window reads them).
   */
  reach(since: number): void {
    if (!Number.isFinite(since)) return;
    // A late article's read is kept resident for the next placements; an article within the window reads nothing older.
    const late = since < this.newest - this.residentDays * DAY;
    this.recentReads[this.reads++ % RECENT_READS] = late ? since : Number.POSITIVE_INFINITY;
    if (since >= this.residentSince || !this.older) return;
    for (const c of this.older(since, this.residentSince)) {
      if (this.clusters.has(c.id)) continue;
      this.clusters.set(c.id, packCentroids(c));
      this.index.upsert(c, this.stats);
    }
    this.residentSince = since;
  }

  /**
   * Drops from memory and from the index the clusters whose latest article is dated more than `residentDays`
   * before the newest one (between placements: the store keeps them), but none that one of the last
   * RECENT_READS placements read (a run of late articles, such as an archive, does not read the store
   * again for each); returns how many left.
   */
  evict(): number {
    let edge = this.newest - this.residentDays * DAY;
    for (const since of this.recentReads) if (since < edge) edge = since;
    if (!(edge - this.residentSince >= EVICT_STEP)) return 0;
    let evicted = 0;
    for (const [id, c] of this.clusters) {
      if (c.lastSeen === null || c.lastSeen >= edge) continue;
      this.clusters.delete(id);
      // Its place in the creation order stays: read again (a late article), it ranks where it did.
      this.index.remove(id);
      evicted++;
    }
    this.residentSince = edge;
    return evicted;
  }

  /** An article joined `cluster` (its new state): its terms count, and the cluster is indexed again. */
  count(cluster: TitledCluster, vector: Vector): void {
    this.clusters.set(cluster.id, cluster);
    if (cluster.lastSeen !== null && cluster.lastSeen > this.newest) this.newest = cluster.lastSeen;
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
