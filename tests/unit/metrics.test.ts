import { describe, expect, it } from 'vitest';
import { coClusterFigures, retrievalFigures } from '../../evaluation/metrics.js';

describe('retrievalFigures', () => {
  it('computes Recall@1, Recall@5 and MRR from first-hit ranks (0 = missed)', () => {
    expect(retrievalFigures([1, 2, 6, 0])).toEqual({ queries: 4, recallAt1: 0.25, recallAt5: 0.5, mrr: (1 + 0.5 + 1 / 6) / 4 });
  });
});

describe('coClusterFigures', () => {
  it('counts pairs kept together and distinct pairs merged', () => {
    const cluster: Record<string, string> = { e1: 'c1', h1: 'c1', e2: 'c1', h2: 'c2', e3: 'c3', h3: 'c3' };
    const f = coClusterFigures([{ a: 'e1', b: 'h1' }, { a: 'e2', b: 'h2' }, { a: 'e3', b: 'h3' }], (id) => cluster[id]);
    expect(f.together).toBe(2);
    expect(f.coClustered).toBeCloseTo(2 / 3);
    // Of the three pairs of distinct pairs, (e1,h1)-(e2,h2) share cluster c1.
    expect(f.overMerged).toBeCloseTo(1 / 3);
  });
});
