// The end-of-run summary of `ingest`: article rows, totals, largest clusters and storyline matches.
import type { Report, ReportArticle } from '../pipeline/build-report.js';
import type { ArticleOutcome, ItemOutcome } from '../queue/ingest-run.js';
import { drawTable } from './article-table.js';
import type { InputError } from '../adapters/inputs/read-inputs.js';

/** Runs of at most this many articles get a table row each; larger ones only with `--all-rows`. */
export const TABLE_ROWS = 25;

/** How much of a run the end-of-run summary spells out. */
export interface SummaryOptions {
  /** A table row for every article of the run, however many. @defaultValue false */
  allRows?: boolean;
  /** The largest clusters listed. @defaultValue 5 */
  topClusters?: number;
  /** Keywords that matched an article to a storyline, shown beside its score. */
  keywordsOf?: (articleId: string, storylineId: string) => string[];
  /** The report file written, named where the summary leaves a list out. */
  reportFile?: string;
}

/** Storylines, new match ids and failures listed before the rest is left to the report or stderr. */
const LIST_MAX = { storylines: 10, ids: 5, failures: 25 };

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const evidence = (keywords: string[]) => (keywords.length ? ` (${cut(keywords.join(', '), 40)})` : '');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The end-of-run summary: a row per article for small runs, then totals of the run's input articles
 * (stored, copies, unchanged and failed add up to the articles read), its clusters with the largest of
 * them and their languages, and each storyline's new matches beside its total in the store.
 */
export function formatSummary(
  outcomes: ItemOutcome[],
  inputErrors: InputError[],
  report: Report,
  opts: SummaryOptions = {},
): string {
  const run = outcomes.flatMap((o) => o.articles);
  const byId = new Map(report.articles.map((a) => [a.id, a]));
  const articles = [...new Set(run.map((a) => a.articleId))].flatMap((id) => byId.get(id) ?? []);
  const lines: string[] = [];
  if (run.length && (opts.allRows || run.length <= TABLE_ROWS)) {
    lines.push(articleTable(run, byId, opts.keywordsOf ?? (() => [])), '');
  } else if (run.length) {
    const where = opts.reportFile ? `${opts.reportFile} holds` : '--report FILE (or storywatch export) writes';
    lines.push(`no row per article for ${run.length} articles: --all-rows prints them; ${where} every article`, '');
  }
  const languages = [...count(articles.map((a) => a.lang))].map(([l, n]) => `${l} ${n}`).join(', ') || '—';
  lines.push(`articles: ${run.length} (${countStatus(run)})   languages: ${languages}   mode: ${report.mode}`);
  lines.push(...clusterLines(report, articles, opts.topClusters ?? 5));
  lines.push(...storylineLines(report, run));
  const alerts = run.map((a) => a.alerts ?? { sent: 0, failed: 0 });
  const sent = alerts.reduce((n, a) => n + a.sent, 0);
  const lost = alerts.reduce((n, a) => n + a.failed, 0);
  if (sent + lost) lines.push(`alerts: ${sent} delivered${lost ? `, ${lost} failed (storywatch alerts failed)` : ''}`);
  const failed = [
    ...inputErrors.map((e) => `${e.source}: ${e.message}`),
    ...outcomes.filter((o) => o.status === 'failed').map((o) => o.error ?? o.source),
    ...run.filter((a) => a.status === 'failed').map((a) => `${a.articleId}: ${a.error ?? 'failed'}`),
  ];
  if (failed.length) {
    const more = failed.length - LIST_MAX.failures;
    lines.push('', `failed (${failed.length}):`, ...failed.slice(0, LIST_MAX.failures).map((f) => `  ${f}`));
    if (more > 0) lines.push(`  … and ${more} more, each named on stderr above`);
  }
  return lines.join('\n');
}

