// Prepares an article for clustering: language, English title gloss, vector and content hash.
import { createHash } from 'node:crypto';
import { canonicalUrl } from './extract/canonical-url.js';
import { detectLanguage, type LanguageDetector } from './language/detect-language.js';
import type { Embedder, Translator } from './ports.js';
import type { ArticleDraft, PreparedArticle } from './types.js';
import { yieldWhenDue } from './event-loop-turns.js';

/** What preparing articles needs. */
export interface PrepareDeps {
  embedder: Embedder;
  translator: Translator;
  language: LanguageDetector;
}

/** Identity of one draft: the source it came from and the article id to give it. */
export interface DraftOrigin {
  id: string;
  source: string;
}

/** An article's text as its hashes see it: NFC, lower case, every run of other than letters, marks and digits one space. */
const normalized = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** Stable hash of an article's content, used to store each article once. */
export function contentHash(draft: Pick<ArticleDraft, 'title' | 'text'>): string {
  return articleHashes(draft).contentHash;
}

/**
 * A body shorter than this (normalized characters) has no body hash: a line or two is often boilerplate that
 * different reports share. @defaultValue 200
 */
export const MIN_BODY_CHARS = 200;

/**
 * Hash of an article's body alone (normalized as for the content hash), or undefined when the body is too short
 * to tell reports apart: the same report carried under another headline has the same body hash.
 */
export function bodyHash(text: string): string | undefined {
  return bodyDigest(normalized(text));
}

const bodyDigest = (body: string) => (body.length < MIN_BODY_CHARS ? undefined : digest(body));

/** The content hash and, when the body is long enough, the body hash (the text normalized once for both). */
export function articleHashes(draft: Pick<ArticleDraft, 'title' | 'text'>): { contentHash: string; bodyHash?: string } {
  const body = normalized(draft.text);
  const contentHash = digest(`${normalized(draft.title)}\n${body}`);
  const hash = bodyDigest(body);
  return hash === undefined ? { contentHash } : { contentHash, bodyHash: hash };
}

/**
 * Detects language, glosses the title and embeds: everything ClusterItem needs, in one object. Each step
 * goes article by article, letting the event loop take its turn between them when it is due
 * (`yieldWhenDue`): a few ms of work each offline, tens of ms for 16.
 */
export async function prepareArticles(
  drafts: Array<{ draft: ArticleDraft; origin: DraftOrigin }>,
  deps: PrepareDeps,
): Promise<PreparedArticle[]> {
  const languages: Array<ReturnType<typeof detectLanguage>> = [];
  for (const { draft } of drafts) {
    await yieldWhenDue();
    languages.push(detectLanguage(`${draft.title}\n${draft.text}`, deps.language, draft.declaredLang));
  }
  const vectors = await deps.embedder.embed(
    drafts.map(({ draft }, i) => ({ title: draft.title, text: draft.text, lang: languages[i]!.lang })),
  );
  // Asked for one after another (the offline gloss is worked out on the spot) and awaited together (a
  // neural translator answers from its thread, every title in flight at once).
  const titles: Array<Promise<string>> = [];
  for (const [i, { draft }] of drafts.entries()) {
    await yieldWhenDue();
    const title = deps.translator.toEnglish(draft.title, languages[i]!.lang);
    title.catch(() => {}); // awaited below with the others; not an unhandled rejection meanwhile
    titles.push(title);
  }
  const titlesEn = await Promise.all(titles);
  return drafts.map(({ draft: { declaredLang: _declared, ...draft }, origin }, i) => ({
    ...draft,
    url: canonicalUrl(draft.url),
    id: origin.id,
    source: origin.source,
    lang: languages[i]!.lang,
    langConfidence: languages[i]!.confidence,
    titleEn: titlesEn[i]!,
    ...articleHashes(draft),
    vector: vectors[i]!,
    mode: deps.embedder.mode,
  }));
}
