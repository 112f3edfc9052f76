// Candidate clusters for an article without scanning them all: capped term postings (offline), HNSW (neural).
import type { ClusterState } from './assign-cluster.js';
import { termName } from '../represent/packed-terms.js';
import { idfWeighted, type TermStats } from '../represent/term-stats.js';
import type { Vector } from '../types.js';
import { CentroidAnn, type AnnOptions } from './centroid-ann.js';
import { TermPostings, type IndexedTerm } from './term-postings.js';

/** How many of a vector's heaviest terms are indexed and looked up. @defaultValue 40 */
const TOP_TERMS = 40;

/** Sizes of the candidate index. */
export interface ClusterIndexOptions {
  /** Offline mode: most clusters in one term's posting list. @defaultValue 256 */
  postingsCap?: number;
  /** Offline mode: most candidates one lookup returns, those whose shared terms make the most of the cosine. @defaultValue 200 */
  maxCandidates?: number;
  /** Neural mode: nearest centroids taken from each language's graph. @defaultValue 32 */
  nearest?: number;
  /** Neural mode: the HNSW graphs' parameters. */
  ann?: AnnOptions;
}

/** The positions and IDF weights of the n heaviest terms (ties: alphabetical), by selection rather than a full sort. */
function topTerms(
  vector: Extract<Vector, { kind: 'sparse' }>,
  stats: TermStats,
  n: number,
): { ids: Int32Array; weights: Float64Array; top: number[] } {
  const { ids, weights } = idfWeighted(vector, stats);
  const top: number[] = [];
  const before = (a: number, b: number) =>
    weights[a]! > weights[b]! || (weights[a] === weights[b] && termName(ids[a]!).localeCompare(termName(ids[b]!)) < 0);
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
  return { ids, weights, top };
}

/** A cluster's heavy terms over all its sparse centroids, each with its largest share of a centroid's weighted length. */
function indexedTerms(cluster: ClusterState, stats: TermStats): IndexedTerm[] {
  const impact = new Map<number, number>();
  for (const { sum } of Object.values(cluster.centroids)) {
    if (sum.kind !== 'sparse') continue;
    const { ids, weights, top } = topTerms(sum, stats, TOP_TERMS);
    let sq = 0;
    for (const w of weights) sq += w * w;
    const norm = Math.sqrt(sq) || 1;
    for (const k of top) impact.set(ids[k]!, Math.max(impact.get(ids[k]!) ?? 0, weights[k]! / norm));
  }
  return [...impact].map(([term, value]) => ({ term, impact: value }));
}

/** A cluster's dense centroids by language. */
function denseCentroids(cluster: ClusterState): Record<string, { values: number[]; count: number }> {
  const dense: Record<string, { values: number[]; count: number }> = {};
  for (const [lang, c] of Object.entries(cluster.centroids))
    if (c.sum.kind === 'dense') dense[lang] = { values: c.sum.values, count: c.count };
  return dense;
}

/**
 * The active clusters and an index over their centroids. A cluster can only clear the similarity
 * threshold if it is near the article, so a lookup returns the clusters the index finds near it: in the
 * offline mode those sharing the article's heaviest terms (posting lists capped, so a lookup costs the
 * same at 10^5 clusters as at 10^3), ranked by the part of the cosine their shared terms make; in the
 * neural mode those owning the centroids nearest to the article's vector in an HNSW graph per language.
 * Assignment then compares the article with these candidates alone.
 */
export class ClusterIndex {
  private readonly postings: TermPostings;
  private readonly ann: CentroidAnn;
  private readonly nearest: number;
  private readonly maxCandidates: number;
  private readonly clusters = new Map<string, ClusterState>();
  private readonly seq = new Map<string, number>();
  /** Each indexed cluster at its place in the creation order (what a term lookup returns is read here). */
  private readonly bySeq: (ClusterState | undefined)[] = [];
  /** Latest dated article of each cluster by creation order (+∞ undated, NaN removed): the time filter reads no map. */
  private lastSeen = new Float64Array(1024).fill(Number.NaN);
  /** By language, 1 for each cluster (by creation order) with a centroid in it: the ranking's boost reads no cluster object. */
  private readonly inLanguage = new Map<string, Uint8Array>();
  private nextSeq = 0;

  constructor(options: ClusterIndexOptions = {}) {
    this.postings = new TermPostings(options.postingsCap);
    this.ann = new CentroidAnn(options.ann);
    this.nearest = options.nearest ?? 32;
    this.maxCandidates = options.maxCandidates ?? 200;
  }

