// The overview page: top stories, tracked storylines with sparklines, and the latest matches.
import { html } from 'hono/html';
import type { LiveMatch, StorylineSummary } from '../../store/dashboard-queries.js';
import type { RankedPage } from '../../store/ranked-clusters.js';
import { articleItem, sparkline, when } from './components.js';
import type { View } from './layout.js';
import { topStoriesSection } from './top-stories.js';

/** The latest matches as stored, newest first; live updates add to them. */
export function latestMatchesList(matches: LiveMatch[]): View {
  const empty = html`<li class="empty">New matches appear here as they arrive.</li>`;
  return html`<ul class="articles" id="live-matches">${matches.length ? matches.map(articleItem) : empty}</ul>`;
}

/** Last match of a storyline: its publication time, else (none dated) when it was matched, marked so. */
export function lastMatch(s: Pick<StorylineSummary, 'lastPublishedAt' | 'lastMatchAt'>): View | string {
  if (s.lastPublishedAt) return when(s.lastPublishedAt);
  return s.lastMatchAt ? html`<span class="undated">undated · received ${when(s.lastMatchAt)}</span>` : '';
}

/** A storyline's sparkline, with the (UTC) days it covers. */
const daySparkline = (perDay: number[], days: { first: string; last: string }) =>
  html`${sparkline(perDay, 120, 24, days)}<span class="meta days">${days.first} – ${days.last} (UTC days)</span>`;

/** The top stories of a period, tracked storylines (counts, last match, 30-day sparkline), the latest matches. */
export function overviewPage(
  storylines: StorylineSummary[],
  top: RankedPage,
  canEdit: boolean,
  latest: LiveMatch[] = [],
): View {
  return html`${topStoriesSection(top)}
<section>
<h2>Tracked storylines</h2>
${
  storylines.length
    ? html`<table class="storylines">
<thead><tr><th>storyline</th><th>articles</th><th>clusters</th><th>last match (published)</th><th>30 days to last match</th></tr></thead>
<tbody>${storylines.map(
        (s) => html`<tr data-storyline="${s.id}">
  <td><a href="/storylines/${s.id}">${s.name}</a></td>
  <td class="num" data-count="articles">${s.articleCount}</td>
  <td class="num">${s.clusterCount}</td>
  <td data-field="last-match">${lastMatch(s)}</td>
  <td>${s.perDaySpan ? daySparkline(s.perDay, s.perDaySpan) : ''}</td>
</tr>`,
      )}</tbody>
</table>`
    : html`<p>No storylines are tracked yet.</p>`
}
${canEdit ? html`<p><a class="button" href="/storylines/new">New storyline</a></p>` : ''}
</section>
<section>
<h2>Latest matches</h2>
${latestMatchesList(latest)}
</section>`;
}
