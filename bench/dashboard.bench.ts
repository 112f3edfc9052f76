// npm run bench:dashboard [-- --json] [-- --articles N] [-- --store FILE]: server-side render time of the dashboard
// on a big store (FILE: kept there, and reused when it exists).
// Builds a store of N articles (default 100,000) over a year — English, Hindi and Urdu, ~4 articles per
// cluster, three storylines of which the first matches a fifth of everything — then renders the overview,
// a storyline page and other pages in-process and prints p50/p95/max per page. Target: under 100 ms.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareSearchTerms } from '../pipeline/search-terms.js';
import { createWebApp } from '../web/app.js';
import { loadLexicon } from '../adapters/lexicon-loader.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { loadWordList } from '../adapters/word-list-loader.js';

const json = process.argv.includes('--json');
const argN = process.argv.indexOf('--articles');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 100_000;
const RUNS = 30;

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same store. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN =
  'Pakistan Russia steel mills Karachi Moscow protocol revival minister delegation talks agreement energy trade port railway budget court election flood cricket market inflation'.split(
    ' ',
  );
const HI =
  'पाकिस्तान रूस स्टील मिल कराची मॉस्को समझौता मंत्री बातचीत व्यापार ऊर्जा बंदरगाह रेल बजट अदालत चुनाव बाढ़ क्रिकेट बाजार महंगाई'.split(
    ' ',
  );
const UR =
  'پاکستان روس اسٹیل ملز کراچی ماسکو معاہدہ وزیر مذاکرات تجارت توانائی بندرگاہ ریلوے بجٹ عدالت انتخابات سیلاب کرکٹ'.split(
    ' ',
  );

