// The search page: full-text search in any script, reaching other languages through translations.
import { html } from 'hono/html';
import type { SearchTerm } from '../../pipeline/search-terms.js';
import type { Filters, Page, SearchHit, SearchOptions } from '../../store/dashboard-queries.js';
import { langBadge, pager, snippet, sourceName } from './components.js';
import { articleTime } from '../time-format.js';
import type { View } from './layout.js';

const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'code' });

/** A language code as a reader knows it: "Hindi (hi)"; "und" is text whose language was not determined. */
const languageName = (code: string) =>
  code === 'und' ? 'undetermined' : `${languageNames.of(code) ?? code} (${code})`;

/** What was searched: each term with the translations looked for ("iran or ईरान"). */
function searched(terms: SearchTerm[], exact: boolean): View {
  const required = terms.filter((t) => exact || !t.optional);
  const term = (t: SearchTerm) =>
    html`<span class="term">${t.text}${
      t.variants.length ? html` <span class="variants">(or ${t.variants.map((v) => v.text).join(', ')})</span>` : ''
    }</span>`;
  return html`<p class="meta searched">searched: ${required.map((t, i) => html`${i ? ' and ' : ''}${term(t)}`)}</p>`;
}

/**
 * Full-text search in any script: a query in one language also finds the others' reports through its
 * translations (unless "only these words"), with filters by language (those in the store) and time, and
 * the order (newest first or best match).
 */
export function searchPage(
  q: string,
  filters: Filters,
  o: SearchOptions,
  languages: string[],
  page: (Page<SearchHit> & { terms: SearchTerm[] }) | undefined,
): View {
  const sort = o.sort ?? 'time';
  return html`<form class="filters" method="get" action="/search">
  <input name="q" type="search" value="${q}" placeholder="words in any language" autofocus>
  <label>language <select name="lang"><option value="">any</option>${languages.map(
    (l) => html`
    <option value="${l}"${l === filters.lang ? ' selected' : ''}>${languageName(l)}</option>`,
  )}</select></label>
  <label>from <input name="since" type="date" value="${filters.since ?? ''}"></label>
  <label>until <input name="until" type="date" value="${filters.until ?? ''}"></label>
  <label>order <select name="sort">
    <option value="time"${sort === 'time' ? ' selected' : ''}>newest first</option>
    <option value="relevance"${sort === 'relevance' ? ' selected' : ''}>best match first</option></select></label>
  <label class="check"><input name="exact" type="checkbox" value="1"${o.exact ? ' checked' : ''}>
    only these words (no translations)</label>
  <button>Search</button>
</form>
${
  page
    ? html`<p class="meta">${page.total}${page.capped ? '+' : ''} article(s),
  ${sort === 'relevance' ? 'best match first' : 'newest first (by publication time, else arrival)'}</p>
${searched(page.terms, Boolean(o.exact))}
<ul class="articles results">${page.items.map(
        (a) => html`<li class="article">${langBadge(a.lang)}
  <span class="titles"><a class="title" lang="${a.lang}" href="/clusters/${a.clusterId}">${a.title}</a>${a.titleEn !== a.title ? html`<span class="title-en">${a.titleEn}</span>` : ''}</span>
  <span class="meta">${sourceName(a)} · ${articleTime(a)} · cluster ${a.clusterId}</span>
  ${
    a.matched.length
      ? html`<span class="matched">matched ${a.matched.map(
          (m, i) => html`${i ? ', ' : ''}<span class="term">${m.term}
    → <span lang="${a.lang}">${m.matched}</span></span>`,
        )}</span>`
      : ''
  }
  <span class="snippet">${snippet(a.snippet)}</span></li>`,
      )}</ul>
${pager(page, '/search', { q, ...filters, offset: undefined, limit: undefined, sort: o.sort, exact: o.exact ? '1' : undefined })}`
    : ''
}`;
}