function articleTable(
  run: ArticleOutcome[],
  byId: Map<string, ReportArticle>,
  keywordsOf: NonNullable<SummaryOptions['keywordsOf']>,
): string {
  const rows = run.map((a) => {
    const stored = byId.get(a.articleId);
    const status =
      a.status === 'copy' ? `copy of ${a.duplicateOf}` : a.status === 'failed' ? `failed: ${a.error}` : a.status;
    const storylines = stored?.storylines
      .map((s) => `${s.id} ${s.score.toFixed(2)}${evidence(keywordsOf(a.articleId, s.id))}`)
      .join(', ');
    const title = cut(stored?.titleEn ?? '', 60);
    return [cut(a.articleId, 28), stored?.lang ?? '', title, stored?.clusterId ?? '', storylines ?? '', status];
  });
  const color = process.stdout.isTTY === true;
  const style = { compact: true, head: color ? ['cyan'] : [], border: color ? ['grey'] : [] };
  return drawTable(['article', 'lang', 'title (English)', 'cluster', 'storylines', 'status'], rows, style);
}

/** "clusters: 12 (3 with more than one article, 2 in more than one language)", then the largest, one a line. */
function clusterLines(report: Report, articles: ReportArticle[], top: number): string[] {
  const ids = new Set(articles.map((a) => a.clusterId));
  const clusters = report.clusters.filter((c) => ids.has(c.id));
  const several = clusters.filter((c) => c.articleCount > 1);
  const mixed = clusters.filter((c) => c.languages.length > 1).length;
  const head =
    `clusters: ${clusters.length} (${several.length} with more than one article, ` +
    `${mixed} in more than one language)`;
  if (!several.length || top <= 0) return [head];
  // Sizes count copies: a report other outlets ran again is part of how big the story is.
  const largest = [...several]
    .sort((a, b) => b.articleCount - a.articleCount || b.languages.length - a.languages.length)
    .slice(0, top);
  const langs = languagesOf(report, new Set(largest.map((c) => c.id)));
  const rows = largest.map((c) => [
    c.id,
    plural(c.articleCount, 'article', 'articles'),
    [...(langs.get(c.id) ?? [])].map(([l, n]) => `${l} ${n}`).join(', '),
    plural(c.sources.length, 'outlet', 'outlets'),
    cut(c.title, 70),
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const label =
    several.length > largest.length
      ? `largest clusters (${largest.length} of ${several.length}):`
      : 'largest clusters:';
  const line = (r: string[]) =>
    `  ${r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`;
  return [head, label, ...rows.map(line)];
}

/** Per cluster of `ids`, its articles (copies included) by language, most first. */
function languagesOf(report: Report, ids: Set<string>): Map<string, Map<string, number>> {
  const by = new Map<string, string[]>();
  for (const a of report.articles) {
    if (!ids.has(a.clusterId)) continue;
    if (!by.has(a.clusterId)) by.set(a.clusterId, []);
    by.get(a.clusterId)!.push(a.lang);
  }
  return new Map([...by].map(([id, langs]) => [id, count(langs)]));
}

/** One line per storyline: its matches among the articles this run stored, and all it holds in the store. */
function storylineLines(report: Report, run: ArticleOutcome[]): string[] {
  const stored = new Set(run.filter((a) => a.status === 'stored').map((a) => a.articleId));
  const rows = report.storylines.map((s) => ({ s, fresh: s.articleIds.filter((id) => stored.has(id)) }));
  rows.sort((a, b) => b.fresh.length - a.fresh.length);
  const lines = rows.slice(0, LIST_MAX.storylines).flatMap(({ s, fresh }) => {
    const line = `storyline ${s.id} "${s.name}": ${fresh.length} new in this run, ${s.articleIds.length} in the store`;
    if (!fresh.length) return [line];
    const more = fresh.length > LIST_MAX.ids ? ` + ${fresh.length - LIST_MAX.ids} more` : '';
    return [line, `  new: ${fresh.slice(0, LIST_MAX.ids).join(', ')}${more}`];
  });
  const rest = rows.length - lines.length;
  if (rest > 0) lines.push(`… and ${plural(rest, 'storyline', 'storylines')} more (storywatch storylines list)`);
  return lines;
}

function count(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return new Map([...m].sort((a, b) => b[1] - a[1]));
}

/** "2 stored, 3 copies, 1 unchanged": the statuses of the run's articles, in that order, those that occur. */
function countStatus(run: ArticleOutcome[]): string {
  const c = count(run.map((a) => a.status));
  const label = (status: string, n: number) => (status === 'copy' ? plural(n, 'copy', 'copies') : `${n} ${status}`);
  const present = (['stored', 'copy', 'unchanged', 'failed'] as const).filter((s) => c.has(s));
  return present.map((s) => label(s, c.get(s)!)).join(', ') || 'none';
}
