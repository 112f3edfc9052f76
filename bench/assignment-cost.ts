// Cluster-assignment cost at 10^3..10^5 active clusters in both modes, and the candidate index's recall against a full scan.
import { assignCluster, type ClusterOptions, type ClusterState } from '../pipeline/cluster/assign-cluster.js';
import { ClusterIndex, type ClusterIndexOptions } from '../pipeline/cluster/cluster-index.js';
import { packedVector } from '../pipeline/represent/packed-terms.js';
import { emptyStats, observe, type TermStats } from '../pipeline/represent/term-stats.js';
import type { PreparedArticle, Vector } from '../pipeline/types.js';

/** What one mode's assignment cost at one number of active clusters came to. */
export interface AssignmentCost {
  mode: 'offline' | 'neural';
  activeClusters: number;
  /** Candidate lookup and assignment, per article (elapsed time), in a process that has placed articles already. */
  msPerAssignment: number;
  /** The same for the first articles after indexing in a fresh process (code not yet optimised, lengths not yet memoised). */
  coldMsPerAssignment: number;
  /** The same in CPU time of this process (what it costs when other processes share the cores). */
  cpuMsPerAssignment: number;
  candidatesPerArticle: number;
  /** Seconds to index every cluster (what a writer's start-up costs). */
  indexSeconds: number;
  /**
   * Among the checked articles whose best candidate in a full scan clears its threshold (it would take
   * the article), the share for which the index finds it (or one scoring as high).
   */
  recall: number;
  /** The same over every checked article, including those that start a new cluster, whose best candidate does not matter. */
  recallAll: number;
  recallQueries: number;
  joinableQueries: number;
  /** The same assignment over every active cluster (what a lookup without an index costs). */
  fullScanMsPerAssignment: number;
}

/** What the placement tells the lookup (pipeline/place/place-article.ts): the article's language and the thresholds' ratio. */
const across = (q: Query, o: ClusterOptions) => ({ lang: q.lang, weight: o.sameLanguage / o.crossLanguage });

interface Query {
  lang: string;
  vector: Vector;
}

const OFFLINE: ClusterOptions = {
  sameLanguage: 0.3,
  crossLanguage: 0.1,
  windowDays: 3,
  quietHours: 24,
  quietGrowth: 0.4,
};
const NEURAL: ClusterOptions = {
  sameLanguage: 0.75,
  crossLanguage: 0.7,
  windowDays: 3,
  quietHours: 24,
  quietGrowth: 0.4,
};

/** The best-scoring cluster whatever the threshold: thresholds scaled down alike keep the order of the scores. */
function best(q: Query, clusters: Iterable<ClusterState>, stats: TermStats, options: ClusterOptions) {
  const tiny = { ...options, sameLanguage: options.sameLanguage * 1e-9, crossLanguage: options.crossLanguage * 1e-9 };
  return assignCluster({ lang: q.lang, vector: q.vector, time: null }, clusters, stats, tiny);
}

/**
 * Times lookups and assignments through the index: first for the `warm` articles right after indexing (the
 * cold cost), then for the queries (the cost in a writer that has been placing articles); then checks a share
 * of the queries against a full scan.
 */
function measure(
  mode: AssignmentCost['mode'],
  clusters: ClusterState[],
  warm: Query[],
  queries: Query[],
  recallQueries: number,
  stats: TermStats,
  options: ClusterOptions,
  indexOptions?: ClusterIndexOptions,
): AssignmentCost {
  const t0 = performance.now();
  const index = new ClusterIndex(indexOptions);
  for (const c of clusters) index.upsert(c, stats);
  const indexSeconds = (performance.now() - t0) / 1000;
  let candidates = 0;
  const place = (q: Query) => {
    const active = index.candidates(q.vector, stats, undefined, across(q, options));
    assignCluster({ lang: q.lang, vector: q.vector, time: null }, active, stats, options);
    return active.length;
  };
  const tc = performance.now();
  for (const q of warm) place(q);
  const coldMs = performance.now() - tc;
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  for (const q of queries) candidates += place(q);
  const ms = performance.now() - t1;
  const cpuMs = process.cpuUsage(cpu).user / 1000;
  let found = 0;
  let joinable = 0;
  let foundJoinable = 0;
  let scanMs = 0;
  const checked = queries.slice(0, recallQueries);
  for (const q of checked) {
    const t = performance.now();
    const truth = best(q, clusters, stats, options);
    scanMs += performance.now() - t;
    const got = best(q, index.candidates(q.vector, stats, undefined, across(q, options)), stats, options);
    const hit = got.score >= truth.score * (1 - 1e-9);
    if (hit) found++;
    // Scores of best() are scaled by 1e9: the best candidate would take the article where it is ≥ 1e9.
    if (truth.score >= 1e9) {
      joinable++;
      if (hit) foundJoinable++;
    }
  }
  return {
    mode,
    activeClusters: clusters.length,
    msPerAssignment: round(ms / queries.length),
    coldMsPerAssignment: round(coldMs / Math.max(1, warm.length)),
    cpuMsPerAssignment: round(cpuMs / queries.length),
    candidatesPerArticle: Math.round(candidates / queries.length),
    indexSeconds: round(indexSeconds),
    recall: round(foundJoinable / Math.max(1, joinable)),
    recallAll: round(found / checked.length),
    recallQueries: checked.length,
    joinableQueries: joinable,
    fullScanMsPerAssignment: round(scanMs / checked.length),
  };
}

