// Detects the language of a text from its script, the identifier's guesses and any declared language.
import { francAll } from 'franc';
import { data as francData } from 'franc/data.js';
import { languageCode } from './language-codes.js';
import type { LanguageIdentifier } from '../ports.js';
import type { LanguageGuess } from '../types.js';

/** Language detection settings (a slice of the config). */
export interface LanguageOptions {
  /** Languages the sources are expected to publish in: a weak prior on hesitant text, never a limit. */
  expected: string[];
  /** Fewer letters than this give `und`. */
  minLetters: number;
}

/** What detection needs: the settings and an identifier that holds up on short text. */
export interface LanguageDetector extends LanguageOptions {
  identifier: LanguageIdentifier;
}

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
const SAMPLE_CHARS = 3000;
const CANDIDATES = 10;
// Prior odds for the language the source declares (RSS <language>, xml:lang, <html lang>), and, weaker, for
// the expected ones: enough to settle a headline the identifier hesitates on, too little to turn a clear one.
const DECLARED_ODDS = 10;
const EXPECTED_ODDS = 2;
// Below this share of the candidates' score the identifier hesitates, and franc's trigrams weigh in.
const SURE = 0.9;
// A candidate's score is multiplied by exp(FRANC_WEIGHT × (franc score − 1)); franc's best scores 1.
const FRANC_WEIGHT = 2;

/** franc's own (ISO 639-3) codes of each storywatch code. */
const FRANC_CODES = new Map<string, string[]>();
for (const code of Object.values(francData).flatMap((languages) => Object.keys(languages))) {
  FRANC_CODES.set(languageCode(code), [...(FRANC_CODES.get(languageCode(code)) ?? []), code]);
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
 * Detects the language of a text, open to every language the identifier knows. The identifier (fastText
 * lid.176 in the workers) proposes languages with probabilities; the language the source declares, and the
 * expected ones, raise their odds as priors; when the identifier still hesitates, franc's trigram scores on
 * the letters of the dominant script arbitrate between its candidates. When the identifier knows none of the
 * words, the declared language stands, else the expected language written in the text's script (franc picks
 * if several are). `und` when the text has fewer than `minLetters` letters, or nothing else applies.
 */
export function detectLanguage(text: string, detector: LanguageDetector, declared?: string | null): LanguageGuess {
  const sample = text.slice(0, SAMPLE_CHARS);
  const { script, letters } = dominantScript(sample);
  const source = languageCode(declared);
  if (letters < detector.minLetters) return { lang: 'und', confidence: 0, script };
  const proposed = detector.identifier.identify(asRunningText(sample), CANDIDATES);
  if (!proposed.length) {
    // No evidence to weigh: the priors alone speak.
    const lang = source !== 'und' ? source : expectedInScript(sample, script, detector.expected);
    return { lang, confidence: 0, script };
  }
  const expected = new Set(detector.expected.map(languageCode));
  const odds = (lang: string) => (lang === source ? DECLARED_ODDS : expected.has(lang) ? EXPECTED_ODDS : 1);
  const scores = new Map<string, number>();
  for (const { lang, p } of proposed) {
    const code = languageCode(lang);
    if (code !== 'und') scores.set(code, (scores.get(code) ?? 0) + p * odds(code));
  }
  let ranked = shares(scores);
  if ((ranked[0]?.[1] ?? 0) < SURE) ranked = arbitrate(ranked, ofScript(sample, script));
  const [lang, share] = ranked[0] ?? ['und', 0];
  return { lang, confidence: Number(share.toFixed(3)), script };
}

/** The expected language franc finds closest among those written in the text's script, or `und` if none is. */
function expectedInScript(text: string, script: string, expected: string[]): string {
  const only = expected.flatMap((lang) => FRANC_CODES.get(languageCode(lang)) ?? []);
  const [best] = only.length ? francAll(ofScript(text, script), { only, minLength: 3 }) : [];
  return languageCode(best?.[0]);
}

/** Scores as shares of their sum, best first. */
function shares(scores: Map<string, number>): Array<[string, number]> {
  const total = [...scores.values()].reduce((a, b) => a + b, 0) || 1;
  return [...scores].map(([lang, s]): [string, number] => [lang, s / total]).sort((a, b) => b[1] - a[1]);
}

/** The candidates reweighed by franc's trigram scores among them; unchanged when franc knows none of them. */
function arbitrate(ranked: Array<[string, number]>, text: string): Array<[string, number]> {
  const only = ranked.flatMap(([lang]) => FRANC_CODES.get(lang) ?? []);
  if (!only.length) return ranked;
  const trigrams = new Map<string, number>();
  for (const [code, score] of francAll(text, { only, minLength: 3 })) {
    if (!trigrams.has(languageCode(code))) trigrams.set(languageCode(code), score);
  }
  if (trigrams.has('und')) return ranked;
  const weight = (lang: string) => Math.exp(FRANC_WEIGHT * ((trigrams.get(lang) ?? 0) - 1));
  return shares(new Map(ranked.map(([lang, s]) => [lang, s * weight(lang)])));
}

/** A headline in capitals in lower case: identifiers learn from running text, where capitals are rare. */
function asRunningText(text: string): string {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0;
  return upper > lower ? text.toLowerCase() : text;
}

/** Only the letters of one script (other characters kept), so Latin acronyms in Hindi do not sway franc. */
function ofScript(text: string, script: string): string {
  const re = SCRIPTS.find(([name]) => name === script)?.[1];
  return re ? [...text].filter((ch) => !/[\p{L}\p{M}]/u.test(ch) || re.test(ch)).join('') : text;
}
