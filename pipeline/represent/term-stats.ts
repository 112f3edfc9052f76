// Document frequencies learned from the stream, IDF weighting and the similarities built on them.
import { pack, Scatter, termName, vocabularySize, type Packed } from './packed-terms.js';
import type { Vector } from '../types.js';

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
// make new objects), so a vector's packed terms and weighted norm can be memoised by identity.
const EXACT_DOCS = 200;
const EPOCH_GROWTH = 0.01;
interface Epoch {
  stats: TermStats;
  docs: number;
  /** IDF by term id; NaN where not yet computed in this epoch. */
  idf: Float64Array;
}
const epochs = new WeakMap<TermStats, Epoch>();
const normMemo = new WeakMap<Packed, { epoch: Epoch; norm: number }>();

function epochOf(stats: TermStats): Epoch {
  let epoch = epochs.get(stats);
  if (
    !epoch ||
    (epoch.docs !== stats.docs &&
      (stats.docs <= EXACT_DOCS || stats.docs < epoch.docs || stats.docs >= epoch.docs * (1 + EPOCH_GROWTH)))
  ) {
    // The memos that name the epoch it replaces (never current again) keep a small object, not its IDF array.
    if (epoch) epoch.idf = new Float64Array(0);
    epochs.set(
      stats,
      (epoch = { stats, docs: stats.docs, idf: new Float64Array(Math.max(1024, vocabularySize())).fill(NaN) }),
    );
  }
  return epoch;
}

/** The IDF of a term id in this epoch (computed on first use). */
function epochIdf(epoch: Epoch, id: number): number {
  if (id >= epoch.idf.length) {
    if (!epoch.idf.length) throw new Error('IDF read from a replaced epoch');
    const grown = new Float64Array(Math.max(vocabularySize(), epoch.idf.length * 2)).fill(NaN);
    grown.set(epoch.idf);
    epoch.idf = grown;
  }
  let value = epoch.idf[id]!;
  if (Number.isNaN(value)) epoch.idf[id] = value = idf(epoch.stats, termName(id));
  return value;
}

/** A sparse vector's packed term ids with each term's weight × IDF (not scaled to unit length). */
export function idfWeighted(
  vector: Extract<Vector, { kind: 'sparse' }>,
  stats: TermStats,
): { ids: Int32Array; weights: Float64Array } {
  const packed = pack(vector);
  const epoch = epochOf(stats);
  const weights = new Float64Array(packed.ids.length);
  for (let i = 0; i < weights.length; i++) weights[i] = packed.weights[i]! * epochIdf(epoch, packed.ids[i]!);
  return { ids: packed.ids, weights };
}

