import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectLanguage, type LanguageOptions } from '../pipeline/detect-language.js';
import { loadAirEnHi } from './air-en-hi.js';

/** Accuracy of language detection on one set of labelled texts, with what the misses were detected as. */
export interface LanguageFigures {
  set: string;
  texts: number;
  accuracy: number;
  misses: Record<string, number>;
}

function score(set: string, samples: Array<{ text: string; lang: string }>, options: LanguageOptions): LanguageFigures {
  const misses: Record<string, number> = {};
  let right = 0;
  for (const s of samples) {
    const got = detectLanguage(s.text, options).lang;
    if (got === s.lang) right++;
    else misses[`${s.lang}→${got}`] = (misses[`${s.lang}→${got}`] ?? 0) + 1;
  }
  return { set, texts: samples.length, accuracy: right / (samples.length || 1), misses };
}

/**
 * Language ID on AIR English–Hindi (title + text, and titles alone) and on BBC Hindi (full text, and
 * the first 80 characters as a headline-length sample, since that set has no titles).
 */
export function evaluateLanguage(airDir: string, bbcFile: string, options: LanguageOptions): LanguageFigures[] {
  const { articles } = loadAirEnHi(airDir);
  const bbc = (parse(readFileSync(bbcFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>).map((r) => r['1'] ?? '');
  return [
    score(`${path.basename(airDir)} title+text`, articles.map((a) => ({ text: `${a.title}\n${a.text}`, lang: a.lang })), options),
    score(`${path.basename(airDir)} titles alone`, articles.map((a) => ({ text: a.title, lang: a.lang })), options),
    score(`${path.basename(path.dirname(bbcFile))} full text`, bbc.map((text) => ({ text, lang: 'hi' })), options),
    score(`${path.basename(path.dirname(bbcFile))} first 80 characters`, bbc.map((text) => ({ text: text.slice(0, 80), lang: 'hi' })), options),
  ];
}
