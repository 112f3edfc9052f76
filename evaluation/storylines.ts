// Scores storyline matching against labelled articles: precision, recall and F1 per storyline.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { storylineSchema, type Config, type StorylineConfig } from '../config/schema.js';
import { readAirArticles } from './air-en-hi.js';
import { readJsonLines } from './read-json-lines.js';
import { replayThroughPipeline } from './replay.js';

const labelSchema = z
  .object({
    id: z.string().min(1),
    lang: z.string().min(1),
    storylines: z.array(z.string()),
  })
  .strict();

/** One labelled article: the storylines it belongs to (none is a label too). */
export type StorylineLabel = z.infer<typeof labelSchema>;

/** Reads a storyline labelling (`{id, lang, storylines}` per line); errors name the file and line. */
export function readStorylineLabels(file: string): StorylineLabel[] {
  const seen = new Set<string>();
  return readJsonLines(file, labelSchema).map(({ line, record }) => {
    if (seen.has(record.id)) throw new Error(`${file}:${line}: article ${record.id} is labelled twice`);
    seen.add(record.id);
    return record;
  });
}

/** Reads storyline definitions (a YAML list, as under `storylines:` in the config); errors name the file. */
export function readStorylineDefinitions(file: string): StorylineConfig[] {
  const parsed = z
    .array(storylineSchema)
    .min(1)
    .safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'list'}: ${x.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Precision, recall and F1 of one storyline, with recall per language. */
export interface StorylineScore {
  id: string;
  labelled: number;
  matched: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  recallByLang: Record<string, { labelled: number; found: number; recall: number }>;
  /** Ids of matched articles labelled out. */
  wrong: string[];
  /** Ids of labelled articles not matched. */
  missed: string[];
}

export interface StorylineFigures {
  storylines: StorylineScore[];
  /** Mean F1 over the storylines. */
  macroF1: number;
  /** Correct matches over all matches, every storyline together. */
  precision: number;
  /** Labelled memberships found, per language, every storyline together. */
  recallByLang: Record<string, { labelled: number; found: number; recall: number }>;
}

const ratio = (a: number, b: number, empty: number) => (b === 0 ? empty : a / b);

/**
 * Scores predicted storyline memberships against the labels. Only labelled articles count; a storyline
 * that matched nothing has precision 1, one with no labelled article recall 1.
 */
export function storylineFigures(
  labels: StorylineLabel[],
  ids: string[],
  predicted: (articleId: string) => string[],
): StorylineFigures {
  const total: Record<string, { labelled: number; found: number; recall: number }> = {};
  let matchedAll = 0;
  let correctAll = 0;
  const storylines = ids.map((id): StorylineScore => {
    let labelled = 0;
    let matched = 0;
    let correct = 0;
    const wrong: string[] = [];
    const missed: string[] = [];
    const byLang: StorylineScore['recallByLang'] = {};
    for (const l of labels) {
      const gold = l.storylines.includes(id);
      const got = predicted(l.id).includes(id);
      const lang = (byLang[l.lang] ??= { labelled: 0, found: 0, recall: 0 });
      const all = (total[l.lang] ??= { labelled: 0, found: 0, recall: 0 });
      if (gold) {
        labelled += 1;
        lang.labelled += 1;
        all.labelled += 1;
      }
      if (got) matched += 1;
      if (got && !gold) wrong.push(l.id);
      if (gold && !got) missed.push(l.id);
      if (gold && got) {
        correct += 1;
        lang.found += 1;
        all.found += 1;
      }
    }
    for (const r of Object.values(byLang)) r.recall = ratio(r.found, r.labelled, 1);
    matchedAll += matched;
    correctAll += correct;
    const precision = ratio(correct, matched, 1);
    const recall = ratio(correct, labelled, 1);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { id, labelled, matched, correct, precision, recall, f1, recallByLang: byLang, wrong, missed };
  });
  for (const r of Object.values(total)) r.recall = ratio(r.found, r.labelled, 1);
  return {
    storylines,
    macroF1: storylines.length ? storylines.reduce((s, x) => s + x.f1, 0) / storylines.length : 0,
    precision: ratio(correctAll, matchedAll, 1),
    recallByLang: total,
  };
}

/**
 * Replays the AIR articles in `dataDir` through the real pipeline with the given storyline definitions in
 * place of the config's, and scores the storylines each labelled article matched. An article kept as a
 * copy of another counts with that article's storylines. Fails, naming them, when labelled articles are
 * not in the stream, when a label names a storyline that is not defined, or when an article does not come
 * back from the pipeline.
 */
export async function evaluateStorylines(
  files: { data: string; labels: string; storylines: string },
  config: Config,
  log: (m: string) => void,
): Promise<StorylineFigures & { mode: string; articles: number }> {
  const labels = readStorylineLabels(files.labels);
  const definitions = readStorylineDefinitions(files.storylines);
  const ids = definitions.map((d) => d.id);
  const unknown = [...new Set(labels.flatMap((l) => l.storylines).filter((s) => !ids.includes(s)))];
  if (unknown.length)
    throw new Error(`${files.labels}: storylines not defined in ${files.storylines}: ${unknown.join(', ')}`);
  const articles = readAirArticles(files.data);
  const inStream = new Set(articles.map((a) => a.id));
  const absent = labels.filter((l) => !inStream.has(l.id)).map((l) => l.id);
  if (absent.length) {
    throw new Error(
      `${files.labels}: ${absent.length} labelled article(s) missing from the stream ${files.data}: ${absent.slice(0, 10).join(', ')}${absent.length > 10 ? ', …' : ''}`,
    );
  }
  const {
    articles: stored,
    clusterOf,
    copyOf,
    mode,
  } = await replayThroughPipeline(articles, { ...config, storylines: definitions }, log);
  const unanswered = labels.filter((l) => !clusterOf.has(l.id)).map((l) => l.id);
  if (unanswered.length)
    throw new Error(
      `${files.data}: ${unanswered.length} labelled article(s) did not come back from the pipeline: ${unanswered.slice(0, 10).join(', ')}`,
    );
  const matches = new Map(stored.map((a) => [a.id, a.storylines.map((s) => s.id)]));
  const predicted = (id: string) => matches.get(copyOf.get(id) ?? id) ?? [];
  return { ...storylineFigures(labels, ids, predicted), mode, articles: articles.length };
}
