/** Shapes shared by the pure stages. Everything here is plain JSON so it can travel in a job payload. */

/** A sparse (offline, term → weight) or dense (neural) vector. */
export type Vector = { kind: 'sparse'; terms: Record<string, number> } | { kind: 'dense'; values: number[] };

/** An article as it leaves segmentation: one story with its title and body, boilerplate removed. */
export interface ArticleDraft {
  title: string;
  text: string;
  /** ISO 8601 date or date-time as stated on the page, or null when the page does not state it. */
  publishedAt: string | null;
  url: string | null;
  /**
   * The language the source declares for it (feed `<language>` or `xml:lang`, `<html lang>`, `og:locale`, a
   * record's `lang`), as written: a prior for detection, never the answer. @defaultValue none
   */
  declaredLang?: string | null;
}

/** Language decision with the evidence behind it. */
export interface LanguageGuess {
  /** ISO 639-1 code or `und`. */
  lang: string;
  /** 0..1 */
  confidence: number;
  script: string;
}

/** An article ready for clustering: everything ClusterItem needs travels here. */
export interface PreparedArticle extends ArticleDraft {
  id: string;
  source: string;
  lang: string;
  langConfidence: number;
  /** English gloss of the title, or the title itself when it is English. */
  titleEn: string;
  contentHash: string;
  /** Hash of the body alone (pipeline/prepare-article.ts `bodyHash`), absent when the body is too short to have one. */
  bodyHash?: string;
  vector: Vector;
  mode: RepresentationMode;
}

/** The fields every listing of an article shows: where it came from, its titles, language and time. */
export type ArticleFields = Pick<PreparedArticle, 'source' | 'url' | 'title' | 'titleEn' | 'lang' | 'publishedAt'>;

export type RepresentationMode = 'neural' | 'offline';
