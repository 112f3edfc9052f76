// Online clustering: the cluster an article joins or starts, running centroids, and merges.
import { queryDot, queryOf, weightedCosine, type TermStats } from '../represent/term-stats.js';
import { addVectors } from '../represent/add-vectors.js';
import { packedVector } from '../represent/packed-terms.js';
import type { Vector } from '../types.js';

/** Clustering thresholds (a slice of the config). */
export interface ClusterOptions {
  /** Similarity to the centroid of the cluster's articles in the same language needed to join. */
  sameLanguage: number;
  /** Similarity to a centroid in another language needed to join a cluster that has none in this one. */
  crossLanguage: number;
  /** Clusters whose articles are further apart in time than this are never merged. */
  windowDays: number;
  /** Time scale of a cluster's quiet spell (hours) in `quietFactor`. */
  quietHours: number;
  /** How much more similarity each doubling of the quiet spell asks for, as a share of the threshold. */
  quietGrowth: number;
  /** Thresholds are multiplied by this for an article that is a title alone (no body text). @defaultValue 1 */
  titleOnly?: number;
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
  /** A title without body text: fewer words to share, so similarities run lower. */
  titleOnly?: boolean;
}

/** The decision for one article. */
export interface Assignment {
  clusterId: string | null;
  similarity: number;
  /** The best candidate's similarity divided by its threshold; ≥ 1 means it joined. */
  score: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Online assignment: the article joins the cluster with the best similarity-to-threshold ratio, or
 * starts a new one (`clusterId: null`); the threshold grows with the cluster's quiet spell (`quietFactor`).
 * Within a language the same-language centroid decides; a cluster
 * is compared across languages only when it has no article in the article's language, because
 * monolingual similarity is the more reliable signal. Ties go to the earlier cluster, so the result is
 * deterministic for a given input order.
 */
export function assignCluster(
  article: ArticleSignal,
  clusters: Iterable<ClusterState>,
  stats: TermStats,
  options: ClusterOptions,
): Assignment {
  const a = queryOf(article.vector, stats);
  let best: Assignment = { clusterId: null, similarity: 0, score: 0 };
  for (const cluster of clusters) {
    const own = cluster.centroids[article.lang];
    const candidates = own ? [[article.lang, own] as const] : Object.entries(cluster.centroids);
    const base =
      (own ? options.sameLanguage : options.crossLanguage) * (article.titleOnly ? (options.titleOnly ?? 1) : 1);
    const threshold = base * quietFactor(article.time, cluster, options);
    for (const [, centroid] of candidates) {
      const similarity = queryDot(a, centroid.sum, stats);
      const score = similarity / threshold;
      if (score > best.score) best = { clusterId: cluster.id, similarity, score };
    }
  }
  return best.score >= 1 ? best : { ...best, clusterId: null };
}

/**
 * How much the threshold grows with the time between the article and the cluster's nearest dated
 * article: 1 + quietGrowth · log2(1 + gap / quietHours). News stories live hours to days: an article a
 * few hours after a cluster's latest report joins on topical similarity, while a cluster quiet for days
 * takes an article only on much stronger evidence, which keeps long-running topics (the same country,
 * the same sport) from chaining separate events into one cluster. The growth is logarithmic, so a
 * near copy still joins a story weeks old, and proportional, so it weighs alike on the same-language
 * and the lower cross-language threshold. Undated articles or clusters: 1.
 */
export function quietFactor(
  time: number | null,
  cluster: ClusterState,
  options: Pick<ClusterOptions, 'quietHours' | 'quietGrowth'>,
): number {
  if (time === null || cluster.firstSeen === null || cluster.lastSeen === null) return 1;
  const gap = time < cluster.firstSeen ? cluster.firstSeen - time : Math.max(0, time - cluster.lastSeen);
  return 1 + options.quietGrowth * Math.log2(1 + gap / (options.quietHours * HOUR));
}

function isFar(time: number | null, cluster: ClusterState, windowDays: number): boolean {
  if (time === null || cluster.firstSeen === null || cluster.lastSeen === null) return false;
  const gap = time < cluster.firstSeen ? cluster.firstSeen - time : Math.max(0, time - cluster.lastSeen);
  return gap > windowDays * DAY;
}

/** Adds an article to a cluster's running centroid and time span (mutates the cluster); sparse sums are held packed. */
export function addToCluster(cluster: ClusterState, article: ArticleSignal): void {
  const centroid = cluster.centroids[article.lang];
  cluster.centroids[article.lang] = centroid
    ? { sum: addVectors(centroid.sum, article.vector), count: centroid.count + 1 }
    : { sum: packedVector(article.vector), count: 1 };
  if (article.time !== null) {
    cluster.firstSeen = Math.min(cluster.firstSeen ?? article.time, article.time);
    cluster.lastSeen = Math.max(cluster.lastSeen ?? article.time, article.time);
  }
}

/**
 * After `cluster` grew, the other cluster it has converged with, if any: same-language centroid
 * similarity at or above `threshold` (and no more than the time window apart). Earliest wins ties.
 */
export function findMerge(
  cluster: ClusterState,
  others: Iterable<ClusterState>,
  stats: TermStats,
  threshold: number,
  options: Pick<ClusterOptions, 'windowDays'>,
): { clusterId: string; similarity: number } | null {
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
  return {
    ...into,
    centroids,
    firstSeen: first.length ? Math.min(...first) : null,
    lastSeen: last.length ? Math.max(...last) : null,
  };
}
