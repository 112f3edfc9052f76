/**
 * chrF (Popović 2015) as sacreBLEU computes it by default: character n-grams of orders 1–6 with
 * whitespace removed, case kept, β = 2. Statistics are summed over the corpus; precision and recall are
 * averaged over the orders that both sides have, then combined into one F-score (0–100).
 */

/** Counts of hypothesis, reference and matched n-grams, per order (index 0 = unigrams). */
export interface ChrfStatistics {
  hypothesis: number[];
  reference: number[];
  matched: number[];
}

/** sacreBLEU's default settings. */
export const CHRF_ORDER = 6;
export const CHRF_BETA = 2;

function ngrams(chars: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const gram = chars.slice(i, i + n).join('');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** The n-gram statistics of one hypothesis against one reference. */
export function chrfStatistics(hypothesis: string, reference: string, order = CHRF_ORDER): ChrfStatistics {
  const hyp = [...hypothesis.replace(/\s+/gu, '')];
  const ref = [...reference.replace(/\s+/gu, '')];
  const stats: ChrfStatistics = { hypothesis: [], reference: [], matched: [] };
  for (let n = 1; n <= order; n++) {
    const h = ngrams(hyp, n);
    const r = ngrams(ref, n);
    let matched = 0;
    for (const [gram, count] of h) matched += Math.min(count, r.get(gram) ?? 0);
    stats.hypothesis.push(Math.max(0, hyp.length - n + 1));
    stats.reference.push(Math.max(0, ref.length - n + 1));
    stats.matched.push(matched);
  }
  return stats;
}

/** chrF (0–100) from statistics, summed over any number of sentence pairs. */
export function chrfScore(stats: ChrfStatistics, beta = CHRF_BETA): number {
  let precision = 0;
  let recall = 0;
  let orders = 0;
  for (let i = 0; i < stats.matched.length; i++) {
    const h = stats.hypothesis[i]!;
    const r = stats.reference[i]!;
    if (h === 0 || r === 0) continue;
    precision += stats.matched[i]! / h;
    recall += stats.matched[i]! / r;
    orders++;
  }
  if (orders === 0 || precision + recall === 0) return 0;
  precision /= orders;
  recall /= orders;
  const b2 = beta * beta;
  return (100 * (1 + b2) * precision * recall) / (b2 * precision + recall);
}

/** Corpus chrF of hypotheses against references (one reference each, same order). */
export function corpusChrf(hypotheses: string[], references: string[]): number {
  if (hypotheses.length !== references.length) {
    throw new Error(
      `chrF needs one reference per hypothesis: got ${hypotheses.length} hypotheses and ${references.length} references`,
    );
  }
  const total: ChrfStatistics = { hypothesis: [], reference: [], matched: [] };
  for (let i = 0; i < hypotheses.length; i++) {
    const s = chrfStatistics(hypotheses[i]!, references[i]!);
    for (let n = 0; n < CHRF_ORDER; n++) {
      total.hypothesis[n] = (total.hypothesis[n] ?? 0) + s.hypothesis[n]!;
      total.reference[n] = (total.reference[n] ?? 0) + s.reference[n]!;
      total.matched[n] = (total.matched[n] ?? 0) + s.matched[n]!;
    }
  }
  return chrfScore(total);
}

/** chrF of one hypothesis against its reference. */
export function sentenceChrf(hypothesis: string, reference: string): number {
  return chrfScore(chrfStatistics(hypothesis, reference));
}
