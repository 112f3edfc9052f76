// Measures how well article similarity separates same-event from unrelated pairs: ROC-AUC, best threshold.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { detectLanguage, type LanguageDetector } from '../pipeline/language/detect-language.js';
import type { Embedder } from '../pipeline/ports.js';
import { dot, emptyStats, observe, weigh } from '../pipeline/represent/term-stats.js';

/** Separation of same-event from unrelated pairs for one language pair, and the best threshold on it. */
export interface CalibrationRow {
  languages: string;
  positives: number;
  negatives: number;
  rocAuc: number;
  /** Pairs of different but related events (2.5 ≤ Overall < 3.5). */
  related: number;
  /** Similarity that best separates same-event pairs from all others (related included), with its F1. */
  threshold: number;
  f1: number;
}

/** Area under the ROC curve: the chance that a random positive scores above a random negative (ties count half). */
export function rocAuc(positives: number[], negatives: number[]): number {
  if (!positives.length || !negatives.length) return NaN;
  const all = [...positives.map((s) => ({ s, p: 1 })), ...negatives.map((s) => ({ s, p: 0 }))].sort(
    (a, b) => a.s - b.s,
  );
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += avgRank;
    i = j;
  }
  return (rankSum - (positives.length * (positives.length + 1)) / 2) / (positives.length * negatives.length);
}

/** The threshold (one of the observed scores) with the best F1 for "score ≥ threshold means positive". */
export function bestThreshold(positives: number[], negatives: number[]): { threshold: number; f1: number } {
  let best = { threshold: 1, f1: 0 };
  for (const t of [...new Set([...positives, ...negatives])]) {
    const tp = positives.filter((s) => s >= t).length;
    const fp = negatives.filter((s) => s >= t).length;
    const f1 = tp ? (2 * tp) / (2 * tp + fp + (positives.length - tp)) : 0;
    if (f1 > best.f1) best = { threshold: t, f1 };
  }
  return best;
}

/**
 * SemEval-2022 Task 8 pairs: ROC-AUC of "same event" (Overall ≤ 1.5) against "unrelated" (Overall ≥ 3.5), scored by
 * the article similarity the clusterer uses (IDF learned from all texts of the file, as from a stream).
 * Language pairs come from the data's own labels; `same-language` and `cross-language` pool them.
 */
export async function calibrate(
  file: string,
  embedder: Embedder,
  language: LanguageDetector,
): Promise<CalibrationRow[]> {
  const rows = (
    parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Array<
      Record<string, string>
    >
  )
    .map((r) => ({ l1: r.lang1!, l2: r.lang2!, t1: r.text1 ?? '', t2: r.text2 ?? '', overall: Number(r.Overall) }))
    .filter((r) => r.t1 && r.t2 && (r.overall <= 1.5 || r.overall >= 2.5));
  const texts = rows.flatMap((r) => [r.t1, r.t2]);
  const split = (t: string) => ({
    title: t.split(/\s{2,}|\n/u)[0]!.slice(0, 200),
    text: t,
    lang: detectLanguage(t, language).lang,
  });
  const vectors = await embedder.embed(texts.map(split));
  const stats = emptyStats();
  for (const v of vectors) observe(stats, v);
  const weighted = vectors.map((v) => weigh(v, stats));
  const groups = new Map<string, { pos: number[]; neg: number[]; related: number[] }>();
  const push = (key: string, s: number, overall: number) => {
    const g = groups.get(key) ?? { pos: [], neg: [], related: [] };
    (overall <= 1.5 ? g.pos : overall >= 3.5 ? g.neg : g.related).push(s);
    groups.set(key, g);
  };
  rows.forEach((r, i) => {
    const s = dot(weighted[2 * i]!, weighted[2 * i + 1]!);
    push(`${r.l1}-${r.l2}`, s, r.overall);
    push(r.l1 === r.l2 ? 'same-language' : 'cross-language', s, r.overall);
  });
  // A cluster must keep related events apart too, so the threshold is chosen against unrelated and related pairs.
  return [...groups]
    .map(([languages, g]) => ({
      languages,
      positives: g.pos.length,
      negatives: g.neg.length,
      related: g.related.length,
      rocAuc: rocAuc(g.pos, g.neg),
      ...bestThreshold(g.pos, [...g.neg, ...g.related]),
    }))
    .sort(
      (a, b) =>
        (a.languages.includes('language') ? 1 : 0) - (b.languages.includes('language') ? 1 : 0) ||
        b.positives + b.negatives - (a.positives + a.negatives),
    );
}
