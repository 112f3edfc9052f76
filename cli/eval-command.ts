// The `storywatch eval` commands: each measurement on labelled data, printed as a table or JSON.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { calibrate } from '../evaluation/calibrate.js';
import { evaluateClusters } from '../evaluation/clusters.js';
import { evaluateFeeds } from '../evaluation/feeds.js';
import { evaluateHtml } from '../evaluation/html.js';
import { evaluateLanguage, type LanguageSets } from '../evaluation/language.js';
import type { ClusteringFigures } from '../evaluation/metrics.js';
import {
  evaluateOg2021Clusters,
  MACRO_MIN_ARTICLES,
  macroBcubedF1,
  readOg2021Languages,
} from '../evaluation/og2021-clusters.js';
import { evaluateStorylines } from '../evaluation/storylines.js';
import { evaluateTitles, type TitleFigures } from '../evaluation/titles.js';
import { evaluateXling } from '../evaluation/xling.js';
import { loadLanguageDetector } from '../adapters/language-identifier.js';
import { loadRepresentation } from '../adapters/representation.js';
import { log, readConfig, UserError, type GlobalOptions } from './context.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Refuses, naming the file and what it should hold, when an evaluation input is missing. */
function requireFiles(files: Array<[file: string, what: string]>): void {
  for (const [file, what] of files) if (!existsSync(file)) throw new UserError(`${file}: no such file (${what})`);
}

/** The files of an air-en-hi folder that xling and titles read. */
const airFiles = (dir: string): Array<[string, string]> => [
  [path.join(dir, 'articles.jsonl'), 'the air-en-hi articles'],
  [path.join(dir, 'pairs.csv'), 'the air-en-hi sentence pairs'],
];

/** `storywatch eval xling [--data DIR] [--json]`: cross-lingual retrieval and co-clustering on AIR English–Hindi. */
export async function evalXlingCommand(opts: GlobalOptions & { data: string; json?: boolean }): Promise<void> {
  const dir = path.resolve(opts.data);
  requireFiles(airFiles(dir));
  const config = readConfig(opts);
  const representation = await loadRepresentation(config, log);
  let f, titles;
  try {
    f = await evaluateXling(dir, config, representation.embedder, log);
    titles = await evaluateTitles(dir, representation.translator);
  } finally {
    await representation.close();
  }
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ ...f, titles: { mode: titles.mode, pairs: titles.pairs, chrf: titles.chrf } })}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `cross-lingual evaluation on ${opts.data} (${f.mode} mode)`,
      `retrieval  EN→HI, same and adjacent days: ${f.retrieval.queries} queries  Recall@1 ${f.retrieval.recallAt1.toFixed(3)}  Recall@5 ${f.retrieval.recallAt5.toFixed(3)}  MRR ${f.retrieval.mrr.toFixed(3)}`,
      `clustering ${f.clustering.articles} articles → ${f.clustering.clusters} clusters (${f.clustering.mixedClusters} with both languages, largest ${f.clustering.largestCluster})`,
      `           strong pairs in one cluster: ${f.clustering.together}/${f.clustering.pairs} = ${pct(f.clustering.coClustered)}   distinct strong pairs merged: ${pct(f.clustering.overMerged)}`,
      titlesLine(titles),
    ].join('\n') + '\n',
  );
}

/**
 * `storywatch eval storylines [--labels FILE] [--storylines FILE] [--data DIR] [--json]`: precision, recall
 * and F1 of storyline matching per storyline, recall per language, on a labelled AIR stream.
 */
