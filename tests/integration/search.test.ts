// Tests search across English and Hindi on a real store: translations, exact search and order.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { createWebApp } from '../../web/app.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { freedict } from '../helpers/lexicon.js';
import { testConfig } from '../helpers/test-config.js';

// English and Hindi reports, in an ingest order unlike their publication order. The Hindi report on Iran
// names the country in its text only, so its English title cannot match "Iran".
const ARTICLES = [
  {
    id: 'hi-cold',
    publishedAt: '2020-01-05T06:00:00Z',
    title: 'दिल्ली और उत्तर भारत में शीतलहर का प्रकोप जारी',
    text: 'राजधानी दिल्ली और आसपास के क्षेत्रों में आज भी शीतलहर का प्रकोप जारी रहा। घने कोहरे के कारण कई रेलगाड़ियां देर से चल रही हैं और लोग अलाव का सहारा ले रहे हैं। मौसम विभाग ने अगले दो दिन तक ठंड से राहत न मिलने की बात कही है।',
  },
  {
    id: 'en-iran',
    publishedAt: '2020-01-03T10:00:00Z',
    title: 'Iran vows a response after the strike near Baghdad airport',
    text: 'Iran has vowed a strong response after a strike near Baghdad airport killed a senior commander. The Foreign Minister of Iran said the region would hold those responsible to account, and oil prices rose sharply on the news.',
  },
  {
    id: 'hi-iran',
    publishedAt: '2020-01-01T09:00:00Z',
    title: 'खाड़ी क्षेत्र में तनाव पर यूरोपीय संघ ने चिंता जताई',
    text: 'यूरोपीय संघ ने ईरान और अमरीका से संयम बरतने की अपील की है। संघ के विदेश नीति प्रमुख ने कहा कि क्षेत्र में तनाव कम करने के लिए बातचीत ही एकमात्र रास्ता है और सभी पक्षों को धैर्य से काम लेना चाहिए।',
  },
  {
    id: 'en-cold',
    publishedAt: '2020-01-02T08:00:00Z',
    title: 'Cold wave tightens its grip on north India',
    text: 'A severe cold wave tightened its grip on Delhi and large parts of north India today. Dense fog delayed dozens of trains, and the weather office said there would be no relief from the cold for the next two days.',
  },
];

let runtime: Runtime;
let web: ReturnType<typeof createWebApp>;
type Hit = { id: string; lang: string; publishedAt: string; matched: Array<{ term: string; matched: string }> };
const api = async (query: string) => {
  const res = await web.app.request(`/api/search?${query}`);
  return { status: res.status, body: (await res.json()) as { items: Hit[]; total: number; error?: string } };
};
const ids = async (query: string) => (await api(query)).body.items.map((a) => a.id);

beforeAll(async () => {
  const { config } = testConfig();
  runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-search-'));
  writeFileSync(path.join(dir, 'reports.jsonl'), ARTICLES.map((a) => JSON.stringify(a)).join('\n'));
  const { items } = await readInputs([path.join(dir, 'reports.jsonl')], config.ingest.maxBytes);
  await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
  web = createWebApp(runtime.store!, { token: undefined, lexicon: freedict() });
}, 60_000);

afterAll(async () => {
  web?.close();
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
});

