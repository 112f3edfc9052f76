// Tests that the cluster index returns the clusters sharing heavy terms with an article, bounded.
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../pipeline/cluster/assign-cluster.js';
import { assignCluster } from '../../pipeline/cluster/assign-cluster.js';
import { ClusterIndex } from '../../pipeline/cluster/cluster-index.js';
import { TermPostings } from '../../pipeline/cluster/term-postings.js';
import { termId } from '../../pipeline/represent/packed-terms.js';
import { emptyStats, observe } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const sparse = (terms: string[]): Vector => ({ kind: 'sparse', terms: Object.fromEntries(terms.map((t) => [t, 1])) });
const cluster = (id: string, terms: string[]): ClusterState => ({
  id,
  centroids: { en: { sum: sparse(terms), count: 1 } },
  firstSeen: null,
  lastSeen: null,
});

describe('cluster index', () => {
  it('returns the clusters sharing a heavy term with the article, in creation order', () => {
    const stats = emptyStats();
    const index = new ClusterIndex();
    const clusters = [
      cluster('c1', ['steel', 'mill', 'karachi']),
      cluster('c2', ['cricket', 'final']),
      cluster('c3', ['mill', 'moscow']),
    ];
    for (const c of clusters) observe(stats, c.centroids.en!.sum);
    for (const c of clusters) index.upsert(c, stats);
    expect(index.candidates(sparse(['mill', 'revival']), stats).map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(index.candidates(sparse(['election']), stats)).toEqual([]);
    index.remove('c1');
    expect(index.candidates(sparse(['mill']), stats).map((c) => c.id)).toEqual(['c3']);
  });

  it('keeps the clusters whose shared terms weigh the most when thousands share some', () => {
    const stats = emptyStats();
    const index = new ClusterIndex({ maxCandidates: 500, postingsCap: 1000 });
    // 3,000 clusters share the common term; cluster c2999 (made last) shares three more with the article.
    const clusters = Array.from({ length: 3000 }, (_, i) =>
      cluster(`c${i}`, i === 2999 ? ['pakistan', 'steel', 'mill', 'karachi'] : ['pakistan', `t${i}`]),
    );
    for (const c of clusters) observe(stats, c.centroids.en!.sum);
    for (const c of clusters) index.upsert(c, stats);
    const found = index.candidates(sparse(['pakistan', 'steel', 'mill', 'karachi']), stats);
    // The common term's list holds the 1,000 clusters indexed last; the 500 best of them are returned.
    expect(found).toHaveLength(500);
    expect(found.map((c) => c.id)).toContain('c2999');
    // Still in creation order.
    const seqs = found.map((c) => Number(c.id.slice(1)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("finds the best cluster through its rare terms after a common term's capped list dropped it", () => {
    const stats = emptyStats();
    const index = new ClusterIndex({ postingsCap: 16, maxCandidates: 8 });
    // The story's cluster comes first; 200 later clusters share its common term and push it off that term's list.
    const story = cluster('c0', ['pakistan', 'steel', 'mill', 'karachi', 'russia']);
    const others = Array.from({ length: 200 }, (_, i) =>
      cluster(`c${i + 1}`, ['pakistan', `topic${i}`, `place${i % 7}`]),
    );
    for (const c of [story, ...others]) observe(stats, c.centroids.en!.sum);
    for (const c of [story, ...others]) index.upsert(c, stats);
    const article = sparse(['pakistan', 'steel', 'mill', 'revival']);
    const found = index.candidates(article, stats);
    expect(found.length).toBeLessThanOrEqual(8);
    expect(found[0]!.id).toBe('c0');
    const options = { sameLanguage: 0.3, crossLanguage: 0.1, windowDays: 3, quietHours: 24, quietGrowth: 0.4 };
    const all = [story, ...others];
    // The same decision as a scan of every cluster.
    expect(assignCluster({ lang: 'en', vector: article, time: null }, found, stats, options)).toEqual(
      assignCluster({ lang: 'en', vector: article, time: null }, all, stats, options),
    );
    expect(assignCluster({ lang: 'en', vector: article, time: null }, found, stats, options).clusterId).toBe('c0');
  });

  it("caps each term's list at the clusters indexed last, and forgets removed clusters", () => {
    const postings = new TermPostings(3);
    const [common, rare] = [termId('common'), termId('rare')];
    for (let key = 0; key < 5; key++)
      postings.set(key, [{ term: common, impact: 0.5 }, ...(key === 0 ? [{ term: rare, impact: 0.9 }] : [])]);
    expect(postings.listLength(common)).toBe(3);
    expect(postings.lookup([{ term: common, weight: 1 }], () => true, 10)).toEqual([2, 3, 4]);
    // Key 0 fell off the common list but is still found through its rare term; indexing it again makes it the newest.
    expect(postings.lookup([{ term: rare, weight: 1 }], () => true, 10)).toEqual([0]);
    postings.set(0, [{ term: common, impact: 0.5 }]);
    expect(postings.lookup([{ term: common, weight: 1 }], () => true, 10)).toEqual([0, 3, 4]);
    expect(postings.listLength(rare)).toBe(0);
    postings.remove(3);
    expect(postings.lookup([{ term: common, weight: 1 }], () => true, 10)).toEqual([0, 4]);
    // Refused keys are left out; the limit keeps the heaviest.
    postings.set(7, [{ term: common, impact: 0.9 }]);
    expect(postings.lookup([{ term: common, weight: 1 }], (key) => key !== 4, 1)).toEqual([7]);
  });

  it('picks the same clusters as ranking every one met by score, ties to the lower key', () => {
    // A seeded generator, so the case is the same on every run.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const terms = Array.from({ length: 30 }, (_, i) => termId(`selection-term-${i}`));
    // Impacts and weights on a coarse grid, so many clusters tie on their score.
    const indexed = new Map<number, Map<number, number>>();
    const postings = new TermPostings(10_000);
    for (let key = 0; key < 3000; key++) {
      const own = new Map<number, number>();
      for (let t = 1 + Math.floor(random() * 5); t > 0; t--)
        own.set(terms[Math.floor(random() * terms.length)]!, [0.125, 0.25, 0.5][Math.floor(random() * 3)]!);
      indexed.set(key, own);
      postings.set(
        key,
        [...own].map(([term, impact]) => ({ term, impact })),
      );
    }
    const accept = (key: number) => key % 7 !== 3;
    for (const limit of [1, 7, 50, 333, 2000, 5000]) {
      const query = terms.slice(0, 12).map((term, i) => ({ term, weight: 1 + (i % 3) }));
      const scored: { key: number; score: number }[] = [];
      for (const [key, own] of indexed) {
        if (!accept(key) || !query.some((q) => own.has(q.term))) continue;
        let score = 0;
        for (const q of query) if (own.has(q.term)) score += q.weight * own.get(q.term)!;
        scored.push({ key, score });
      }
      const expected = scored
        .sort((a, b) => b.score - a.score || a.key - b.key)
        .slice(0, limit)
        .map((s) => s.key)
        .sort((a, b) => a - b);
      expect(expected.length).toBe(Math.min(limit, scored.length));
      expect(postings.lookup(query, accept, limit)).toEqual(expected);
    }
  });

  it('ranks a cluster compared across languages by its lower threshold when told the language', () => {
    const stats = emptyStats();
    const index = new ClusterIndex({ maxCandidates: 4 });
    // A Hindi cluster sharing one term with the English article, and eight English ones sharing two.
    const hindi: ClusterState = {
      ...cluster('h', []),
      centroids: { hi: { sum: sparse(['mill', 'h1', 'h2']), count: 1 } },
    };
    const english = Array.from({ length: 8 }, (_, i) =>
      cluster(`e${i}`, ['mill', 'steel', `n${i}a`, `n${i}b`, `n${i}c`, `n${i}d`, `n${i}e`, `n${i}f`]),
    );
    const all = [hindi, ...english];
    for (const c of all) observe(stats, Object.values(c.centroids)[0]!.sum);
    for (const c of all) index.upsert(c, stats);
    const article = sparse(['mill', 'steel', 'karachi', 'revival']);
    const options = { sameLanguage: 0.3, crossLanguage: 0.1, windowDays: 3, quietHours: 24, quietGrowth: 0.4 };
    const signal = { lang: 'en', vector: article, time: null };
    const blind = index.candidates(article, stats);
    expect(blind.map((c) => c.id)).not.toContain('h');
    const told = index.candidates(article, stats, undefined, { lang: 'en', weight: 0.3 / 0.1 });
    expect(told).toHaveLength(4);
    expect(told.map((c) => c.id)).toContain('h');
    // Compared across languages against its lower threshold, the Hindi cluster wins, as in a scan of every cluster.
    expect(assignCluster(signal, all, stats, options).clusterId).toBe('h');
    expect(assignCluster(signal, told, stats, options)).toEqual(assignCluster(signal, all, stats, options));
    expect(assignCluster(signal, blind, stats, options).clusterId).not.toBe('h');
    // Once it has an English article, it is compared in English, and ranks as one English cluster among the others.
    index.upsert({ ...hindi, centroids: { ...hindi.centroids, en: { sum: sparse(['h3']), count: 1 } } }, stats);
    expect(index.candidates(article, stats, undefined, { lang: 'en', weight: 0.3 / 0.1 }).map((c) => c.id)).toEqual(
      blind.map((c) => c.id),
    );
    // Indexed again as it was (as a reload from the store might), it is the Hindi cluster again.
    index.upsert(hindi, stats);
    expect(index.candidates(article, stats, undefined, { lang: 'en', weight: 0.3 / 0.1 })).toEqual(told);
  });

  it("leaves out clusters quiet since before the article's horizon", () => {
    const stats = emptyStats();
    const index = new ClusterIndex();
    const old = { ...cluster('c1', ['mill', 'karachi']), firstSeen: 1_000, lastSeen: 2_000 };
    const recent = { ...cluster('c2', ['mill', 'moscow']), firstSeen: 9_000, lastSeen: 10_000 };
    const undated = cluster('c3', ['mill']);
    for (const c of [old, recent, undated]) observe(stats, c.centroids.en!.sum);
    for (const c of [old, recent, undated]) index.upsert(c, stats);
    expect(index.candidates(sparse(['mill']), stats, 5_000).map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(index.candidates(sparse(['mill']), stats).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });
});
