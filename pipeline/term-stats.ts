import type { Vector } from './types.js';

/** Document frequencies learned online from the stream; the basis of IDF weighting. */
export interface TermStats {
  docs: number;
  df: Map<string, number>;
}

/** Empty statistics. */
export function emptyStats(): TermStats {
  return { docs: 0, df: new Map() };
}

/** Counts one document's terms into the statistics. */
export function observe(stats: TermStats, vector: Vector): void {
  if (vector.kind !== 'sparse') return;
  stats.docs++;
  for (const term of Object.keys(vector.terms)) stats.df.set(term, (stats.df.get(term) ?? 0) + 1);
}

// Prior pseudo-documents: while the stream is young, every term is assumed to occur in PRIOR_DF of
// PRIOR_DOCS documents, so a term seen once in nine articles does not outweigh everything else.
const PRIOR_DOCS = 50;
const PRIOR_DF = 2;

/** Inverse document frequency smoothed by a flat prior that the stream's own counts overtake. */
export function idf(stats: TermStats, term: string): number {
  return Math.log((stats.docs + PRIOR_DOCS) / ((stats.df.get(term) ?? 0) + PRIOR_DF));
}

// Statistics change with every observed article (docs grows), and only then: values derived from them are
// memoised per (statistics, docs). Vectors are never mutated (sums make new objects), so a vector's
// weighted norm can be memoised by identity.
const idfMemo = new WeakMap<TermStats, { docs: number; values: Map<string, number> }>();
const normMemo = new WeakMap<Vector, { stats: TermStats; docs: number; norm: number }>();

/** `idf`, memoised until the statistics change. */
export function cachedIdf(stats: TermStats, term: string): number {
  let memo = idfMemo.get(stats);
  if (!memo || memo.docs !== stats.docs) idfMemo.set(stats, (memo = { docs: stats.docs, values: new Map() }));
  let value = memo.values.get(term);
  if (value === undefined) memo.values.set(term, (value = idf(stats, term)));
  return value;
}

/** Length of a sparse vector after IDF weighting. */
function weightedNorm(vector: Extract<Vector, { kind: 'sparse' }>, stats: TermStats): number {
  const memo = normMemo.get(vector);
  if (memo && memo.stats === stats && memo.docs === stats.docs) return memo.norm;
  let sq = 0;
  for (const term in vector.terms) {
    const w = vector.terms[term]! * cachedIdf(stats, term);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  normMemo.set(vector, { stats, docs: stats.docs, norm });
  return norm;
}

/**
 * `dot(weighted, weigh(raw, stats))` without building the weighted copy of `raw`: only the terms of the
 * (small) weighted vector are visited, and raw's weighted length is memoised. Centroids and stored
 * vectors are compared this way, so a big cluster costs no more than a small one.
 */
export function weightedDot(weighted: Vector, raw: Vector, stats: TermStats): number {
  if (weighted.kind !== 'sparse' || raw.kind !== 'sparse') return dot(weighted, weigh(raw, stats));
  const norm = weightedNorm(raw, stats);
  if (!norm) return 0;
  let s = 0;
  for (const term in weighted.terms) {
    const tf = raw.terms[term];
    if (tf) s += weighted.terms[term]! * tf * cachedIdf(stats, term);
  }
  return s / norm;
}

/** A sparse vector weighted by IDF and scaled to unit length; dense vectors are only normalised. */
export function weigh(vector: Vector, stats: TermStats): Vector {
  if (vector.kind === 'dense') {
    const n = Math.hypot(...vector.values) || 1;
    return { kind: 'dense', values: vector.values.map((v) => v / n) };
  }
  const terms: Record<string, number> = {};
  let sq = 0;
  for (const [term, tf] of Object.entries(vector.terms)) {
    const w = tf * cachedIdf(stats, term);
    terms[term] = w;
    sq += w * w;
  }
  const n = Math.sqrt(sq) || 1;
  for (const term of Object.keys(terms)) terms[term]! /= n;
  return { kind: 'sparse', terms };
}

/**
 * Cosine of two raw vectors after IDF weighting, `dot(weigh(x), weigh(y))`, visiting only the smaller
 * one's terms (both weighted lengths are memoised): what comparing two centroids costs.
 */
export function weightedCosine(x: Vector, y: Vector, stats: TermStats): number {
  if (x.kind !== 'sparse' || y.kind !== 'sparse') return dot(weigh(x, stats), weigh(y, stats));
  const norm = weightedNorm(x, stats) * weightedNorm(y, stats);
  if (!norm) return 0;
  const [small, large] = Object.keys(x.terms).length <= Object.keys(y.terms).length ? [x.terms, y.terms] : [y.terms, x.terms];
  let s = 0;
  for (const term in small) {
    const other = large[term];
    if (other) {
      const w = cachedIdf(stats, term);
      s += small[term]! * other * w * w;
    }
  }
  return s / norm;
}

/** Dot product of two vectors of the same kind (the cosine when both are unit length). */
export function dot(a: Vector, b: Vector): number {
  if (a.kind === 'dense' && b.kind === 'dense') {
    let s = 0;
    for (let i = 0; i < a.values.length; i++) s += a.values[i]! * (b.values[i] ?? 0);
    return s;
  }
  if (a.kind === 'sparse' && b.kind === 'sparse') {
    const [small, large] = Object.keys(a.terms).length <= Object.keys(b.terms).length ? [a, b] : [b, a];
    let s = 0;
    for (const [term, w] of Object.entries(small.terms)) s += w * (large.terms[term] ?? 0);
    return s;
  }
  throw new Error(`cannot compare a ${a.kind} vector with a ${b.kind} vector`);
}

/** Cosine similarity after IDF weighting. */
export function similarity(a: Vector, b: Vector, stats: TermStats): number {
  return dot(weigh(a, stats), weigh(b, stats));
}