  /** Adds or re-indexes a cluster after its centroids changed. */
  upsert(cluster: ClusterState, stats: TermStats): void {
    let seq = this.seq.get(cluster.id);
    if (seq === undefined) this.seq.set(cluster.id, (seq = this.nextSeq++));
    this.bySeq[seq] = cluster;
    if (seq >= this.lastSeen.length) {
      const grown = new Float64Array(Math.max(seq + 1, this.lastSeen.length * 2)).fill(Number.NaN);
      grown.set(this.lastSeen);
      this.lastSeen = grown;
    }
    this.lastSeen[seq] = cluster.lastSeen ?? Number.POSITIVE_INFINITY;
    this.markLanguages(seq, cluster);
    this.postings.set(seq, indexedTerms(cluster, stats));
    this.ann.set(cluster.id, denseCentroids(cluster));
    this.clusters.set(cluster.id, cluster);
  }

  /** Removes a cluster (merged away); `forget` also drops its place in the creation order. */
  remove(id: string, forget = false): void {
    const seq = this.seq.get(id);
    if (seq !== undefined) {
      this.postings.remove(seq);
      this.lastSeen[seq] = Number.NaN;
      this.bySeq[seq] = undefined;
      this.markLanguages(seq);
    }
    if (forget && seq !== undefined) this.seq.delete(id);
    this.ann.remove(id);
    this.clusters.delete(id);
  }

  /** Marks the languages of the cluster's centroids at `seq` (none without a cluster). */
  private markLanguages(seq: number, cluster?: ClusterState): void {
    for (const flags of this.inLanguage.values()) if (seq < flags.length) flags[seq] = 0;
    if (!cluster) return;
    for (const lang of Object.keys(cluster.centroids)) {
      let flags = this.inLanguage.get(lang);
      if (!flags || seq >= flags.length) {
        const grown = new Uint8Array(Math.max(seq + 1, this.lastSeen.length));
        if (flags) grown.set(flags);
        this.inLanguage.set(lang, (flags = grown));
      }
      flags[seq] = 1;
    }
  }

  /**
   * Makes the index hold exactly these clusters (as reloaded from the store, in creation order): every
   * one is re-indexed, the latest active last (term postings keep the most recently indexed), and those
   * not among them are removed. Dense centroids that did not change are not re-linked.
   */
  sync(clusters: Iterable<ClusterState>, stats: TermStats): void {
    const all = [...clusters];
    const keep = new Set(all.map((c) => c.id));
    for (const id of [...this.clusters.keys()]) if (!keep.has(id)) this.remove(id, true);
    for (const c of all) if (!this.seq.has(c.id)) this.seq.set(c.id, this.nextSeq++);
    const byActivity = all
      .map((c, i) => ({ c, i }))
      .sort((a, b) => (a.c.lastSeen ?? -Infinity) - (b.c.lastSeen ?? -Infinity) || a.i - b.i);
    for (const { c } of byActivity) this.upsert(c, stats);
  }

  get(id: string): ClusterState | undefined {
    return this.clusters.get(id);
  }

  get size(): number {
    return this.clusters.size;
  }

  /**
   * Clusters near the vector, in creation order, among those with no article dated before `since` (ms)
   * as their latest (undated clusters always count). @param since @defaultValue -Infinity
   * @param across offline mode: the article's language, and how much more a cluster without a centroid in
   * it counts in the ranking (assignment compares such a cluster across languages, against a lower
   * threshold: the same-language threshold over the cross-language one ranks the two alike); without it
   * the ranking is blind to languages.
   */
  candidates(
    vector: Vector,
    stats: TermStats,
    since = Number.NEGATIVE_INFINITY,
    across?: { lang: string; weight: number },
  ): ClusterState[] {
    const active = (id: string | undefined) => {
      const last = id === undefined ? undefined : this.clusters.get(id)?.lastSeen;
      return last !== undefined && (last === null || last >= since);
    };
    if (vector.kind === 'dense') {
      const ids = [
        ...this.ann.nearest(vector.values, this.nearest, since === Number.NEGATIVE_INFINITY ? undefined : active),
      ];
      return ids.sort((a, b) => this.seq.get(a)! - this.seq.get(b)!).map((id) => this.clusters.get(id)!);
    }
    const { ids: terms, weights, top } = topTerms(vector, stats, TOP_TERMS);
    const query = top.map((k) => ({ term: terms[k]!, weight: weights[k]! }));
    const own = across && this.inLanguage.get(across.lang);
    const boost = across && across.weight !== 1 ? (seq: number) => (own && own[seq] ? 1 : across.weight) : undefined;
    // With very many active clusters near the article, those whose shared terms weigh the most are the plausible ones.
    return this.postings
      .lookup(query, (seq) => this.lastSeen[seq]! >= since, this.maxCandidates, boost)
      .map((seq) => this.bySeq[seq]!);
  }
}
