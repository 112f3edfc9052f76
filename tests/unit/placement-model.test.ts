// The placement model's resident clusters: eviction from memory and from both candidate indexes, and reading older ones back.
import { describe, expect, it } from 'vitest';
import type { TitledCluster } from '../../pipeline/place/placement.js';
import { PlacementModel } from '../../pipeline/place/placement-model.js';
import { emptyStats } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

const sparse = (words: string): Vector => ({
  kind: 'sparse',
  terms: Object.fromEntries(words.split(' ').map((w) => [`w:${w}`, 1])),
});
const dense = (...values: number[]): Vector => ({ kind: 'dense', values });

/** A one-article cluster dated `day` days after T0. */
const cluster = (id: string, vector: Vector, day: number): TitledCluster => ({
  id,
  title: id,
  lead: '',
  centralId: null,
  centralLang: null,
  centralChecked: 0,
  createdAt: '2025-01-01T00:00:00Z',
  centroids: { en: { sum: vector, count: 1 } },
  firstSeen: T0 + day * DAY,
  lastSeen: T0 + day * DAY,
});

/** A model of 10 resident days whose older clusters are read from `stored` (standing in for the store). */
function model(stored: TitledCluster[]) {
  const reads: Array<[number, number]> = [];
  const m = new PlacementModel({
    residentDays: 10,
    older: (since, until) => {
      reads.push([since, until]);
      return stored.filter((c) => c.lastSeen !== null && c.lastSeen >= since && c.lastSeen < until);
    },
  });
  m.stats = emptyStats();
  for (const c of stored) m.count(c, c.centroids.en!.sum);
  return { m, reads };
}

describe('the placement model’s resident clusters', () => {
  for (const [mode, a, b, c] of [
    ['offline (term postings)', sparse('steel mill karachi'), sparse('cricket final delhi'), sparse('flood assam')],
    ['neural (HNSW graphs)', dense(1, 0, 0), dense(0, 1, 0), dense(0, 0, 1)],
  ] as const) {
    it(`evicts clusters quiet for longer than the window from memory and the ${mode} index`, () => {
      const stored = [cluster('c1', a, 0), cluster('c2', b, 5), cluster('c3', c, 20)];
      const { m, reads } = model(stored);
      expect(m.index.candidates(a, m.stats).map((x) => x.id)).toContain('c1');
      expect(m.evict()).toBe(2);
      expect([...m.clusters.keys()]).toEqual(['c3']);
      expect(m.index.size).toBe(1);
      expect(m.index.get('c1')).toBeUndefined();
      expect(m.index.candidates(a, m.stats).map((x) => x.id)).not.toContain('c1');
      expect(m.residentSince).toBe(T0 + 10 * DAY);
      // Within the window nothing is read; before it, the older clusters come back, in memory and in the index.
      m.reach(T0 + 12 * DAY);
      expect(reads).toEqual([]);
      m.reach(T0 - DAY);
      expect(reads).toEqual([[T0 - DAY, T0 + 10 * DAY]]);
      expect([...m.clusters.keys()].sort()).toEqual(['c1', 'c2', 'c3']);
      expect(m.index.candidates(a, m.stats).map((x) => x.id)).toContain('c1');
      // What a late article read stays while late articles may follow: the next one reads nothing.
      expect(m.evict()).toBe(0);
      m.reach(T0);
      expect(reads).toHaveLength(1);
      // Once placements within the window have followed, it leaves memory and the index again.
      for (let i = 0; i < 1024; i++) m.reach(T0 + 15 * DAY);
      expect(m.evict()).toBe(2);
      expect(m.index.size).toBe(1);
      expect(m.index.get('c1')).toBeUndefined();
    });
  }

  it('keeps undated clusters, and every cluster when the window is unbounded', () => {
    const undated = { ...cluster('c1', sparse('steel mill'), 0), firstSeen: null, lastSeen: null };
    const { m } = model([undated, cluster('c2', sparse('flood assam'), 0), cluster('c3', sparse('cricket'), 30)]);
    expect(m.evict()).toBe(1);
    expect([...m.clusters.keys()]).toEqual(['c1', 'c3']);
    const all = new PlacementModel();
    all.count(cluster('c1', sparse('steel mill'), 0), sparse('steel mill'));
    all.count(cluster('c2', sparse('flood assam'), 300), sparse('flood assam'));
    expect(all.evict()).toBe(0);
    expect(all.clusters.size).toBe(2);
  });
});
