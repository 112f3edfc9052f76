// Splits text in any supported script into content words, stop words removed.
import { stemmer } from 'stemmer';
import stopwords from 'stopwords-iso' with { type: 'json' };
import { stemHindi } from './hindi-stem.js';
import { wordMemo } from './word-memo.js';

/** A content word with its script family. */
export interface Token {
  /** Lower-cased surface form. */
  word: string;
  /** English (Porter) or Hindi (light) stem; the word itself for numbers and other scripts. */
  stem: string;
  script: 'latin' | 'devanagari' | 'arabic' | 'number' | 'other';
  /** Written with a capital in running text: a name or an acronym. */
  capitalised: boolean;
}

const STOP = new Set<string>([
  ...(stopwords as Record<string, string[]>).en!,
  ...(stopwords as Record<string, string[]>).hi!,
  ...(stopwords as Record<string, string[]>).ur!,
  // Postpositions, pronouns and auxiliaries of news Hindi that the list lacks.
  'ने',
  'को',
  'से',
  'में',
  'पर',
  'का',
  'की',
  'के',
  'है',
  'हैं',
  'था',
  'थी',
  'थे',
  'गया',
  'गई',
  'गए',
  'किया',
  'किए',
  'कहा',
  'लिए',
  'लिये',
  'दौरान',
  'साथ',
  'बाद',
  'बीच',
  'तक',
  'द्वारा',
  'वहीं',
  'जहां',
  'जहाँ',
  'जिससे',
  'इसी',
  'यह',
  'वह',
  'भी',
  'हुई',
  'हुआ',
  'हुए',
  'रहे',
  'रही',
  'रहा',
  'जा',
  'जाता',
  'जाती',
  'जाते',
  'करने',
  'करते',
  'करता',
  'करती',
  'करेगा',
  'करेगी',
  'बताया',
  'दिया',
  'दी',
  'लेकर',
  'अपनी',
  'अपने',
  'अपना',
  'उनके',
  'उनकी',
  'उनका',
  'उसके',
  'उसकी',
  'इसके',
  'इसकी',
  'होगा',
  'होगी',
  'होंगे',
  'सकता',
  'सकती',
  'सकते',
  'चाहिए',
  'ओर',
  'तरफ',
  'जताई',
  'जताया',
  'कर',
  'कराने',
  'वाले',
  'वाली',
  'वाला',
  'ली',
  'लिया',
  'किये',
  'जाएगी',
  'जाएगा',
  'जाएंगे',
  'जानें',
  'said',
  'says',
  'also',
  'will',
  'would',
  'told',
]);
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** NFC with zero-width joiners and soft hyphens removed: "मुख्‍यमंत्री" is one word. */
export function stripJoiners(text: string): string {
  return text.normalize('NFC').replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '');
}

// Stems of the words met lately (each token asks for one).
const hindiStem = wordMemo(stemHindi);
const englishStem = wordMemo(stemmer);

/** Splits text into content tokens in any of the supported scripts, stop words removed. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of stripJoiners(text).matchAll(WORD)) {
    const raw = match[0].replace(/['’]s?$/u, '');
    const word = raw.toLowerCase();
    if (STOP.has(word) || word.length < 2) continue;
    const capitalised = /^\p{Lu}/u.test(raw);
    if (/^\p{N}+$/u.test(word)) {
      if (word.length >= 2) tokens.push({ word, stem: word, script: 'number', capitalised: false });
    } else if (/\p{Script=Devanagari}/u.test(word)) {
      tokens.push({ word, stem: hindiStem(word), script: 'devanagari', capitalised: false });
    } else if (/\p{Script=Arabic}/u.test(word)) {
      tokens.push({ word, stem: word, script: 'arabic', capitalised: false });
    } else if (/^[a-z]+$/u.test(word)) {
      tokens.push({ word, stem: englishStem(word), script: 'latin', capitalised });
    } else {
      tokens.push({ word, stem: word, script: 'other', capitalised });
    }
  }
  return tokens;
}
