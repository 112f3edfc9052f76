// Tests the evaluation scores: retrieval ranks, co-clustered pairs, BCubed and pairwise F1.
import { describe, expect, it } from 'vitest';
import { tokenF1 } from '../../evaluation/html.js';
import { clusteringFigures, coClusterFigures, retrievalFigures } from '../../evaluation/metrics.js';

describe('retrievalFigures', () => {
  it('computes Recall@1, Recall@5 and MRR from first-hit ranks (0 = missed)', () => {
    expect(retrievalFigures([1, 2, 6, 0])).toEqual({
      queries: 4,
      recallAt1: 0.25,
      recallAt5: 0.5,
      mrr: (1 + 0.5 + 1 / 6) / 4,
    });
  });
});

describe('coClusterFigures', () => {
  it('counts pairs kept together and distinct pairs merged', () => {
    const cluster: Record<string, string> = { e1: 'c1', h1: 'c1', e2: 'c1', h2: 'c2', e3: 'c3', h3: 'c3' };
    const f = coClusterFigures(
      [
        { a: 'e1', b: 'h1' },
        { a: 'e2', b: 'h2' },
        { a: 'e3', b: 'h3' },
      ],
      (id) => cluster[id],
    );
    expect(f.together).toBe(2);
    expect(f.coClustered).toBeCloseTo(2 / 3);
    // Of the three pairs of distinct pairs, (e1,h1)-(e2,h2) share cluster c1.
    expect(f.overMerged).toBeCloseTo(1 / 3);
  });
});

describe('clusteringFigures', () => {
  const gold = new Map([
    ['a', 'x'],
    ['b', 'x'],
    ['c', 'x'],
    ['d', 'y'],
    ['e', 'y'],
  ]);

  it('is perfect for a clustering equal to the labels', () => {
    const f = clusteringFigures(
      new Map([
        ['a', '1'],
        ['b', '1'],
        ['c', '1'],
        ['d', '2'],
        ['e', '2'],
      ]),
      gold,
    );
    expect([f.bcubed.f1, f.pairwise.f1, f.clusters, f.classes]).toEqual([1, 1, 2, 2]);
  });

  it('scores singletons with full precision and the lumped clustering with full recall', () => {
    const singletons = clusteringFigures(new Map([...gold.keys()].map((id) => [id, id])), gold);
    expect(singletons.bcubed.precision).toBe(1);
    expect(singletons.bcubed.recall).toBeCloseTo((3 * (1 / 3) + 2 * (1 / 2)) / 5);
    expect(singletons.pairwise.recall).toBe(0);
    const lumped = clusteringFigures(new Map([...gold.keys()].map((id) => [id, 'all'])), gold);
    expect(lumped.bcubed.recall).toBe(1);
    expect(lumped.bcubed.precision).toBeCloseTo((3 * (3 / 5) + 2 * (2 / 5)) / 5);
    expect(lumped.pairwise.precision).toBeCloseTo(4 / 10);
  });

  it('counts only the items both labellings know', () => {
    expect(
      clusteringFigures(
        new Map([
          ['a', '1'],
          ['zz', '1'],
        ]),
        gold,
      ).items,
    ).toBe(1);
  });
});

describe('tokenF1', () => {
  it('scores token overlap as multisets, ignoring case and punctuation', () => {
    expect(tokenF1('The mill, the MILL.', 'the mill')).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(tokenF1('', 'anything')).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
