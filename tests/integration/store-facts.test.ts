// The report, the API, the dashboard, /metrics and webhook payloads say the same of a cluster and a storyline.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorylineMatch } from '../../pipeline/storylines/match-storylines.js';
import { SqliteStore, type StoredCluster } from '../../store/sqlite-store.js';
import { storeReport } from '../../store/store-report.js';
import { summarise } from '../../store/facts.js';
import { createWebApp } from '../../web/app.js';
import { storedCluster } from '../helpers/prepared-article.js';

const STORYLINE = { id: 'psm', name: 'Steel mill', description: '', keywords: ['PSM'], examples: [], threshold: 0.5 };

/** A cluster as the writer keeps it; its centroids count its stored articles only, never their copies. */
const clusterState = (id: string, counts: Record<string, number>): StoredCluster =>
  storedCluster(id, {
    centroids: Object.fromEntries(
      Object.entries(counts).map(([lang, count]) => [lang, { sum: { kind: 'dense', values: [1] }, count }]),
    ),
  });

function put(
  store: SqliteStore,
  a: { id: string; cluster: StoredCluster; lang: string; url: string; at: string | null; match?: boolean },
) {
  const isNewCluster = !store.facts.cluster(a.cluster.id);
  const matches = a.match ? [{ id: STORYLINE.id, score: 0.8, evidence: {} } as unknown as StorylineMatch] : [];
  store.writeArticle({
    article: {
      id: a.id,
      source: 'feed',
      lang: a.lang,
      langConfidence: 1,
      title: `title ${a.id}`,
      titleEn: `title ${a.id}`,
      text: `text ${a.id}`,
      contentHash: `hash-${a.id}`,
      vector: { kind: 'dense', values: [1] },
      mode: 'offline',
      publishedAt: a.at,
      url: a.url,
    },
    cluster: a.cluster,
    isNewCluster,
    matches,
  });
}

/**
 * c1: two English reports (one a copy from another outlet, published last) and three Hindi ones, one of
 * them undated; c2: one undated English article. The storyline matches a dated English, an undated Hindi
 * and the undated c2 article.
 */
function fixture(store: SqliteStore): void {
  store.syncConfigStorylines([STORYLINE]);
  const c1 = clusterState('c1', { en: 1, hi: 3 });
  put(store, {
    id: 'a1',
    cluster: c1,
    lang: 'en',
    url: 'https://www.dawn.com/a1',
    at: '2025-09-01T10:00:00+05:00',
    match: true,
  });
  put(store, { id: 'a2', cluster: c1, lang: 'hi', url: 'https://www.bbc.com/hindi/a2', at: null, match: true });
  put(store, { id: 'a3', cluster: c1, lang: 'hi', url: 'https://www.amarujala.com/a3', at: '2025-09-02T08:00:00Z' });
  put(store, { id: 'a4', cluster: c1, lang: 'hi', url: 'https://www.jagran.com/a4', at: '2025-09-02T09:00:00Z' });
  store.copies.add({
    id: 'k1',
    inputId: 'k1',
    source: 'feed',
    url: 'https://tribune.com.pk/k1',
    title: 'title a1',
    titleEn: 'title a1',
    lang: 'en',
    publishedAt: '2025-09-03T00:00:00Z',
    contentHash: 'hash-k1',
    duplicateOf: 'a1',
    similarity: 0.97,
  });
  put(store, {
    id: 'b1',
    cluster: clusterState('c2', { en: 1 }),
    lang: 'en',
    url: 'https://www.dawn.com/b1',
    at: null,
    match: true,
  });
}

let store: SqliteStore;
let web: ReturnType<typeof createWebApp>;
const get = (url: string) => web.app.request(url);
/** The instants a page's `<time>` elements name, in order. */
const times = (html: string) => [...html.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]!);
const instant = (t: string | null) => (t === null ? null : new Date(t).toISOString());

beforeAll(() => {
  store = new SqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'sw-facts-')), 'storywatch.sqlite'));
  fixture(store);
  web = createWebApp(store, { token: undefined });
});

afterAll(() => {
  web.close();
  store.close();
});

