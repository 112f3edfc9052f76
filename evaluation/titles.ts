// Scores the English titles shown for Hindi articles with chrF against the paired English titles.
import type { Translator } from '../pipeline/ports.js';
import { loadAirEnHi, type AirArticle } from './air-en-hi.js';
import { corpusChrf, sentenceChrf } from './chrf.js';

/** One Hindi title as the product shows it in English, beside the paired English article's title. */
export interface TitleRendering {
  hiId: string;
  enId: string;
  hindi: string;
  shown: string;
  reference: string;
  /** Sentence chrF of `shown` against `reference`. */
  chrf: number;
}

export interface TitleFigures {
  mode: string;
  pairs: number;
  /** Corpus chrF (sacreBLEU default: character 6-grams, β = 2) over the strong pairs. */
  chrf: number;
  renderings: TitleRendering[];
}

/**
 * English titles on the AIR English–Hindi set: for every strong pair, the Hindi title goes through the
 * translator and is scored against the English article's title with chrF.
 */
export async function evaluateTitles(
  dir: string,
  translator: Translator,
  dates: DateRange = {},
): Promise<TitleFigures> {
  const { articles, strongPairs } = loadAirEnHi(dir);
  const day = new Map(articles.map((a) => [a.id, a.publishedAt.slice(0, 10)]));
  const inRange = (d = '') => (!dates.since || d >= dates.since) && (!dates.until || d <= dates.until);
  return scoreTitles(
    articles,
    strongPairs.filter((p) => inRange(day.get(p.hi))),
    translator,
  );
}

/** Publication days (India time, `YYYY-MM-DD`, both ends included) of the Hindi articles to score. */
export interface DateRange {
  since?: string;
  until?: string;
}

/** The title figures of given articles and pairs (`evaluateTitles` reads them from the AIR set). */
export async function scoreTitles(
  articles: AirArticle[],
  pairs: Array<{ en: string; hi: string }>,
  translator: Translator,
): Promise<TitleFigures> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const renderings: TitleRendering[] = [];
  for (const p of pairs) {
    const hi = byId.get(p.hi);
    const en = byId.get(p.en);
    if (!hi || !en) throw new Error(`pair ${p.en}–${p.hi} names an article that is not in articles.jsonl`);
    const shown = await translator.toEnglish(hi.title, hi.lang);
    renderings.push({
      hiId: hi.id,
      enId: en.id,
      hindi: hi.title,
      shown,
      reference: en.title,
      chrf: sentenceChrf(shown, en.title),
    });
  }
  return {
    mode: translator.mode,
    pairs: renderings.length,
    chrf: corpusChrf(
      renderings.map((r) => r.shown),
      renderings.map((r) => r.reference),
    ),
    renderings,
  };
}
