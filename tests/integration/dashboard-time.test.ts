// Tests that dashboard times are labelled with their zone, follow the reader's choice, and mark undated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { createWebApp } from '../../web/app.js';
import Database from 'better-sqlite3';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { MIGRATIONS } from '../../store/migrations.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { testConfig } from '../helpers/test-config.js';

const STORYLINE = 'pakistan-steel-mills';
const about =
  'Pakistan Steel Mills (PSM) in Karachi will be revived with Russian help under a protocol signed in Moscow.';
// News of January 2020 from a source in India (times in its own offset), ingested today; one report undated.
const ARTICLES = [
  {
    id: 'psm-late-night',
    publishedAt: '2020-01-03T01:30:00+05:30',
    title: 'Pakistan Steel Mills revival: Russian team visits Karachi',
  },
  {
    id: 'psm-noon',
    publishedAt: '2020-01-03T12:00:00+05:30',
    title: 'Pakistan Steel Mills protocol with Russia signed in Moscow',
  },
  {
    id: 'psm-last',
    publishedAt: '2020-01-04T21:15:00+05:30',
    title: 'Work on Karachi steel mill to start this year, says Pakistan Steel Mills',
  },
  { id: 'psm-undated', title: 'Pakistan Steel Mills workers hope for revival of the Karachi steel mill' },
];

let runtime: Runtime;
let web: ReturnType<typeof createWebApp>;
const get = async (url: string, zone?: string) =>
  (await web.app.request(url, zone ? { headers: { cookie: `sw_zone=${encodeURIComponent(zone)}` } } : {})).text();

beforeAll(async () => {
  const { config } = testConfig();
  runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-clock-'));
  const lines = ARTICLES.map((a) => JSON.stringify({ ...a, lang: 'en', text: `${a.title}. ${about} ${a.id}` }));
  writeFileSync(path.join(dir, 'psm.jsonl'), `${lines.join('\n')}\n`);
  const { items } = await readInputs([path.join(dir, 'psm.jsonl')], config.ingest.maxBytes);
  await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
  web = createWebApp(runtime.store!, {
    token: 'test-token-0123456789',
    queues: Object.values(runtime.queues),
    liveIntervalMs: 200,
  });
}, 60_000);

afterAll(async () => {
  web?.close();
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
});

