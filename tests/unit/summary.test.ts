// Tests the end-of-run summary of `ingest`: rows, totals that add up, and the largest clusters.
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { formatSummary, TABLE_ROWS } from '../../cli/summary.js';
import type { Report, ReportArticle, ReportCluster } from '../../pipeline/build-report.js';
import type { ArticleOutcome, ItemOutcome } from '../../queue/ingest-run.js';

const article = (id: string, extra: Partial<ReportArticle> = {}): ReportArticle => ({
  id,
  source: `${id}.jsonl:1`,
  url: null,
  title: `title ${id}`,
  lang: 'en',
  publishedAt: null,
  text: '',
  titleEn: `title ${id}`,
  clusterId: 'c1',
  storylines: [],
  ...extra,
});
const cluster = (id: string, members: ReportArticle[], extra: Partial<ReportCluster> = {}): ReportCluster => ({
  id,
  title: `story ${id}`,
  articleIds: members.filter((a) => !a.duplicateOf).map((a) => a.id),
  languages: [...new Set(members.map((a) => a.lang))],
  firstSeen: null,
  lastSeen: null,
  storylines: [],
  articleCount: members.length,
  sources: [...new Set(members.map((a) => a.source))],
  ...extra,
});
const MATCH_FACTS = { perLanguage: {}, lastMatchAt: null, lastPublishedAt: null };
const outcomesOf = (run: ArticleOutcome[]): ItemOutcome[] =>
  run.map((a) => ({ source: `${a.articleId}.jsonl:1`, status: 'done', articles: [a] }));

/** A store of `n` articles in clusters of 1 to 10 (c0 the largest), English and Hindi, a storyline holding `held`. */
function bigStore(n: number, held: string[]): Report {
  const articles = Array.from({ length: n }, (_, i) =>
    article(`a${i}`, { clusterId: `c${i % 40}`, lang: i % 3 ? 'en' : 'hi' }),
  );
  const clusters = Array.from({ length: 40 }, (_, c) =>
    cluster(
      `c${c}`,
      articles.filter((a) => a.clusterId === `c${c}`),
    ),
  );
  return {
    mode: 'offline',
    articles,
    clusters,
    storylines: [{ id: 'mill', name: 'Mill revival', articleIds: held, clusterIds: [], ...MATCH_FACTS }],
  };
}

/** The run's totals line: its count and the counts in parentheses. */
function totals(summary: string): { total: number; parts: Record<string, number> } {
  const m = /^articles: (\d+) \(([^)]*)\)/m.exec(summary);
  expect(m, summary).not.toBeNull();
  const parts = Object.fromEntries(
    m![2]!
      .split(', ')
      .map((p) => p.split(' '))
      .map(([n, what]) => [what!, Number(n)]),
  );
  return { total: Number(m![1]), parts };
}