export async function evalStorylinesCommand(
  opts: GlobalOptions & { labels: string; storylines?: string; data: string; misses?: boolean; json?: boolean },
): Promise<void> {
  const config = readConfig(opts);
  const files = {
    data: path.resolve(opts.data),
    labels: path.resolve(opts.labels),
    storylines: path.resolve(opts.storylines ?? path.join(path.dirname(opts.labels), 'storylines.yaml')),
  };
  const roles = {
    data: 'the air-en-hi folder',
    labels: 'the labels',
    storylines: 'the storyline definitions',
  } as const;
  for (const [key, file] of Object.entries(files) as Array<[keyof typeof files, string]>) {
    if (!existsSync(file)) throw new UserError(`${file}: no such file (${roles[key]})`);
  }
  let figures;
  try {
    figures = await evaluateStorylines(files, config, log);
  } catch (err) {
    if (
      (err as Error).message.startsWith(files.labels) ||
      (err as Error).message.startsWith(files.storylines) ||
      (err as Error).message.startsWith(files.data)
    ) {
      throw new UserError((err as Error).message);
    }
    throw err;
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const langs = Object.keys(figures.recallByLang).sort();
  const cell = (r?: { found: number; labelled: number; recall: number }) =>
    (r ? `${r.recall.toFixed(3)} (${r.found}/${r.labelled})` : '—').padStart(15);
  const lines = [
    `storyline matching on ${opts.data}, ${figures.articles} articles, labels ${opts.labels} (${figures.mode} mode)`,
    `${'storyline'.padEnd(22)} precision  recall     F1  ${langs.map((l) => `recall ${l}`.padStart(15)).join(' ')}`,
    ...figures.storylines.map(
      (s) =>
        `${s.id.padEnd(22)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${s.f1.toFixed(3).padStart(6)}  ${langs.map((l) => cell(s.recallByLang[l])).join(' ')}` +
        (opts.misses && (s.wrong.length || s.missed.length)
          ? `\n    matched but labelled out: ${s.wrong.join(' ') || '—'}\n    labelled but missed: ${s.missed.join(' ') || '—'}`
          : ''),
    ),
    `macro F1 ${figures.macroF1.toFixed(3)}   precision over all matches ${figures.precision.toFixed(3)}   ${langs.map((l) => `recall ${l} ${cell(figures.recallByLang[l]).trim()}`).join('   ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const titlesLine = (t: TitleFigures) =>
  `titles     English title of the Hindi article vs the English article's, ${t.pairs} strong pairs: chrF ${t.chrf.toFixed(1)} (${t.mode})`;

/**
 * `storywatch eval titles [--data DIR] [--since DAY] [--until DAY] [--worst N] [--json]`: chrF of the English
 * titles shown for Hindi articles, optionally only those published within the given days.
 */
export async function evalTitlesCommand(
  opts: GlobalOptions & { data: string; since?: string; until?: string; worst?: string; json?: boolean },
): Promise<void> {
  const worst = opts.worst === undefined ? 0 : Number(opts.worst);
  if (!Number.isInteger(worst) || worst < 0)
    throw new UserError(`eval titles: --worst takes a whole number of renderings to list, not "${opts.worst}"`);
  for (const [flag, day] of [
    ['--since', opts.since],
    ['--until', opts.until],
  ] as const) {
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day))
      throw new UserError(`eval titles: ${flag} takes a day as YYYY-MM-DD, not "${day}"`);
  }
  requireFiles(airFiles(path.resolve(opts.data)));
  const config = readConfig(opts);
  const representation = await loadRepresentation(config, log);
  const dates = { since: opts.since, until: opts.until };
  const t = await evaluateTitles(path.resolve(opts.data), representation.translator, dates).finally(() =>
    representation.close(),
  );
  const listed = [...t.renderings].sort((a, b) => a.chrf - b.chrf || a.hiId.localeCompare(b.hiId)).slice(0, worst);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ mode: t.mode, pairs: t.pairs, chrf: t.chrf, ...(worst ? { worst: listed } : {}) })}\n`,
    );
    return;
  }
  const lines = [titlesLine(t)];
  for (const r of listed) {
    lines.push(
      '',
      `${r.hiId} → ${r.enId}  chrF ${r.chrf.toFixed(1)}`,
      `  hi    ${r.hindi}`,
      `  shown ${r.shown}`,
      `  en    ${r.reference}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `storywatch eval lang`: language ID accuracy on AIR English–Hindi, BBC Hindi and the OG2021 titles per language. */
