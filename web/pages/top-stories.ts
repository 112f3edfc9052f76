// Ranked clusters on the dashboard: the overview's top stories and the full ranked list of a period.
import { html } from 'hono/html';
import { GROWTH_HOURS, PERIODS, SORTS, type Period, type RankWindow } from '../../pipeline/cluster/story-rank.js';
import type { RankedCluster, RankedPage, RankFilters } from '../../store/ranked-clusters.js';
import { coverage, langBadge, pager, plural, when } from './components.js';
import type { View } from './layout.js';

const PERIOD_NAMES: Record<Period, string> = { '24h': '24 hours', '7d': '7 days', all: 'all stored' };
const SORT_NAMES = { top: 'top stories', size: 'size', time: 'newest report' } as const;

/** Which span a ranked list covers, in words: "the last 24 hours", or the stored span it was anchored at. */
export function windowLabel(w: Pick<RankWindow, 'period' | 'start' | 'end' | 'historical'>): View {
  if (w.period === 'all') return html`all stored reports, up to ${when(w.end)}`;
  const length = w.period === '24h' ? '24 hours' : '7 days';
  return w.historical
    ? html`the ${length} up to the newest stored report (${when(w.start)} – ${when(w.end)})`
    : html`the last ${length}`;
}

/** One ranked cluster: title (linked) and lead, languages, size and outlets, its share in the period, storylines. */
export function storyItem(c: RankedCluster): View {
  const inPeriod = c.activity.articles < c.articleCount ? html` · ${c.activity.articles} in this period` : '';
  const growth = c.activity.recent ? html` · ${c.activity.recent} in the last ${GROWTH_HOURS} hours` : '';
  const storylines = c.storylines.map((s, i) => html`${i ? ', ' : ''}<a href="/storylines/${s.id}">${s.name}</a>`);
  return html`<article class="story" data-cluster="${c.id}" data-score="${c.score.toFixed(3)}">
  <h3><a href="/clusters/${c.id}">${c.title || c.id}</a></h3>
  ${c.lead ? html`<p class="lead">${c.lead}</p>` : ''}
  <p class="meta">${c.languages.map(langBadge)} <span data-field="coverage">${coverage(c)}</span>${inPeriod}${growth}
    · newest ${when(c.activity.newest)}</p>
  ${c.storylines.length ? html`<p class="meta">Storylines: ${storylines}</p>` : ''}
</article>`;
}

/** The overview's lead: the top stories of a period, links to the other periods and to the full list. */
export function topStoriesSection(page: RankedPage): View {
  const period = page.window.period;
  const others = PERIODS.filter((p) => p !== period).map(
    (p) => html` · <a href="/?period=${p}">${PERIOD_NAMES[p]}</a>`,
  );
  const all = `All ${plural(page.total, 'cluster', 'clusters')} of this period →`;
  return html`<section id="top-stories">
<h2>Top stories</h2>
<p class="meta" data-field="window">Of ${windowLabel(page.window)}${others}</p>
${page.items.length ? page.items.map(storyItem) : html`<p>No reports in this period.</p>`}
<p><a href="/clusters?sort=top&amp;period=${period}">${all}</a></p>
</section>`;
}

const option = (value: string, label: string, selected: boolean) =>
  html`<option value="${value}"${selected ? ' selected' : ''}>${label}</option>`;
const select = (name: string, options: View[]) => html`<select name="${name}">${options}</select>`;

/** All clusters of a period, ranked, by size or by time, with the filters as form controls. */
export function rankedClustersPage(
  page: RankedPage,
  f: RankFilters,
  choices: { languages: string[]; storylines: Array<{ id: string; name: string }> },
): View {
  const period = page.window.period;
  const minSize = f.minSize ? String(f.minSize) : undefined;
  const query = { sort: page.sort, period, lang: f.lang, storyline: f.storyline, minSize };
  const langs = [option('', 'any', !f.lang), ...choices.languages.map((l) => option(l, l, l === f.lang))];
  const storylines = [
    option('', 'any', !f.storyline),
    ...choices.storylines.map((s) => option(s.id, s.name, s.id === f.storyline)),
  ];
  return html`<form class="filters" method="get" action="/clusters">
  <label>sort ${select(
    'sort',
    SORTS.map((s) => option(s, SORT_NAMES[s], s === page.sort)),
  )}</label>
  <label>period ${select(
    'period',
    PERIODS.map((p) => option(p, PERIOD_NAMES[p], p === period)),
  )}</label>
  <label>language ${select('lang', langs)}</label>
  <label>storyline ${select('storyline', storylines)}</label>
  <label>at least <input name="minSize" type="number" min="1" step="1" value="${minSize ?? ''}" placeholder="1"> articles</label>
  <button>Show</button>
</form>
<p class="meta" data-field="window">${plural(page.total, 'cluster', 'clusters')} with reports in ${windowLabel(page.window)},
  by ${SORT_NAMES[page.sort]}</p>
<section class="stories">${page.items.map(storyItem)}</section>
${pager(page, '/clusters', query)}`;
}
