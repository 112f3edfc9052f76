// Turns one input (page text, HTML, feed or record) into article drafts, or says why it holds none.
import { z } from 'zod';
import { feedDate } from './feed-date.js';
import { pageLanguage } from '../language/page-language.js';
import { mainBlocks, mainShape } from './main-text.js';
import { describeRefusal, judgePage } from './page-kind.js';
import { readPageSignals, type PageNode } from './page-signals.js';
import { segmentPage } from './segment-page.js';
import type { ArticleDraft } from '../types.js';

/** One input of `ingest`, as it travels to an IngestItem worker. */
export type InputKind = 'page' | 'html' | 'feed' | 'record';

/** Longest article id a record may give. */
const MAX_ID_LENGTH = 256;

const recordId = z
  .union([z.string(), z.number()], { error: 'must be a non-empty string or number' })
  .refine((id) => String(id).trim() !== '', 'must be a non-empty string or number')
  .refine((id) => String(id).length <= MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .transform(String);

/** An article object of a `.jsonl`/`.json` input. Language is detected; `lang`, if given, is only a prior. */
export const articleRecordSchema = z.object({
  id: recordId.optional(),
  title: z.string().trim().min(1),
  text: z.string().optional(),
  url: z.string().url().optional(),
  publishedAt: z.string().optional(),
  source: z.string().optional(),
  lang: z.string().optional(),
});
export type ArticleRecord = z.infer<typeof articleRecordSchema>;

/** An input that holds no usable article; the message says why. */
export class BadInputError extends Error {
  override name = 'BadInputError';
}

/** Turns one input's content into article drafts; throws BadInputError when nothing usable is in it. */
export async function extractArticles(kind: InputKind, content: string): Promise<ArticleDraft[]> {
  if (/\u0000/.test(content.slice(0, 4096))) throw new BadInputError('binary content, not text');
  switch (kind) {
    case 'page':
      return segmentPage(content);
    case 'html':
      return [await fromHtml(content)];
    case 'feed':
      return fromFeed(content);
    case 'record':
      return [fromRecord(JSON.parse(content) as unknown)];
  }
}

/** An article record checked against the schema; a BadInputError names every problem. */
export function parseRecord(value: unknown): ArticleRecord {
  const parsed = articleRecordSchema.safeParse(value);
  if (!parsed.success)
    throw new BadInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '));
  return parsed.data;
}

function fromRecord(value: unknown): ArticleDraft {
  const r = parseRecord(value);
  return {
    title: r.title,
    text: r.text ?? '',
    publishedAt: normaliseDate(r.publishedAt),
    url: r.url ?? null,
    declaredLang: r.lang,
  };
}

/**
 * The main article of an HTML page (Mozilla Readability on linkedom); `url` is the address it was fetched from.
 * Home pages, section fronts and listings are refused with what they are and why (see `judgePage`).
 * HTML and feed parsers load on first use.
 */
export async function fromHtml(html: string, url?: string): Promise<ArticleDraft> {
  const [{ Readability }, { parseHTML }] = await Promise.all([import('@mozilla/readability'), import('linkedom')]);
  const { document } = parseHTML(html);
  // Read before Readability, which rewrites the tree it is given.
  const declaredLang = pageLanguage(document) ?? undefined;
  const page = readPageSignals(document as unknown as PageNode, url);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const extracted = article?.content ? parseHTML(`<html><body>${article.content}</body></html>`).document.body : null;
  const content = extracted as unknown as PageNode | null;
  const blocks = content ? mainBlocks(content) : [];
  const refusal = judgePage(page, content && blocks.length ? mainShape(content, blocks) : null);
  if (refusal) throw new BadInputError(describeRefusal(refusal));
  const text = blocks.map((b) => b.text).join('\n\n');
  const title = (article?.title ?? '').trim() || text.slice(0, 100);
  return { title, text, publishedAt: normaliseDate(article?.publishedTime ?? undefined), url: null, declaredLang };
}

async function fromFeed(xml: string): Promise<ArticleDraft[]> {
  const { parseFeed } = await import('./parse-feed.js');
  const feed = await parseFeed(xml);
  return feed.items
    .filter((item) => item.title)
    .map((item) => ({
      title: item.title,
      text: item.text,
      publishedAt: item.isoDate,
      url: item.link,
      declaredLang: item.lang ?? undefined,
    }));
}

/**
 * A date string as ISO 8601 in UTC (`2020-01-03T12:03:00.000Z`, as feed dates are), so stored times compare
 * and sort as text; a calendar date alone stays a date (its time is unknown); a clock time without a zone is
 * read as UTC, never in the zone of the machine; malformed dates are repaired as feed dates are (feedDate).
 * Null when missing or unreadable.
 */
export function normaliseDate(value: string | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}$/u.test(text)) return text;
  const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/u.test(text);
  return feedDate(zoneless ? `${text.replace(' ', 'T')}Z` : text);
}
