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
});
