// What a page's address says about it: a site's root, a section or listing, or one item.

/** What a page's address says about it: a site's root, a section or listing, or one item. */
export type UrlKind = 'root' | 'section' | 'item';

/** Path segments that name a listing of items; up to two segments after one are its arguments (a name, a page). */
const LISTING_SEGMENTS = new Set([
  'archive',
  'archives',
  'author',
  'authors',
  'category',
  'categories',
  'label',
  'labels',
  'latest',
  'latest-news',
  'list',
  'listing',
  'articlelist',
  'newslist',
  'page',
  'search',
  'section',
  'sections',
  'tag',
  'tags',
  'topic',
  'topics',
]);
/** A path segment that only picks an edition (`/ur/`, `/hindi/`, `/en-in/`): its page is that edition's home. */
const EDITION_SEGMENT = new RegExp(
  '^(?:(?:en|ur|hi|bn|pa|ta|te|mr|gu|ml|kn|ne|si|sd|ps|fa|ar|zh|fr|de|es|pt|ru)(?:[-_][a-z]{2})?' +
    '|english|urdu|hindi|bangla|bengali|punjabi|tamil|telugu|marathi|gujarati|nepali|international|intl)$',
  'iu',
);
const ID_PARAMETER = /^(?:p|id|story|article|news|nid|sid|aid)$/iu;
const INDEX_PAGE = /^(?:index|default|home|main)(?:\.[a-z]+)?$/iu;
const ITEM_EXTENSION = /\.(?:s?html?|php|aspx?|cms|ece|jsp)$/iu;

const segmentWords = (segment: string) =>
  segment
    .replace(ITEM_EXTENSION, '')
    .split(/[-_+.\s]+/u)
    .filter(Boolean);
/** A number of five or more digits, or an opaque code of letters and digits (`ASM2Q5HKNM2Q`, `c4gx0e5n2plo`). */
const hasId = (segment: string) =>
  /\d{5,}/u.test(segment) || segmentWords(segment).some((w) => w.length >= 8 && /\d/u.test(w) && /\p{L}/u.test(w));

/**
 * Judges a page address by its path and query. An item: a query parameter holding an id (`?p=123`,
 * `?PRID=2144300`), a slug of four or more words as the last segment, or an id in the path (five or more digits,
 * or a code of eight or more letters and digits) that is not the argument of a listing word. The root: no path,
 * an index page, or an edition segment alone (`/urdu/`). A section: a listing word followed by at most two
 * segments (`/tag/steel`, `/category/world/page/2`, `/articlelist/2123.cms`), a date archive (`/2025/07/`), or one
 * or two segments of at most three words and no id (`/pakistan`, `/world/asia`). Anything else (a short opaque
 * id, a deep path of plain words) says nothing: null.
 */
export function judgeUrl(url: string): UrlKind | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://page.invalid/');
  } catch {
    return null;
  }
  const segments = parsed.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (segments.length && INDEX_PAGE.test(segments[segments.length - 1]!)) segments.pop();
  const queryId = [...parsed.searchParams].some(
    ([key, value]) => /^\d{4,}$/u.test(value) || (ID_PARAMETER.test(key) && /\d/u.test(value)),
  );
  if (queryId) return 'item';
  if (segments.length === 0 || (segments.length === 1 && EDITION_SEGMENT.test(segments[0]!))) return 'root';
  if (segmentWords(segments[segments.length - 1]!).length >= 4) return 'item';
  const listing = segments.findLastIndex((s) => LISTING_SEGMENTS.has(s.toLowerCase()));
  if (listing >= 0 && segments.length - listing <= 3) return 'section';
  if (segments.some(hasId)) return 'item';
  if (segments.every((s) => /^\d{1,4}$/u.test(s))) return 'section';
  if (segments.length <= 2 && segments.every((s) => segmentWords(s).length <= 3 && !/\d{3,}/u.test(s)))
    return 'section';
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
