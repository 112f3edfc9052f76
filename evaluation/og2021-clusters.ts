// Scores storywatch's clusters and Event Registry's events on the OG2021 set, one language at a time.
import type { Config } from '../config/schema.js';
import { clusteringFigures, type ClusteringFigures } from './metrics.js';
import { readOg2021, type Og2021Article } from './og2021.js';
import { replayThroughPipeline } from './replay.js';

/** The articles of one language of the OG2021 set. */
export interface Og2021Language {
  /** ISO 639-3, as the set writes it. */
  lang: string;
  articles: Og2021Article[];
}

/** How storywatch and Event Registry cluster one language's articles, against the human-reviewed stories. */
export interface Og2021LanguageFigures {
  lang: string;
  articles: number;
  /** Input articles the pipeline gave a cluster (copies of an earlier article included): all of them, or the evaluation fails. */
  returned: number;
  storywatch: ClusteringFigures;
  eventRegistry: ClusteringFigures;
}

export interface Og2021Evaluation {
  mode: string;
  file: string;
  languages: Og2021LanguageFigures[];
}

/** Languages with at least this many articles make the macro average. */
export const MACRO_MIN_ARTICLES = 50;

/** Ids listed when the pipeline's answer lacks articles. */
const MISSING_SHOWN = 5;

/**
 * The OG2021 articles by language: only `lang` if given (ISO 639-3 as the file writes it, or ISO 639-1),
 * else every language of the file, English first, then by article count. Errors name the file.
 */
export function readOg2021Languages(file: string, lang?: string): Og2021Language[] {
  let articles: Og2021Article[];
  try {
    articles = readOg2021(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file}: no such file (the OG2021 titles TSV)`, { cause: err });
    throw code ? new Error(`${file}: cannot read the OG2021 titles TSV (${code})`, { cause: err }) : err;
  }
  const unlabelled = articles.find((a) => !a.cluster);
  if (unlabelled) throw new Error(`${file}: article ${unlabelled.id} has no gold story (cluster_final is empty)`);
  const ids = new Set<string>();
  for (const a of articles) {
    if (ids.has(a.id)) throw new Error(`${file}: article id ${a.id} appears more than once`);
    ids.add(a.id);
  }
  const byLang = new Map<string, Og2021Article[]>();
  for (const a of articles) {
    if (!byLang.has(a.lang)) byLang.set(a.lang, []);
    byLang.get(a.lang)!.push(a);
  }
  const all = [...byLang].map(([code, list]) => ({ lang: code, articles: list }));
  all.sort(
    (a, b) =>
      Number(b.lang === 'eng') - Number(a.lang === 'eng') ||
      b.articles.length - a.articles.length ||
      a.lang.localeCompare(b.lang),
  );
  if (!all.length) throw new Error(`${file}: no articles`);
  if (!lang) return all;
  const chosen = all.filter((l) => l.lang === lang || l.articles[0]!.lang1 === lang);
  if (!chosen.length)
    throw new Error(`${file}: no articles in language "${lang}" (the file has ${all.map((l) => l.lang).join(', ')})`);
  return chosen;
}

/** Event Registry's events as a clustering: an article it gave no event is a cluster of its own. */
export function eventRegistryClusters(articles: Og2021Article[]): Map<string, string> {
  return new Map(articles.map((a) => [a.id, a.erEvent ?? `er-none:${a.id}`]));
}

/** Replays one language's articles alone through the real pipeline, each declaring its language as a source would. */
export function replayLanguage(articles: Og2021Article[], config: Config, log: (m: string) => void) {
  const records = articles.map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt, lang: a.lang1 }));
  return replayThroughPipeline(records, config, log);
}

/**
 * Replays each language's articles alone, in time order, through the real pipeline (replayLanguage), and
 * scores its clusters and Event Registry's events on the same articles against the human-reviewed stories.
 * Every article must come back with a cluster: if one does not, the evaluation fails naming the file, the
 * language and the missing ids.
 */
export async function evaluateOg2021Clusters(
  file: string,
  languages: Og2021Language[],
  config: Config,
  log: (m: string) => void,
): Promise<Og2021Evaluation> {
  let mode = '';
  const figures: Og2021LanguageFigures[] = [];
  // Each replay starts a runtime, which says its notices again: each is said once.
  const said = new Set<string>();
  const logOnce = (m: string) => {
    if (!said.has(m)) log(m);
    said.add(m);
  };
  for (const { lang, articles } of languages) {
    const replay = await replayLanguage(articles, config, logOnce);
    mode = replay.mode;
    const returned = articles.filter((a) => replay.clusterOf.has(a.id)).length;
    if (returned < articles.length) {
      const missing = articles.filter((a) => !replay.clusterOf.has(a.id)).map((a) => a.id);
      const shown = missing.slice(0, MISSING_SHOWN).join(', ');
      throw new Error(
        `${file}, ${lang}: ${missing.length} of ${articles.length} articles are missing from the pipeline's answer (no cluster): ${shown}${missing.length > MISSING_SHOWN ? ', …' : ''}`,
      );
    }
    const gold = new Map(articles.map((a) => [a.id, a.cluster]));
    figures.push({
      lang,
      articles: articles.length,
      returned,
      storywatch: clusteringFigures(replay.clusterOf, gold),
      eventRegistry: clusteringFigures(eventRegistryClusters(articles), gold),
    });
  }
  return { mode, file, languages: figures };
}

/** Mean BCubed F1 of storywatch and of Event Registry over the languages with at least `min` articles. */
export function macroBcubedF1(languages: Og2021LanguageFigures[], min = MACRO_MIN_ARTICLES) {
  const counted = languages.filter((l) => l.articles >= min);
  if (!counted.length) return undefined;
  const mean = (f: (l: Og2021LanguageFigures) => number) => counted.reduce((s, l) => s + f(l), 0) / counted.length;
  return {
    languages: counted.map((l) => l.lang),
    storywatch: mean((l) => l.storywatch.bcubed.f1),
    eventRegistry: mean((l) => l.eventRegistry.bcubed.f1),
  };
}