/** Length of a packed sparse vector after IDF weighting (memoised per epoch). */
function weightedNorm(packed: Packed, epoch: Epoch): number {
  const memo = normMemo.get(packed);
  if (memo && memo.epoch === epoch) return memo.norm;
  let sq = 0;
  for (let i = 0; i < packed.ids.length; i++) {
    const w = packed.weights[i]! * epochIdf(epoch, packed.ids[i]!);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  normMemo.set(packed, { epoch, norm });
  return norm;
}

/** A weighted vector prepared for comparison with many raw vectors: its terms and their weight × IDF. */
export interface Query {
  /** The weighted vector (dense: unit length), or for a sparse query the raw one its packed terms came from. */
  vector: Vector;
  packed?: Packed;
  /** Weight × IDF of each packed term. */
  scaled: Float64Array;
}

/** Holds one query's scaled weights by term id at a time (`queryDot` loads the query it is given). */
const queryScatter = new Scatter();
/** Holds one raw vector's IDF-weighted terms at a time (`weightedCosine` loads its first vector). */
const rawScatter = new Scatter();

/** Prepares `weighted` (an article, weighted by `weigh`) for `queryDot` against many raw vectors. */
export function prepareQuery(weighted: Vector, stats: TermStats): Query {
  if (weighted.kind !== 'sparse') return { vector: weighted, scaled: new Float64Array(0) };
  return { vector: weighted, packed: pack(weighted), scaled: idfWeighted(weighted, stats).weights };
}

const queryMemo = new WeakMap<Vector, { epoch: Epoch; query: Query }>();

/**
 * `prepareQuery(weigh(raw, stats), stats)`, memoised per vector and epoch: an article is compared with
 * candidate clusters, its cluster's members and the storylines as one query.
 */
export function queryOf(raw: Vector, stats: TermStats): Query {
  const epoch = epochOf(stats);
  let memo = queryMemo.get(raw);
  if (!memo || memo.epoch !== epoch) queryMemo.set(raw, (memo = { epoch, query: sparseQuery(raw, epoch, stats) }));
  return memo.query;
}

/**
 * `prepareQuery(weigh(raw))` of a sparse vector straight from its packed terms, with the same arithmetic in
 * the same order (so the same values to the last bit), without building the weighted vector's object of
 * terms: each weight × IDF, divided by the weighted length, × IDF again.
 */
function sparseQuery(raw: Vector, epoch: Epoch, stats: TermStats): Query {
  if (raw.kind !== 'sparse') return prepareQuery(weigh(raw, stats), stats);
  const packed = pack(raw);
  const idfs = new Float64Array(packed.ids.length);
  const scaled = new Float64Array(packed.ids.length);
  let sq = 0;
  for (let i = 0; i < scaled.length; i++) {
    idfs[i] = epochIdf(epoch, packed.ids[i]!);
    const w = packed.weights[i]! * idfs[i]!;
    scaled[i] = w;
    sq += w * w;
  }
  const n = Math.sqrt(sq) || 1;
  for (let i = 0; i < scaled.length; i++) scaled[i] = (scaled[i]! / n) * idfs[i]!;
  return { vector: raw, packed, scaled };
}

/**
 * `dot(query.vector, weigh(raw, stats))` with the query's weights spread over an array by term id, so
 * each term of `raw` costs one array read (raw's weighted length is memoised): assignment compares one article with hundreds of centroids.
 */
export function queryDot(query: Query, raw: Vector, stats: TermStats): number {
  if (query.vector.kind === 'dense' && raw.kind === 'dense') return denseQueryDot(query.vector.values, raw);
  if (query.vector.kind !== 'sparse' || raw.kind !== 'sparse') return dot(query.vector, weigh(raw, stats));
  const other = pack(raw);
  const epoch = epochOf(stats);
  const norm = weightedNorm(other, epoch);
  if (!norm) return 0;
  // Packed first, so the scattered array covers every id of `other`.
  const values = queryScatter.load(query, query.packed!, (i) => query.scaled[i]!);
  let s = 0;
  for (let i = 0; i < other.ids.length; i++) {
    const q = values[other.ids[i]!]!;
    if (q) s += q * other.weights[i]!;
  }
  return s / norm;
}

const denseNorms = new WeakMap<Vector, number>();

/** `dot(unit, weigh(raw))` for dense vectors without a normalised copy of `raw` (its length is memoised). */
function denseQueryDot(unit: number[], raw: Extract<Vector, { kind: 'dense' }>): number {
  let norm = denseNorms.get(raw);
  if (norm === undefined) {
    let sq = 0;
    for (const v of raw.values) sq += v * v;
    denseNorms.set(raw, (norm = Math.sqrt(sq) || 1));
  }
  let s = 0;
  for (let i = 0; i < unit.length; i++) s += unit[i]! * (raw.values[i] ?? 0);
  return s / norm;
}

/** A sparse vector weighted by IDF and scaled to unit length; dense vectors are only normalised. */
export function weigh(vector: Vector, stats: TermStats): Vector {
  if (vector.kind === 'dense') {
    const n = Math.hypot(...vector.values) || 1;
    return { kind: 'dense', values: vector.values.map((v) => v / n) };
  }
  const terms: Record<string, number> = {};
  const epoch = epochOf(stats);
  const { ids } = pack(vector);
  let sq = 0;
  let i = 0;
  for (const term in vector.terms) {
    const w = vector.terms[term]! * epochIdf(epoch, ids[i++]!);
    terms[term] = w;
    sq += w * w;
  }
  const n = Math.sqrt(sq) || 1;
  for (const term of Object.keys(terms)) terms[term]! /= n;
  return { kind: 'sparse', terms };
}

/**
 * Cosine of two raw vectors after IDF weighting, `dot(weigh(x), weigh(y))`, with x's weighted terms
 * spread over an array by term id (kept while x stays the same) and both weighted lengths memoised: what
 * comparing one centroid with many others costs.
 */
export function weightedCosine(x: Vector, y: Vector, stats: TermStats): number {
  if (x.kind !== 'sparse' || y.kind !== 'sparse') return dot(weigh(x, stats), weigh(y, stats));
  const [px, py] = [pack(x), pack(y)];
  const epoch = epochOf(stats);
  const norm = weightedNorm(px, epoch) * weightedNorm(py, epoch);
  if (!norm) return 0;
  // The key is x's packing and the epoch: x's weighted terms are reloaded when the weights change.
  const values = rawScatter.load(keyOf(px, epoch), px, (i) => px.weights[i]! * epochIdf(epoch, px.ids[i]!));
  let s = 0;
  for (let i = 0; i < py.ids.length; i++) {
    const id = py.ids[i]!;
    const v = values[id]!;
    if (v) s += v * py.weights[i]! * epochIdf(epoch, id);
  }
  return s / norm;
}

const scatterKeys = new WeakMap<Packed, { epoch: Epoch; key: object }>();

/** One key object per (packed vector, epoch). */
function keyOf(packed: Packed, epoch: Epoch): object {
  let entry = scatterKeys.get(packed);
  if (!entry || entry.epoch !== epoch) scatterKeys.set(packed, (entry = { epoch, key: {} }));
  return entry.key;
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
