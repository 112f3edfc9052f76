import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../cli/summary.js';
import type { Report } from '../../pipeline/build-report.js';
import type { ItemOutcome } from '../../workers/ingest-run.js';

describe('formatSummary', () => {
  it('draws a long list of articles as one table, column widths and all', () => {
    const n = 1_234;
    const articles = Array.from({ length: n }, (_, i) => ({
      id: `wire-${i + 1}`, source: 'wire.atom', url: null, title: 't', lang: i % 3 ? 'en' : 'hi', publishedAt: null, text: '',
      titleEn: i % 3 ? `Report ${i + 1} on the steel mill`.repeat(1 + (i % 4)) : `इस्पात मिल रिपोर्ट ${i + 1}`,
      clusterId: `c${i % 50}`, storylines: [],
    }));
    const report: Report = { mode: 'offline', articles, clusters: [], storylines: [] };
    const outcomes: ItemOutcome[] = articles.map((a) => ({ source: 'wire.atom', status: 'done', articles: [{ articleId: a.id, status: 'stored' }] }));
    const whole = new Table({ head: ['article', 'lang', 'title (English)', 'cluster', 'storylines', 'status'], style: { compact: true, head: [], border: [] } });
    const cut = (s: string, k: number) => (s.length > k ? `${s.slice(0, k - 1)}…` : s);
    whole.push(...articles.map((a) => [a.id, a.lang, cut(a.titleEn, 60), a.clusterId, '', 'stored']));

    const summary = formatSummary(outcomes, [], report);
    expect(summary.startsWith(`${whole.toString()}\n\narticles: ${n} (${n} stored)`)).toBe(true);
  });

  it('counts every input article once (stored, copies, unchanged, failed add up) and says whose copy a copy is', () => {
    const article = (id: string, extra: Partial<Report['articles'][number]> = {}) => ({
      id, source: `${id}.jsonl:1`, url: null, title: `title ${id}`, lang: 'en', publishedAt: null, text: '', titleEn: `title ${id}`,
      clusterId: 'c1', storylines: [], ...extra,
    });
    const report: Report = {
      mode: 'offline',
      articles: [article('wire'), article('paper', { duplicateOf: 'wire' }), article('old'), article('third', { duplicateOf: 'wire' })],
      clusters: [{ id: 'c1', title: 'title wire', articleIds: ['wire', 'old'], articleCount: 4, sources: ['wire.jsonl:1', 'paper.jsonl:1', 'old.jsonl:1', 'third.jsonl:1'], languages: ['en'], firstSeen: null, lastSeen: null, storylines: [] }],
      storylines: [],
    };
    const outcomes: ItemOutcome[] = [
      { source: 'wire.jsonl:1', status: 'done', articles: [{ articleId: 'wire', status: 'stored', clusterId: 'c1' }] },
      { source: 'paper.jsonl:1', status: 'done', articles: [{ articleId: 'paper', status: 'copy', clusterId: 'c1', duplicateOf: 'wire' }] },
      { source: 'third.jsonl:1', status: 'done', articles: [{ articleId: 'third', status: 'copy', clusterId: 'c1', duplicateOf: 'wire' }] },
      { source: 'old.jsonl:1', status: 'unchanged', articles: [{ articleId: 'old', status: 'unchanged' }] },
      { source: 'bad.jsonl:1', status: 'done', articles: [{ articleId: 'bad', status: 'failed', error: 'bad.jsonl:1: no vector' }] },
    ];
    const summary = formatSummary(outcomes, [], report);
    expect(summary).toMatch(/^articles: 5 \(1 stored, 2 copies, 1 unchanged, 1 failed\)/m);
    expect(summary).toMatch(/paper +│.*│ c1 +│.*│ copy of wire/);
    expect(summary).toMatch(/^clusters: 1; with more than one article: c1 \[en\] title wire \(wire, old \+ 2 copies; 4 outlets\)$/m);
  });
});
