// Tests the dashboard pages and the read API through in-process requests.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { createWebApp } from '../../web/app.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const TOKEN = 'test-token-0123456789';
const EDITOR = { username: 'editor', password: 'correct-horse-battery' };
const basic = `Basic ${Buffer.from(`${EDITOR.username}:${EDITOR.password}`).toString('base64')}`;
const EN = '000_59c1e87fd81191b7-1';
const HI = '001_6d2f3309d51e9222-1';
const HOSTILE = '<script>alert("x")</script> Pakistan Steel Mills revival talks';

let runtime: Runtime;
let web: ReturnType<typeof createWebApp>;
const app = () => web.app;

beforeAll(async () => {
  const { config } = testConfig();
  runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
  // The seeds, and one hostile article whose title and URL must come out inert.
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-dash-'));
  writeFileSync(
    path.join(dir, 'hostile.jsonl'),
    `${JSON.stringify({ id: 'hostile-1', title: HOSTILE, url: 'javascript:alert(1)', publishedAt: '2025-09-03', text: 'Pakistan Steel Mills PSM Karachi steel mill revival with Russia. <img src=x onerror=alert(2)> The protocol was signed in Moscow and work will start in Karachi this year.' })}\n`,
  );
  const inputs = [
    ...readdirSync(SEEDS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(SEEDS_DIR, f)),
    path.join(dir, 'hostile.jsonl'),
  ];
  const { items } = await readInputs(inputs, config.ingest.maxBytes);
  await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
  web = createWebApp(runtime.store!, { token: TOKEN, basicAuth: EDITOR, queues: Object.values(runtime.queues) });
}, 60_000);

afterAll(async () => {
  web.close();
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
});

