// The HNSW index over dense centroids: recall of the best candidate against a full scan, and staying in step with updates.
import { describe, expect, it } from 'vitest';
import { assignCluster, type ClusterState } from '../../pipeline/cluster/assign-cluster.js';
import { CentroidAnn } from '../../pipeline/cluster/centroid-ann.js';
import { ClusterIndex } from '../../pipeline/cluster/cluster-index.js';
import { emptyStats } from '../../pipeline/represent/term-stats.js';

/** Seeded standard normal numbers (mulberry32, Box–Muller): the same centroids on every run. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const DIM = 48;
const gauss = normals(7);
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const around = (center: number[], spread: number) => unit(center.map((x) => x + (spread / Math.sqrt(DIM)) * gauss()));
const randomUnit = () => unit(Array.from({ length: DIM }, gauss));
const dense = (values: number[]) => ({ kind: 'dense' as const, values });
const OPTIONS = { sameLanguage: 0.75, crossLanguage: 0.7, windowDays: 3, quietHours: 24, quietGrowth: 0.4 };

describe('centroid ANN index', () => {
  it('finds the best candidate a full scan finds for at least 99 % of articles', () => {
    // 3,000 clusters in topics of 30 (neighbours within a topic have cosines near 0.5), a fifth with a Hindi centroid too.
    const topics = Array.from({ length: 100 }, randomUnit);
    const clusters: ClusterState[] = Array.from({ length: 3000 }, (_, k) => {
      const own = around(topics[k % 100]!, 1);
      const centroids: ClusterState['centroids'] = { en: { sum: dense(around(own, 0.3)), count: 2 } };
      if (k % 5 === 0) centroids.hi = { sum: dense(around(own, 0.3)), count: 1 };
      return { id: `c${k}`, centroids, firstSeen: null, lastSeen: null };
    });
    const stats = emptyStats();
    const index = new ClusterIndex();
    for (const c of clusters) index.upsert(c, stats);
    let found = 0;
    const queries = 300;
    for (let i = 0; i < queries; i++) {
      const target = clusters[(i * 7919) % clusters.length]!;
      const article = {
        lang: i % 3 ? 'en' : 'hi',
        vector: dense(around((target.centroids.en!.sum as { values: number[] }).values, 0.6)),
        time: null,
      };
      const truth = assignCluster(article, clusters, stats, OPTIONS);
      const candidates = index.candidates(article.vector, stats);
      expect(candidates.length).toBeLessThan(200);
      if (assignCluster(article, candidates, stats, OPTIONS).clusterId === truth.clusterId) found++;
    }
    expect(found / queries).toBeGreaterThanOrEqual(0.99);
  });

  it('follows centroids that move, clusters removed, and slots reused', () => {
    const ann = new CentroidAnn({ initialCapacity: 8 });
    const points = Array.from({ length: 40 }, randomUnit);
    for (let k = 0; k < 40; k++) ann.set(`c${k}`, { en: { values: points[k]!, count: 1 } });
    expect(ann.size).toBe(40);
    for (let k = 0; k < 40; k++) expect([...ann.nearest(points[k]!, 1)]).toEqual([`c${k}`]);
    // c3 moves to where c7 was, c7 moves elsewhere: a query at c7's old place finds c3.
    const elsewhere = randomUnit();
    ann.set('c3', { en: { values: points[7]!, count: 2 } });
    ann.set('c7', { en: { values: elsewhere, count: 2 } });
    expect([...ann.nearest(points[7]!, 1)]).toEqual(['c3']);
    expect([...ann.nearest(elsewhere, 1)]).toEqual(['c7']);
    // Removed clusters are never returned; new ones take their slots.
    for (let k = 20; k < 40; k++) ann.remove(`c${k}`);
    expect(ann.size).toBe(20);
    expect([...ann.nearest(points[25]!, 40)].filter((id) => Number(id.slice(1)) >= 20)).toEqual([]);
    const fresh = Array.from({ length: 30 }, randomUnit);
    for (let k = 0; k < 30; k++) ann.set(`n${k}`, { en: { values: fresh[k]!, count: 1 } });
    expect(ann.size).toBe(50);
    for (let k = 0; k < 30; k++) expect([...ann.nearest(fresh[k]!, 1)]).toEqual([`n${k}`]);
    // A cluster that lost its Hindi centroid (none here) or gained one is in that language's graph alone.
    ann.set('n0', { hi: { values: fresh[0]!, count: 1 } });
    expect(ann.size).toBe(50);
    expect(ann.nearest(fresh[0]!, 1).has('n0')).toBe(true);
  });

  it('keeps the index in step with upserts, merges and reloads, and filters by time', () => {
    const stats = emptyStats();
    const index = new ClusterIndex();
    const [a, b, c] = [randomUnit(), randomUnit(), randomUnit()];
    const at = (id: string, values: number[], lastSeen: number | null): ClusterState => ({
      id,
      centroids: { en: { sum: dense(values), count: 1 } },
      firstSeen: lastSeen,
      lastSeen,
    });
    for (const x of [at('c1', a, 1_000), at('c2', b, 9_000), at('c3', c, null)]) index.upsert(x, stats);
    expect(index.candidates(dense(a), stats).map((x) => x.id)).toEqual(['c1', 'c2', 'c3']);
    // Time: c1 went quiet before the horizon.
    expect(index.candidates(dense(a), stats, 5_000).map((x) => x.id)).toEqual(['c2', 'c3']);
    // A merge: c2 is gone, c1 holds both.
    index.remove('c2', true);
    index.upsert(
      {
        ...at(
          'c1',
          a.map((x, i) => x + b[i]!),
          9_000,
        ),
        centroids: { en: { sum: dense(a.map((x, i) => x + b[i]!)), count: 2 } },
      },
      stats,
    );
    expect(index.candidates(dense(b), stats).map((x) => x.id)).toEqual(['c1', 'c3']);
    // A reload from the store: only what it holds stays.
    index.sync([at('c3', c, null), at('c4', a, 2_000)], stats);
    expect(index.size).toBe(2);
    expect(index.candidates(dense(a), stats).map((x) => x.id)).toEqual(['c3', 'c4']);
  });

  it('refuses a vector of another length, naming it', () => {
    const ann = new CentroidAnn();
    ann.set('c1', { en: { values: randomUnit(), count: 1 } });
    expect(() => ann.set('c2', { en: { values: [1, 0, 0], count: 1 } })).toThrow(
      /c2: a en centroid of 3 dimensions, but the index holds 48/,
    );
    expect(() => ann.nearest([1, 0, 0], 5)).toThrow(/query of 3 dimensions/);
  });
});
