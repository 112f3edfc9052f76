import { html } from 'hono/html';
import type { ArticleRow, Filters, Page } from '../dashboard-queries.js';
import { langBadge, pager, snippet, sourceName } from './components.js';
import { articleTime } from '../time-format.js';
import type { View } from './layout.js';

/** Full-text search in any script, with filters. */
export function searchPage(q: string, filters: Filters, page: Page<ArticleRow & { snippet: string }> | undefined): View {
  return html`<form class="filters" method="get" action="/search">
  <input name="q" type="search" value="${q}" placeholder="words in any language" autofocus>
  <label>language <input name="lang" size="4" value="${filters.lang ?? ''}" placeholder="any"></label>
  <label>from <input name="since" type="date" value="${filters.since ?? ''}"></label>
  <label>until <input name="until" type="date" value="${filters.until ?? ''}"></label>
  <button>Search</button>
</form>
${page ? html`<p class="meta">${page.total}${page.capped ? '+' : ''} article(s), newest first</p>
<ul class="articles results">${page.items.map((a) => html`<li class="article">${langBadge(a.lang)}
  <span class="titles"><a class="title" lang="${a.lang}" href="/clusters/${a.clusterId}">${a.title}</a>${a.titleEn !== a.title ? html`<span class="title-en">${a.titleEn}</span>` : ''}</span>
  <span class="meta">${sourceName(a)} · ${articleTime(a)} · cluster ${a.clusterId}</span>
  <span class="snippet">${snippet(a.snippet)}</span></li>`)}</ul>
${pager(page, '/search', { q, lang: filters.lang, since: filters.since, until: filters.until })}` : ''}`;
}