describe('one source for each fact', () => {
  it('a cluster: its size counts copies, languages go most reports first, its span is of its dated reports', () => {
    expect(store.facts.cluster('c1')).toMatchObject({
      articleCount: 5,
      copyCount: 1,
      languages: ['hi', 'en'],
      sources: ['dawn.com', 'bbc.com', 'amarujala.com', 'jagran.com', 'tribune.com.pk'],
      firstSeen: '2025-09-01T05:00:00.000Z',
      lastSeen: '2025-09-03T00:00:00.000Z',
    });
    // The totals the ranking reads agree with it.
    expect(
      store.db.prepare("SELECT articles, outlets, newest FROM cluster_stats WHERE cluster_id = 'c1'").get(),
    ).toEqual({ articles: 5, outlets: 5, newest: '2025-09-03T00:00:00.000Z' });
    // Nothing dated: the span is of arrival times.
    const undated = store.facts.cluster('c2')!;
    const arrived = (store.db.prepare("SELECT ingested_at AS t FROM articles WHERE id = 'b1'").get() as { t: string })
      .t;
    expect([undated.firstSeen, undated.lastSeen]).toEqual([arrived, arrived]);
  });

  it('the report, the API, the dashboard and a webhook payload say the same of a cluster', async () => {
    const facts = store.facts.cluster('c1')!;
    const shown = {
      articleCount: facts.articleCount,
      languages: facts.languages,
      firstSeen: facts.firstSeen,
      lastSeen: facts.lastSeen,
    };

    const reported = storeReport(store, 'offline').clusters.find((c) => c.id === 'c1')!;
    expect(reported).toMatchObject({ ...shown, sources: facts.sources, articleIds: ['a1', 'a2', 'a3', 'a4'] });

    const api = (await (await get('/api/clusters/c1')).json()) as { cluster: Record<string, unknown> };
    expect(api.cluster).toMatchObject({ ...shown, copyCount: 1, sources: facts.sources });
    const ranked = (await (await get('/api/clusters?period=all')).json()) as { items: Array<Record<string, unknown>> };
    expect(ranked.items.find((c) => c.id === 'c1')).toMatchObject({ ...shown, sources: facts.sources });

    expect(summarise(store.facts, 'c1')).toEqual({ id: 'c1', title: 'story c1', lead: '', ...shown });

    const page = await (await get('/clusters/c1')).text();
    const meta = /<p class="meta">c1 · ([^]*?)<\/p>/.exec(page)![1]!;
    expect(meta).toContain('5 articles (1 copy) · covered by 5 outlets');
    expect([...meta.matchAll(/class="lang lang-(\w+)"/g)].map((m) => m[1])).toEqual(facts.languages);
    expect(times(meta)).toEqual([facts.firstSeen, facts.lastSeen]);
  });

  it('the report, the API, the dashboard and /metrics say the same of a storyline', async () => {
    const facts = store.facts.storyline('psm');
    expect(facts).toMatchObject({
      articleCount: 3,
      clusterCount: 2,
      perLanguage: { en: 2, hi: 1 },
      undatedCount: 2,
      lastPublishedAt: '2025-09-01T10:00:00+05:00',
      lastDay: '2025-09-01',
    });

    const reported = storeReport(store, 'offline').storylines.find((s) => s.id === 'psm')!;
    expect(reported.articleIds).toHaveLength(facts.articleCount);
    expect(new Set(reported.clusterIds).size).toBe(facts.clusterCount);
    expect(reported).toMatchObject({
      perLanguage: facts.perLanguage,
      lastMatchAt: facts.lastMatchAt,
      lastPublishedAt: facts.lastPublishedAt,
    });

    const listed = ((await (await get('/api/storylines')).json()) as Array<Record<string, unknown>>).find(
      (s) => s.id === 'psm',
    );
    expect(listed).toMatchObject({
      articleCount: 3,
      clusterCount: 2,
      perLanguage: facts.perLanguage,
      lastMatchAt: facts.lastMatchAt,
    });
    expect(await (await get('/api/storylines/psm')).json()).toMatchObject({ ...facts });

    const overview = await (await get('/')).text();
    const row = /<tr data-storyline="psm">([^]*?)<\/tr>/.exec(overview)![1]!;
    expect(row).toMatch(/data-count="articles">3</);
    expect(times(/data-field="last-match">([^]*?)<\/td>/.exec(row)![1]!)).toEqual([instant(facts.lastPublishedAt)]);
    const page = await (await get('/storylines/psm')).text();
    const languages = '<span data-field="languages">en 2, hi 1</span>';
    expect(page).toContain(`<span data-count="articles">3</span> matched article(s) (${languages}) in 2 cluster(s)`);

    const metrics = await (await get('/metrics')).text();
    expect(metrics).toMatch(/^storywatch_storyline_matches\{storyline="psm"\} 3$/m);
  });
});
