// Tests that packed sums of sparse vectors are the sums of their objects of terms: same weights, same order, same JSON.
import { describe, expect, it } from 'vitest';
import { addVectors } from '../../pipeline/represent/add-vectors.js';
import { centroidsJson, PackedVector, packedVector, termName } from '../../pipeline/represent/packed-terms.js';
import { emptyStats, observe, queryDot, queryOf, weightedCosine } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

/** A deterministic pseudo-random sparse vector over `vocab` terms named by `name`, weights of four decimals. */
function vector(seed: number, size: number, vocab: number, name = (i: number) => `w:t${i}`): Vector {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const terms: Record<string, number> = {};
  for (let i = 0; i < size; i++) terms[name(Math.floor(next() * vocab))] = Math.round(next() * 1e4) / 1e4;
  return { kind: 'sparse', terms };
}

/** The sum as it was made through objects of terms: a copy of the first, the second's terms added one by one. */
function objectSum(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const terms = { ...a };
  for (const [t, w] of Object.entries(b)) terms[t] = (terms[t] ?? 0) + w;
  return terms;
}

describe('packed sums of sparse vectors (add-vectors)', () => {
  it('a running sum equals the object sum to the last bit, in the same term order, with the same JSON', () => {
    const articles = Array.from({ length: 60 }, (_, i) => vector(i + 1, 20 + (i % 30), 400));
    let packed: Vector = packedVector(articles[0]!);
    let terms = { ...(articles[0] as { terms: Record<string, number> }).terms };
    for (const a of articles.slice(1)) {
      packed = addVectors(packed, a);
      terms = objectSum(terms, (a as { terms: Record<string, number> }).terms);
    }
    expect(packed).toBeInstanceOf(PackedVector);
    const sum = (packed as PackedVector).terms;
    // The packed order is the object's: comparisons add up the terms in it.
    expect(Array.from((packed as PackedVector).ids, termName)).toEqual(Object.keys(terms));
    for (const [t, w] of Object.entries(terms)) expect(Object.is(sum[t], w)).toBe(true);
    expect(JSON.stringify({ en: { sum: packed, count: 60 } })).toBe(
      JSON.stringify({ en: { sum: { kind: 'sparse', terms }, count: 60 } }),
    );
  });

  it('terms that are array indices take the place an object gives them (first, in numeric order)', () => {
    const digits = (i: number) => (i % 3 === 0 ? String(i) : `w:t${i}`);
    const a = vector(7, 25, 90, digits);
    const b = vector(8, 25, 90, digits);
    const sum = addVectors(packedVector(a), b) as PackedVector;
    const terms = objectSum(
      (a as { terms: Record<string, number> }).terms,
      (b as { terms: Record<string, number> }).terms,
    );
    expect(Object.keys(terms).slice(0, 3)).toEqual(['0', '3', '6']);
    expect(Array.from(sum.ids, termName)).toEqual(Object.keys(terms));
    expect(JSON.stringify(sum)).toBe(JSON.stringify({ kind: 'sparse', terms }));
  });

  it("writes a centroid's JSON from the arrays as JSON.stringify writes its object, to the character", () => {
    const odd = (i: number) => [`w:t${i}`, 'q:"quoted"\\', 'n:मिल', 'w:\u2028line', '__proto__'][i % 5]! + (i % 7);
    const sum = addVectors(packedVector(vector(3, 40, 120, odd)), vector(4, 40, 120, odd)) as PackedVector;
    const plain = (v: PackedVector) => ({ kind: 'sparse', terms: v.terms });
    expect(sum.json()).toBe(JSON.stringify(plain(sum)));
    const tiny = new PackedVector(sum.ids.slice(0, 3), Float64Array.of(-0, 1e-7, 123456789.125));
    expect(tiny.json()).toBe(JSON.stringify(plain(tiny)));
    const centroids = { hi: { sum, count: 41 }, en: { sum: tiny, count: 2 } };
    expect(centroidsJson(centroids)).toBe(JSON.stringify(centroids));
    // Terms that are array indices, and sums not packed, go through JSON.stringify.
    const digits = addVectors(
      packedVector(vector(7, 25, 90, (i) => (i % 3 ? `w:t${i}` : String(i)))),
      vector(8, 5, 90),
    );
    const mixed = { en: { sum: digits, count: 2 }, ur: { sum: vector(9, 5, 30), count: 1 } };
    expect(centroidsJson(mixed)).toBe(JSON.stringify(mixed));
    expect(centroidsJson({ en: { sum: digits, count: 2 } })).toBe(JSON.stringify({ en: { sum: digits, count: 2 } }));
  });

  it('a packed vector compares as its object does', () => {
    const stats = emptyStats();
    const vectors = Array.from({ length: 30 }, (_, i) => vector(100 + i, 30, 200));
    for (const v of vectors) observe(stats, v);
    for (let i = 1; i < vectors.length; i++) {
      const [x, y] = [vectors[i - 1]!, vectors[i]!];
      const [px, py] = [packedVector(x), packedVector(y)];
      expect(Object.is(weightedCosine(px, py, stats), weightedCosine(x, y, stats))).toBe(true);
      expect(Object.is(queryDot(queryOf(y, stats), px, stats), queryDot(queryOf(y, stats), x, stats))).toBe(true);
    }
  });
});