const round = (x: number) => Number(x.toFixed(3));

/**
 * Offline mode: n clusters, each pairing two of the stream's articles (so clusters differ while their
 * terms stay realistic) and holding the sum packed, as the writer holds centroids; the stream's first
 * 500 articles as queries, after 100 others from its middle placed first; the recall is checked on the
 * first 100 queries.
 */
export function offlineAssignmentCost(
  prepared: PreparedArticle[],
  n: number,
  recallQueries = 100,
  indexOptions?: ClusterIndexOptions,
): AssignmentCost {
  const stats = emptyStats();
  for (const a of prepared) observe(stats, a.vector);
  const mix = (x: Vector, y: Vector): Vector => {
    if (x.kind !== 'sparse' || y.kind !== 'sparse') return x;
    const terms = { ...x.terms };
    for (const [t, w] of Object.entries(y.terms)) terms[t] = (terms[t] ?? 0) + w;
    return { kind: 'sparse', terms };
  };
  const clusters = Array.from({ length: n }, (_, k): ClusterState => {
    const a = prepared[k % prepared.length]!;
    const b = prepared[(k * 7919 + 13) % prepared.length]!;
    return {
      id: `c${k}`,
      centroids: { [a.lang]: { sum: packedVector(mix(a.vector, b.vector)), count: 2 } },
      firstSeen: null,
      lastSeen: null,
    };
  });
  const query = (a: PreparedArticle): Query => ({ lang: a.lang, vector: a.vector });
  const middle = Math.floor(prepared.length / 2);
  const warm = prepared.slice(middle, middle + 100).map(query);
  const queries = prepared.slice(0, 500).map(query);
  return measure('offline', clusters, warm, queries, recallQueries, stats, OFFLINE, indexOptions);
}

/** A seeded generator of standard normal numbers (mulberry32 and Box–Muller), so every run builds the same data. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Neural mode on synthetic centroids of a sentence embedding's shape (384 dimensions): clusters fall
 * into topics of 50 (clusters of one topic have cosines around 0.5, as stories on one subject do), three
 * in four have an English centroid, the rest a Hindi one, one in ten both; a query is an English article
 * near a cluster's centroid (cosine around 0.8), or one near no cluster (one in five); 100 more are placed
 * before the timed ones.
 */
export function neuralAssignmentCost(
  n: number,
  { dimensions = 384, queries: nq = 200, recallQueries = n >= 100_000 ? 100 : 200 } = {},
  indexOptions?: ClusterIndexOptions,
): AssignmentCost {
  const gauss = normals(20);
  const unit = (v: number[]) => {
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const around = (center: number[], spread: number) => unit(center.map((x) => x + spread * gauss()));
  const topics = Array.from({ length: Math.ceil(n / 50) }, () => unit(Array.from({ length: dimensions }, gauss)));
  const clusters = Array.from({ length: n }, (_, k): ClusterState => {
    const own = around(topics[k % topics.length]!, 1 / Math.sqrt(dimensions));
    const centroids: ClusterState['centroids'] = {};
    const kind = k % 20;
    if (kind < 17)
      centroids.en = { sum: { kind: 'dense', values: around(own, 0.3 / Math.sqrt(dimensions)) }, count: 3 };
    if (kind >= 15)
      centroids.hi = { sum: { kind: 'dense', values: around(own, 0.3 / Math.sqrt(dimensions)) }, count: 2 };
    return { id: `c${k}`, centroids, firstSeen: null, lastSeen: null };
  });
  // The first nq are timed; the 100 after them, near other clusters, are placed first.
  const queries = Array.from({ length: nq + 100 }, (_, i): Query => {
    const c = clusters[(i * 7919) % n]!;
    const values =
      i % 5 === 4
        ? unit(Array.from({ length: dimensions }, gauss))
        : around(
            ((c.centroids.en ?? c.centroids.hi)!.sum as { values: number[] }).values,
            0.75 / Math.sqrt(dimensions),
          );
    return { lang: 'en', vector: { kind: 'dense', values } };
  });
  const timed = queries.slice(0, nq);
  return measure('neural', clusters, queries.slice(nq), timed, recallQueries, emptyStats(), NEURAL, indexOptions);
}

/** One line saying what a measurement came to. */
export function describeAssignment(r: AssignmentCost): string {
  return (
    `cluster assignment, ${r.mode} mode, ${r.activeClusters} active clusters: ${r.msPerAssignment} ms per article (CPU ${r.cpuMsPerAssignment} ms; ` +
    `${r.coldMsPerAssignment} ms for the first 100 after indexing) ` +
    `(${r.candidatesPerArticle} candidates from the index, indexed in ${r.indexSeconds} s); best candidate found for ` +
    `${(r.recall * 100).toFixed(1)} % of the ${r.joinableQueries} articles it would take, ${(r.recallAll * 100).toFixed(1)} % of all ${r.recallQueries} ` +
    `(recall against a full scan, which costs ${r.fullScanMsPerAssignment} ms per article)`
  );
}
