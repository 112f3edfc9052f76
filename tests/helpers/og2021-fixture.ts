// A made-up OG2021-layout file for tests, with Event Registry's figures on it worked out by hand.
import path from 'node:path';
import { expect } from 'vitest';
import type { ClusteringFigures } from '../../evaluation/metrics.js';
import { ROOT } from './seeds.js';

/**
 * A made-up file in the OG2021 titles layout: twelve English titles in three stories of four (one
 * word-for-word repeat in each), four Spanish ones in two stories of two, and one English row removed by
 * review. Its Event Registry column leaves two English articles (of different stories) and one Spanish one
 * without an event, splits the English strike and chess stories, and puts one article of each in one
 * event (er-3).
 */
export const OG2021_FIXTURE = path.join(ROOT, 'tests/fixtures/og2021-synthetic.tsv');

/** Event Registry's figures on the fixture, worked out by hand. */
export const FIXTURE_ER: Record<'eng' | 'spa', ClusteringFigures> = {
  // Clusters {a1 a2 a3} {a4} {b1 b2 b3} {b4 c4} {c1 c2} {c3} against three stories of four.
  // BCubed precision: every article 1 but b4 and c4 (1/2 each): 11/12. Recall: 3/4 for a1–a3 and b1–b3,
  // 2/4 for c1 and c2, 1/4 for a4, b4, c4 and c3: 6.5/12. F1 2PR/(P+R) = 143/210.
  // Pairs: 7 of the 8 predicted (3 + 3 + 1 + 1) are in one story; the stories hold 3 × 6 = 18.
  eng: {
    items: 12,
    clusters: 6,
    classes: 3,
    bcubed: { precision: 11 / 12, recall: 6.5 / 12, f1: 143 / 210 },
    pairwise: { precision: 7 / 8, recall: 7 / 18, f1: 7 / 13 },
  },
  // Clusters {a1} {a2} {b1 b2} against two stories of two: precision 1, recall (1/2 + 1/2 + 1 + 1)/4.
  spa: {
    items: 4,
    clusters: 3,
    classes: 2,
    bcubed: { precision: 1, recall: 3 / 4, f1: 6 / 7 },
    pairwise: { precision: 1, recall: 1 / 2, f1: 2 / 3 },
  },
};

/** Figures equal to the expected ones (ratios to 12 places). */
export function expectFigures(actual: ClusteringFigures, expected: ClusteringFigures): void {
  expect([actual.items, actual.clusters, actual.classes]).toEqual([
    expected.items,
    expected.clusters,
    expected.classes,
  ]);
  for (const kind of ['bcubed', 'pairwise'] as const) {
    for (const m of ['precision', 'recall', 'f1'] as const)
      expect(actual[kind][m], `${kind} ${m}`).toBeCloseTo(expected[kind][m], 12);
  }
}
