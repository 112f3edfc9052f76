// The frame of every dashboard page, with no inline script or style.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { COMMON_ZONES, currentZone } from '../time-format.js';

export type View = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface LayoutOptions {
  /** Storyline id the live updates of this page follow ('' for all). Undefined: no live updates. */
  live?: string;
  /** The last match the page was rendered with: live updates resume after it. */
  liveAfter?: number;
  /** The page's path and query, to come back to after choosing a zone. @defaultValue / */
  path?: string;
  /** Signed in (forms shown). */
  canEdit?: boolean;
  /** Basic auth is configured: offer to sign in. */
  signIn?: boolean;
  /** Store-wide counts: stored articles and, apart, the copies of them kept from other outlets. */
  counts?: { articles: number; copies: number; clusters: number; matches: number };
}

const counts = (c: NonNullable<LayoutOptions['counts']>) =>
  html`<span class="counts">${c.articles} articles (+ ${c.copies} copies) · ${c.clusters} clusters · ${c.matches} matches</span>`;

/** The zone the page's times are in, and a choice of others (the browser's own is added by the script). */
function zoneChooser(path: string): View {
  const zone = currentZone();
  const zones = COMMON_ZONES.includes(zone) ? COMMON_ZONES : [zone, ...COMMON_ZONES];
  return html`<form class="zone" method="post" action="/settings/zone"><input type="hidden" name="next" value="${path}">
  <label>times in <select name="zone" data-zone-choice>${zones.map((z) => html`<option value="${z}"${z === zone ? ' selected' : ''}>${z}</option>`)}</select></label>
  <button>set</button></form>`;
}

/** The page frame: no inline script or style, so the Content-Security-Policy can forbid both. */
export function layout(title: string, body: View, opts: LayoutOptions = {}): View {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · storywatch</title>
<link rel="stylesheet" href="/assets/uplot.css">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/uplot.js" defer></script>
<script src="/assets/app.js" defer></script>
</head>
<body data-zone="${currentZone()}"${opts.live === undefined ? '' : html` data-live="${opts.live}" data-live-after="${opts.liveAfter ?? ''}"`}>
<header>
  <a class="brand" href="/">storywatch</a>
  <nav><a href="/">Storylines</a><a href="/clusters">Clusters</a><a href="/search">Search</a><a href="/feeds">Feeds</a>${opts.canEdit ? html`<a href="/webhooks">Webhooks</a><a href="/admin/queues">Queues</a>` : opts.signIn ? html`<a href="/login">Sign in</a>` : ''}</nav>
  ${opts.counts ? counts(opts.counts) : ''}
  ${zoneChooser(opts.path ?? '/')}
  <span class="live-status" hidden>live</span>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}
