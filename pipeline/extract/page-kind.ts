// Decides whether a page is an article, or a home page, section or listing, by weighing its signals.
import type { MainShape } from './main-text.js';
import type { PageSignals } from './page-signals.js';

/** Why a page is not an article: what kind of page it is and the signals that say so. */
export interface PageRefusal {
  kind: 'home page' | 'section or listing page' | 'listing page' | 'page without an article body';
  reasons: string[];
}

/** One piece of evidence: positive weights speak against the page being an article, negative ones for it. */
export interface Signal {
  weight: number;
  reason: string;
}

/** Below this much running text a page holds no article body (the bar a scraped page's article meets). */
export const MIN_BODY_CHARS = 250;
/** A page is refused when the signals against it outweigh those for it by this much. */
export const REFUSE_AT = 3;
/** A stretch of text this long between headline links is a body, not a teaser. */
const BODY_CHARS = 600;
const LONG_BODY_CHARS = 1500;

/**
 * Decides whether a page is an article: null when it is, else what it is and why. Two things refuse a page
 * outright: a main text without a body (under 250 characters of running text: a one-line description, a
 * handful of headlines) and one that is mostly links. Otherwise the signals of `weighPage` are added up and a
 * total of 3 or more refuses the page; no single weak signal (og:type website, which many article pages
 * carry; a short address) can refuse a page that has a body.
 */
export function judgePage(page: PageSignals, main: MainShape | null): PageRefusal | null {
  if (!main || main.running.chars < MIN_BODY_CHARS) {
    const { reason, fromPage } = describeNoBody(page, main);
    return { kind: kindOf(page, main), reasons: [reason, ...against(pageSignals(page, !fromPage))] };
  }
  if (main.linkShare > 0.5) {
    const reason = `${Math.round(main.linkShare * 100)}% of its main text is links`;
    return { kind: kindOf(page, main), reasons: [reason, ...against(pageSignals(page))] };
  }
  const signals = weighPage(page, main);
  const score = signals.reduce((n, s) => n + s.weight, 0);
  return score >= REFUSE_AT ? { kind: kindOf(page, main), reasons: against(signals) } : null;
}

/**
 * Every signal of a page that has a main text, weighed: og:type article −2, website +1; structured data
 * declaring one article −2, a listing type (CollectionPage, ItemList…) or three or more articles +2, a WebSite
 * alone +1; the address naming one item −1, a section +1, the site's root +3 (+2 when only og:url says so);
 * ten or more dated headlines on the page +1; six or more `<article>` elements +1; a stretch of running text
 * unbroken by headline links of 600 / 1,500 characters −1 / −3; five or more headline links in the main text,
 * one for every two paragraphs of text or more, +2, +1 when five carry dates, +1 when no stretch of text
 * between them reaches 600 characters.
 */
export function weighPage(page: PageSignals, main: MainShape): Signal[] {
  return [...pageSignals(page), ...mainSignals(main)];
}

/** The message of a refusal, as a failed input shows it. */
export function describeRefusal(refusal: PageRefusal): string {
  const what = refusal.kind === 'home page' ? "the site's home page" : `a ${refusal.kind}`;
  return `not an article: ${what} (${refusal.reasons.join('; ')})`;
}

function pageSignals(page: PageSignals, withHeadlines = true): Signal[] {
  const out: Signal[] = [];
  if (page.ogType === 'article') out.push({ weight: -2, reason: 'og:type article' });
  if (page.ogType === 'website') out.push({ weight: 1, reason: 'og:type website' });
  const d = page.declared;
  if (d?.kind === 'article') out.push({ weight: -2, reason: `structured data: ${d.type}` });
  if (d?.kind === 'articles') out.push({ weight: 2, reason: `structured data lists ${d.count} ${d.type} items` });
  if (d?.kind === 'listing') out.push({ weight: 2, reason: `structured data: ${d.type}` });
  if (d?.kind === 'website') out.push({ weight: 1, reason: 'structured data: WebSite and no article' });
  const path = page.url ? pathOf(page.url) : '';
  const address = page.urlFrom === 'og:url' ? 'og:url' : 'URL';
  if (page.urlKind === 'item') out.push({ weight: -1, reason: `${address} names one item (${path})` });
  if (page.urlKind === 'section') out.push({ weight: 1, reason: `${address} is a section (${path})` });
  // Sites that copy og:url from their home page onto every page are common enough to weigh it less.
  if (page.urlKind === 'root')
    out.push({ weight: address === 'URL' ? 3 : 2, reason: `${address} is the site root (${path})` });
  if (withHeadlines && page.headlines.dated >= 10) {
    out.push({ weight: 1, reason: `${page.headlines.dated} headlines with dates on the page` });
  }
  if (page.articleElements >= 6) out.push({ weight: 1, reason: `${page.articleElements} <article> elements` });
  return out;
}

function mainSignals(main: MainShape): Signal[] {
  const out: Signal[] = [];
  const body = main.longestBody;
  if (body >= BODY_CHARS)
    out.push({ weight: body >= LONG_BODY_CHARS ? -3 : -1, reason: `a body of ${body} characters` });
  const { headlines, dated } = main.headlines;
  const paragraphs = main.running.paragraphs;
  // Teasers: a headline link for every one or two paragraphs of text.
  if (headlines >= 5 && 2 * headlines >= paragraphs) {
    const withDates = dated >= 5 ? ` (${dated} with dates)` : '';
    const short = body < BODY_CHARS ? `, none longer than ${body} characters` : '';
    out.push({
      weight: 2 + (withDates ? 1 : 0) + (short ? 1 : 0),
      reason: `${headlines} headline links in the main text${withDates} and ${paragraphs} paragraphs of text${short}`,
    });
  }
  return out;
}

/** What a page shows instead of an article body; `fromPage` when the headlines counted are the whole page's. */
function describeNoBody(page: PageSignals, main: MainShape | null): { reason: string; fromPage: boolean } {
  const fromPage = !main || main.headlines.headlines < 3;
  const { headlines, dated } = fromPage ? page.headlines : main.headlines;
  if (headlines >= (fromPage ? 5 : 3)) {
    const listed = dated >= 3 ? `${dated} headlines with dates` : `${headlines} headlines`;
    return { reason: `${listed}, no article body`, fromPage };
  }
  if (!main || main.chars === 0) return { reason: 'no article text', fromPage: false };
  if (main.blocks <= 2) return { reason: `only a line of text (${main.chars} characters)`, fromPage: false };
  return { reason: `${main.blocks} short lines of text (${main.chars} characters)`, fromPage: false };
}

/** The reasons that speak against the page, strongest first. */
function against(signals: Signal[]): string[] {
  return signals
    .filter((s) => s.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .map((s) => s.reason);
}

function kindOf(page: PageSignals, main: MainShape | null): PageRefusal['kind'] {
  if (page.urlKind === 'root') return 'home page';
  const declaredList = page.declared?.kind === 'listing' || page.declared?.kind === 'articles';
  if (page.urlKind === 'section' || declaredList) return 'section or listing page';
  const listed = (main?.headlines.headlines ?? 0) >= 3 || page.headlines.headlines >= 5;
  return listed ? 'listing page' : 'page without an article body';
}

function pathOf(url: string): string {
  try {
    const u = new URL(url, 'http://page.invalid/');
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
