// The names a storyline learns from its confirmed matches, and whether an article carries them.
import type { TermStats } from '../represent/term-stats.js';
import type { Vector } from '../types.js';

/** When a term of a storyline's confirmed matches counts as a name the storyline has learned. */
export interface NameOptions {
  /** Confirmed matches needed before any name is learned. @defaultValue 5 */
  minMemory?: number;
  /** Confirmed matches a term must occur in. @defaultValue 3 */
  minMatches?: number;
  /** Share of the confirmed matches a term must occur in. @defaultValue 0.1 */
  minShare?: number;
  /** How many times likelier a term must be in the confirmed matches than in the rest of the stream. @defaultValue 10 */
  minLift?: number;
  /** Share of the stream's articles with the term that are confirmed matches. @defaultValue 0.6 */
  minPurity?: number;
  /** Names kept, the most specific first. @defaultValue 30 */
  max?: number;
}

/**
 * Terms counted in a storyline's memory: phonetic skeletons (`n:`). Every word gives exactly one, names
 * give the same one in every script (Soleimani, सुलेमानी), and a common Hindi word gives its own rather than
 * the several English words a dictionary translates it to, which are each rare in English reports.
 */
const COUNTED = /^n:/u;
/** Distinct terms a memory keeps counts of; past it, the rarest are dropped. */
export const MEMORY_TERMS = 3000;

/** Adds one confirmed match's terms to the counts of confirmed matches per term (a new object). */
export function countTerms(
  counts: Record<string, number> | undefined,
  vector: Vector,
): Record<string, number> | undefined {
  if (vector.kind !== 'sparse') return counts;
  const next = { ...counts };
  for (const term of Object.keys(vector.terms)) if (COUNTED.test(term)) next[term] = (next[term] ?? 0) + 1;
  const terms = Object.keys(next);
  if (terms.length <= MEMORY_TERMS) return next;
  const kept = terms.sort((a, b) => next[b]! - next[a]! || (a < b ? -1 : 1)).slice(0, Math.round(MEMORY_TERMS * 0.75));
  return Object.fromEntries(kept.map((t) => [t, next[t]!]));
}

/**
 * The names a storyline has learned from its confirmed matches: terms in at least `minMatches` and
 * `minShare` of them that are at least `minLift` times likelier there than in the rest of the stream
 * (document frequencies of `stats`, less the matches themselves) and that the stream carries mostly in
 * those matches (`minPurity`) — the people, places and groups its reports name besides its keywords. A
 * term that spreads over the stream stops being a name of the storyline. Terms of the keywords themselves
 * (`exclude`) are left out, as they already count as keywords. Most specific (highest lift) first.
 */
export function learnedNames(
  memory: { count: number; terms?: Record<string, number> },
  stats: TermStats,
  exclude: ReadonlySet<string>,
  options: NameOptions = {},
): string[] {
  const minMemory = options.minMemory ?? 5;
  if (!memory.terms || memory.count < minMemory) return [];
  const minMatches = Math.max(options.minMatches ?? 3, (options.minShare ?? 0.1) * memory.count);
  const minLift = options.minLift ?? 10;
  const minPurity = options.minPurity ?? 0.6;
  const rest = Math.max(1, stats.docs - memory.count);
  const names: Array<{ term: string; lift: number }> = [];
  for (const [term, inMatches] of Object.entries(memory.terms)) {
    if (inMatches < minMatches || exclude.has(term)) continue;
    const elsewhere = Math.max(0, (stats.df.get(term) ?? 0) - inMatches);
    const lift = inMatches / memory.count / ((elsewhere + 1) / (rest + 1));
    if (lift >= minLift && inMatches / (inMatches + elsewhere) >= minPurity) names.push({ term, lift });
  }
  return names
    .sort((a, b) => b.lift - a.lift || (a.term < b.term ? -1 : 1))
    .slice(0, options.max ?? 30)
    .map((n) => n.term);
}

/**
 * The learned names an article's vector carries, and how many keyword units they are worth: one name alone
 * is no evidence (a storyline's people and places appear in the news of their neighbours too); two or
 * more count as passing mentions (half a unit each), at most `maxUnits` together.
 */
export function learnedNameHits(vector: Vector, names: string[], maxUnits = 1): { found: string[]; units: number } {
  if (vector.kind !== 'sparse' || !names.length) return { found: [], units: 0 };
  const found = names.filter((t) => (vector.terms[t] ?? 0) > 0);
  return { found, units: found.length >= 2 ? Math.min(maxUnits, 0.5 * found.length) : 0 };
}