describe('one clock', () => {
  it('all four reports match the storyline (the fixture is what the other checks rely on)', () => {
    const matched = runtime
      .store!.db.prepare('SELECT article_id AS id FROM storyline_matches WHERE storyline_id = ?')
      .all(STORYLINE) as Array<{ id: string }>;
    expect(matched.map((m) => m.id).sort()).toEqual(ARTICLES.map((a) => a.id).sort());
  });

  it('states UTC by default and labels every time with its zone', async () => {
    const body = await get('/');
    expect(body).toContain('data-zone="UTC"');
    expect(body).toMatch(/times in <select name="zone"[^>]*><option value="UTC" selected>UTC<\/option>/);
    // Last match: the latest publication (21:15 in India is 15:45 UTC), not when it was ingested (today).
    const row = body.split(`data-storyline="${STORYLINE}"`)[1]!.split('</tr>')[0]!;
    expect(row).toContain('<time datetime="2020-01-04T15:45:00.000Z">2020-01-04 15:45 UTC</time>');
    const times = [...body.matchAll(/<time datetime="[^"]+"[^>]*>([^<]+)<\/time>/g)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(3);
    for (const t of times) expect(t).toMatch(/ UTC$/);
  });

  it('renders in the zone chosen (kept in a cookie), and says which', async () => {
    const set = await web.app.request('/settings/zone', {
      method: 'POST',
      body: new URLSearchParams({ zone: 'Asia/Karachi', next: `/storylines/${STORYLINE}` }),
    });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe(`/storylines/${STORYLINE}`);
    expect(set.headers.get('set-cookie')).toMatch(/^sw_zone=Asia%2FKarachi;/);
    const karachi = await get(`/storylines/${STORYLINE}`, 'Asia/Karachi');
    expect(karachi).toContain('data-zone="Asia/Karachi"');
    expect(karachi).toContain('<option value="Asia/Karachi" selected>');
    expect(karachi).toContain(
      'last match published <time datetime="2020-01-04T15:45:00.000Z">2020-01-04 20:45 GMT+5</time>',
    );
    const kolkata = await get(`/storylines/${STORYLINE}`, 'Asia/Kolkata');
    expect(kolkata).toContain('<time datetime="2020-01-02T20:00:00.000Z">2020-01-03 01:30 GMT+5:30</time>');
    expect(kolkata).not.toMatch(/\d{2}:\d{2} UTC</);
    // Not a zone: refused, naming it; an unknown cookie falls back to UTC.
    const bad = await web.app.request('/settings/zone', {
      method: 'POST',
      body: new URLSearchParams({ zone: 'Mars/Olympus' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('"Mars/Olympus" is not a time zone');
    expect(await get('/', 'Mars/Olympus')).toContain('data-zone="UTC"');
  });

  it('shows publication time, and an undated report as undated with its arrival marked', async () => {
    const body = await get(`/clusters/${runtime.store!.listArticles().find((a) => a.id === 'psm-undated')!.clusterId}`);
    const undated = body.split('data-article="psm-undated"')[1]!.split('</li>')[0]!;
    expect(undated).toMatch(
      /<span class="undated">undated · received <time datetime="\d{4}-\d{2}-\d{2}T[\d:.]+Z">[\d-]+ [\d:]+ UTC<\/time><\/span>/,
    );
    const storyline = await get(`/storylines/${STORYLINE}`);
    const dated = storyline.split('data-article="psm-noon"')[1]!.split('</li>')[0]!;
    expect(dated).toContain(
      '<span class="published"><time datetime="2020-01-03T06:30:00.000Z">2020-01-03 06:30 UTC</time></span>',
    );
  });

  it('timeline and sparkline span the days of the data (UTC days of publication), undated not on a day', async () => {
    const timeline = (await (await web.app.request(`/api/storylines/${STORYLINE}/timeline`)).json()) as Array<{
      day: string;
      lang: string;
      count: number;
    }>;
    // 01:30 on 3 January in India is 2 January in UTC; the undated report is on no day (not today).
    expect(timeline).toEqual([
      { day: '2020-01-02', lang: 'en', count: 1 },
      { day: '2020-01-03', lang: 'en', count: 1 },
      { day: '2020-01-04', lang: 'en', count: 1 },
    ]);
    expect(await get(`/storylines/${STORYLINE}`)).toContain('1 undated match(es) not drawn');
    const overview = await get('/');
    const row = overview.split(`data-storyline="${STORYLINE}"`)[1]!.split('</tr>')[0]!;
    expect(row).toContain('aria-label="3 matches from 2019-12-06 to 2020-01-04"');
    expect(row).toContain('2019-12-06 – 2020-01-04 (UTC days)');
    const points = /points="([^"]+)"/
      .exec(row)![1]!
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(points).toHaveLength(30);
    // Quiet days flat at the bottom; 2, 3 and 4 January (the last three days) each one match, drawn higher.
    expect(points.slice(0, 27).every((y) => y === points[0])).toBe(true);
    expect(points.slice(27).every((y) => y < points[0]!)).toBe(true);
  });

  it('moves the matches of an older store to their UTC day of publication, undated ones to no day', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-clock-old-')), 'old.sqlite');
    await runtime.store!.db.backup(file);
    // As the store was before: each match on its article's date as written, else the day it came in.
    const old = new Database(file);
    old.exec(`UPDATE storyline_matches SET day = (SELECT substr(COALESCE(a.published_at, a.ingested_at), 1, 10)
      FROM articles a WHERE a.id = article_id)`);
    old.close();
    // The store's own migration, run on that shape (the later migrations are already in place).
    const store = new SqliteStore(file);
    store.db.exec(MIGRATIONS.find((m) => m.includes('UPDATE storyline_matches SET day'))!);
    const days = Object.fromEntries(
      (
        store.db
          .prepare('SELECT article_id AS id, day FROM storyline_matches WHERE storyline_id = ?')
          .all(STORYLINE) as Array<{ id: string; day: string | null }>
      ).map((r) => [r.id, r.day]),
    );
    store.close();
    expect(days).toEqual({
      'psm-late-night': '2020-01-02',
      'psm-noon': '2020-01-03',
      'psm-last': '2020-01-04',
      'psm-undated': null,
    });
  });

  it('renders the latest matches from the store on a fresh load (the storyline page: its own only)', async () => {
    const latest = (html: string) =>
      [
        ...html
          .split('id="live-matches"')[1]!
          .split('</ul>')[0]!
          .matchAll(/data-article="([^"]+)"/g),
      ].map((m) => m[1]);
    const stored = (
      runtime.store!.db.prepare('SELECT article_id AS id FROM storyline_matches ORDER BY rowid DESC').all() as Array<{
        id: string;
      }>
    ).map((r) => r.id);
    expect(latest(await get('/'))).toEqual(stored);
    expect(latest(await get(`/storylines/${STORYLINE}`))).toEqual(stored);
    runtime.store!.putStoryline(
      {
        id: 'other',
        name: 'Other',
        description: 'nothing stored matches this',
        keywords: ['zzqx'],
        examples: [],
        threshold: 0.99,
      },
      'api',
    );
    expect(await get('/storylines/other')).toContain('<ul class="articles" id="live-matches"><li class="empty">');
  });

  it('live events resume after the match the page was rendered with, each match once', async () => {
    const db = runtime.store!.db;
    const insert =
      db.prepare(`INSERT INTO storyline_matches(storyline_id, article_id, cluster_id, score, evidence, matched_at, lang, day)
      SELECT ?, id, cluster_id, 0.9, '{}', ?, lang, NULL FROM articles WHERE id = ?`);
    const after = (db.prepare('SELECT MAX(rowid) AS n FROM storyline_matches').get() as { n: number }).n;
    // A first reader keeps the poller running from before the next matches are stored…
    const first = await web.app.request('/events');
    insert.run('live-a', new Date().toISOString(), 'psm-noon');
    insert.run('live-a', new Date().toISOString(), 'psm-last');
    // …a page rendered before them connects: it gets them from the store, and not again from the poller.
    const second = await web.app.request(`/events?after=${after}`);
    const reader = second.body!.getReader();
    const ids: number[] = [];
    let text = '';
    while (ids.length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const events = text.split('\n\n');
      text = events.pop()!;
      for (const e of events) if (e.includes('event: match')) ids.push(Number(/^id: (\d+)$/m.exec(e)![1]));
      // The poller has sent what it saw to the first reader: a third match marks the end of what is expected.
      if (ids.length === 2) insert.run('live-a', new Date().toISOString(), 'psm-late-night');
    }
    await reader.cancel();
    await first.body!.cancel();
    expect(ids).toEqual([after + 1, after + 2, after + 3]);
  }, 20_000);
});
