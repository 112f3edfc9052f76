import { decodeHTML } from 'entities';
import { BadInputError } from './extract-articles.js';

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
}

/** A feed as storywatch reads it: the channel title and its entries. */
export interface ParsedFeed {
  title: string;
  items: FeedEntry[];
}

function closeRoot(xml: string): string {
  const root = /^(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z][\w:.-]*)/u.exec(xml.replace(/^\uFEFF/u, ''))?.[1];
  if (!root) return xml;
  const end = `</${root}>`;
  if (xml.trimEnd().endsWith(end)) return xml;
  const trimmed = xml.trimEnd();
  return trimmed.endsWith(`</${root}`) ? `${trimmed}>` : `${trimmed}\n${end}`;
}

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom text with rss-parser's `parseString` (on text already decoded by the
 * guarded client or the file reader), after repairFeedXml. Whitespace around links and guids is trimmed; an unreadable
 * document is a BadInputError.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const { default: Parser } = await import('rss-parser');
  let feed;
  try {
    // A parser per document: one reused after certain broken documents never answers again.
    feed = await new Parser().parseString(repairFeedXml(xml));
  } catch (err) {
    throw new BadInputError(`not a readable RSS/Atom feed: ${(err as Error).message.split('\n')[0]}`);
  }
  const clean = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
  return {
    title: clean(feed.title),
    items: feed.items.map((item) => ({
      title: clean(item.title),
      link: clean(item.link) || null,
      guid: clean(item.guid) || null,
      isoDate: item.isoDate ?? (item.pubDate && !Number.isNaN(Date.parse(item.pubDate)) ? new Date(item.pubDate).toISOString() : null),
      text: clean(item.contentSnippet ?? item.content ?? item.summary),
    })),
  };
}
