// The cluster page: one event in every language it was reported in, with the copies other outlets ran.
import { html } from 'hono/html';
import type { ArticleRow, ClusterRow, CopyRow } from '../../store/dashboard-queries.js';
import { articleItem, coverage, langBadge, lead, span } from './components.js';
import type { View } from './layout.js';

type ArticleWithCopies = ArticleRow & { copies: CopyRow[] };

/** One cluster: the same event in every language it was reported in, each article with the copies other outlets ran. */
export function clusterPage(d: {
  cluster: ClusterRow;
  articles: ArticleWithCopies[];
  storylines: Array<{ id: string; name: string; matched: number }>;
  mergedFrom: string[];
}): View {
  const byLang = new Map<string, ArticleWithCopies[]>();
  for (const a of d.articles) byLang.set(a.lang, [...(byLang.get(a.lang) ?? []), a]);
  return html`${lead(d.cluster)}<p class="meta">${d.cluster.id} · ${coverage(d.cluster)} · ${d.cluster.languages.map(langBadge)}${span(d.cluster.firstSeen, d.cluster.lastSeen)}
${d.mergedFrom.length ? html` · merged from ${d.mergedFrom.join(', ')}` : ''}</p>
${d.storylines.length ? html`<p>Storylines: ${d.storylines.map((s, i) => html`${i ? ', ' : ''}<a href="/storylines/${s.id}">${s.name}</a> (${s.matched})`)}</p>` : ''}
<div class="columns">${[...byLang].map(([lang, articles]) => html`<section><h2>${langBadge(lang)} ${articles.length}</h2><ul class="articles">${articles.map(articleItem)}</ul></section>`)}</div>`;
}
