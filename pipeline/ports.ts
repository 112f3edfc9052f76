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

/** The wall clock, passed in so stages stay deterministic under test. */
export interface Clock {
  now(): Date;
}
