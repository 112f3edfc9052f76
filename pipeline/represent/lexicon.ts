// The Hindi–English lexicon: parses FreeDict into Hindi → English renderings and looks words up.
import { stemHindi } from './hindi-stem.js';

/** Hindi → English renderings from a bilingual dictionary, by exact word and by light stem. */
export interface Lexicon {
  exact: Map<string, string[]>;
  stem: Map<string, string[]>;
  /** Renderings of two- and three-word Hindi phrases ("सड़क दुर्घटना"), keyed by `phraseKeyOf`. */
  phrases?: Map<string, string[]>;
  /** Every English headword: the words a transliterated English loanword ("टेनिस") may be. */
  headwords?: string[];
  /** A general English word list with names ("Trump", "Tehran"): more words a transliteration may be. */
  words?: string[];
}

/** The key of a Hindi phrase in `Lexicon.phrases`: words NFC, nukta and candrabindu folded, one space apart. */
export function phraseKeyOf(words: string[]): string {
  return words
    .map((w) =>
      w
        .normalize('NFC')
        .replace(/\u093C/gu, '')
        .replace(/ँ/gu, 'ं'),
    )
    .join(' ');
}

/**
 * English renderings of a Hindi word: its exact form first, else, for an inflected word, its stem.
 * An uninflected word is not looked up by stem: "रूस" (Russia) would meet "रूसी" (dandruff).
 */
export function lookUp(lexicon: Lexicon, word: string, stem: string): string[] | undefined {
  return lexicon.exact.get(word) ?? (stem !== word ? lexicon.stem.get(stem) : undefined);
}

const HEADWORD = /^(\S[^/<]*?)\s*(?:\/[^/]*\/)?\s*<[^>]*>\s*$/u;
const SENSE = /^\d+\.\s+(.+)$/u;
// Verb phrases in the dictionary end in a light verb; the word before it carries the meaning.
const LIGHT_VERBS = new Set([
  'करना',
  'देना',
  'होना',
  'लेना',
  'जाना',
  'बनाना',
  'रखना',
  'पड़ना',
  'लगना',
  'का',
  'की',
  'के',
  'से',
  'में',
]);
const MAX_TRANSLATIONS = 4;

/**
 * Parses a FreeDict English→Hindi dictionary in dictd text form and inverts it: for every one- or
 * two-word Hindi rendering, the English headwords it renders (most specific first, at most four).
 */
export function parseFreeDict(text: string): Lexicon {
  const exact = new Map<string, Map<string, number>>();
  const stem = new Map<string, Map<string, number>>();
  const phrases = new Map<string, Map<string, number>>();
  const headwords = new Set<string>();
  const frequency = new Map<string, number>();
  let head: string | null = null;
  let senseIndex = 0;
  for (const line of text.split('\n')) {
    // Example sentences ("Steel utensils are easy to wash.") give how common each English word is.
    if (/^\s+"/u.test(line)) {
      for (const w of line.toLowerCase().match(/[a-z]+/gu) ?? []) frequency.set(w, (frequency.get(w) ?? 0) + 1);
      continue;
    }
    const h = HEADWORD.exec(line);
    if (h && !line.startsWith(' ')) {
      const word = h[1]!.trim().toLowerCase();
      head = /^[a-z][a-z-]*$/.test(word) ? word : null;
      if (head) headwords.add(head);
      senseIndex = 0;
      continue;
    }
    const sense = SENSE.exec(line);
    if (!sense || !head) continue;
    senseIndex++;
    const renderings = sense[1]!.split(/[,;]/u);
    for (const [position, rendering] of renderings.entries()) {
      const words = rendering
        .replace(/~/gu, ' ')
        .trim()
        .split(/\s+/u)
        .filter((w) => /\p{Script=Devanagari}/u.test(w));
      const content = words.filter((w) => !LIGHT_VERBS.has(w));
      if (content.length >= 2 && content.length === words.length && words.length <= 3) {
        add(phrases, phraseKeyOf(words), head, senseIndex + position);
      }
      if (content.length !== 1 || words.length > 2) continue;
      const hindi = content[0]!.normalize('NFC');
      // Rank: an earlier sense and an earlier, single-word rendering is a more direct translation.
      const rank = senseIndex + position + (words.length - 1) * 2;
      add(exact, hindi, head, rank);
      add(stem, stemHindi(hindi), head, rank);
    }
  }
  return {
    exact: rank(exact, frequency),
    stem: rank(stem, frequency),
    phrases: rank(phrases, frequency),
    headwords: [...headwords].sort(),
  };
}

function add(index: Map<string, Map<string, number>>, key: string, english: string, rank: number): void {
  const senses = index.get(key) ?? new Map<string, number>();
  senses.set(english, Math.min(senses.get(english) ?? Infinity, rank));
  index.set(key, senses);
}

/**
 * Orders the English renderings of a Hindi word: common English words first (a Hindi word is far more
 * often "country" than "soil"), each halving of frequency weighing like one step down the sense list.
 */
function rank(index: Map<string, Map<string, number>>, frequency: Map<string, number>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const key = (en: string, senseRank: number) => senseRank - Math.log2(1 + (frequency.get(en) ?? 0));
  for (const [hindi, senses] of index) {
    const ranked = [...senses].sort((a, b) => key(a[0], a[1]) - key(b[0], b[1]) || a[0].localeCompare(b[0]));
    out.set(
      hindi,
      ranked.slice(0, MAX_TRANSLATIONS).map(([en]) => en),
    );
  }
  return out;
}