describe('formatSummary', () => {
  it('prints a row per article for a small run and counts every input article once, copies by whose they are', () => {
    const report: Report = {
      mode: 'offline',
      articles: [
        article('wire'),
        article('paper', { duplicateOf: 'wire' }),
        article('old'),
        article('third', { duplicateOf: 'wire' }),
      ],
      clusters: [
        cluster('c1', [
          article('wire'),
          article('paper', { duplicateOf: 'wire' }),
          article('old'),
          article('third', { duplicateOf: 'wire' }),
        ]),
      ],
      storylines: [],
    };
    const outcomes: ItemOutcome[] = [
      ...outcomesOf([
        { articleId: 'wire', status: 'stored', clusterId: 'c1' },
        { articleId: 'paper', status: 'copy', clusterId: 'c1', duplicateOf: 'wire' },
      ]),
      ...outcomesOf([{ articleId: 'third', status: 'copy', clusterId: 'c1', duplicateOf: 'wire' }]),
      { source: 'old.jsonl:1', status: 'unchanged', articles: [{ articleId: 'old', status: 'unchanged' }] },
      {
        source: 'bad.jsonl:1',
        status: 'done',
        articles: [{ articleId: 'bad', status: 'failed', error: 'bad.jsonl:1: no vector' }],
      },
    ];
    const summary = formatSummary(outcomes, [], report);
    expect(summary).toMatch(/^articles: 5 \(1 stored, 2 copies, 1 unchanged, 1 failed\)/m);
    expect(summary).toMatch(/paper +│.*│ c1 +│.*│ copy of wire/);
    expect(summary).toMatch(/^clusters: 1 \(1 with more than one article, 0 in more than one language\)$/m);
    expect(summary).toMatch(/^ {2}c1 {2}4 articles {2}en 4 {2}4 outlets {2}story c1$/m);
    expect(summary).toMatch(/^failed \(1\):\n {2}bad: bad\.jsonl:1: no vector$/m);
  });

  it(`leaves the rows out of a run of more than ${TABLE_ROWS} articles, and names the flag and the report that hold them`, () => {
    const report = bigStore(TABLE_ROWS + 1, []);
    const outcomes = outcomesOf(
      report.articles.map((a) => ({ articleId: a.id, status: 'stored', clusterId: a.clusterId })),
    );
    const summary = formatSummary(outcomes, [], report, { reportFile: 'r.json' });
    expect(summary).not.toContain('│');
    expect(summary).toMatch(
      /^no row per article for 26 articles: --all-rows prints them; r\.json holds every article$/m,
    );
    expect(
      formatSummary(outcomes.slice(0, TABLE_ROWS), [], report)
        .split('\n')
        .filter((l) => /^│ a\d/.test(l)),
    ).toHaveLength(TABLE_ROWS);
  });

  it('draws every row of a long run as one table when asked, column widths and all', () => {
    const n = 1_234;
    const articles = Array.from({ length: n }, (_, i) =>
      article(`wire-${i + 1}`, {
        source: 'wire.atom',
        lang: i % 3 ? 'en' : 'hi',
        clusterId: `c${i % 50}`,
        titleEn: i % 3 ? `Report ${i + 1} on the steel mill`.repeat(1 + (i % 4)) : `इस्पात मिल रिपोर्ट ${i + 1}`,
      }),
    );
    const report: Report = { mode: 'offline', articles, clusters: [], storylines: [] };
    const outcomes = outcomesOf(articles.map((a) => ({ articleId: a.id, status: 'stored' })));
    const whole = new Table({
      head: ['article', 'lang', 'title (English)', 'cluster', 'storylines', 'status'],
      style: { compact: true, head: [], border: [] },
    });
    const cut = (s: string, k: number) => (s.length > k ? `${s.slice(0, k - 1)}…` : s);
    whole.push(...articles.map((a) => [a.id, a.lang, cut(a.titleEn, 60), a.clusterId, '', 'stored']));

    const summary = formatSummary(outcomes, [], report, { allRows: true });
    expect(summary.startsWith(`${whole.toString()}\n\narticles: ${n} (${n} stored)`)).toBe(true);
  });

  it('has totals that add up to the articles read, the first time and when the same articles come again', () => {
    const report = bigStore(300, []);
    const copies = new Set(['a7', 'a8']);
    const first = outcomesOf(
      report.articles.map((a): ArticleOutcome =>
        copies.has(a.id)
          ? { articleId: a.id, status: 'copy', clusterId: a.clusterId, duplicateOf: 'a0' }
          : { articleId: a.id, status: 'stored', clusterId: a.clusterId },
      ),
    );
    first.push({
      source: 'x.jsonl:9',
      status: 'done',
      articles: [{ articleId: 'x9', status: 'failed', error: 'x.jsonl:9: no vector' }],
    });
    const again = outcomesOf(report.articles.map((a): ArticleOutcome => ({ articleId: a.id, status: 'unchanged' })));
    for (const [run, parts] of [
      [first, { stored: 298, copies: 2, failed: 1 }],
      [again, { unchanged: 300 }],
    ] as const) {
      const summary = formatSummary(run, [], report);
      const t = totals(summary);
      expect(t.parts).toEqual(parts);
      expect(t.total).toBe(run.reduce((n, o) => n + o.articles.length, 0));
      expect(Object.values(t.parts).reduce((a, b) => a + b, 0)).toBe(t.total);
      expect(summary).toMatch(/languages: en 200, hi 100 /);
    }
  });

  it('lists the largest clusters, a handful, with their articles by language, on lines a terminal holds', () => {
    const report = bigStore(400, []);
    report.clusters.push(cluster('c99', [article('lone', { clusterId: 'c99' })]));
    report.articles.push(article('lone', { clusterId: 'c99' }));
    const big = report.clusters.find((c) => c.id === 'c3')!;
    big.title = 'A very long cluster title that goes on and on about the story it tells, well past what fits';
    for (const [i, a] of report.articles.entries()) if (i < 3) Object.assign(a, { clusterId: 'c3' });
    Object.assign(
      big,
      cluster(
        'c3',
        report.articles.filter((a) => a.clusterId === 'c3'),
      ),
      { title: big.title },
    );
    const outcomes = outcomesOf(
      report.articles.map((a) => ({ articleId: a.id, status: 'stored', clusterId: a.clusterId })),
    );
    const summary = formatSummary(outcomes, [], report, { topClusters: 3 });
    const lines = summary.split('\n');
    const at = lines.indexOf('largest clusters (3 of 40):');
    expect(at).toBeGreaterThan(0);
    const top = lines.slice(at + 1, at + 4);
    expect(top[0]).toMatch(/^ {2}c3 +13 articles +en 8, hi 5 +13 outlets +A very long cluster title .*…$/);
    expect(top.slice(1).map((l) => l.trim().split(/ +/)[1])).toEqual(['10', '10']);
    expect(lines[at + 4]).toMatch(/^storyline /);
    expect(summary).toMatch(/^clusters: 41 \(40 with more than one article, 40 in more than one language\)$/m);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(140);
  });

  it('gives each storyline its matches new in this run beside all it holds in the store', () => {
    const report = bigStore(30, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    report.storylines.push({ id: 'flood', name: 'River flood', articleIds: [], clusterIds: [], ...MATCH_FACTS });
    const run = outcomesOf([
      ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id): ArticleOutcome => ({ articleId: id, status: 'stored' })),
      { articleId: 'a7', status: 'unchanged' },
    ]);
    const summary = formatSummary(run, [], report);
    expect(summary).toMatch(
      /^storyline mill "Mill revival": 6 new in this run, 7 in the store\n {2}new: a1, a2, a3, a4, a5 \+ 1 more$/m,
    );
    expect(summary).toMatch(/^storyline flood "River flood": 0 new in this run, 0 in the store$/m);
    const again = formatSummary(
      outcomesOf(report.articles.map((a) => ({ articleId: a.id, status: 'unchanged' }))),
      [],
      report,
    );
    expect(again).toMatch(/^storyline mill "Mill revival": 0 new in this run, 7 in the store$/m);
  });
});
