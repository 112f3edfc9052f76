// The interfaces pure stages need from outside: embedder, translator, clock and language identifier.
import type { RepresentationMode, Vector } from './types.js';

/** What the representation stage needs of a text. */
export interface EmbedInput {
  title: string;
  text: string;
  lang: string;
}

/** Turns articles into vectors in one space shared by all languages. */
export interface Embedder {
  readonly mode: RepresentationMode;
  /** Model or method name, shown in reports and logs. */
  readonly name: string;
  embed(inputs: EmbedInput[]): Promise<Vector[]>;
}

/** Renders a title (or lead) in English for users who do not read its language. */
export interface Translator {
  readonly mode: RepresentationMode;
  toEnglish(text: string, lang: string): Promise<string>;
}

/** One language an identifier proposes, with its probability. */
export interface LanguageScore {
  /** An ISO 639 code (1 or 3 letters) or a tag `languageCode` reads. */
  lang: string;
  /** 0..1 */
  p: number;
}

/** A statistical language identifier that holds up on short text (a headline). */
export interface LanguageIdentifier {
  /** Model name, shown in logs and benchmarks. */
  readonly name: string;
  /** The `k` most likely languages of one text, most likely first; none when it knows none of its words. */
  identify(text: string, k: number): LanguageScore[];
}