describe('dashboard pages (in-process requests)', () => {
  it('overview: tracked storylines with counts and sparkline, newest clusters, security headers', async () => {
    const res = await app().request('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.text();
    expect(body).toMatch(/<a href="\/storylines\/pakistan-steel-mills">Pakistan Steel Mills revival<\/a>/);
    expect(body).toMatch(/data-count="articles">5</);
    expect(body).toContain('<svg class="spark"');
    expect(body).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('storyline page: the English and Hindi reports in one cluster, hostile text escaped and inert', async () => {
    const body = await (await app().request('/storylines/pakistan-steel-mills')).text();
    const sections = body.split('<article class="cluster"').slice(1);
    const pair = sections.find((s) => s.includes(`data-article="${EN}"`))!;
    expect(pair).toContain(`data-article="${HI}"`);
    expect(pair).toMatch(/<ul class="articles" data-lang="en">[\s\S]*<ul class="articles" data-lang="hi">/);
    expect(pair).toContain('रूस ने पाकिस्तान के साथ कर ली बड़ी डील');
    expect(body).toContain('data-timeline="[{&quot;day&quot;');
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Pakistan Steel Mills revival talks');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('javascript:alert');
    // Filters: Hindi only leaves the one cluster with a Hindi report.
    const hindi = await (await app().request('/storylines/pakistan-steel-mills?lang=hi')).text();
    expect(hindi.split('<article class="cluster"').length - 1).toBe(1);
    // The language filter is a choice of the languages in the store, the chosen one selected.
    expect(hindi).toContain(
      '<select name="lang"><option value="">any</option><option value="en">English (en)</option><option value="hi" selected>Hindi (hi)</option></select>',
    );
  });

  it('cluster, clusters, search and not-found pages', async () => {
    const clusterId = runtime.store!.listArticles().find((a) => a.id === EN)!.clusterId;
    const cluster = await (await app().request(`/clusters/${clusterId}`)).text();
    expect(cluster).toContain(`data-article="${EN}"`);
    expect(cluster).toContain(`data-article="${HI}"`);
    expect(await (await app().request('/clusters')).text()).toContain(`href="/clusters/${clusterId}"`);
    const search = await (await app().request(`/search?q=${encodeURIComponent('स्टील')}`)).text();
    expect(search).toMatch(/1 article\(s\)/);
    expect(search).toContain('<mark>');
    expect((await app().request('/storylines/none')).status).toBe(404);
    expect((await app().request('/clusters/c999999')).status).toBe(404);
  });
});

describe('read API (in-process requests)', () => {
  it('clusters of a storyline with filters and paging; articles; one cluster; timeline', async () => {
    const page1 = (await (await app().request('/api/clusters?storyline=pakistan-steel-mills&limit=2')).json()) as {
      items: Array<{ id: string; articles: Array<{ id: string }> }>;
      total: number;
      limit: number;
      offset: number;
    };
    expect(page1.total).toBeGreaterThanOrEqual(3);
    expect(page1.items).toHaveLength(2);
    const page2 = (await (
      await app().request('/api/clusters?storyline=pakistan-steel-mills&limit=2&offset=2')
    ).json()) as typeof page1;
    expect(page2.items.map((c) => c.id)).not.toContain(page1.items[0]!.id);
    const hindi = (await (await app().request('/api/articles?storyline=pakistan-steel-mills&lang=hi')).json()) as {
      items: Array<{ id: string; score: number }>;
      total: number;
    };
    expect(hindi.items.map((a) => a.id)).toEqual([HI]);
    expect(hindi.items[0]!.score).toBeGreaterThan(0.5);
    const dated = (await (await app().request('/api/articles?since=2025-09-01&until=2025-09-04')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(dated.items.map((a) => a.id).sort()).toEqual(['004_3c7d80452f340e24-1', 'hostile-1']);
    const all = (await (await app().request('/api/clusters')).json()) as { total: number };
    expect(all.total).toBe(runtime.store!.listClusters().length);
    const clusterId = runtime.store!.listArticles().find((a) => a.id === HI)!.clusterId;
    const one = (await (await app().request(`/api/clusters/${clusterId}`)).json()) as {
      cluster: { languages: string[] };
      storylines: Array<{ id: string }>;
    };
    expect(one.cluster.languages).toEqual(['en', 'hi']);
    expect(one.storylines.map((s) => s.id)).toEqual(['pakistan-steel-mills']);
    const timeline = (await (await app().request('/api/storylines/pakistan-steel-mills/timeline')).json()) as Array<{
      day: string;
      lang: string;
      count: number;
    }>;
    // Of the five matches, the two reports that state no date are on no day (not on the day they came in).
    const undated = runtime
      .store!.listArticles()
      .filter((a) => !a.publishedAt)
      .map((a) => a.id);
    const matched = (
      runtime
        .store!.db.prepare('SELECT article_id AS id FROM storyline_matches WHERE storyline_id = ?')
        .all('pakistan-steel-mills') as Array<{ id: string }>
    ).map((m) => m.id);
    expect(matched.filter((id) => undated.includes(id))).toHaveLength(2);
    expect(timeline.reduce((n, r) => n + r.count, 0)).toBe(3);
    expect(timeline).toContainEqual({ day: '2025-09-02', lang: 'en', count: 1 });
  });

  it('search in any script; bad parameters are named', async () => {
    const hits = (await (await app().request(`/api/search?q=${encodeURIComponent('Overchuk')}`)).json()) as {
      items: Array<{ id: string; snippet: string }>;
    };
    expect(hits.items.map((a) => a.id)).toEqual(['002_2cf772f13c620336-1']);
    expect(hits.items[0]!.snippet).toContain('Overchuk');
    // FTS5 syntax in the words is taken literally, never as a query (no syntax errors, no operators).
    const operators = await app().request(`/api/search?q=${encodeURIComponent('steel* "mills" NEAR(')}`);
    expect(operators.status).toBe(200);
    expect(((await operators.json()) as { total: number }).total).toBe(0);
    const words = (await (await app().request(`/api/search?q=${encodeURIComponent('steel* "mills"')}`)).json()) as {
      items: Array<{ id: string }>;
    };
    expect(words.items.map((a) => a.id)).toContain('000_59c1e87fd81191b7-1');
    expect(await (await app().request('/api/articles?since=yesterday')).json()).toEqual({
      error: 'since: a date (YYYY-MM-DD) or ISO time',
    });
    expect((await app().request('/api/clusters?storyline=nope')).status).toBe(404);
    expect((await app().request('/api/search')).status).toBe(400);
    expect((await app().request('/api/feeds')).status).toBe(503);
  });

  it('serves Prometheus metrics and the health check', async () => {
    const metrics = await (await app().request('/metrics')).text();
    expect(metrics).toContain('storywatch_articles 10');
    expect(metrics).toMatch(/storywatch_storyline_matches\{storyline="pakistan-steel-mills"\} 5/);
    // The six inputs travelled in one IngestItem, their ten articles in one ClusterItem.
    expect(metrics).toMatch(/storywatch_queue_jobs\{queue="cluster-item",state="completed"\} 1$/m);
    expect(metrics).toContain('storywatch_process_resident_memory_bytes');
    // Pipeline metrics of this process: stage times (per article) and finished jobs.
    expect(metrics).toMatch(/storywatch_stage_seconds_count\{stage="prepare"\} 10/);
    expect(metrics).toMatch(/storywatch_stage_seconds_count\{stage="store"\} 10/);
    expect(metrics).toMatch(/storywatch_jobs_total\{queue="cluster-item",outcome="done"\} 1$/m);
    expect(metrics).toMatch(/storywatch_job_latency_seconds_count\{queue="ingest-item"\} 1$/m);
    expect(await (await app().request('/healthz')).json()).toEqual({ ok: true, articles: 10 });
  });
});

describe('live matches and private pages', () => {
  it('streams storyline matches as server-sent events, resuming after Last-Event-ID', async () => {
    const res = await app().request('/events?storyline=pakistan-steel-mills', { headers: { 'last-event-id': '0' } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/event: match/g) ?? []).length < 5)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const events = text.split('\n\n').filter((e) => e.startsWith('event: match'));
    const ids = events.map((e) => (JSON.parse(/data: (.*)/.exec(e)![1]!) as { id: string }).id);
    expect(ids).toEqual(expect.arrayContaining([EN, HI, 'hostile-1']));
    expect(events.every((e) => /\nid: \d+/.test(e))).toBe(true);
  });

  it('keeps pages, API reads and metrics behind sign-in when publicPages is false; health stays open', async () => {
    const closed = createWebApp(runtime.store!, { token: TOKEN, basicAuth: EDITOR, publicPages: false });
    try {
      for (const path of [
        '/',
        '/storylines/pakistan-steel-mills',
        '/api/storylines',
        '/api/clusters',
        '/metrics',
        '/events',
      ]) {
        expect((await closed.app.request(path)).status, path).toBe(401);
      }
      expect((await closed.app.request('/')).headers.get('www-authenticate')).toMatch(/^Basic realm="storywatch"/);
      expect((await closed.app.request('/', { headers: { authorization: basic } })).status).toBe(200);
      expect(
        (await closed.app.request('/api/clusters', { headers: { authorization: `Bearer ${TOKEN}` } })).status,
      ).toBe(200);
      expect((await closed.app.request('/healthz')).status).toBe(200);
    } finally {
      closed.close();
    }
  });
});

describe('dashboard forms and the queue view: sign-in, CSRF, limits', () => {
  const formToken = async () =>
    /name="_token" value="([^"]+)"/.exec(
      await (await app().request('/storylines/new', { headers: { authorization: basic } })).text(),
    )![1]!;
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app().request(`http://127.0.0.1${path}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1', ...headers },
    });

  it('creates, edits and deletes a storyline from the forms', async () => {
    expect((await app().request('/storylines/new')).status).toBe(401);
    const token = await formToken();
    const fields = {
      _token: token,
      id: 'ipl-final',
      name: 'IPL final',
      keywords: 'IPL final\nआईपीएल फाइनल',
      examples: '',
      description: '',
      threshold: '0.5',
    };
    expect((await post('/storylines/new', fields)).status).toBe(401);
    const created = await post('/storylines/new', fields, { authorization: basic });
    expect([created.status, created.headers.get('location')]).toEqual([303, '/storylines/ipl-final']);
    expect(runtime.store!.listStorylines().find((s) => s.definition.id === 'ipl-final')?.definition.keywords).toEqual([
      'IPL final',
      'आईपीएल फाइनल',
    ]);
    const invalid = await post('/storylines/new', { ...fields, id: 'Bad Id' }, { authorization: basic });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toMatch(/id: lowercase letters, digits and dashes/);
    expect(
      (await post('/storylines/ipl-final/edit', { ...fields, threshold: '0.7' }, { authorization: basic })).status,
    ).toBe(303);
    expect(runtime.store!.listStorylines().find((s) => s.definition.id === 'ipl-final')?.definition.threshold).toBe(
      0.7,
    );
    expect((await post('/storylines/ipl-final/delete', { _token: token }, { authorization: basic })).status).toBe(303);
    expect(runtime.store!.listStorylines().some((s) => s.definition.id === 'ipl-final')).toBe(false);
  });

  it('back-fills a storyline made with the form over the stored articles, showing its progress and matches on its page', async () => {
    const fields = {
      _token: await formToken(),
      id: 'mill-russia',
      name: 'Mill and Russia',
      keywords: 'Pakistan Steel Mills',
      examples: '',
      description: '',
      threshold: '0.5',
    };
    expect((await post('/storylines/new', fields, { authorization: basic })).status).toBe(303);
    const page = async () => (await app().request('/storylines/mill-russia')).text();
    const done = await waitFor(
      async () => ((await page()).includes('data-backfill="done"') ? page() : undefined),
      20_000,
      'the back-fill',
    );
    const backfill = runtime.store!.backfills.get('mill-russia')!;
    expect(backfill.matched).toBeGreaterThan(0);
    expect(done).toContain(`Back-fill: ${backfill.total}/${backfill.total} stored articles re-scored`);
    expect(done).toMatch(new RegExp(`data-count="articles">${backfill.matched}<`));
    const matched = runtime.store!.listArticles().find((a) => a.storylines.some((m) => m.id === 'mill-russia'))!;
    expect(done).toContain(`data-article="${matched.id}"`);

    expect(
      (await post('/storylines/mill-russia/edit', { ...fields, threshold: '0.99' }, { authorization: basic })).status,
    ).toBe(303);
    const edited = await waitFor(
      async () => {
        const body = await page();
        return body.includes('data-backfill="done"') && body.includes(`−${backfill.matched} removed`)
          ? body
          : undefined;
      },
      20_000,
      'the back-fill after the edit',
    );
    expect(edited).toMatch(/data-count="articles">0</);
  });

  it('refuses forged forms: other origins, missing form token, oversized bodies', async () => {
    const token = await formToken();
    const fields = {
      _token: token,
      id: 'forged',
      name: 'Forged',
      keywords: 'x',
      examples: '',
      description: '',
      threshold: '0.5',
    };
    expect(
      (await post('/storylines/new', fields, { authorization: basic, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await post('/storylines/new', { ...fields, _token: 'guess' }, { authorization: basic })).status).toBe(403);
    expect(
      (await post('/storylines/new', { ...fields, description: 'x'.repeat(70_000) }, { authorization: basic })).status,
    ).toBe(413);
    expect(runtime.store!.listStorylines().some((s) => s.definition.id === 'forged')).toBe(false);
  });

  it('adds a webhook from the form and shows its secret once', async () => {
    const token = await formToken();
    const res = await post(
      '/webhooks',
      {
        _token: token,
        url: 'https://newsroom.example.com/hook',
        storylines: 'pakistan-steel-mills',
        minScore: '0',
        digestMinutes: '',
      },
      { authorization: basic },
    );
    const body = await res.text();
    const secret = /<code class="secret">(whsec_[^<]+)<\/code>/.exec(body)![1]!;
    expect(runtime.store!.alerts.webhook('https://newsroom.example.com/hook')!.secret).toBe(secret);
    const later = await (await app().request('/webhooks', { headers: { authorization: basic } })).text();
    expect(later).not.toContain(secret);
    expect(later).toContain(`${secret.slice(0, 10)}…`);
    // Edit: the URL and the secret stay, the rest changes.
    const id = runtime.store!.alerts.webhook('https://newsroom.example.com/hook')!.id;
    expect((await app().request(`/webhooks/${id}/edit`, { headers: { authorization: basic } })).status).toBe(200);
    const edited = await post(
      `/webhooks/${id}/edit`,
      {
        _token: token,
        url: 'https://elsewhere.example/',
        storylines: '',
        cluster_created: '1',
        minScore: '0.7',
        digestMinutes: '15',
      },
      { authorization: basic },
    );
    expect(edited.status).toBe(303);
    expect(runtime.store!.alerts.webhook(id)).toMatchObject({
      url: 'https://newsroom.example.com/hook',
      secret,
      storylines: [],
      events: ['storyline.matched', 'cluster.created'],
      minScore: 0.7,
      digestMinutes: 15,
    });
    const bad = await post(`/webhooks/${id}/edit`, { _token: token, minScore: '7' }, { authorization: basic });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/minScore: /);
    // The address policy applies to the form as to the API: a loopback receiver needs http.allowPrivateAddresses.
    const loopback = await post(
      '/webhooks',
      { _token: token, url: 'http://127.0.0.1:9/hook', storylines: '', minScore: '0', digestMinutes: '' },
      { authorization: basic },
    );
    expect(loopback.status).toBe(400);
    expect(await loopback.text()).toContain(
      'url: 127.0.0.1 is a non-public address (loopback): set http.allowPrivateAddresses: true or add it to http.allowList to allow it',
    );
    expect(runtime.store!.alerts.webhook('http://127.0.0.1:9/hook')).toBeUndefined();
  });

  it('puts the queue view behind sign-in', async () => {
    expect((await app().request('/admin/queues')).status).toBe(401);
    const board = await app().request('/admin/queues/api/queues', { headers: { authorization: basic } });
    expect(board.status).toBe(200);
    const names = ((await board.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['cluster-item', 'deliver-alert', 'fetch-feed', 'ingest-item']);
    // Its page is bull-board's own, with no request to a third party (Google Fonts) in it or allowed by its policy.
    const page = await app().request('/admin/queues', { headers: { authorization: basic } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('__UI_CONFIG__');
    expect(html).toMatch(/<link href="static\/css\/main\.[0-9a-f]+\.css" rel="stylesheet">/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(page.headers.get('content-security-policy')).not.toMatch(/https?:/);
  });
});
