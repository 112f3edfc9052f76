// The feeds page: polled feeds with their last fetch, status and last error.
import { html } from 'hono/html';
import type { View } from './layout.js';
import { when } from './components.js';

export interface FeedStatus {
  url: string;
  name?: string;
  pollMinutes: number;
  lastFetchAt?: number;
  lastStatus?: string | number;
  items?: number;
  errorCount: number;
  lastError?: string;
}

/** Polled feeds with their last fetch, status and last error. */
export function feedsPage(feeds: FeedStatus[] | undefined): View {
  if (!feeds) return html`<p>Feed status needs the queue: it is shown by <code>storywatch start</code>.</p>`;
  if (!feeds.length) return html`<p>No feeds configured (<code>storywatch feeds add URL</code>).</p>`;
  return html`<table class="feeds"><thead><tr><th>feed</th><th>every</th><th>last fetch</th><th>status</th><th>items</th><th>errors</th><th>last error</th></tr></thead>
<tbody>${feeds.map(
    (
      f,
    ) => html`<tr class="${f.errorCount ? 'failing' : ''}"><td>${f.name ? html`${f.name}<br>` : ''}<span class="meta">${f.url}</span></td>
<td>${f.pollMinutes} min</td><td>${f.lastFetchAt ? when(new Date(f.lastFetchAt).toISOString()) : 'never'}</td>
<td>${f.lastStatus ?? ''}</td><td class="num">${f.items ?? ''}</td><td class="num">${f.errorCount}</td><td>${f.lastError ?? ''}</td></tr>`,
  )}</tbody></table>`;
}