describe('search across languages (real pipeline, real SQLite store)', () => {
  it('stored the reports in both languages, Hindi words whole in the index', () => {
    const stored = runtime.store!.listArticles().map((a) => [a.id, a.lang]);
    expect(stored).toEqual(
      expect.arrayContaining([
        ['hi-iran', 'hi'],
        ['en-iran', 'en'],
        ['hi-cold', 'hi'],
        ['en-cold', 'en'],
      ]),
    );
    const term = runtime.store!.db.prepare('SELECT term FROM articles_fts_terms WHERE term IN (?, ?) ORDER BY term');
    // Vowel signs are part of a word, not separators: "ईरान" is one term, not "ईर" and "न".
    expect((term.all('ईरान', 'ईर') as Array<{ term: string }>).map((r) => r.term)).toEqual(['ईरान']);
  });

  it('an English query finds the Hindi report, saying which term matched', async () => {
    const { body } = await api('q=Iran');
    expect(body.items.map((a) => a.id)).toEqual(['en-iran', 'hi-iran']);
    expect(body.items.find((a) => a.id === 'hi-iran')!.matched).toEqual([{ term: 'iran', matched: 'ईरान' }]);
    expect(body.items.find((a) => a.id === 'en-iran')!.matched).toEqual([]);
  });

  it('a Hindi query finds the English report', async () => {
    const { body } = await api(`q=${encodeURIComponent('ईरान')}`);
    expect(body.items.map((a) => a.id)).toEqual(['en-iran', 'hi-iran']);
    expect(body.items.find((a) => a.id === 'en-iran')!.matched).toEqual([{ term: 'ईरान', matched: 'iran' }]);
    expect(await ids(`q=${encodeURIComponent('शीतलहर')}`)).toEqual(['hi-cold', 'en-cold']);
  });

  it('an exact search keeps to the words as typed', async () => {
    expect(await ids('q=Iran&exact=1')).toEqual(['en-iran']);
    expect(await ids(`q=${encodeURIComponent('ईरान')}&exact=1`)).toEqual(['hi-iran']);
  });

  it('lists by publication time, newest first, whatever order the reports came in', async () => {
    const rowOrder = (list: string[]) => [...list].sort((a, b) => rowid(b) - rowid(a));
    const rowid = (id: string) =>
      (runtime.store!.db.prepare('SELECT rowid AS r FROM articles WHERE id = ?').get(id) as { r: number }).r;
    for (const q of ['Iran', 'cold%20wave']) {
      const { body } = await api(`q=${q}`);
      const times = body.items.map((a) => a.publishedAt);
      expect(times).toEqual([...times].sort().reverse());
      // The fixture is only a test of the order if arrival order would have put them otherwise.
      expect(rowOrder(body.items.map((a) => a.id))).not.toEqual(body.items.map((a) => a.id));
    }
  });

  it('orders by relevance when asked', async () => {
    const { body } = await api('q=Iran&sort=relevance');
    expect(body.items.map((a) => a.id)).toEqual(['en-iran', 'hi-iran']);
    const cold = await ids('q=cold%20wave&sort=relevance');
    expect(new Set(cold)).toEqual(new Set(['hi-cold', 'en-cold']));
  });

  it('filters by language', async () => {
    expect(await ids('q=Iran&lang=hi')).toEqual(['hi-iran']);
  });

  it('refuses bad parameters, naming them', async () => {
    for (const [query, name] of [
      ['q=Iran&sort=newest', 'sort'],
      ['q=Iran&exact=maybe', 'exact'],
      ['q=Iran&lang=Hindi', 'lang'],
      ['q=', 'q'],
    ]) {
      const { status, body } = await api(query!);
      expect(status).toBe(400);
      expect(body.error).toMatch(new RegExp(`^${name}:`));
    }
  });

  it('the page: languages of the store as a choice, the exact box, the order, and the matched term', async () => {
    const body = await (await web.app.request('/search?q=Iran&lang=hi')).text();
    expect(body).toMatch(/<select name="lang">[\s\S]*<option value="hi" selected>Hindi \(hi\)<\/option>/);
    expect(body).toMatch(/<option value="en">English \(en\)<\/option>/);
    expect(body).toContain('<input name="exact" type="checkbox" value="1">');
    expect(body).toMatch(/<option value="time" selected>newest first/);
    expect(body).toMatch(/matched <span class="term">iran\s*→ <span lang="hi">ईरान<\/span>/);
    const exact = await (await web.app.request('/search?q=Iran&exact=1&sort=relevance')).text();
    expect(exact).toContain('<input name="exact" type="checkbox" value="1" checked>');
    expect(exact).toMatch(/1 article\(s\),\s*best match first/);
  });
});
