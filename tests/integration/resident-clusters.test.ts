// The cluster writer's resident clusters on a real store: old clusters leave memory and the index, a late article reads them back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeArticle } from '../../pipeline/place/place-article.js';
import type { Placement } from '../../pipeline/place/placement.js';
import type { PreparedArticle, Vector } from '../../pipeline/types.js';
import { PlacementView, RESIDENT_DAYS } from '../../store/placement-view.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { preparedArticle, TEST_CLUSTERING } from '../helpers/prepared-article.js';

const terms = (words: string): Vector => ({
  kind: 'sparse',
  terms: Object.fromEntries(words.split(' ').map((w) => [`w:${w}`, 1])),
});
const article = (id: string, words: string, publishedAt: string): PreparedArticle =>
  preparedArticle(id, terms(words), { publishedAt });

/** The writer's view on a fresh SQLite store, placing one article per write transaction as the cluster writer does. */
async function writer(residentDays?: number) {
  const store = new SqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'sw-resident-')), 'storywatch.sqlite'));
  const view = new PlacementView(store, async () => [], residentDays);
  await view.refreshStorylines();
  const place = (item: PreparedArticle): Placement =>
    store.writeTransaction(() => {
      expect(view.refresh()).toBe(true);
      const placement = placeArticle(item, view.snapshot(item, false), { clustering: TEST_CLUSTERING });
      store.persistPlacement(placement);
      view.persisted(placement);
      return placement;
    });
  return { store, view, place };
}

const clusterOf = (p: Placement) => (p.kind === 'placed' ? p.clusterId : p.kind);

// Stories of January, then of March (more than RESIDENT_DAYS later), then late reports of the January ones.
const STREAM = [
  article('jan-1', 'steel mill karachi protocol', '2025-01-01T08:00:00Z'),
  article('jan-2', 'cricket final delhi stadium', '2025-01-01T09:00:00Z'),
  article('jan-3', 'steel mill karachi russia', '2025-01-02T10:00:00Z'),
  article('mar-1', 'monsoon flood assam rivers', '2025-03-01T08:00:00Z'),
  article('mar-2', 'election commission voters rolls', '2025-03-01T12:00:00Z'),
  article('late-1', 'steel mill karachi protocol russia', '2025-01-02T18:00:00Z'),
  article('mar-3', 'monsoon flood assam relief', '2025-03-02T08:00:00Z'),
  article('late-2', 'cricket final delhi trophy', '2025-01-01T20:00:00Z'),
  article('mar-4', 'election commission voters turnout', '2025-03-02T09:00:00Z'),
];

describe('the resident clusters of the cluster writer', () => {
  it('drops clusters quiet for longer than the window from memory and the index, and places a late article into its old cluster', async () => {
    const { store, view, place } = await writer();
    const { model } = view;
    for (const a of STREAM.slice(0, 3)) place(a);
    expect([...model.clusters.keys()]).toEqual(['c1', 'c2']);
    place(STREAM[3]!);
    // January is more than RESIDENT_DAYS before March: its clusters are in the store alone.
    expect(RESIDENT_DAYS).toBeLessThan(58);
    expect([...model.clusters.keys()]).toEqual(['c3']);
    expect(model.index.get('c1')).toBeUndefined();
    expect(model.index.get('c2')).toBeUndefined();
    expect(model.index.candidates(terms('steel mill karachi'), model.stats)).toEqual([]);
    expect(store.listClusters().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    place(STREAM[4]!);
    // A report dated in January, arriving now, joins the January cluster it belongs to.
    const late = place(STREAM[5]!);
    expect(late).toMatchObject({ kind: 'placed', clusterId: 'c1', isNewCluster: false });
    expect(store.listClusters().find((c) => c.id === 'c1')!.centroids.en!.count).toBe(3);
    // What it read stays for the late articles that may follow (an archive read in date order reads the store once).
    expect([...model.clusters.keys()].sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(model.index.get('c1')).toBeDefined();
    // Loaded again (another writer moved the store), the view holds the resident clusters alone.
    view.forget();
    store.writeTransaction(() => view.refresh());
    expect([...model.clusters.keys()]).toEqual(['c3', 'c4']);
  });

  it('places every article as a writer holding every cluster does', async () => {
    const resident = await writer();
    const all = await writer(Number.POSITIVE_INFINITY);
    const placements = STREAM.map((a) => [resident.place(a), all.place(a)] as const);
    expect(placements.map(([r]) => clusterOf(r))).toEqual(placements.map(([, a]) => clusterOf(a)));
    expect(placements.map(([r]) => clusterOf(r))).toEqual(['c1', 'c2', 'c1', 'c3', 'c4', 'c1', 'c3', 'c2', 'c4']);
    // The same clusters, centroids, spans and titles (createdAt is the clock's).
    const stored = (s: SqliteStore) => s.listClusters().map((c) => ({ ...c, createdAt: undefined }));
    expect(stored(resident.store)).toEqual(stored(all.store));
    expect(all.view.model.clusters.size).toBe(4);
  });

  it('places a long stream with late articles as a writer holding every cluster does', async () => {
    // 300 articles on 40 topics over 100 days, then 30 dated up to 100 days before the newest, then 70 more (seeded).
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const words = (topic: number) =>
      Array.from({ length: 5 }, () => `t${topic}w${Math.floor(random() * 8)}`).join(' ') + ` common${topic % 3}`;
    const day = (i: number) => (i < 300 ? (i / 300) * 100 + random() : i < 330 ? random() * 100 : 100 + (i - 330) / 7);
    const stream = Array.from({ length: 400 }, (_, i) =>
      article(
        `a${i}`,
        words(Math.floor(random() * 40)),
        new Date(Date.UTC(2025, 0, 1) + day(i) * 86_400_000).toISOString(),
      ),
    );
    const resident = await writer();
    const all = await writer(Number.POSITIVE_INFINITY);
    const place = (from: number, to: number) =>
      stream.slice(from, to).map((a) => [clusterOf(resident.place(a)), clusterOf(all.place(a))]);
    const inOrder = place(0, 300);
    // Clusters of the first two months left memory; the first late article reads them back.
    expect(resident.view.model.clusters.size).toBeLessThan(all.view.model.clusters.size / 2);
    const edge = resident.view.model.residentSince;
    const rest = place(300, 400);
    expect(resident.view.model.residentSince).toBeLessThan(edge);
    for (const [r, a] of [...inOrder, ...rest]) expect(r).toBe(a);
    const stored = (s: SqliteStore) => s.listClusters().map((c) => ({ ...c, createdAt: undefined }));
    expect(stored(resident.store)).toEqual(stored(all.store));
  });
});
