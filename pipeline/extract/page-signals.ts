// What a parsed HTML page says about itself: metadata, structured data, headline links, stated dates.
import { findStatedDate } from './find-date.js';
import { countWords, mentionsRelativeTime } from './page-lines.js';
import { judgeUrl, type UrlKind } from './page-url.js';

/** The part of a DOM node the page readers use; linkedom's documents and elements have it. */
export interface PageNode {
  textContent: string | null;
  parentElement?: PageNode | null;
  getAttribute?(name: string): string | null;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
}

/** What a whole page says about itself, read before its main text is extracted (extraction changes the tree). */
export interface PageSignals {
  /** `og:type`, lower case, or null. */
  ogType: string | null;
  /** How the page's structured data (JSON-LD, microdata) describes it, or null when it has none that tells. */
  declared: { kind: 'article' | 'articles' | 'listing' | 'website'; type: string; count: number } | null;
  /** The page's address: `<link rel=canonical>`, else the address it was fetched from, else `og:url`. */
  url: string | null;
  /** Where `url` came from; `og:url` is the one sites most often leave at their home page on every page. */
  urlFrom: 'canonical' | 'fetched' | 'og:url' | null;
  urlKind: UrlKind | null;
  /** `<article>` elements on the page. */
  articleElements: number;
  /** Distinct headline links on the page, and how many of them stand next to a date. */
  headlines: HeadlineCount;
}

/** Headline links (a link of 3 to 30 words) and those whose item states a date or a time. */
export interface HeadlineCount {
  headlines: number;
  dated: number;
}

const ARTICLE_TYPES =
  /^(?:\w*NewsArticle|Article|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SatiricalArticle)$/u;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LISTING_TYPES = /^(?:CollectionPage|ItemList|SearchResultsPage|ProfilePage)$/u;

/** A text with its runs of white space made one space, trimmed. */
export const normaliseSpace = (text: string | null) => (text ?? '').replace(/\s+/gu, ' ').trim();

/** The signals of a parsed page; `fetchedFrom` is its address when it came from the web. */
export function readPageSignals(document: PageNode, fetchedFrom?: string): PageSignals {
  const meta = (name: string) =>
    document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute?.('content')?.trim() || null;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute?.('href')?.trim() || null;
  const ogUrl = meta('og:url');
  const [url, urlFrom] = canonical
    ? [canonical, 'canonical' as const]
    : fetchedFrom
      ? [fetchedFrom, 'fetched' as const]
      : ogUrl
        ? [ogUrl, 'og:url' as const]
        : [null, null];
  return {
    ogType: meta('og:type')?.toLowerCase() ?? null,
    declared: declaredKind(document),
    url,
    urlFrom,
    urlKind: url ? judgeUrl(url) : null,
    articleElements: [...document.querySelectorAll('article')].length,
    headlines: countHeadlines(document),
  };
}

/**
 * The page's own statement of what it is, from its top-level structured-data entities (the items of an
 * `ItemList` are nested, so they are not counted): one or two articles (an article page, perhaps with a
 * second for a live update), three or more (a page listing stories), a listing type, or a `WebSite` alone.
 */
function declaredKind(document: PageNode): PageSignals['declared'] {
  const entities: Declared[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    for (const entity of topLevelEntities(parseJson(script.textContent ?? ''))) entities.push(describeEntity(entity));
  }
  for (const item of document.querySelectorAll('[itemscope][itemtype]:not([itemprop])')) {
    const itemtype = item.getAttribute?.('itemtype') ?? '';
    const types = itemtype.split(/\s+/u).map((t) => t.replace(/\/+$/u, '').split('/').pop() ?? '');
    entities.push({
      types,
      key: normaliseSpace(item.querySelector('[itemprop="headline"]')?.textContent ?? null) || null,
    });
  }
  const types = entities.flatMap((e) => e.types);
  const first = (re: RegExp) => types.find((t) => re.test(t));
  // One article told twice (JSON-LD and microdata, under one headline) is still one.
  const articles = entities.filter((e) => e.types.some((t) => ARTICLE_TYPES.test(t)));
  const count = new Set(articles.map((e, i) => e.key ?? `#${i}`)).size;
  if (count >= 3) return { kind: 'articles', type: first(ARTICLE_TYPES)!, count };
  if (count) return { kind: 'article', type: first(ARTICLE_TYPES)!, count };
  const listing = first(LISTING_TYPES);
  if (listing) return { kind: 'listing', type: listing, count: 1 };
  // A page that calls itself a WebPage says nothing either way; a WebSite alone is how home pages describe themselves.
  const websiteAlone = types.includes('WebSite') && !types.some((t) => /Page$/u.test(t));
  return websiteAlone ? { kind: 'website', type: 'WebSite', count: 1 } : null;
}

