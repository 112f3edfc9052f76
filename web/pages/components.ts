// Pieces the dashboard pages share: times, language badges, article items, sparklines, pagers, snippets.
import { html, raw } from 'hono/html';
import type { ArticleRow, ClusterRow, CopyRow, Page } from '../../store/dashboard-queries.js';
import type { View } from './layout.js';
import { articleTime, timeTag } from '../time-format.js';

const LANG_NAMES: Record<string, string> = { en: 'English', hi: 'Hindi', ur: 'Urdu', und: 'undetermined' };

/** A time in the reader's zone, saying the zone ("2025-09-02 19:49 UTC"), as `<time>`; a date alone stays a date. */
export const when = (iso: string | null | undefined): View | string => timeTag(iso);

/** A language filter: a choice of the languages present (by name), "any" first; a chosen one not present stays shown. */
export function languageSelect(present: string[], chosen: string | undefined): View {
  const langs = chosen && !present.includes(chosen) ? [...present, chosen] : present;
  return html`<label>language <select name="lang"><option value="">any</option>${langs.map((l) => html`<option value="${l}"${l === chosen ? ' selected' : ''}>${LANG_NAMES[l] ?? l} (${l})</option>`)}</select></label>`;
}

export const langBadge = (lang: string) =>
  html`<span class="lang lang-${lang}" title="${LANG_NAMES[lang] ?? lang}">${lang}</span>`;

/** Only web links become links: an article URL of another scheme is shown as text. */
const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/**
 * One article: language badge, original title (and the English one when they differ), source, time; below
 * it the copies other outlets ran when they are given, else how many there are.
 */
export function articleItem(a: ArticleRow & { copies?: CopyRow[] }): View {
  const href = safeHref(a.url);
  const showEn = a.titleEn && a.titleEn !== a.title;
  const copies = a.copies?.length ? html`<ul class="copies">${a.copies.map((c) => copyItem(c, a.title))}</ul>` : '';
  const copyCount = !a.copies && a.copyCount ? html` · ${plural(a.copyCount, 'copy', 'copies')}` : '';
  return html`<li class="article" data-article="${a.id}">
  ${langBadge(a.lang)}
  <span class="titles"><span class="title" lang="${a.lang}">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${a.title}</a>` : a.title}</span>${showEn ? html`<span class="title-en" lang="en">${a.titleEn}</span>` : ''}</span>
  <span class="meta">${sourceName(a)} · ${articleTime(a)}${a.score === undefined ? '' : html` · score ${a.score.toFixed(2)}`}${copyCount}</span>
  ${copies}
</li>`;
}

/** A copy, compactly: its source (linked), time, and its title when it differs from the original's. */
function copyItem(c: CopyRow, originalTitle: string): View {
  const href = safeHref(c.url);
  const name = sourceName(c);
  const outlet = href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${name}</a>` : name;
  const title = c.title !== originalTitle ? html` · <span class="title" lang="${c.lang}">${c.title}</span>` : '';
  return html`<li class="copy" data-copy="${c.id}">copy: ${outlet} · ${articleTime(c)}${title}</li>`;
}

/** "3 articles", "1 copy". */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 articles (5 copies) · covered by 7 outlets": a cluster's size with its copies, and its outlets. */
export function coverage(c: Pick<ClusterRow, 'articleCount' | 'copyCount' | 'sources'>): string {
  const copies = c.copyCount ? ` (${plural(c.copyCount, 'copy', 'copies')})` : '';
  const outlets = plural(c.sources.length, 'outlet', 'outlets');
  return `${plural(c.articleCount, 'article', 'articles')}${copies} · covered by ${outlets}`;
}

/** A source as a reader knows it: the host of the article's URL, else the input's file name. */
export function sourceName(a: { url: string | null; source: string }): string {
  const href = safeHref(a.url);
  if (href) return new URL(href).hostname.replace(/^www\./, '');
  return a.source.split(/[\\/]/).pop() ?? a.source;
}

export function clusterHeading(c: ClusterRow): View {
  return html`<a href="/clusters/${c.id}">${c.title || c.id}</a> <span class="meta">${c.id} · ${coverage(c)} · ${c.languages.map(langBadge)}${span(c.firstSeen, c.lastSeen)}</span>${lead(c)}`;
}

/** A cluster's one-line lead (its title article's first sentence), when it has one. */
export const lead = (c: Pick<ClusterRow, 'lead'>) => (c.lead ? html`<span class="lead">${c.lead}</span>` : '');

/** " · first – last" of a cluster's stated dates, or nothing when none of its articles had one. */
export function span(first: string | null, last: string | null): View | string {
  if (!first || !last) return '';
  return first === last ? html` · ${when(first)}` : html` · ${when(first)} – ${when(last)}`;
}

/** A tiny inline SVG line of daily counts (no script needed), over the days `days` names when given. */
export function sparkline(values: number[], width = 120, height = 24, days?: { first: string; last: string }): View {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
    .join(' ');
  const total = values.reduce((a, b) => a + b, 0);
  return html`<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${total} matches ${days ? `from ${days.first} to ${days.last}` : `in the last ${values.length} days`}"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${points}"/></svg>`;
}

/** Previous/next links for a paged list, keeping the other query parameters. */
export function pager(page: Page<unknown>, path: string, query: Record<string, string | undefined>): View {
  const link = (offset: number, label: string) => {
    const params = new URLSearchParams(
      Object.entries({ ...query, offset: String(offset) }).filter(
        (e): e is [string, string] => e[1] !== undefined && e[1] !== '',
      ),
    );
    return html`<a href="${path}?${params.toString()}">${label}</a>`;
  };
  if (page.total <= page.limit) return html``;
  const last = Math.min(page.offset + page.limit, page.total);
  return html`<nav class="pager">${page.offset > 0 ? link(Math.max(0, page.offset - page.limit), '← newer') : ''}
  <span>${page.offset + 1}–${last} of ${page.total}${page.capped ? '+' : ''}</span>
  ${last < page.total ? link(page.offset + page.limit, 'older →') : ''}</nav>`;
}

/** A search snippet: escaped text, with the hit markers (\u0002…\u0003) turned into <mark>. */
export function snippet(text: string): View {
  const escaped = text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return html`${raw(escaped.replace(/\u0002/g, '<mark>').replace(/\u0003/g, '</mark>'))}`;
}
