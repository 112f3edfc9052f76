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

/** A sparse vector weighted by IDF and scaled to unit length; dense vectors are only normalised. */
export function weigh(vector: Vector, stats: TermStats): Vector {
  if (vector.kind === 'dense') {
    const n = Math.hypot(...vector.values) || 1;
    return { kind: 'dense', values: vector.values.map((v) => v / n) };
  }
  const terms: Record<string, number> = {};
  let sq = 0;
  for (const [term, tf] of Object.entries(vector.terms)) {
    const w = tf * idf(stats, term);
    terms[term] = w;
    sq += w * w;
  }
  const n = Math.sqrt(sq) || 1;
  for (const term of Object.keys(terms)) terms[term]! /= n;
  return { kind: 'sparse', terms };
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
