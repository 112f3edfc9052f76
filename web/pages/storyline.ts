// The storyline page: a timeline of matches by language, then its clusters with their articles.
import { html } from 'hono/html';
import type { StorylineConfig } from '../../config/schema.js';
import type { ArticleRow, ClusterRow, Filters, LiveMatch, Page } from '../../store/dashboard-queries.js';
import type { StorylineFacts } from '../../store/facts.js';
import { articleItem, clusterHeading, languageSelect, pager, when } from './components.js';
import type { View } from './layout.js';
import { lastMatch, latestMatchesList } from './overview.js';
import type { Backfill } from '../../store/backfill-store.js';

/** Progress of the storyline's back-fill over stored articles. */
function backfillLine(b: Backfill): View {
  const counts = `${b.matched} match, +${b.added} new, −${b.removed} removed`;
  if (b.state === 'done')
    return html`<p class="meta backfill" data-backfill="done">Back-fill: ${b.done}/${b.total} stored articles re-scored ${when(b.finishedAt)} (${counts})</p>`;
  return html`<p class="meta backfill" data-backfill="${b.state}">Back-fill ${b.state}: <progress max="${b.total}" value="${b.done}"></progress> ${b.done}/${b.total} stored articles (${counts})</p>`;
}

/** " (en 2, hi 1)": matched articles per language, most first; nothing without matches. */
function perLanguage(counts: Record<string, number>): View | string {
  const parts = Object.entries(counts).map(([lang, n]) => `${lang} ${n}`);
  return parts.length ? html` (<span data-field="languages">${parts.join(', ')}</span>)` : '';
}

type StorylineCluster = ClusterRow & { matched: number; lastMatchAt: string; articles: ArticleRow[] };

/** A storyline: timeline of matches per day by language (uPlot), then its clusters with their articles side by side. */
export function storylinePage(
  s: StorylineConfig & StorylineFacts & { source: string; backfill?: Backfill },
  timeline: Array<{ day: string; lang: string; count: number }>,
  clusters: Page<StorylineCluster>,
  filters: Filters,
  canEdit: boolean,
  languages: string[],
  latest: LiveMatch[] = [],
): View {
  const query = { lang: filters.lang, since: filters.since, until: filters.until };
  return html`<p class="lead">${s.description}</p>
<p class="meta"><span data-count="articles">${s.articleCount}</span> matched article(s)${perLanguage(s.perLanguage)} in ${s.clusterCount} cluster(s) · last match ${s.lastPublishedAt ? 'published ' : ''}${lastMatch(s) || 'none yet'} · threshold ${s.threshold}
${s.keywords.length ? html` · keywords: ${s.keywords.map((k, i) => html`${i ? ', ' : ''}<q>${k}</q>`)}` : ''}
${canEdit ? html` · <a href="/storylines/${s.id}/edit">edit</a>` : ''}</p>
${s.backfill ? backfillLine(s.backfill) : ''}
<figure class="timeline">
  <div id="timeline" data-timeline="${JSON.stringify(timeline)}"></div>
  <figcaption>Matches per UTC day of publication, by language${s.undatedCount ? html`; ${s.undatedCount} undated match(es) not drawn` : ''}.</figcaption>
</figure>
<form class="filters" method="get" action="/storylines/${s.id}">
  ${languageSelect(languages, filters.lang)}
  <label>from <input name="since" type="date" value="${filters.since ?? ''}"></label>
  <label>until <input name="until" type="date" value="${filters.until ?? ''}"></label>
  <button>Filter</button>
</form>
<section>
<h2>Latest matches</h2>
${latestMatchesList(latest)}
</section>
<section>
<h2>Clusters</h2>
<div id="storyline-clusters" data-storyline="${s.id}">
${clusters.items.map((c) => clusterSection(c))}
</div>
${clusters.items.length ? '' : html`<p class="empty">No matches yet.</p>`}
${pager(clusters, `/storylines/${s.id}`, query)}
</section>`;
}

/** One cluster in a storyline: its heading, then its articles (languages side by side). */
export function clusterSection(c: StorylineCluster): View {
  const byLang = new Map<string, ArticleRow[]>();
  for (const a of c.articles) byLang.set(a.lang, [...(byLang.get(a.lang) ?? []), a]);
  return html`<article class="cluster" id="cluster-${c.id}" data-cluster="${c.id}">
  <h3>${clusterHeading(c)}</h3>
  <div class="columns">${[...byLang].map(([lang, articles]) => html`<ul class="articles" data-lang="${lang}">${articles.map(articleItem)}</ul>`)}</div>
  ${c.articleCount - c.copyCount > c.articles.length ? html`<p class="more"><a href="/clusters/${c.id}">all ${c.articleCount} articles →</a></p>` : ''}
</article>`;
}