export async function evalLangCommand(
  opts: GlobalOptions & LanguageSets & { misses?: boolean; json?: boolean },
): Promise<void> {
  const config = readConfig(opts);
  const sets = { air: path.resolve(opts.air), bbc: path.resolve(opts.bbc), og2021: path.resolve(opts.og2021) };
  requireFiles([
    [path.join(sets.air, 'articles.jsonl'), 'the air-en-hi articles'],
    [sets.bbc, 'the BBC Hindi CSV'],
    [sets.og2021, 'the OG2021 titles TSV'],
  ]);
  const figures = evaluateLanguage(sets, await loadLanguageDetector(config));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  for (const f of figures) {
    const misses = Object.entries(f.misses)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const counts = `${String(f.texts).padStart(4)} texts  accuracy ${pct(f.accuracy)}`;
    process.stdout.write(`${f.set.padEnd(34)} ${counts}${misses ? `  (misses: ${misses})` : ''}\n`);
    const listed = opts.misses && !f.set.endsWith(' all') ? f.missed : [];
    for (const m of listed)
      process.stdout.write(`    ${m.lang}→${m.got}  ${m.text.replace(/\s+/gu, ' ').slice(0, 90)}\n`);
  }
}

/** `storywatch eval clusters --labels FILE [--compare FILE] | --og2021 [FILE] [--lang L]`: BCubed and pairwise scores of the pipeline's clusters. */
export async function evalClustersCommand(
  opts: GlobalOptions & { labels?: string; compare?: string; og2021?: string; lang?: string; json?: boolean },
): Promise<void> {
  if (!opts.labels === !opts.og2021) {
    throw new UserError(
      `eval clusters: give exactly one of --labels FILE (a labelled JSONL stream) or --og2021 [FILE] (the OG2021 titles TSV)${opts.labels ? ', not both' : ''}`,
    );
  }
  if (opts.og2021 && opts.compare)
    throw new UserError(
      "eval clusters: --compare goes with --labels; with --og2021 Event Registry's events are compared",
    );
  if (opts.labels && opts.lang) throw new UserError('eval clusters: --lang goes with --og2021');
  const config = readConfig(opts);
  if (opts.og2021) return evalOg2021Clusters(opts.og2021, opts.lang, config, opts.json);
  const result = await evaluateClusters(opts.labels!, opts.compare, config, log);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines = [
    `${result.pipeline.items} labelled articles in ${result.pipeline.classes} classes (${opts.labels})`,
    CLUSTER_HEADER,
    clusterRow(`storywatch (${result.mode})`, result.pipeline),
  ];
  if (result.compared) lines.push(clusterRow(opts.compare ?? 'compared', result.compared));
  process.stdout.write(`${lines.join('\n')}\n`);
}

const CLUSTER_HEADER = `${''.padEnd(28)} BCubed P R F1           pairwise P R F1         clusters`;
const clusterRow = (name: string, f: ClusteringFigures) =>
  `${name.padEnd(28)} ${f.bcubed.precision.toFixed(3)}  ${f.bcubed.recall.toFixed(3)}  ${f.bcubed.f1.toFixed(3)}   ${f.pairwise.precision.toFixed(3)}  ${f.pairwise.recall.toFixed(3)}  ${f.pairwise.f1.toFixed(3)}   ${String(f.clusters).padStart(6)}`;

/** The OG2021 part of `eval clusters`: each language replayed alone, storywatch beside Event Registry. */
async function evalOg2021Clusters(
  file: string,
  lang: string | undefined,
  config: Config,
  json?: boolean,
): Promise<void> {
  let languages;
  try {
    languages = readOg2021Languages(file, lang);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const result = await evaluateOg2021Clusters(file, languages, config, log);
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const l of result.languages) {
    lines.push(
      `${l.lang}: ${l.articles} articles, ${l.storywatch.classes} gold stories (${file})`,
      `${l.returned} of ${l.articles} articles came back from the pipeline with a cluster (copies included)`,
      CLUSTER_HEADER,
      clusterRow(`storywatch (${result.mode})`, l.storywatch),
      clusterRow('Event Registry', l.eventRegistry),
      '',
    );
  }
  if (result.languages.length > 1) {
    const row = (name: string, ours: number, theirs: number, articles: string) =>
      `${name.padEnd(15)} ${ours.toFixed(3).padStart(10)}  ${theirs.toFixed(3).padStart(14)}  ${articles.padStart(8)}`;
    lines.push(`BCubed F1       storywatch  Event Registry  articles`);
    for (const l of result.languages)
      lines.push(row(l.lang, l.storywatch.bcubed.f1, l.eventRegistry.bcubed.f1, String(l.articles)));
    const macro = macroBcubedF1(result.languages);
    lines.push(
      macro
        ? `${row('macro average', macro.storywatch, macro.eventRegistry, '').trimEnd()}   over the ${macro.languages.length} languages with ≥ ${MACRO_MIN_ARTICLES} articles: ${macro.languages.join(', ')}`
        : `no macro average: no language has ${MACRO_MIN_ARTICLES} articles or more`,
    );
  }
  process.stdout.write(`${lines.join('\n').trimEnd()}\n`);
}

