import { html } from 'hono/html';
import type { StorylineSummary } from '../dashboard-queries.js';
import type { RankedPage } from '../ranked-clusters.js';
import { sparkline, when } from './components.js';
import type { View } from './layout.js';
import { topStoriesSection } from './top-stories.js';

/** The top stories of a period, then tracked storylines (counts, last match, 30-day sparkline). */
export function overviewPage(storylines: StorylineSummary[], top: RankedPage, canEdit: boolean): View {
  return html`${topStoriesSection(top)}
<section>
<h2>Tracked storylines</h2>
${storylines.length ? html`<table class="storylines">
<thead><tr><th>storyline</th><th>articles</th><th>clusters</th><th>last match</th><th>last 30 days</th></tr></thead>
<tbody>${storylines.map((s) => html`<tr data-storyline="${s.id}">
  <td><a href="/storylines/${s.id}">${s.name}</a></td>
  <td class="num" data-count="articles">${s.articleCount}</td>
  <td class="num">${s.clusterCount}</td>
  <td data-field="last-match">${when(s.lastMatchAt)}</td>
  <td>${sparkline(s.perDay)}</td>
</tr>`)}</tbody>
</table>` : html`<p>No storylines are tracked yet.</p>`}
${canEdit ? html`<p><a class="button" href="/storylines/new">New storyline</a></p>` : ''}
</section>
<section>
<h2>Latest matches</h2>
<ul class="articles" id="live-matches"><li class="empty">New matches appear here as they arrive.</li></ul>
</section>`;
}
