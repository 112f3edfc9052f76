// Tests chrF against sacreBLEU's definition: n-grams, orders, β = 2 and corpus sums.
import { describe, expect, it } from 'vitest';
import { chrfStatistics, corpusChrf, sentenceChrf } from '../../evaluation/chrf.js';

describe('chrF', () => {
  it('counts character n-grams with whitespace removed', () => {
    // "ab c" → "abc"; "abd": unigrams a b c / a b d (2 match), bigrams ab bc / ab bd (1), trigrams abc / abd (0).
    const s = chrfStatistics('ab c', 'abd');
    expect(s.hypothesis).toEqual([3, 2, 1, 0, 0, 0]);
    expect(s.reference).toEqual([3, 2, 1, 0, 0, 0]);
    expect(s.matched).toEqual([2, 1, 0, 0, 0, 0]);
  });

  it('averages precision and recall over the orders both sides have, then takes F with β = 2', () => {
    // P = R = (2/3 + 1/2 + 0) / 3 = 7/18 over three orders; F2 of equal P and R is P.
    expect(sentenceChrf('ab c', 'abd')).toBeCloseTo((100 * 7) / 18, 10);
    // "ab" vs "abcd": P = (2/2 + 1/1) / 2 = 1, R = (2/4 + 1/3) / 2 = 5/12; F2 = 5PR / (4P + R).
    const p = 1;
    const r = 5 / 12;
    expect(sentenceChrf('ab', 'abcd')).toBeCloseTo((100 * 5 * p * r) / (4 * p + r), 10);
  });

  it('is 100 for identical text, 0 for nothing in common, and case-sensitive', () => {
    expect(sentenceChrf('Supreme Court', 'Supreme Court')).toBeCloseTo(100, 10);
    expect(sentenceChrf('xyz', 'abc')).toBe(0);
    expect(sentenceChrf('india', 'India')).toBeLessThan(100);
  });

  it('sums statistics over a corpus rather than averaging sentence scores', () => {
    // Pooled: unigrams 2/3 + 3/3 matched, bigrams 1/2 + 2/2, trigrams 0/1 + 1/1 → P = R = (5/6 + 3/4 + 1/2) / 3.
    expect(corpusChrf(['ab c', 'xyz'], ['abd', 'xyz'])).toBeCloseTo((100 * (5 / 6 + 3 / 4 + 1 / 2)) / 3, 10);
    expect(() => corpusChrf(['a'], [])).toThrow(/1 hypotheses and 0 references/);
  });
});
