// Finds dictionary words written with another Hindi spelling than the dictionary's.
import type { Lexicon } from './lexicon.js';

/**
 * Other spellings of Hindi words than the dictionary's: "राजनीतिक" is its "राजनैतिक" (political),
 * "प्रबन्ध" its "प्रबंध".
 */

// The letters whose spelling varies between writers: long and short i and u (and ai in Sanskrit words
// like "नैतिक"/"नीतिक"), o and au, the anusvara and a nasal consonant with a virama before another
// consonant, the nukta.
const FOLDS: Array<[RegExp, string]> = [
  [/[\u093C\u200C\u200D]/gu, ''],
  [/[ङञणनम]्(?=[\u0915-\u0939])/gu, 'ं'],
  [/ँ/gu, 'ं'],
  [/[िीै]/gu, 'ि'],
  [/[ुू]/gu, 'ु'],
  [/[ोौॉ]/gu, 'ो'],
];

/** One key for a word's spellings: "राजनीतिक" and "राजनैतिक" alike. */
export function spellingKey(word: string): string {
  let s = word.normalize('NFC');
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s;
}

const variantIndexes = new WeakMap<Lexicon, Map<string, string[]>>();

/** The dictionary's words by spelling key; a key shared by words with other renderings is left out. */
function variantIndex(lexicon: Lexicon): Map<string, string[]> {
  let index = variantIndexes.get(lexicon);
  if (index) return index;
  index = new Map();
  const ambiguous = new Set<string>();
  for (const [hindi, renderings] of lexicon.exact) {
    const key = spellingKey(hindi);
    const seen = index.get(key);
    if (seen && seen[0] !== renderings[0]) ambiguous.add(key);
    else index.set(key, renderings);
  }
  for (const key of ambiguous) index.delete(key);
  variantIndexes.set(lexicon, index);
  return index;
}

/**
 * Renderings of a word of five letters or more written another way than the dictionary's: a shorter one
 * is as often a name ("पुंछ" Poonch is not "पूंछ" tail).
 */
export function spellingVariant(lexicon: Lexicon, word: string): string[] | undefined {
  return [...word].length >= 5 ? variantIndex(lexicon).get(spellingKey(word)) : undefined;
}
