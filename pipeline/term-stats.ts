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

// Statistics change with every observed article. Values derived from them (IDF per term, weighted norms)
// are memoised per epoch: a new epoch starts with every article while the stream is young (up to
// EXACT_DOCS documents) and afterwards once the document count grew by EPOCH_GROWTH, so IDF moves by at
// most log(1 + EPOCH_GROWTH) ≈ 0.01 within an epoch (next to typical values of 2 to 7) while norms of
// big centroids are not recomputed after every article. A term's IDF is fixed at its first use in an
// epoch, so every comparison within an epoch sees the same weights. Vectors are never mutated (sums
// make new objects), so a vector's weighted norm can be memoised by identity.
const EXACT_DOCS = 200;
const EPOCH_GROWTH = 0.01;
interface Epoch {
  docs: number;
  values: Map<string, number>;
}
const epochs = new WeakMap<TermStats, Epoch>();
const normMemo = new WeakMap<Vector, { epoch: Epoch; norm: number }>();

function epochOf(stats: TermStats): Epoch {
  let epoch = epochs.get(stats);
  if (!epoch || (epoch.docs !== stats.docs && (stats.docs <= EXACT_DOCS || stats.docs < epoch.docs || stats.docs >= epoch.docs * (1 + EPOCH_GROWTH)))) {
    epochs.set(stats, (epoch = { docs: stats.docs, values: new Map() }));
  }
  return epoch;
}

/** `idf`, memoised for the statistics' current epoch. */
export function cachedIdf(stats: TermStats, term: string): number {
  const memo = epochOf(stats);
  let value = memo.values.get(term);
  if (value === undefined) memo.values.set(term, (value = idf(stats, term)));
  return value;
}

/** Length of a sparse vector after IDF weighting. */
function weightedNorm(vector: Extract<Vector, { kind: 'sparse' }>, stats: TermStats): number {
  const epoch = epochOf(stats);
  const memo = normMemo.get(vector);
  if (memo && memo.epoch === epoch) return memo.norm;
  let sq = 0;
  for (const term in vector.terms) {
    const w = vector.terms[term]! * cachedIdf(stats, term);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  normMemo.set(vector, { epoch, norm });
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

/** A weighted vector prepared for comparison with many raw vectors: its terms and their weight × IDF. */
export interface Query {
  vector: Vector;
  terms: string[];
  scaled: Float64Array;
}

/** Prepares `weighted` (an article, weighted by `weigh`) for `queryDot` against many raw vectors. */
export function prepareQuery(weighted: Vector, stats: TermStats): Query {
  if (weighted.kind !== 'sparse') return { vector: weighted, terms: [], scaled: new Float64Array(0) };
  const terms = Object.keys(weighted.terms);
  const scaled = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i++) scaled[i] = weighted.terms[terms[i]!]! * cachedIdf(stats, terms[i]!);
  return { vector: weighted, terms, scaled };
}

/**
 * `weightedDot(query.vector, raw, stats)` with the query's IDF weights looked up once instead of once per
 * compared vector: assignment compares one article with hundreds of centroids.
 */
export function queryDot(query: Query, raw: Vector, stats: TermStats): number {
  if (query.vector.kind !== 'sparse' || raw.kind !== 'sparse') return weightedDot(query.vector, raw, stats);
  const norm = weightedNorm(raw, stats);
  if (!norm) return 0;
  const rawTerms = raw.terms;
  const { terms, scaled } = query;
  let s = 0;
  for (let i = 0; i < terms.length; i++) {
    const tf = rawTerms[terms[i]!];
    if (tf) s += scaled[i]! * tf;
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
  const [small, large] = termCount(x) <= termCount(y) ? [x.terms, y.terms] : [y.terms, x.terms];
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

const sizes = new WeakMap<Vector, number>();

/** Number of terms of a sparse vector, memoised (vectors are never mutated). */
function termCount(vector: Extract<Vector, { kind: 'sparse' }>): number {
  let n = sizes.get(vector);
  if (n === undefined) sizes.set(vector, (n = Object.keys(vector.terms).length));
  return n;
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
