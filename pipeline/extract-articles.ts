import { z } from 'zod';
import { pageLanguage } from './page-language.js';
import { segmentPage } from './segment-page.js';
import type { ArticleDraft } from './types.js';

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
  if (!parsed.success) throw new BadInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '));
  return parsed.data;
}

function fromRecord(value: unknown): ArticleDraft {
  const r = parseRecord(value);
  return { title: r.title, text: r.text ?? '', publishedAt: normaliseDate(r.publishedAt), url: r.url ?? null, declaredLang: r.lang };
}

/** The main article of an HTML page (Mozilla Readability on linkedom). HTML and feed parsers load on first use. */
export async function fromHtml(html: string): Promise<ArticleDraft> {
  const [{ Readability }, { parseHTML }] = await Promise.all([import('@mozilla/readability'), import('linkedom')]);
  const { document } = parseHTML(html);
  const declaredLang = pageLanguage(document) ?? undefined;
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!article?.content) throw new BadInputError('no article text found in HTML page');
  const content = parseHTML(`<html><body>${article.content}</body></html>`).document as unknown as PageDocument;
  const text = paragraphs(content).join('\n\n');
  if (!text) throw new BadInputError('no article text found in HTML page');
  // On a home or section page the best block Readability finds is a list of headline links.
  const share = linkTextShare(content);
  if (share > 0.5) throw new BadInputError(`a listing or home page (${Math.round(share * 100)}% of its text is links), not an article`);
  return { title: (article.title ?? '').trim() || text.slice(0, 100), text, publishedAt: normaliseDate(article.publishedTime ?? undefined), url: null, declaredLang };
}

/**
 * The text of extracted article HTML, one paragraph per block element; when blocks miss part of the text
 * (prose in bare divs), the text's own line breaks are used instead.
 */
function paragraphs(document: PageDocument): string[] {
  const all = document.body?.textContent ?? '';
  const blocks = [...(document.body?.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption') ?? [])]
    .filter((el) => ![...el.querySelectorAll('p, li, blockquote, pre')].length)
    .map((el) => (el.textContent ?? '').replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
  const covered = blocks.reduce((n, b) => n + b.replace(/\s+/gu, '').length, 0);
  if (blocks.length && covered >= 0.9 * all.replace(/\s+/gu, '').length) return blocks;
  return all.split(/\n\s*\n|\n/u).map((p) => p.replace(/\s+/gu, ' ').trim()).filter(Boolean);
}

async function fromFeed(xml: string): Promise<ArticleDraft[]> {
  const { parseFeed } = await import('./parse-feed.js');
  const feed = await parseFeed(xml);
  return feed.items
    .filter((item) => item.title)
    .map((item) => ({ title: item.title, text: item.text, publishedAt: item.isoDate, url: item.link, declaredLang: item.lang ?? undefined }));
}

interface PageNode {
  textContent: string | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
}
interface PageDocument {
  body: PageNode | null;
}

/** Share of a page's visible text that sits inside links (scripts and styles left out). */
function linkTextShare(document: PageDocument): number {
  const body = document.body;
  if (!body) return 0;
  const length = (node: PageNode) => (node.textContent ?? '').replace(/\s+/gu, '').length;
  let hidden = 0;
  for (const el of body.querySelectorAll('script, style, noscript')) hidden += length(el);
  const total = length(body) - hidden;
  let links = 0;
  for (const a of body.querySelectorAll('a')) links += length(a);
  return total > 0 ? links / total : 0;
}

/** An ISO 8601 rendering of a date string, or null when it is missing or unreadable. */
export function normaliseDate(value: string | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/u.test(value.trim())) return value.trim();
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
