import type { ClusterState } from './assign-cluster.js';
import { termName } from '../represent/packed-terms.js';
import { idfWeighted, type TermStats } from '../represent/term-stats.js';
import type { Vector } from '../types.js';

/** How many of a vector's heaviest terms are indexed and looked up. @defaultValue 40 */
const TOP_TERMS = 40;
/** Most candidates one lookup returns: the clusters sharing the most heavy terms. @defaultValue 500 */
const MAX_CANDIDATES = 500;

/** The ids of the n terms of heaviest IDF weight (ties: alphabetical), by selection rather than a full sort. */
function topTerms(vector: Vector, stats: TermStats, n: number): number[] {
  if (vector.kind !== 'sparse') return [];
  const { ids, weights } = idfWeighted(vector, stats);
  const top: number[] = [];
  const before = (a: number, b: number) => weights[a]! > weights[b]! || (weights[a] === weights[b] && termName(ids[a]!).localeCompare(termName(ids[b]!)) < 0);
  for (let k = 0; k < ids.length; k++) {
    if (top.length === n && !before(k, top[n - 1]!)) continue;
    let i = top.length;
    top.push(k);
    while (i > 0 && before(k, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = k;
    if (top.length > n) top.pop();
  }
  return top.map((k) => ids[k]!);
}

/**
 * Candidate clusters for an article without scanning them all: an inverted index from each cluster's
 * heaviest centroid terms to the cluster. A cluster can only clear the similarity threshold if it shares
 * some heavy term with the article, so the per-article cost follows the postings of its terms, not the
 * number of clusters. Dense (neural) vectors have no terms: every indexed cluster is a candidate, and
 * the caller bounds them by time.
 */
export class ClusterIndex {
  private readonly postings = new Map<number, Set<string>>();
  private readonly termsOf = new Map<string, number[]>();
  private readonly clusters = new Map<string, ClusterState>();
  private readonly seq = new Map<string, number>();
  private nextSeq = 0;

  /** Adds or re-indexes a cluster after its centroids changed. */
  upsert(cluster: ClusterState, stats: TermStats): void {
    this.remove(cluster.id);
    const terms = [...new Set(Object.values(cluster.centroids).flatMap((c) => topTerms(c.sum, stats, TOP_TERMS)))];
    for (const t of terms) {
      const set = this.postings.get(t) ?? new Set<string>();
      set.add(cluster.id);
      this.postings.set(t, set);
    }
    this.termsOf.set(cluster.id, terms);
    this.clusters.set(cluster.id, cluster);
    if (!this.seq.has(cluster.id)) this.seq.set(cluster.id, this.nextSeq++);
  }

  remove(id: string, forget = false): void {
    if (forget) this.seq.delete(id);
    for (const t of this.termsOf.get(id) ?? []) {
      const set = this.postings.get(t);
      set?.delete(id);
      if (set?.size === 0) this.postings.delete(t);
    }
    this.termsOf.delete(id);
    this.clusters.delete(id);
  }

  get(id: string): ClusterState | undefined {
    return this.clusters.get(id);
  }

  get size(): number {
    return this.clusters.size;
  }

  /** Clusters that share a heavy term with the vector (all clusters for dense vectors), in creation order. */
  candidates(vector: Vector, stats: TermStats): ClusterState[] {
    if (vector.kind === 'dense') return [...this.clusters.values()];
    const shared = new Map<string, number>();
    for (const t of topTerms(vector, stats, TOP_TERMS)) for (const id of this.postings.get(t) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    let ids = [...shared.keys()];
    // With very many active clusters, those sharing the most heavy terms are the only plausible ones.
    if (ids.length > MAX_CANDIDATES) {
      ids = ids.sort((a, b) => shared.get(b)! - shared.get(a)! || this.seq.get(a)! - this.seq.get(b)!).slice(0, MAX_CANDIDATES);
    }
    return ids.sort((a, b) => this.seq.get(a)! - this.seq.get(b)!).map((id) => this.clusters.get(id)!);
  }
}
