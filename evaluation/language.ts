// Measures language detection accuracy on labelled sets, with what each miss was taken for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectLanguage, type LanguageDetector } from '../pipeline/language/detect-language.js';
import { loadAirEnHi } from './air-en-hi.js';
import { readOg2021 } from './og2021.js';

/** Accuracy of language detection on one set of labelled texts, with what the misses were detected as. */
export interface LanguageFigures {
  set: string;
  texts: number;
  accuracy: number;
  misses: Record<string, number>;
  /** The texts detected wrongly, with the code given. */
  missed: Array<{ text: string; lang: string; got: string }>;
}

/** Where the labelled sets are. */
export interface LanguageSets {
  air: string;
  bbc: string;
  og2021: string;
}

type Sample = { text: string; lang: string };

function score(set: string, samples: Sample[], detector: LanguageDetector): LanguageFigures {
  const misses: Record<string, number> = {};
  const missed: LanguageFigures['missed'] = [];
  let right = 0;
  for (const s of samples) {
    const got = detectLanguage(s.text, detector).lang;
    if (got === s.lang) {
      right++;
      continue;
    }
    misses[`${s.lang}→${got}`] = (misses[`${s.lang}→${got}`] ?? 0) + 1;
    missed.push({ text: s.text, lang: s.lang, got });
  }
  return { set, texts: samples.length, accuracy: right / (samples.length || 1), misses, missed };
}

/** OG2021 titles per language (most first), then all of them together. */
function og2021Sets(file: string, detector: LanguageDetector): LanguageFigures[] {
  const name = `${path.basename(path.dirname(file))} titles`;
  const byLang = new Map<string, Sample[]>();
  for (const a of readOg2021(file))
    byLang.set(a.lang1, [...(byLang.get(a.lang1) ?? []), { text: a.title, lang: a.lang1 }]);
  const perLang = [...byLang]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([lang, samples]) => score(`${name} ${lang}`, samples, detector));
  const all = perLang.reduce((n, f) => n + f.texts, 0);
  const right = perLang.reduce((n, f) => n + f.accuracy * f.texts, 0);
  const misses: Record<string, number> = {};
  for (const f of perLang) for (const [k, n] of Object.entries(f.misses)) misses[k] = (misses[k] ?? 0) + n;
  const missed = perLang.flatMap((f) => f.missed);
  return [...perLang, { set: `${name} all`, texts: all, accuracy: right / (all || 1), misses, missed }];
}

/**
 * Language ID on AIR English–Hindi (title + text, and titles alone), on BBC Hindi (full text, and the first 80
 * characters as a headline-length sample, since that set has no titles) and on the OG2021 titles per language.
 */
export function evaluateLanguage(sets: LanguageSets, detector: LanguageDetector): LanguageFigures[] {
  const { articles } = loadAirEnHi(sets.air);
  const rows = parse(readFileSync(sets.bbc, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const bbc = rows.map((r) => r['1'] ?? '');
  const air = path.basename(sets.air);
  const bbcName = path.basename(path.dirname(sets.bbc));
  return [
    score(
      `${air} title+text`,
      articles.map((a) => ({ text: `${a.title}\n${a.text}`, lang: a.lang })),
      detector,
    ),
    score(
      `${air} titles alone`,
      articles.map((a) => ({ text: a.title, lang: a.lang })),
      detector,
    ),
    score(
      `${bbcName} full text`,
      bbc.map((text) => ({ text, lang: 'hi' })),
      detector,
    ),
    score(
      `${bbcName} first 80 characters`,
      bbc.map((text) => ({ text: text.slice(0, 80), lang: 'hi' })),
      detector,
    ),
    ...og2021Sets(sets.og2021, detector),
  ];
}
