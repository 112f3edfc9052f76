import { queryDot, queryOf, weightedCosine, type TermStats } from './term-stats.js';
import type { Vector } from './types.js';

/** Clustering thresholds (a slice of the config). */
export interface ClusterOptions {
  /** Similarity to the centroid of the cluster's articles in the same language needed to join. */
  sameLanguage: number;
  /** Similarity to a centroid in another language needed to join a cluster that has none in this one. */
  crossLanguage: number;
  /** Articles further apart in time than this need `timePenalty` more similarity. */
  windowDays: number;
  timePenalty: number;
}

/** Running sum of one language's article vectors in a cluster. */
export interface Centroid {
  sum: Vector;
  count: number;
}

/** What assignment needs to know about a cluster. */
export interface ClusterState {
  id: string;
  centroids: Record<string, Centroid>;
  /** Publication time span of its dated articles (ms), or null while it has none. */
  firstSeen: number | null;
  lastSeen: number | null;
}

/** An article as assignment sees it. */
export interface ArticleSignal {
  lang: string;
  vector: Vector;
  /** Publication time in ms, or null when unknown (then time does not count against it). */
  time: number | null;
}

/** The decision for one article. */
export interface Assignment {
  clusterId: string | null;
  similarity: number;
  /** The best candidate's similarity divided by its threshold; ≥ 1 means it joined. */
  score: number;
}

const DAY = 86_400_000;

/**
 * Online assignment: the article joins the cluster with the best similarity-to-threshold ratio, or
 * starts a new one (`clusterId: null`). Within a language the same-language centroid decides; a cluster
 * is compared across languages only when it has no article in the article's language, because
 * monolingual similarity is the more reliable signal. Ties go to the earlier cluster, so the result is
 * deterministic for a given input order.
 */
export function assignCluster(article: ArticleSignal, clusters: Iterable<ClusterState>, stats: TermStats, options: ClusterOptions): Assignment {
  const a = queryOf(article.vector, stats);
  let best: Assignment = { clusterId: null, similarity: 0, score: 0 };
  for (const cluster of clusters) {
    const own = cluster.centroids[article.lang];
    const candidates = own ? [[article.lang, own] as const] : Object.entries(cluster.centroids);
    let threshold = own ? options.sameLanguage : options.crossLanguage;
    if (isFar(article.time, cluster, options.windowDays)) threshold += options.timePenalty;
    for (const [, centroid] of candidates) {
      const similarity = queryDot(a, centroid.sum, stats);
      const score = similarity / threshold;
      if (score > best.score) best = { clusterId: cluster.id, similarity, score };
    }
  }
  return best.score >= 1 ? best : { ...best, clusterId: null };
}

function isFar(time: number | null, cluster: ClusterState, windowDays: number): boolean {
  if (time === null || cluster.firstSeen === null || cluster.lastSeen === null) return false;
  const gap = time < cluster.firstSeen ? cluster.firstSeen - time : Math.max(0, time - cluster.lastSeen);
  return gap > windowDays * DAY;
}

/** Adds an article to a cluster's running centroid and time span (mutates the cluster). */
export function addToCluster(cluster: ClusterState, article: ArticleSignal): void {
  const centroid = cluster.centroids[article.lang];
  cluster.centroids[article.lang] = centroid
    ? { sum: addVectors(centroid.sum, article.vector), count: centroid.count + 1 }
    : { sum: article.vector, count: 1 };
  if (article.time !== null) {
    cluster.firstSeen = Math.min(cluster.firstSeen ?? article.time, article.time);
    cluster.lastSeen = Math.max(cluster.lastSeen ?? article.time, article.time);
  }
}

function addVectors(a: Vector, b: Vector): Vector {
  if (a.kind === 'dense' && b.kind === 'dense') return { kind: 'dense', values: a.values.map((v, i) => v + (b.values[i] ?? 0)) };
  if (a.kind === 'sparse' && b.kind === 'sparse') {
    const terms = { ...a.terms };
    for (const [t, w] of Object.entries(b.terms)) terms[t] = (terms[t] ?? 0) + w;
    return { kind: 'sparse', terms };
  }
  throw new Error(`cannot add a ${b.kind} vector to a ${a.kind} centroid`);
}

/**
 * After `cluster` grew, the other cluster it has converged with, if any: same-language centroid
 * similarity at or above `threshold` (and no more than the time window apart). Earliest wins ties.
 */
export function findMerge(cluster: ClusterState, others: Iterable<ClusterState>, stats: TermStats, threshold: number, options: Pick<ClusterOptions, 'windowDays'>): { clusterId: string; similarity: number } | null {
  let best: { clusterId: string; similarity: number } | null = null;
  for (const other of others) {
    if (other.id === cluster.id || isFar(cluster.lastSeen, other, options.windowDays)) continue;
    for (const [lang, centroid] of Object.entries(cluster.centroids)) {
      const theirs = other.centroids[lang];
      if (!theirs) continue;
      const similarity = weightedCosine(centroid.sum, theirs.sum, stats);
      if (similarity >= threshold && similarity > (best?.similarity ?? -1)) best = { clusterId: other.id, similarity };
    }
  }
  return best;
}

/** The centroids and time span of two clusters combined (neither is mutated). */
export function combineClusters<T extends ClusterState>(into: T, from: ClusterState): T {
  const centroids = { ...into.centroids };
  for (const [lang, c] of Object.entries(from.centroids)) {
    const mine = centroids[lang];
    centroids[lang] = mine ? { sum: addVectors(mine.sum, c.sum), count: mine.count + c.count } : c;
  }
  const first = [into.firstSeen, from.firstSeen].filter((x): x is number => x !== null);
  const last = [into.lastSeen, from.lastSeen].filter((x): x is number => x !== null);
  return { ...into, centroids, firstSeen: first.length ? Math.min(...first) : null, lastSeen: last.length ? Math.max(...last) : null };
}
