// Parses RSS and Atom text into entries, after repairing what real feeds get wrong.
import { decodeHTML } from 'entities';
import type FeedParser from 'rss-parser';
import { BadInputError } from './extract-articles.js';
import { feedDate, repairFeedDates } from './feed-date.js';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Repairs what real feeds get wrong and a strict XML parser refuses: HTML named entities (`&aacute;`,
 * `&nbsp;`) become numeric references, an `<rss>` root without a version is read as RSS 2.0, and a
 * document cut off before its root's end tag gets one.
 */
export function repairFeedXml(xml: string): string {
  return closeRoot(xml)
    .replace(/^\uFEFF/u, '')
    .replace(/&([A-Za-z][A-Za-z0-9]{1,31});/g, (whole, name: string) => {
      if (XML_ENTITIES.has(name)) return whole;
      const decoded = decodeHTML(whole);
      return decoded === whole ? `&amp;${name};` : [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
    })
    .replace(/<rss(?![^>]*\bversion\s*=)(\s|>)/u, '<rss version="2.0"$1');
}

/** One entry of a feed as storywatch reads it. */
export interface FeedEntry {
  title: string;
  link: string | null;
  guid: string | null;
  isoDate: string | null;
  text: string;
  /** The language the entry or its feed declares (`dc:language`, `xml:lang`, `<language>`), as written. */
  lang: string | null;
}

/** A feed as storywatch reads it: the channel title and its entries. */
export interface ParsedFeed {
  title: string;
  items: FeedEntry[];
}

function closeRoot(xml: string): string {
  const root = /^(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z][\w:.-]*)/u.exec(
    xml.replace(/^\uFEFF/u, ''),
  )?.[1];
  if (!root) return xml;
  const end = `</${root}>`;
  if (xml.trimEnd().endsWith(end)) return xml;
  const trimmed = xml.trimEnd();
  return trimmed.endsWith(`</${root}`) ? `${trimmed}>` : `${trimmed}\n${end}`;
}

/** Where a feed or entry declares its language, as rss-parser gives it. */
interface Declared {
  language?: unknown;
  dcLanguage?: unknown;
  attributes?: Record<string, unknown>;
}
// Besides RSS <language> (rss-parser's `language`, also an item's dc:language): RSS 1.0's channel dc:language,
// and xml:lang on the Atom feed or an entry (xml2js keeps attributes under `$`). rss-parser's types list field
// names only; its code takes [from, to, options] for the feed as for items.
const FIELDS = {
  feed: [
    ['dc:language', 'dcLanguage'],
    ['$', 'attributes', { keepArray: true }],
  ],
  item: [['$', 'attributes', { keepArray: true }]],
} as never;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom text with rss-parser's `parseString` (on text already decoded by the
 * guarded client or the file reader), after repairFeedXml and repairFeedDates. Whitespace around links and guids is
 * trimmed; each entry gets the language it or its feed declares. An unreadable document is a BadInputError.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const { default: Parser } = await import('rss-parser');
  // A parser per document: one reused after certain broken documents never answers again.
  const parser: FeedParser<Declared, Declared> = new Parser<Declared, Declared>({ customFields: FIELDS });
  let feed;
  try {
    feed = await parser.parseString(repairFeedDates(repairFeedXml(xml)));
  } catch (err) {
    throw new BadInputError(`not a readable RSS/Atom feed: ${(err as Error).message.split('\n')[0]}`);
  }
  const clean = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
  const declared = (fields: Declared) =>
    clean(fields.language) || clean(fields.dcLanguage) || clean(fields.attributes?.['xml:lang']);
  const feedLang = declared(feed);
  return {
    title: clean(feed.title),
    items: feed.items.map((item) => ({
      title: clean(item.title),
      link: clean(item.link) || null,
      guid: clean(item.guid) || null,
      isoDate: item.isoDate ?? feedDate(item.pubDate),
      text: clean(item.contentSnippet ?? item.content ?? item.summary),
      lang: declared(item) || feedLang || null,
    })),
  };
}