/** A structured-data entity's types and what tells it apart from another of the same type (headline, address). */
interface Declared {
  types: string[];
  key: string | null;
}

function parseJson(text: string): unknown {
  try {
    // Pages often leave raw line breaks inside JSON-LD strings.
    return JSON.parse(text.replace(/[\u0000-\u001f]+/gu, ' '));
  } catch {
    return null;
  }
}

function topLevelEntities(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.flatMap(topLevelEntities);
  if (!data || typeof data !== 'object') return [];
  const entity = data as Record<string, unknown>;
  return Array.isArray(entity['@graph']) ? entity['@graph'].flatMap(topLevelEntities) : [entity];
}

/** An entity's types and key; a `WebPage` whose `mainEntity` is an article counts as that article. */
function describeEntity(entity: Record<string, unknown>): Declared {
  const typesOf = (e: Record<string, unknown>) => ([] as unknown[]).concat(e['@type'] ?? []).map(String);
  const main = entity['mainEntity'];
  const inner = main && typeof main === 'object' && !Array.isArray(main) ? (main as Record<string, unknown>) : null;
  const described = inner && typesOf(inner).some((t) => ARTICLE_TYPES.test(t)) ? inner : entity;
  const key = [described['headline'], described['url'], described['@id']].find(
    (v) => typeof v === 'string' && v.trim(),
  );
  const types = described === entity ? typesOf(entity) : [...typesOf(entity), ...typesOf(described)];
  return { types, key: (key as string | undefined) ?? null };
}

/** Whether a link's text reads as a headline: 3 to 30 words (8 or more characters in scripts without spaces). */
export function isHeadline(text: string): boolean {
  if (text.length > 220) return false;
  const words = countWords(text);
  return (words >= 3 && words <= 30) || (words >= 1 && text.length >= 8 && UNSPACED_SCRIPT.test(text));
}

const MAX_HEADLINES = 400;
/** An item may add this much text to its headline (a date, a label, a one-line summary) and still be that item. */
const ITEM_EXTRA_CHARS = 300;

/**
 * Counts distinct headline links under a node and how many stand in an item that states a date or time:
 * the item is the largest ancestor (at most four levels up) that adds a short text to the headline and holds
 * no other headline, and it is dated when it holds a `<time>` element, a calendar date or a relative time
 * ("2 hours ago") outside the headline.
 */
export function countHeadlines(root: PageNode): HeadlineCount {
  const seen = new Set<string>();
  let dated = 0;
  for (const link of root.querySelectorAll('a')) {
    const text = normaliseSpace(link.textContent);
    if (seen.has(text) || !isHeadline(text)) continue;
    seen.add(text);
    let item = link;
    for (let up = 0; up < 4; up++) {
      const parent = item.parentElement;
      if (!parent || normaliseSpace(parent.textContent).length > text.length + ITEM_EXTRA_CHARS) break;
      if (holdsOtherHeadline(parent, text)) break;
      item = parent;
    }
    if (item !== link && statesDate(item, text)) dated++;
    if (seen.size >= MAX_HEADLINES) break;
  }
  return { headlines: seen.size, dated };
}

/** Whether a node holds a headline link other than `headline`: then it is the list, not the item. */
function holdsOtherHeadline(node: PageNode, headline: string): boolean {
  for (const a of node.querySelectorAll('a')) {
    const text = normaliseSpace(a.textContent);
    if (text !== headline && isHeadline(text)) return true;
  }
  return false;
}

function statesDate(item: PageNode, headline: string): boolean {
  if (item.querySelector('time')) return true;
  const rest = normaliseSpace(item.textContent).replace(headline, ' ');
  return /[\d०-९٠-٩۰-۹]/u.test(rest) && (mentionsRelativeTime(rest) || findStatedDate(rest) !== null);
}
