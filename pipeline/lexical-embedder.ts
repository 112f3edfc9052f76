import { stemmer } from 'stemmer';
import { lookUp, type Lexicon } from './lexicon.js';
import type { EmbedInput, Embedder } from './ports.js';
import { tokenize } from './tokenize.js';
import { skeleton } from './transliterate.js';
import type { Vector } from './types.js';

/** Weights of the offline representation. */
export interface LexicalOptions {
  /** Title words count this many times. @defaultValue 1.5 */
  titleWeight?: number;
  /** Weight of the phonetic-skeleton term next to a translated word's terms. @defaultValue 0.5 */
  skeletonWeight?: number;
  /** Translations of one Hindi word that are kept. @defaultValue 2 */
  maxTranslations?: number;
}

/**
 * Offline cross-lingual representation: a bag of language-neutral terms. English words give their stem
 * (`w:`); Hindi words give the stems of their dictionary translations; every word also gives its
 * phonetic skeleton (`n:`), so names and loanwords meet across scripts; numbers give `d:` terms.
 * Counts are sublinear; IDF weighting is applied later from the stream's statistics (see term-stats.ts).
 */
export function lexicalTerms(input: EmbedInput, lexicon: Lexicon | null, options: LexicalOptions = {}): Record<string, number> {
  const titleWeight = options.titleWeight ?? 1.5;
  const skeletonWeight = options.skeletonWeight ?? 0.5;
  const maxTranslations = options.maxTranslations ?? 2;
  const counts = new Map<string, number>();
  const add = (term: string, w: number) => counts.set(term, (counts.get(term) ?? 0) + w);
  const addText = (text: string, weight: number) => {
    for (const token of tokenize(text)) {
      if (token.script === 'number') {
        add(`d:${token.word}`, weight);
        continue;
      }
      let translated = false;
      if (token.script === 'latin') {
        add(`w:${token.stem}`, weight);
        translated = true;
      } else if (token.script === 'devanagari' && lexicon) {
        const english = lookUp(lexicon, token.word, token.stem)?.slice(0, maxTranslations);
        if (english?.length) {
          for (const en of english) add(`w:${stemmer(en)}`, weight / english.length);
          translated = true;
        }
      }
      const key = skeleton(token.word);
      if (key.length >= 2) add(`n:${key}`, weight * (translated ? skeletonWeight : 1));
    }
  };
  addText(input.title, titleWeight);
  addText(input.text, 1);
  const terms: Record<string, number> = {};
  for (const [term, c] of counts) terms[term] = Number((1 + Math.log(c)).toFixed(4));
  return terms;
}

/** The offline `Embedder`: lexical terms, with or without a bilingual lexicon. */
export function createLexicalEmbedder(lexicon: Lexicon | null, options: LexicalOptions = {}): Embedder {
  return {
    mode: 'offline',
    name: lexicon ? 'lexical+freedict' : 'lexical',
    async embed(inputs: EmbedInput[]): Promise<Vector[]> {
      return inputs.map((input) => ({ kind: 'sparse', terms: lexicalTerms(input, lexicon, options) }));
    },
  };
}
