// The offline representation: a bag of language-neutral terms from stems, translations and name skeletons.
import { stemmer } from 'stemmer';
import { lookUp, type Lexicon } from './lexicon.js';
import type { EmbedInput, Embedder } from '../ports.js';
import { tokenize } from './tokenize.js';
import { skeleton } from './transliterate.js';
import type { Vector } from '../types.js';
import { yieldWhenDue } from '../event-loop-turns.js';

/** Weights of the offline representation. */
export interface LexicalOptions {
  /** Title words count this many times. @defaultValue 1.5 */
  titleWeight?: number;
  /** Weight of the phonetic-skeleton term next to a translated word's terms. @defaultValue 0.5 */
  skeletonWeight?: number;
  /** Translations of one Hindi word that are kept. @defaultValue 2 */
  maxTranslations?: number;
}

/** Languages with a stemmer of their own here (Porter for English, a light Hindi stemmer; Urdu words are kept whole). */
const OWN_STEMMER = new Set(['en', 'hi', 'ur']);
/** Letters kept by `truncatedStem`. @defaultValue 5 */
const TRUNCATE_AT = 5;

/**
 * A word of any other language cut to its first five letters, diacritics folded: truncation, which on
 * European languages does about as well as a stemmer of their own (McNamee, Nicholas and Mayfield,
 * "Addressing morphological variation in alphabetic languages", SIGIR 2009), so "olímpicos" and
 * "olímpico", "Олимпийские" and "Олимпиада" meet without a stemmer per language.
 */
export function truncatedStem(word: string): string {
  return [...word.normalize('NFD').replace(/\p{M}+/gu, '')].slice(0, TRUNCATE_AT).join('');
}

/**
 * Offline cross-lingual representation: a bag of language-neutral terms. English words give their stem
 * (`w:`); Hindi words give the stems of their dictionary translations; words of languages without a
 * stemmer here give their truncated stem (`truncatedStem`); every word also gives its
 * phonetic skeleton (`n:`), so names and loanwords meet across scripts; numbers give `d:` terms.
 * Counts are sublinear; IDF weighting is applied later from the stream's statistics (see term-stats.ts).
 */
export function lexicalTerms(
  input: EmbedInput,
  lexicon: Lexicon | null,
  options: LexicalOptions = {},
): Record<string, number> {
  const titleWeight = options.titleWeight ?? 1.5;
  const skeletonWeight = options.skeletonWeight ?? 0.5;
  const maxTranslations = options.maxTranslations ?? 2;
  const counts = new Map<string, number>();
  const add = (term: string, w: number) => counts.set(term, (counts.get(term) ?? 0) + w);
  // Undetermined text (storyline profiles, short inputs) keeps the English and Hindi stemmers.
  const truncate = Boolean(input.lang) && input.lang !== 'und' && !OWN_STEMMER.has(input.lang);
  const addText = (text: string, weight: number) => {
    for (const token of tokenize(text)) {
      if (token.script === 'number') {
        add(`d:${token.word}`, weight);
        continue;
      }
      let translated = false;
      if (truncate && (token.script === 'latin' || token.script === 'other')) {
        add(`w:${truncatedStem(token.word)}`, weight);
        translated = true;
      } else if (token.script === 'latin') {
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
  addText(mainPart(input.title), titleWeight);
  addText(input.text, 1);
  const terms: Record<string, number> = {};
  for (const [term, c] of counts) terms[term] = Number((1 + Math.log(c)).toFixed(4));
  return terms;
}

/** Separators between a headline and what outlets add to it: " | Sports", " - The China Post, Taiwan". */
const TITLE_PARTS = /\s+[|\-–—]\s+|\s*\|\s*/u;

/**
 * A title's headline without what outlets add around it ("Guinea pulls out of Tokyo Olympics | WTOP",
 * "Sports News | … | LatestLY", "… - Realnews Magazine"): the longest of its parts. The outlet's name
 * would otherwise link every report the outlet syndicates, whatever it is about.
 */
export function mainPart(title: string): string {
  const parts = title
    .split(TITLE_PARTS)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length < 2 ? title : parts.reduce((a, b) => (b.length > a.length ? b : a));
}

/** The offline `Embedder`: lexical terms, with or without a bilingual lexicon. */
export function createLexicalEmbedder(lexicon: Lexicon | null, options: LexicalOptions = {}): Embedder {
  return {
    mode: 'offline',
    name: lexicon ? 'lexical+freedict' : 'lexical',
    async embed(inputs: EmbedInput[]): Promise<Vector[]> {
      const vectors: Vector[] = [];
      for (const input of inputs) {
        await yieldWhenDue();
        vectors.push({ kind: 'sparse', terms: lexicalTerms(input, lexicon, options) });
      }
      return vectors;
    },
  };
}
