import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../pipeline/cluster/assign-cluster.js';
import { ClusterIndex } from '../../pipeline/cluster/cluster-index.js';
import { emptyStats, observe } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const sparse = (terms: string[]): Vector => ({ kind: 'sparse', terms: Object.fromEntries(terms.map((t) => [t, 1])) });
const cluster = (id: string, terms: string[]): ClusterState => ({ id, centroids: { en: { sum: sparse(terms), count: 1 } }, firstSeen: null, lastSeen: null });

describe('cluster index', () => {
  it('returns the clusters sharing a heavy term with the article, in creation order', () => {
    const stats = emptyStats();
    const index = new ClusterIndex();
    const clusters = [cluster('c1', ['steel', 'mill', 'karachi']), cluster('c2', ['cricket', 'final']), cluster('c3', ['mill', 'moscow'])];
    for (const c of clusters) observe(stats, c.centroids.en!.sum);
    for (const c of clusters) index.upsert(c, stats);
    expect(index.candidates(sparse(['mill', 'revival']), stats).map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(index.candidates(sparse(['election']), stats)).toEqual([]);
    index.remove('c1');
    expect(index.candidates(sparse(['mill']), stats).map((c) => c.id)).toEqual(['c3']);
  });

  it('keeps the 500 clusters sharing the most heavy terms when thousands share some', () => {
    const stats = emptyStats();
    const index = new ClusterIndex();
    // 3,000 clusters share the common term; cluster c2999 (made last) shares three more with the article.
    const clusters = Array.from({ length: 3000 }, (_, i) => cluster(`c${i}`, i === 2999 ? ['pakistan', 'steel', 'mill', 'karachi'] : ['pakistan', `t${i}`]));
    for (const c of clusters) observe(stats, c.centroids.en!.sum);
    for (const c of clusters) index.upsert(c, stats);
    const found = index.candidates(sparse(['pakistan', 'steel', 'mill', 'karachi']), stats);
    expect(found).toHaveLength(500);
    expect(found.map((c) => c.id)).toContain('c2999');
    // Still in creation order.
    const seqs = found.map((c) => Number(c.id.slice(1)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
