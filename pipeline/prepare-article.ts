// Prepares an article for clustering: language, English title gloss, vector and content hash.
import { createHash } from 'node:crypto';
import { canonicalUrl } from './extract/canonical-url.js';
import { detectLanguage, type LanguageDetector } from './language/detect-language.js';
import type { Embedder, Translator } from './ports.js';
import type { ArticleDraft, PreparedArticle } from './types.js';

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

/** Stable hash of an article's content, used to store each article once. */
export function contentHash(draft: Pick<ArticleDraft, 'title' | 'text'>): string {
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
      .trim();
  return createHash('sha256')
    .update(`${norm(draft.title)}\n${norm(draft.text)}`)
    .digest('hex')
    .slice(0, 32);
}

/** Detects language, glosses the title and embeds: everything ClusterItem needs, in one object. */
export async function prepareArticles(
  drafts: Array<{ draft: ArticleDraft; origin: DraftOrigin }>,
  deps: PrepareDeps,
): Promise<PreparedArticle[]> {
  const languages = drafts.map(({ draft }) =>
    detectLanguage(`${draft.title}\n${draft.text}`, deps.language, draft.declaredLang),
  );
  const vectors = await deps.embedder.embed(
    drafts.map(({ draft }, i) => ({ title: draft.title, text: draft.text, lang: languages[i]!.lang })),
  );
  return Promise.all(
    drafts.map(async ({ draft: { declaredLang: _declared, ...draft }, origin }, i) => ({
      ...draft,
      url: canonicalUrl(draft.url),
      id: origin.id,
      source: origin.source,
      lang: languages[i]!.lang,
      langConfidence: languages[i]!.confidence,
      titleEn: await deps.translator.toEnglish(draft.title, languages[i]!.lang),
      contentHash: contentHash(draft),
      vector: vectors[i]!,
      mode: deps.embedder.mode,
    })),
  );
}
