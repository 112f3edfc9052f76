import { dot, weigh, type TermStats } from './term-stats.js';
import type { Vector } from './types.js';

/** A tracked storyline prepared for matching: its profile vector and keywords. */
export interface StorylineProfile {
  id: string;
  keywords: string[];
  /** Vector of the name, description, keywords and examples. */
  vector: Vector;
  threshold: number;
}

/** Why an article matched (or nearly matched) a storyline. */
export interface StorylineEvidence {
  keywords: string[];
  similarity: number;
}

export interface StorylineMatch {
  id: string;
  score: number;
  evidence: StorylineEvidence;
}

/** How semantic similarity and keyword hits combine into a score. */
export interface MatchOptions {
  /** Similarity to the profile that counts as full semantic evidence. @defaultValue 0.3 */
  similarityAtFull?: number;
  /** Share of the score that comes from keywords. @defaultValue 0.5 */
  keywordShare?: number;
}

/** Finds which keywords (phrases in any script) occur in a text, on word boundaries, ignoring case. */
export function findKeywords(text: string, keywords: string[]): string[] {
  const haystack = ` ${normalise(text)} `;
  return keywords.filter((k) => haystack.includes(` ${normalise(k)} `));
}

function normalise(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();
}

/**
 * Scores an article against every storyline: semantic similarity to the storyline's profile, capped
 * at `similarityAtFull`, combined with keyword evidence (each distinct keyword halves what is missing).
 * A keyword alone cannot reach a threshold above `keywordShare`, so a passing mention in an unrelated
 * article does not match. Returns the matches at or above each storyline's threshold, best first.
 */
export function matchStorylines(article: { title: string; text: string; vector: Vector }, storylines: StorylineProfile[], stats: TermStats, options: MatchOptions = {}): StorylineMatch[] {
  const atFull = options.similarityAtFull ?? 0.3;
  const share = options.keywordShare ?? 0.5;
  const a = weigh(article.vector, stats);
  const matches: StorylineMatch[] = [];
  for (const storyline of storylines) {
    const similarity = dot(a, weigh(storyline.vector, stats));
    const keywords = findKeywords(`${article.title}\n${article.text}`, storyline.keywords);
    const keywordScore = 1 - 0.5 ** keywords.length;
    const score = (1 - share) * Math.min(1, Math.max(0, similarity) / atFull) + share * keywordScore;
    if (score >= storyline.threshold) {
      matches.push({ id: storyline.id, score: round(score), evidence: { keywords, similarity: round(similarity) } });
    }
  }
  return matches.sort((x, y) => y.score - x.score);
}

const round = (x: number) => Number(x.toFixed(4));
