// Tests ranked clusters on a real store: per-cluster totals, SQL scores, periods and filters.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankWindow, storyScore, storyScoreSql } from '../../pipeline/cluster/story-rank.js';
import { createWebApp } from '../../web/app.js';
import { DashboardQueries } from '../../store/dashboard-queries.js';
import { RankedClusters } from '../../store/ranked-clusters.js';
import { SqliteStore, type StoredCluster } from '../../store/sqlite-store.js';
import { CLUSTER_ITEMS_MIGRATION } from '../../store/cluster-items-migration.js';
import { leadOf } from '../../pipeline/cluster/cluster-title.js';
import { MIGRATIONS } from '../../store/migrations.js';

/** No title article chosen yet, as for a cluster stored by hand. */
const UNTITLED = { lead: '', centralId: null, centralLang: null, centralChecked: 0 };

const H = Date.parse('2025-06-10T12:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'sw-top-')), 'storywatch.sqlite');

/** Writes one article through the store's writer (a new cluster the first time an id is seen). */
function put(
  store: SqliteStore,
  a: { id: string; cluster: string; lang: string; url: string; at: string | null; storyline?: string },
) {
  const isNewCluster = !store.db.prepare('SELECT 1 FROM clusters WHERE id = ?').get(a.cluster);
  const cluster: StoredCluster = {
    id: a.cluster,
    title: `story ${a.cluster}`,
    createdAt: iso(H),
    centroids: {},
    firstSeen: null,
    lastSeen: null,
    ...UNTITLED,
  };
  store.writeArticle({
    article: {
      id: a.id,
      source: 'feed',
      lang: a.lang,
      langConfidence: 1,
      title: `${a.cluster} ${a.id}`,
      titleEn: `${a.cluster} ${a.id}`,
      text: 'text',
      contentHash: `hash-${a.id}`,
      vector: { kind: 'dense', values: [1] },
      mode: 'offline',
      publishedAt: a.at,
      url: a.url,
    },
    cluster,
    isNewCluster,
    matches: a.storyline ? [{ id: a.storyline, score: 0.9, evidence: {} } as never] : [],
  });
}

/**
 * c1: big, two languages, five outlets (one through a copy), in the hour H; c2: one article of the same
 * hour; c3: Hindi only, two articles two days before; c4: six articles of one outlet four days before,
 * matching a storyline; c5 merges into c4 later.
 */
function fixture(store: SqliteStore) {
  store.putStoryline(
    { id: 'floods', name: 'Indus floods', description: '', keywords: ['flood'], examples: [], threshold: 0.5 },
    'config',
  );
  const outlets = ['a.example', 'www.b.example', 'c.example', 'd.example'];
  for (let i = 0; i < 6; i++)
    put(store, {
      id: `big-${i}`,
      cluster: 'c1',
      lang: i < 4 ? 'en' : 'hi',
      url: `https://${outlets[i % 4]}/n/${i}`,
      at: iso(H - 50 * 60_000 + i * 60_000),
    });
  store.copies.add({
    id: 'big-copy',
    inputId: 'big-copy',
    source: 'wire',
    url: 'https://E.example:8443/x',
    title: 't',
    titleEn: 't',
    lang: 'en',
    publishedAt: '2025-06-10T17:20:00+05:30',
    contentHash: 'hash-copy',
    duplicateOf: 'big-0',
    similarity: 1,
  });
  put(store, { id: 'single', cluster: 'c2', lang: 'en', url: 'https://f.example/1', at: iso(H - 5 * 60_000) });
  put(store, { id: 'hi-1', cluster: 'c3', lang: 'hi', url: 'https://g.example/1', at: iso(H - 48 * HOUR) });
  put(store, { id: 'hi-2', cluster: 'c3', lang: 'hi', url: 'https://g.example/2', at: null });
  for (let i = 0; i < 6; i++)
    put(store, {
      id: `old-${i}`,
      cluster: 'c4',
      lang: 'en',
      url: `https://h.example/${i}`,
      at: iso(H - 96 * HOUR + i * HOUR),
      storyline: 'floods',
    });
  put(store, { id: 'late', cluster: 'c5', lang: 'ur', url: 'https://i.example/1', at: iso(H - 90 * HOUR) });
  store.mergeClusters(
    'c5',
    { id: 'c4', title: 'story c4', createdAt: iso(H), centroids: {}, firstSeen: null, lastSeen: null, ...UNTITLED },
    0.6,
  );
}

let store: SqliteStore;
let ranked: RankedClusters;
let web: ReturnType<typeof createWebApp>;
const get = async (url: string) => web.app.request(url);

beforeAll(() => {
  store = new SqliteStore(file());
  fixture(store);
  const queries = new DashboardQueries(store.db);
  ranked = new RankedClusters(store.db, (ids) => queries.clusterRows(ids));
  web = createWebApp(store, { token: undefined });
});

afterAll(() => {
  web.close();
  store.close();
});

describe('ranked clusters on a real store', () => {
  it('keeps per-cluster items and totals through copies and merges (outlets by host, times in UTC)', () => {
    const stats = store.db
      .prepare('SELECT cluster_id, articles, outlets, languages, langs, newest FROM cluster_stats ORDER BY cluster_id')
      .all();
    expect(stats).toEqual([
      {
        cluster_id: 'c1',
        articles: 7,
        outlets: 5,
        languages: 2,
        langs: expect.stringMatching(/^,(en,hi|hi,en),$/),
        newest: '2025-06-10T11:50:00.000Z',
      },
      { cluster_id: 'c2', articles: 1, outlets: 1, languages: 1, langs: ',en,', newest: '2025-06-10T11:55:00.000Z' },
      { cluster_id: 'c3', articles: 2, outlets: 1, languages: 1, langs: ',hi,', newest: expect.any(String) },
      {
        cluster_id: 'c4',
        articles: 7,
        outlets: 2,
        languages: 2,
        langs: expect.stringMatching(/^,(en,ur|ur,en),$/),
        newest: iso(H - 90 * HOUR),
      },
    ]);
    const copy = store.db.prepare("SELECT cluster_id, at, outlet FROM cluster_items WHERE kind = 'copy'").get();
    expect(copy).toEqual({ cluster_id: 'c1', at: '2025-06-10T11:50:00.000Z', outlet: 'e.example' });
    // Undated: its arrival time stands in.
    const undated = store.db.prepare("SELECT at FROM cluster_items WHERE item_id = 'hi-2'").get() as { at: string };
    expect(Date.parse(undated.at)).toBeGreaterThan(H);
  });

  it('follows an article whose date, language or URL is corrected', () => {
    const f = file();
    const own = new SqliteStore(f);
    put(own, { id: 'x', cluster: 'c1', lang: 'en', url: 'https://a.example/1', at: null });
    own.db
      .prepare(
        "UPDATE articles SET published_at = '2024-02-01T10:00:00+01:00', lang = 'hi', url = 'http://b.example/2' WHERE id = 'x'",
      )
      .run();
    const row = own.db.prepare("SELECT at, dated, lang, outlet FROM cluster_items WHERE item_id = 'x'").get();
    expect(row).toEqual({ at: '2024-02-01T09:00:00.000Z', dated: 1, lang: 'hi', outlet: 'b.example' });
    expect(own.db.prepare('SELECT langs, newest FROM cluster_stats').get()).toEqual({
      langs: ',hi,',
      newest: '2024-02-01T09:00:00.000Z',
    });
    own.close();
  });

  it('ranks the big two-language, several-outlet cluster above the one-article one of the same hour', () => {
    const page = ranked.rank({ period: '24h' }, H + HOUR);
    expect(page.window).toMatchObject({ historical: false, end: iso(H + HOUR) });
    expect(page.items.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(page.items[0]).toMatchObject({
      articleCount: 7,
      languages: ['en', 'hi'],
      activity: { articles: 7, outlets: 5, languages: 2, recent: 7 },
    });
    expect(page.items[0]!.score).toBeGreaterThan(4 * page.items[1]!.score);
  });

  it('scores in SQL exactly as the pure function does', () => {
    const w = rankWindow('7d', ranked.span(H + HOUR), H + HOUR);
    for (const c of ranked.rank({ period: '7d' }, H + HOUR).items)
      expect(c.score).toBeCloseTo(storyScore(c.activity, w), 9);
    const db = new Database(':memory:');
    const row = { articles: 3, outlets: 2, languages: 2, recent: 1, newest: '2025-06-09T12:00:00.000Z' };
    const columns =
      '@articles AS articles, @outlets AS outlets, @languages AS languages, @recent AS recent, @newestMs AS newestMs';
    const sql = db.prepare(`SELECT ${storyScoreSql('newestMs')} AS s FROM (SELECT ${columns})`);
    const { newest, ...counts } = row;
    const { s } = sql.get({ ...counts, newestMs: Date.parse(newest), endMs: H, halfLifeMs: 12 * HOUR }) as {
      s: number;
    };
    expect(s).toBeCloseTo(storyScore(row, { end: iso(H), halfLifeMs: 12 * HOUR }), 9);
    db.close();
  });

  it('anchors a period at the newest report when the store is older than it', () => {
    const page = ranked.rank({ period: '24h' }, Date.parse('2026-01-01T00:00:00Z'));
    expect(page.window).toMatchObject({ historical: true });
    expect(page.items.map((c) => c.id).slice(0, 2)).toEqual(['c1', 'c2']);
    expect(ranked.defaultPeriod(Date.parse('2026-01-01T00:00:00Z'))).toBe('all');
  });

  it('sorts by size and time, filters by language, storyline and size, and pages', () => {
    const now = H + HOUR;
    const all = (f: Parameters<RankedClusters['rank']>[0]) =>
      ranked.rank({ period: 'all', ...f }, now).items.map((c) => c.id);
    expect(all({ sort: 'size' })).toEqual(['c1', 'c4', 'c3', 'c2']);
    expect(all({ sort: 'time' }).slice(-1)).toEqual(['c4']);
    expect(all({ lang: 'hi' }).sort()).toEqual(['c1', 'c3']);
    expect(all({ lang: 'ur' })).toEqual(['c4']);
    expect(all({ storyline: 'floods' })).toEqual(['c4']);
    expect(all({ minSize: 2, sort: 'size' })).toEqual(['c1', 'c4', 'c3']);
    expect(ranked.rank({ period: '7d', lang: 'hi' }, now).items.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(ranked.rank({ period: '24h', lang: 'hi' }, now).items.map((c) => c.id)).toEqual(['c1']);
    const page2 = ranked.rank({ period: 'all', sort: 'size', limit: 2, offset: 2 }, now);
    expect([page2.total, page2.items.map((c) => c.id)]).toEqual([4, ['c3', 'c2']]);
    expect(ranked.rank({ period: 'all', storyline: 'floods' }, now).items[0]!.storylines).toEqual([
      { id: 'floods', name: 'Indus floods' },
    ]);
    expect(new DashboardQueries(store.db).languagesPresent()).toEqual(['en', 'hi', 'ur']);
    // Pages of one give the whole ranking, growth included, in every order.
    for (const sort of ['top', 'size', 'time'] as const) {
      const whole = ranked.rank({ period: 'all', sort }, now).items.map((c) => [c.id, c.score]);
      const paged = [0, 1, 2, 3].map((offset) => ranked.rank({ period: 'all', sort, limit: 1, offset }, now).items[0]!);
      expect(paged.map((c) => [c.id, c.score])).toEqual(whole);
    }
  });

  it("keeps a cluster's totals by one step per new row, equal to recounting every row, through moves and deletions", () => {
    const store = new SqliteStore(file());
    const { db } = store;
    const insert = db.prepare(
      "INSERT INTO cluster_items(kind, item_id, article_id, cluster_id, at, dated, lang, outlet) VALUES ('copy', ?, 'a', ?, ?, ?, ?, ?)",
    );
    const recount = `SELECT cluster_id AS id, COUNT(*) AS articles, COUNT(DISTINCT outlet) AS outlets,
        COUNT(DISTINCT lang) AS languages, COALESCE(MAX(CASE WHEN dated THEN at END), MAX(at)) AS newest,
        CAST(round((julianday(COALESCE(MAX(CASE WHEN dated THEN at END), MAX(at))) - 2440587.5) * 86400000.0) AS INTEGER) AS newestMs,
        SUM(dated) AS dated, group_concat(DISTINCT lang) AS langs FROM cluster_items GROUP BY cluster_id ORDER BY cluster_id`;
    const kept = `SELECT cluster_id AS id, articles, outlets, languages, newest, newest_ms AS newestMs, dated_items AS dated,
        langs FROM cluster_stats ORDER BY cluster_id`;
    const sorted = (rows: unknown[]) =>
      (rows as Array<{ langs: string }>).map((r) => ({
        ...r,
        langs: r.langs.split(',').filter(Boolean).sort().join(),
      }));
    let x = 42;
    const next = (n: number) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 400; i++) {
      const op = next(10);
      if (op < 8 || i < 20) {
        const day = String(1 + next(28)).padStart(2, '0');
        const at = `2025-07-${day}T${String(next(24)).padStart(2, '0')}:00:00.000Z`;
        insert.run(`i${i}`, `c${next(6)}`, at, next(3) ? 1 : 0, ['en', 'hi', 'ur', 'und'][next(4)], `outlet${next(7)}`);
      } else if (op === 8)
        db.prepare('UPDATE cluster_items SET cluster_id = ? WHERE cluster_id = ?').run(`c${next(6)}`, `c${next(6)}`);
      else
        db.prepare(
          'DELETE FROM cluster_items WHERE item_id = (SELECT item_id FROM cluster_items ORDER BY random() LIMIT 1)',
        ).run();
      if (i % 20 === 19) expect(sorted(db.prepare(kept).all())).toEqual(sorted(db.prepare(recount).all()));
    }
    expect(sorted(db.prepare(kept).all())).toEqual(sorted(db.prepare(recount).all()));
    store.close();
  });

  it('back-fills items and totals when an existing store is migrated', () => {
    const f = file();
    const db = new Database(f);
    const ranked = MIGRATIONS.indexOf(CLUSTER_ITEMS_MIGRATION);
    // Earlier migrations call the function the store registers when it opens.
    db.function('lead_of', (text, title) => leadOf(String(text ?? ''), String(title ?? '')));
    for (const m of MIGRATIONS.slice(0, ranked)) db.exec(m);
    db.pragma(`user_version = ${ranked}`);
    db.prepare(
      "INSERT INTO clusters(id, seq, title, created_at, centroids) VALUES ('c1', 1, 't', '2020-01-01', '{}')",
    ).run();
    const article =
      db.prepare(`INSERT INTO articles(id, content_hash, url, source, title, title_en, lang, lang_confidence, published_at, text, cluster_id, vector, mode, ingested_at)
      VALUES (?, ?, ?, 'feed', 't', 't', ?, 1, ?, 'x', 'c1', '[]', 'offline', '2026-01-01T00:00:00.000Z')`);
    article.run('a1', 'h1', 'http://www.Air.example/News?id=1', 'en', '2020-01-03T17:33:00+05:30');
    article.run('a2', 'h2', 'http://air.example/hi/2', 'hi', null);
    db.prepare(
      `INSERT INTO article_copies(id, input_id, source, url, title, title_en, lang, published_at, content_hash, duplicate_of, similarity, ingested_at)
      VALUES ('k1', 'k1', 'paper.txt', NULL, 't', 't', 'en', '2020-01-03', 'h3', 'a1', 1, '2026-01-01')`,
    ).run();
    db.close();
    const migrated = new SqliteStore(f);
    const items = migrated.db.prepare('SELECT item_id, at, outlet FROM cluster_items ORDER BY item_id').all();
    expect(items).toEqual([
      { item_id: 'a1', at: '2020-01-03T12:03:00.000Z', outlet: 'air.example' },
      { item_id: 'a2', at: '2026-01-01T00:00:00.000Z', outlet: 'air.example' },
      { item_id: 'k1', at: '2020-01-03T00:00:00.000Z', outlet: 'paper.txt' },
    ]);
    expect(migrated.db.prepare('SELECT articles, outlets, languages, dated_items FROM cluster_stats').get()).toEqual({
      articles: 3,
      outlets: 2,
      languages: 2,
      dated_items: 2,
    });
    migrated.close();
  });
});

describe('top stories on the pages and in the API', () => {
  it('overview leads with the top stories, each linking to its cluster with languages, outlets, size, storylines', async () => {
    const body = await (await get('/?period=all')).text();
    const section = body.slice(body.indexOf('<section id="top-stories">'));
    expect(body.indexOf('<section id="top-stories">')).toBeLessThan(body.indexOf('Tracked storylines'));
    const stories = section.split('<article class="story"').slice(1);
    expect(stories.map((s) => /data-cluster="(c\d+)"/.exec(s)![1])).toEqual(['c1', 'c4', 'c3', 'c2']);
    expect(stories[0]).toContain('href="/clusters/c1"');
    expect(stories[0]).toContain('7 articles (1 copy) · covered by 5 outlets');
    expect(stories[0]).toMatch(/lang-en[\s\S]*lang-hi/);
    expect(stories[1]).toContain('<a href="/storylines/floods">Indus floods</a>');
    expect(section).toMatch(/data-field="window">Of all stored reports/);
  });

  it('the fixture is historical: the overview says which window it shows', async () => {
    const body = await (await get('/?period=24h')).text();
    expect(body).toMatch(
      /Of the 24 hours up to the newest stored report \(<time[^>]*>2025-06-09 11:55 UTC<\/time> – <time[^>]*>2025-06-10 11:55 UTC<\/time>\)/,
    );
    expect(await (await get('/')).text()).toMatch(/data-field="window">Of all stored reports/);
  });

  it('/clusters: sort, filters as real controls, language choices from the store', async () => {
    const body = await (await get('/clusters?sort=size&lang=hi&period=all')).text();
    expect(body).toMatch(
      /<select name="lang"><option value="">any<\/option><option value="en">en<\/option><option value="hi" selected>hi<\/option><option value="ur">ur<\/option><\/select>/,
    );
    expect(body).toContain('<option value="size" selected>');
    expect(body).toContain('<option value="floods">Indus floods</option>');
    expect(body).toContain('<input name="minSize" type="number"');
    expect(
      body
        .split('<article class="story"')
        .slice(1)
        .map((s) => /data-cluster="(c\d+)"/.exec(s)![1]),
    ).toEqual(['c1', 'c3']);
    const bySize = await (await get('/clusters?sort=size&minSize=3&period=all')).text();
    expect(bySize.split('<article class="story"').length - 1).toBe(2);
    // A bad parameter is ignored on a page.
    expect((await get('/clusters?sort=loudest&period=year')).status).toBe(200);
  });

  it('GET /api/clusters ranks and filters the same way, and refuses bad parameters by name', async () => {
    const top = (await (await get('/api/clusters?sort=top&period=all')).json()) as {
      items: Array<{ id: string; score: number; activity: { outlets: number } }>;
      total: number;
      period: string;
      window: { historical: boolean };
    };
    expect(top.items.map((c) => c.id)).toEqual(['c1', 'c4', 'c3', 'c2']);
    expect(top).toMatchObject({ total: 4, period: 'all', window: { historical: true } });
    expect(top.items[0]!.activity.outlets).toBe(5);
    // The week up to the newest report: c3 has one report in it (its undated one came in after), c1 six.
    const hindi = (await (await get('/api/clusters?sort=size&period=7d&lang=hi')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(hindi.items.map((c) => c.id)).toEqual(['c1', 'c3']);
    const twoOrMore = (await (await get('/api/clusters?sort=size&period=7d&lang=hi&minSize=2')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(twoOrMore.items.map((c) => c.id)).toEqual(['c1']);
    const floods = (await (await get('/api/clusters?sort=time&storyline=floods')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(floods.items.map((c) => c.id)).toEqual(['c4']);
    for (const [query, name] of [
      ['sort=loudest', 'sort'],
      ['period=1y', 'period'],
      ['minSize=-1', 'minSize'],
      ['lang=Hindi', 'lang'],
    ]) {
      const res = await get(`/api/clusters?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(new RegExp(`^${name}:`));
    }
    expect((await get('/api/clusters?sort=top&storyline=nope')).status).toBe(404);
  });
});
