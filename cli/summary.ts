import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Report } from '../pipeline/build-report.js';
import type { ItemOutcome } from '../workers/ingest-run.js';
import type { InputError } from './read-inputs.js';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const evidence = (keywords: string[]) => (keywords.length ? ` (${cut(keywords.join(', '), 40)})` : '');

/**
 * The end-of-run summary: every input article of the run (stored, copy of a stored one, unchanged or
 * failed: these add up to the articles read), then totals of languages, clusters and storylines.
 */
export function formatSummary(outcomes: ItemOutcome[], inputErrors: InputError[], report: Report, keywordsOf: (articleId: string, storylineId: string) => string[] = () => []): string {
  const byId = new Map(report.articles.map((a) => [a.id, a]));
  const table: string[][] = [];
  const touched = new Set<string>();
  for (const o of outcomes) {
    for (const a of o.articles) {
      const id = a.articleId;
      const stored = byId.get(id);
      if (stored) touched.add(id);
      const status = a.status === 'copy' ? `copy of ${a.duplicateOf}` : a.status === 'failed' ? `failed: ${a.error}` : a.status;
      table.push([
        cut(a.articleId, 28), stored?.lang ?? '', cut(stored?.titleEn ?? '', 60), stored?.clusterId ?? '',
        stored?.storylines.map((s) => `${s.id} ${s.score.toFixed(2)}${evidence(keywordsOf(id, s.id))}`).join(', ') ?? '', status,
      ]);
    }
  }
  const articles = report.articles.filter((a) => touched.has(a.id));
  const langs = count(articles.map((a) => a.lang));
  const clusterIds = new Set(articles.map((a) => a.clusterId));
  const multi = report.clusters.filter((c) => clusterIds.has(c.id) && c.articleCount > 1);
  const color = process.stdout.isTTY === true;
  const style = { compact: true, head: color ? ['cyan'] : [], border: color ? ['grey'] : [] };
  const head = ['article', 'lang', 'title (English)', 'cluster', 'storylines', 'status'];
  const lines = [drawTable(head, table, style), ''];
  const read = outcomes.reduce((n, o) => n + o.articles.length, 0);
  const languages = [...langs].map(([l, n]) => `${l} ${n}`).join(', ') || '—';
  lines.push(`articles: ${read} (${countStatus(outcomes)})   languages: ${languages}   mode: ${report.mode}`);
  const several = multi.length ? `; with more than one article: ${multi.map(describeCluster).join('; ')}` : '';
  lines.push(`clusters: ${clusterIds.size}${several}`);
  for (const s of report.storylines) {
    const ids = s.articleIds.filter((id) => touched.has(id));
    lines.push(`storyline ${s.id} "${s.name}": ${ids.length} article(s)${ids.length ? `: ${ids.join(', ')}` : ''}`);
  }
  const alerts = outcomes.flatMap((o) => o.articles.map((a) => a.alerts ?? { sent: 0, failed: 0 }));
  const sent = alerts.reduce((n, a) => n + a.sent, 0);
  const lost = alerts.reduce((n, a) => n + a.failed, 0);
  if (sent + lost) lines.push(`alerts: ${sent} delivered${lost ? `, ${lost} failed (storywatch alerts failed)` : ''}`);
  const failed = [...inputErrors.map((e) => `${e.source}: ${e.message}`), ...outcomes.filter((o) => o.status === 'failed').map((o) => o.error ?? o.source)];
  if (failed.length) lines.push('', `failed inputs (${failed.length}):`, ...failed.map((f) => `  ${f}`));
  return lines.join('\n');
}

/** Rows drawn per cli-table3 table: its layout takes time quadratic in the rows (minutes for 50,000). */
const SLICE_ROWS = 500;

/** A table drawn in slices of SLICE_ROWS rows that share their column widths, so they join into one table. */
function drawTable(head: string[], rows: string[][], style: Table.TableConstructorOptions['style']): string {
  const width = (cell: string) => Math.max(...cell.split('\n').map((line) => stringWidth(line)));
  const colWidths = head.map((h, c) => 2 + rows.reduce((w, row) => Math.max(w, width(row[c] ?? '')), width(h)));
  const noTop = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '' };
  const noBottom = { bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '' };
  const slices: string[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += SLICE_ROWS) {
    const first = start === 0;
    const last = start + SLICE_ROWS >= rows.length;
    const chars = { ...(first ? {} : noTop), ...(last ? {} : noBottom) };
    const table = new Table({ head: first ? head : [], style, colWidths, chars });
    table.push(...rows.slice(start, start + SLICE_ROWS));
    slices.push(table.toString());
  }
  return slices.join('\n');
}

function count(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return new Map([...m].sort((a, b) => b[1] - a[1]));
}

/** "2 stored, 3 copies, 1 unchanged": the statuses of the run's articles, in that order, those that occur. */
function countStatus(outcomes: ItemOutcome[]): string {
  const c = count(outcomes.flatMap((o) => o.articles.map((a) => a.status)));
  const label = (status: string, n: number) => (status === 'copy' ? plural(n, 'copy', 'copies') : `${n} ${status}`);
  const present = (['stored', 'copy', 'unchanged', 'failed'] as const).filter((s) => c.has(s));
  return present.map((s) => label(s, c.get(s)!)).join(', ') || 'none';
}

/** "c1 [en+hi] Title (a, b + 2 copies; 4 outlets)". */
function describeCluster(c: Report['clusters'][number]): string {
  const copies = c.articleCount - c.articleIds.length;
  const more = copies ? ` + ${plural(copies, 'copy', 'copies')}` : '';
  const outlets = plural(c.sources.length, 'outlet', 'outlets');
  return `${c.id} [${c.languages.join('+')}] ${cut(c.title, 50)} (${c.articleIds.join(', ')}${more}; ${outlets})`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
