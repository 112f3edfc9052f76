// Tests that the fast IDF-weighted comparisons equal the cosine of the weighted vectors.
import { describe, expect, it } from 'vitest';
import {
  dot,
  emptyStats,
  observe,
  prepareQuery,
  queryDot,
  weigh,
  weightedCosine,
  type TermStats,
} from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

/** A deterministic pseudo-random sparse vector over a vocabulary of `vocab` terms. */
function vector(seed: number, size: number, vocab: number): Vector {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const terms: Record<string, number> = {};
  for (let i = 0; i < size; i++) terms[`t${Math.floor(next() * vocab)}`] = 1 + Math.floor(next() * 4);
  return { kind: 'sparse', terms };
}

/** The definition: cosine of the two vectors after IDF weighting. */
const reference = (a: Vector, b: Vector, stats: TermStats) => dot(weigh(a, stats), weigh(b, stats));

describe('IDF-weighted comparisons (term-stats)', () => {
  it('queryDot and weightedCosine equal the cosine of the weighted vectors, across epochs and new terms', () => {
    const stats = emptyStats();
    const vectors: Vector[] = [];
    for (let round = 0; round < 300; round++) {
      // Every round brings new terms (a growing vocabulary) and a new document count (new epochs early on).
      const v = vector(round + 1, 20 + (round % 50), 200 + round * 3);
      const query = prepareQuery(weigh(v, stats), stats);
      for (const other of vectors.slice(-12)) {
        const expected = reference(v, other, stats);
        expect(queryDot(query, other, stats)).toBeCloseTo(expected, 10);
        expect(weightedCosine(v, other, stats)).toBeCloseTo(expected, 10);
        expect(weightedCosine(other, v, stats)).toBeCloseTo(expected, 10);
      }
      vectors.push(v);
      observe(stats, v);
    }
    // The checks above are not vacuous: related vectors score well above unrelated ones.
    const a = vector(7, 40, 300);
    expect(weightedCosine(a, a, stats)).toBeCloseTo(1, 10);
    expect(weightedCosine(a, { kind: 'sparse', terms: { unseen: 1 } }, stats)).toBe(0);
  });

  it('two queries in turn each see their own weights', () => {
    const stats = emptyStats();
    const [a, b, c] = [vector(1, 30, 60), vector(2, 30, 60), vector(3, 30, 60)];
    for (const v of [a, b, c]) observe(stats, v);
    const qa = prepareQuery(weigh(a, stats), stats);
    const qb = prepareQuery(weigh(b, stats), stats);
    for (let i = 0; i < 3; i++) {
      expect(queryDot(qa, c, stats)).toBeCloseTo(reference(a, c, stats), 10);
      expect(queryDot(qb, c, stats)).toBeCloseTo(reference(b, c, stats), 10);
    }
    expect(queryDot(qa, c, stats)).not.toBeCloseTo(queryDot(qb, c, stats), 3);
  });
});
