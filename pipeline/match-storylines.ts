import { queryDot, queryOf, type Query, type TermStats } from './term-stats.js';
import type { Vector } from './types.js';

/** What a storyline has learned from its confirmed matches. */
export interface StorylineMemory {
  /** Sum of the vectors of confirmed matches. */
  sum: Vector | null;
  count: number;
  /** The latest confirmed matches, newest last (bounded), for "nearest article" evidence. */
  recent: Array<{ id: string; vector: Vector }>;
}

/** A tracked storyline prepared for matching. */
export interface StorylineProfile {
  id: string;
  keywords: string[];
  /** Vector of the name, description, keywords and examples together. */
  vector: Vector;
  /** One vector per configured example, in config order. */
  examples: Vector[];
  threshold: number;
  memory: StorylineMemory;
}

/** Why an article matched a storyline: kept with the match and shown to analysts. */
export interface StorylineEvidence {
  keywords: string[];
  /** The semantic similarity used in the score: to the profile, or to the confirmed matches if higher. */
  similarity: number;
  /** Index of the most similar configured example and its similarity. */
  nearestExample: { index: number; similarity: number } | null;
  /** The most similar earlier confirmed match. */
  nearestArticle: { id: string; similarity: number } | null;
}

export interface StorylineMatch {
  id: string;
  score: number;
  evidence: StorylineEvidence;
}

/** How semantic similarity and keyword hits combine into a score. */
export interface MatchOptions {
  /** Similarity that counts as full semantic evidence. @defaultValue 0.3 */
  similarityAtFull?: number;
  /** Share of the score that comes from keywords. @defaultValue 0.5 */
  keywordShare?: number;
  /** Confirmed matches needed before they count as semantic evidence. @defaultValue 3 */
  minMemory?: number;
}

export const MEMORY_RECENT = 50;

/** Finds which keywords (phrases in any script) occur in a text, on word boundaries, ignoring case. */
export function findKeywords(text: string, keywords: string[]): string[] {
  const haystack = ` ${normalise(text)} `;
  return keywords.filter((k) => haystack.includes(` ${normalise(k)} `));
}

function normalise(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();
}

function nearest<T>(a: Query, items: T[], vectorOf: (t: T) => Vector, stats: TermStats): { item: T; index: number; similarity: number } | null {
  let best: { item: T; index: number; similarity: number } | null = null;
  items.forEach((item, index) => {
    const similarity = queryDot(a, vectorOf(item), stats);
    if (!best || similarity > best.similarity) best = { item, index, similarity };
  });
  return best;
}

/**
 * Scores an article against every storyline: semantic similarity — to the storyline's profile, or to the
 * centroid of its confirmed matches once there are `minMemory` of them — capped at `similarityAtFull`,
 * combined with keyword evidence (each distinct keyword halves what is missing). A keyword alone cannot
 * reach a threshold above `keywordShare`, so a passing mention does not match. Returns the matches at or
 * above each storyline's threshold, best first, with their evidence.
 */
export function matchStorylines(article: { title: string; text: string; vector: Vector }, storylines: StorylineProfile[], stats: TermStats, options: MatchOptions = {}): StorylineMatch[] {
  const atFull = options.similarityAtFull ?? 0.3;
  const share = options.keywordShare ?? 0.5;
  const minMemory = options.minMemory ?? 3;
  const a = queryOf(article.vector, stats);
  const matches: StorylineMatch[] = [];
  for (const s of storylines) {
    const profileSimilarity = queryDot(a, s.vector, stats);
    const learned = s.memory.sum && s.memory.count >= minMemory ? queryDot(a, s.memory.sum, stats) : 0;
    const similarity = Math.max(profileSimilarity, learned);
    const keywords = findKeywords(`${article.title}\n${article.text}`, s.keywords);
    const score = (1 - share) * Math.min(1, Math.max(0, similarity) / atFull) + share * (1 - 0.5 ** keywords.length);
    if (score < s.threshold) continue;
    const example = nearest(a, s.examples, (v) => v, stats);
    const earlier = nearest(a, s.memory.recent, (r) => r.vector, stats);
    matches.push({
      id: s.id,
      score: round(score),
      evidence: {
        keywords,
        similarity: round(similarity),
        nearestExample: example ? { index: example.index, similarity: round(example.similarity) } : null,
        nearestArticle: earlier ? { id: earlier.item.id, similarity: round(earlier.similarity) } : null,
      },
    });
  }
  return matches.sort((x, y) => y.score - x.score);
}

/**
 * Whether a match is confirmed enough to teach the storyline: it must carry keyword evidence, so the
 * learned centroid stays anchored to the storyline's own vocabulary and cannot drift onto a topic that
 * merely resembles earlier matches.
 */
export function confirms(match: StorylineMatch): boolean {
  return match.evidence.keywords.length > 0;
}

/** The storyline's memory with one more confirmed match (a new object). */
export function remember(memory: StorylineMemory, id: string, vector: Vector): StorylineMemory {
  let sum: Vector = vector;
  if (memory.sum?.kind === 'sparse' && vector.kind === 'sparse') {
    const terms = { ...memory.sum.terms };
    for (const [t, w] of Object.entries(vector.terms)) terms[t] = (terms[t] ?? 0) + w;
    sum = { kind: 'sparse', terms };
  } else if (memory.sum?.kind === 'dense' && vector.kind === 'dense') {
    const prev = memory.sum.values;
    sum = { kind: 'dense', values: vector.values.map((v, i) => v + (prev[i] ?? 0)) };
  }
  return { sum, count: memory.count + 1, recent: [...memory.recent, { id, vector }].slice(-MEMORY_RECENT) };
}

const round = (x: number) => Number(x.toFixed(4));
