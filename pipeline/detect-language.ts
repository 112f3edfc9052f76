import { francAll } from 'franc';
import { iso6393 } from 'iso-639-3';
import stopwords from 'stopwords-iso' with { type: 'json' };
import type { LanguageGuess } from './types.js';

/** Language detection settings (a slice of the config). */
export interface LanguageOptions {
  /** ISO 639-1 codes preferred when franc hesitates between them and others. */
  allowed: string[];
  /** Fewer letters than this give `und`. */
  minLetters: number;
}

const TO_1 = new Map(iso6393.filter((l) => l.iso6391).map((l) => [l.iso6393, l.iso6391!]));
const TO_3 = new Map([...TO_1].map(([three, one]) => [one, three]));

const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Gurmukhi', /\p{Script=Gurmukhi}/u],
  ['Tamil', /\p{Script=Tamil}/u],
];
// An allowed language wins over franc's top guess when it scores at least this share of the top score;
// trigram statistics of a headline are thin, so short texts lean harder towards the allowed languages.
const PREFERENCE_MARGIN = { short: 0.85, long: 0.95 };
// On a headline, each stop word of a language ("the", "of"; "le", "des") is worth this much franc score:
// function words are the strongest cue a few words carry (Grefenstette 1995, "short words" method).
const STOPWORD_BONUS = 0.2;
const STOPWORDS = stopwords as Record<string, string[]>;
const STOPWORD_SETS = new Map(Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words)]));
const SHORT_LETTERS = 200;
const SAMPLE_CHARS = 3000;
// franc knows over 400 languages, many of which (Scots, Sardinian, Pampanga…) look like English on a
// headline and never publish news feeds. Candidates are the languages with a sizeable news press.
const NEWS_LANGUAGES = [
  'eng', 'hin', 'urd', 'ben', 'pan', 'mar', 'guj', 'tam', 'tel', 'kan', 'mal', 'ory', 'npi', 'sin', 'asm',
  'fra', 'deu', 'spa', 'por', 'ita', 'nld', 'pol', 'rus', 'ukr', 'tur', 'arb', 'pes', 'pbu', 'cmn', 'jpn',
  'kor', 'ind', 'zlm', 'vie', 'tha', 'swe', 'dan', 'nob', 'fin', 'ces', 'slk', 'hun', 'ron', 'bul', 'hrv',
  'srp', 'ell', 'heb', 'swh', 'amh', 'cat', 'uzn', 'kaz', 'aze', 'tgl', 'mya', 'khm',
];

/** On short text: franc's score plus a bonus per stop word of the language; undefined if no stop word at all. */
function byStopwords(text: string, ranked: Array<[string, number]>, allowed3: Set<string>): [string, number] | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{M}']+/gu) ?? [];
  const candidates = [...ranked.slice(0, 8), ...ranked.filter(([c]) => allowed3.has(c))];
  let best: [string, number] | undefined;
  let bestScore = -Infinity;
  let anyHit = false;
  for (const [code, score] of candidates) {
    const set = STOPWORD_SETS.get(TO_1.get(code) ?? '');
    const hits = set ? words.filter((w) => set.has(w)).length : 0;
    anyHit ||= hits > 0;
    const total = score + STOPWORD_BONUS * hits;
    if (total > bestScore) [best, bestScore] = [[code, score], total];
  }
  return anyHit ? best : undefined;
}

/**
 * Counts letters per script and returns the dominant one with its share. Vowel signs count as letters:
 * in Devanagari or Arabic script they carry what separate letters carry in Latin script.
 */
export function dominantScript(text: string): { script: string; share: number; letters: number } {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const ch of text) {
    if (!/[\p{L}\p{Mn}\p{Mc}]/u.test(ch)) continue;
    letters++;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best = 'Other';
  let n = 0;
  for (const [script, c] of counts) if (c > n) [best, n] = [script, c];
  return { script: best, share: letters ? n / letters : 0, letters };
}

/**
 * Detects the language of a text: script check first, then franc. Languages outside `allowed` are
 * reported with their own ISO 639-1 code (or 639-3 when there is none), never forced into an allowed one;
 * `und` when the text has too few letters to tell.
 */
export function detectLanguage(text: string, options: LanguageOptions): LanguageGuess {
  const sample = text.slice(0, SAMPLE_CHARS);
  const { script, share, letters } = dominantScript(sample);
  if (letters < options.minLetters) return { lang: 'und', confidence: 0, script };
  // Keep only the dominant script's letters so Latin acronyms in Hindi text do not confuse the trigram model.
  const allowed3 = new Set(options.allowed.map((c) => TO_3.get(c) ?? c));
  const scriptRe = SCRIPTS.find(([name]) => name === script)?.[1];
  const focused = scriptRe ? [...sample].filter((ch) => !/[\p{L}\p{M}]/u.test(ch) || scriptRe.test(ch)).join('') : sample;
  const ranked = francAll(focused, { minLength: 3, only: [...new Set([...NEWS_LANGUAGES, ...allowed3])] });
  const top = ranked[0];
  if (!top || top[0] === 'und') return { lang: 'und', confidence: 0, script };
  const margin = letters < SHORT_LETTERS ? PREFERENCE_MARGIN.short : PREFERENCE_MARGIN.long;
  const preferred = letters < SHORT_LETTERS ? byStopwords(focused, ranked, allowed3) : undefined;
  const [code, score] = preferred ?? ranked.find(([c, sc]) => allowed3.has(c) && sc >= top[1] * margin) ?? top;
  const second = ranked.find(([c]) => c !== code)?.[1] ?? 0;
  const confidence = Math.max(0, Math.min(1, share * (0.5 + 0.5 * (score - second * 0.5))));
  return { lang: TO_1.get(code) ?? code, confidence: Number(confidence.toFixed(3)), script };
}