/** `storywatch eval calibrate`: ROC-AUC of article similarity, same event vs unrelated, per language pair. */
export async function evalCalibrateCommand(opts: GlobalOptions & { data: string; json?: boolean }): Promise<void> {
  requireFiles([[path.resolve(opts.data), 'the SemEval-2022 pairs CSV']]);
  const config = readConfig(opts);
  const representation = await loadRepresentation(config, log);
  const rows = await calibrate(
    path.resolve(opts.data),
    representation.embedder,
    await loadLanguageDetector(config),
  ).finally(() => representation.close());
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ mode: representation.embedder.mode, rows })}\n`);
    return;
  }
  process.stdout.write(
    `same event (Overall <= 1.5) vs unrelated (>= 3.5) on ${opts.data}, ${representation.embedder.mode} mode\n`,
  );
  process.stdout.write(
    `${'languages'.padEnd(16)} ${'same'.padStart(5)} ${'unrel'.padStart(5)} ${'relat'.padStart(5)}  ROC-AUC  threshold vs unrelated+related (F1)\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.languages.padEnd(16)} ${String(r.positives).padStart(5)} ${String(r.negatives).padStart(5)} ${String(r.related).padStart(5)}  ${Number.isNaN(r.rocAuc) ? '  —  ' : r.rocAuc.toFixed(3)}    ${r.threshold.toFixed(3)} (${r.f1.toFixed(3)})\n`,
    );
  }
}

/** `storywatch eval feeds`: parser robustness on the feedparser edge cases, agreement with gofeed, the 1.6 MB feed. */
export async function evalFeedsCommand(opts: GlobalOptions & { data: string; json?: boolean }): Promise<void> {
  const dir = path.resolve(opts.data);
  requireFiles([
    [path.join(dir, 'feeds-rss-parser-fixtures', 'giantbomb-podcast.rss'), 'the 1.6 MB feed of the feeds folder'],
  ]);
  const f = await evaluateFeeds(dir);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(f)}\n`);
    return;
  }
  const e = f.edgeCases;
  const lines = [
    `feedparser edge cases: ${e.handled}/${e.files} handled without crash or hang (${pct(e.handled / e.files)}); crashed ${e.crashed.length}, over 2 s ${e.slow.length}`,
    `  titles decoded as expected: ${e.titlesRight}/${e.titleChecks} (${pct(e.titlesRight / (e.titleChecks || 1))})`,
    ...e.wrongTitles.map((w) => `    ${w}`),
    ...e.crashed.slice(0, 5).map((c) => `    crashed: ${c}`),
    `gofeed expected fields (title, item title/link/published): ${f.gofeed.agreeing}/${f.gofeed.fields} agree (${pct(f.gofeed.agreeing / (f.gofeed.fields || 1))}) over ${f.gofeed.files} feeds`,
    ...f.gofeed.disagreements.map((d) => `    ${d}`),
    `largest feed ${f.largest.file}: ${(f.largest.bytes / 1e6).toFixed(2)} MB, ${f.largest.items} items parsed in ${f.largest.ms} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `storywatch eval html`: token F1 of extracted article bodies against the expected ones. */
export async function evalHtmlCommand(opts: GlobalOptions & { data: string; json?: boolean }): Promise<void> {
  const figures = await evaluateHtml(path.resolve(opts.data));
  if (!figures.length)
    throw new UserError(
      `${path.resolve(opts.data)}: no HTML evaluation set found (html-article-extraction-benchmark, html-readability-testpages or html-postlight-fixtures)`,
    );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  for (const f of figures) {
    const measured =
      'leadRecall' in f
        ? `lead words found ${f.leadRecall.toFixed(3)}`
        : `token P ${f.precision.toFixed(3)}  R ${f.recall.toFixed(3)}  F1 ${f.f1.toFixed(3)}`;
    process.stdout.write(
      `${f.set.padEnd(30)} ${String(f.pages).padStart(3)} pages  ${measured}  refused ${f.failed}\n`,
    );
  }
}