function build(file: string): SqliteStore {
  const store = new SqliteStore(file);
  const rnd = random(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const words = (list: string[], n: number) => Array.from({ length: n }, () => pick(list)).join(' ');
  const now = Date.parse('2026-11-01T00:00:00Z');
  const storylines = [
    { id: 'pakistan-steel-mills', name: 'Pakistan Steel Mills revival', rate: 0.2 },
    { id: 'karachi-port', name: 'Karachi port expansion', rate: 0.05 },
    { id: 'floods', name: 'Indus floods', rate: 0.01 },
  ];
  for (const s of storylines)
    store.putStoryline(
      { id: s.id, name: s.name, description: '', keywords: [s.name], examples: [], threshold: 0.5 },
      'config',
    );
  const db = store.db;
  const insertCluster = db.prepare(
    'INSERT INTO clusters(id, seq, title, created_at, first_seen, last_seen, centroids) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertArticle =
    db.prepare(`INSERT INTO articles(id, content_hash, url, source, title, title_en, lang, lang_confidence, published_at, text, cluster_id, vector, mode, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, '[]', 'offline', ?)`);
  const insertMatch = db.prepare(
    'INSERT INTO storyline_matches(storyline_id, article_id, cluster_id, score, evidence, matched_at, lang, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    let cluster = 0;
    let clusterTime = now - 365 * 86_400_000;
    let clusterStorylines: string[] = [];
    for (let i = 0; i < N; i++) {
      if (i === 0 || rnd() < 0.25) {
        cluster++;
        clusterTime = now - 365 * 86_400_000 + (i / N) * 365 * 86_400_000;
        insertCluster.run(
          `c${cluster}`,
          cluster,
          words(EN, 8),
          new Date(clusterTime).toISOString(),
          clusterTime,
          clusterTime + 86_400_000,
          '{}',
        );
        clusterStorylines = storylines.filter((s) => rnd() < s.rate).map((s) => s.id);
      }
      const r = rnd();
      const lang = r < 0.6 ? 'en' : r < 0.95 ? 'hi' : 'ur';
      const list = lang === 'en' ? EN : lang === 'hi' ? HI : UR;
      const title = words(list, 9);
      const at = new Date(clusterTime + rnd() * 86_400_000).toISOString();
      const id = `a${i}`;
      insertArticle.run(
        id,
        `h${i}`,
        `https://news.example/${lang}/${i}`,
        `feed:${lang}`,
        title,
        lang === 'en' ? title : words(EN, 9),
        lang,
        at,
        words(list, 60),
        `c${cluster}`,
        at,
      );
      for (const s of clusterStorylines)
        insertMatch.run(s, id, `c${cluster}`, 0.5 + rnd() / 2, '{}', at, lang, at.slice(0, 10));
    }
  })();
  return store;
}

const dir = mkdtempSync(path.join(tmpdir(), 'sw-bench-dash-'));
const argStore = process.argv.indexOf('--store');
const kept = argStore > 0 ? path.resolve(process.argv[argStore + 1]!) : undefined;
const t0 = Date.now();
const store = kept && existsSync(kept) ? new SqliteStore(kept) : build(kept ?? path.join(dir, 'storywatch.sqlite'));
const buildSeconds = (Date.now() - t0) / 1000;
const counts = store.db
  .prepare(
    'SELECT (SELECT COUNT(*) FROM articles) a, (SELECT COUNT(*) FROM clusters) c, (SELECT COUNT(*) FROM storyline_matches) m',
  )
  .get() as { a: number; c: number; m: number };
// Search translates queries with FreeDict and the English word list when they are installed, as `start` does.
const lexicon = loadLexicon('/usr/share/dictd/freedict-eng-hin.dict.dz', dir, () => {});
if (lexicon) lexicon.words = loadWordList('/usr/share/dict/words', () => {});
prepareSearchTerms(lexicon);
const { app, close } = createWebApp(store, { token: undefined, lexicon });

const pages: Array<[string, string]> = [
  ['overview', '/'],
  ['clusters, top (span of the data)', '/clusters?sort=top'],
  ['clusters, top, 7 days', '/clusters?sort=top&period=7d'],
  ['clusters, top, 24 h', '/clusters?sort=top&period=24h'],
  ['clusters, top, Hindi, storyline', '/clusters?sort=top&lang=hi&storyline=pakistan-steel-mills'],
  ['clusters, by size, 5 or more', '/clusters?sort=size&minSize=5'],
  ['API clusters, top', '/api/clusters?sort=top&period=all&limit=50'],
  ['storyline page', '/storylines/pakistan-steel-mills'],
  ['storyline page, Hindi, 3 months', '/storylines/pakistan-steel-mills?lang=hi&since=2026-08-01'],
  ['storyline page 50', '/storylines/pakistan-steel-mills?offset=980'],
  ['cluster page', '/clusters/c12345'],
  ['search', `/search?q=${encodeURIComponent('स्टील मिल')}`],
  ['search, English, by relevance', '/search?q=court%20election&sort=relevance'],
  ['search, English, Hindi, 3 months', '/search?q=flood&lang=hi&since=2026-08-01'],
  ['search, exact', `/search?q=${encodeURIComponent('स्टील मिल')}&exact=1`],
  ['search, no hit', '/search?q=Soleimani'],
  ['API search', '/api/search?q=minister&limit=50'],
  ['API clusters of a storyline', '/api/clusters?storyline=pakistan-steel-mills&limit=50'],
];
const results = [];
for (const [name, url] of pages) {
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    const res = await app.request(url);
    const body = await res.text();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (q: number) => Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1));
  results.push({
    page: name,
    url,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: Number(times[times.length - 1]!.toFixed(1)),
    cpuP50Ms: Number(cpu[Math.floor(cpu.length / 2)]!.toFixed(1)),
    kb: Math.round(bytes / 1024),
  });
}
close();
store.close();

if (json) {
  process.stdout.write(
    `${JSON.stringify({ articles: counts.a, clusters: counts.c, matches: counts.m, buildSeconds, pages: results })}\n`,
  );
} else {
  console.log(
    `store: ${counts.a} articles, ${counts.c} clusters, ${counts.m} storyline matches (built in ${buildSeconds.toFixed(1)} s)`,
  );
  // CPU time of this process per request is the work done, which other load on the machine does not inflate.
  console.log(`server-side render, ${RUNS} requests each (target: p95 under 100 ms), and CPU time per request:`);
  for (const r of results) {
    const figures = `p50 ${String(r.p50Ms).padStart(6)} ms   p95 ${String(r.p95Ms).padStart(6)} ms   max ${String(r.maxMs).padStart(6)} ms`;
    console.log(`  ${r.page.padEnd(34)} ${figures}   cpu p50 ${String(r.cpuP50Ms).padStart(5)} ms   ${r.kb} KB`);
  }
}
