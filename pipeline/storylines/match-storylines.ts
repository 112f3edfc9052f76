// Scores an article against every tracked storyline and keeps what confirmed matches teach each one.
import { findKeywordHits } from './storyline-keywords.js';
import { countTerms, learnedNameHits, learnedNames, type NameOptions } from './storyline-names.js';
import { queryDot, queryOf, type Query, type TermStats } from '../represent/term-stats.js';
import { addVectors } from '../represent/add-vectors.js';
import type { Vector } from '../types.js';

/** What a storyline has learned from its confirmed matches. */
export interface StorylineMemory {
  /** Sum of the vectors of confirmed matches. */
  sum: Vector | null;
  count: number;
  /** The latest confirmed matches, newest last (bounded), for "nearest article" evidence. */
  recent: Array<{ id: string; vector: Vector }>;
  /** In how many confirmed matches each phonetic skeleton occurs (sparse representations; see storyline-names.ts). */
  terms?: Record<string, number>;
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
  /** Terms of the keywords themselves (sparse representations): never learned as names, as they count as keywords. */
  keywordTerms?: string[];
}

/** Why an article matched a storyline: kept with the match and shown to analysts. */
export interface StorylineEvidence {
  keywords: string[];
  /** The keywords in the title or lead, or repeated; the others are mentions on the way. */
  prominentKeywords?: string[];
  /** The article's cluster, when earlier articles of it matched the storyline: how many of how many. */
  cluster?: { id: string; matched: number; members: number } | null;
  /** Names learned from the storyline's confirmed matches that the article carries (representation terms). */
  learnedNames?: string[];
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
  /** Share of a cluster's earlier articles that must have matched for the cluster to be evidence. @defaultValue 0.5 */
  clusterShare?: number;
  /** When terms of confirmed matches count as learned names (see storyline-names.ts). */
  names?: NameOptions;
}

/** The cluster an article joins: its id, how many articles it held before, and how many of them each storyline matched. */
export interface ClusterContext {
  id: string;
  members: number;
  matched: Map<string, number>;
}

export const MEMORY_RECENT = 50;

/** Learned names per memory and keywords, recomputed once the stream grew by 1 %. */
const namesMemo = new WeakMap<StorylineMemory, { docs: number; keywordTerms: string[] | undefined; names: string[] }>();

function namesOf(s: StorylineProfile, stats: TermStats, options: NameOptions | undefined): string[] {
  const memo = namesMemo.get(s.memory);
  if (memo && memo.keywordTerms === s.keywordTerms && Math.abs(stats.docs - memo.docs) <= 0.01 * stats.docs)
    return memo.names;
  const names = learnedNames(s.memory, stats, new Set(s.keywordTerms ?? []), options);
  namesMemo.set(s.memory, { docs: stats.docs, keywordTerms: s.keywordTerms, names });
  return names;
}

function nearest<T>(
  a: Query,
  items: T[],
  vectorOf: (t: T) => Vector,
  stats: TermStats,
): { item: T; index: number; similarity: number } | null {
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
 * combined with specific evidence: each prominent keyword (title, lead or repeated) halves what is missing;
 * keywords that are only mentioned once on the way count, together, half of one; and a cluster in which at
 * least `clusterShare` of the earlier articles were confirmed matches counts as much as one prominent
 * keyword, unless the article itself names the storyline only in passing; so do names learned from
 * confirmed matches (`learnedNames`): two or more count as passing mentions, together at most one
 * keyword, and not in an article that names the storyline only in passing. A keyword alone
 * cannot reach a threshold above `keywordShare`, so a passing mention does not match. Returns the matches
 * at or above each storyline's threshold, best first, with their evidence.
 */
export function matchStorylines(
  article: { title: string; text: string; vector: Vector },
  storylines: StorylineProfile[],
  stats: TermStats,
  options: MatchOptions = {},
  cluster?: ClusterContext,
): StorylineMatch[] {
  const atFull = options.similarityAtFull ?? 0.3;
  const share = options.keywordShare ?? 0.5;
  const minMemory = options.minMemory ?? 3;
  const minClusterShare = options.clusterShare ?? 0.5;
  const a = queryOf(article.vector, stats);
  const matches: StorylineMatch[] = [];
  for (const s of storylines) {
    const profileSimilarity = queryDot(a, s.vector, stats);
    const learned = s.memory.sum && s.memory.count >= minMemory ? queryDot(a, s.memory.sum, stats) : 0;
    const similarity = Math.max(profileSimilarity, learned);
    const hits = findKeywordHits(article.title, article.text, s.keywords);
    const matched = cluster?.matched.get(s.id) ?? 0;
    // An article that names the storyline only on the way is about something else, whatever its cluster.
    const onlyInPassing = hits.found.length > 0 && hits.prominent.length === 0;
    const clusterEvidence =
      cluster && !onlyInPassing && matched > 0 && matched >= minClusterShare * cluster.members
        ? { id: cluster.id, matched, members: cluster.members }
        : null;
    const names = onlyInPassing
      ? { found: [], units: 0 }
      : learnedNameHits(article.vector, namesOf(s, stats, options.names));
    const units =
      hits.prominent.length +
      0.5 * (hits.found.length - hits.prominent.length) +
      (clusterEvidence ? 1 : 0) +
      names.units;
    const score = (1 - share) * Math.min(1, Math.max(0, similarity) / atFull) + share * (1 - 0.5 ** units);
    if (score < s.threshold) continue;
    const example = nearest(a, s.examples, (v) => v, stats);
    const earlier = nearest(a, s.memory.recent, (r) => r.vector, stats);
    matches.push({
      id: s.id,
      score: round(score),
      evidence: {
        keywords: hits.found,
        prominentKeywords: hits.prominent,
        cluster: clusterEvidence,
        ...(names.found.length ? { learnedNames: names.found } : {}),
        similarity: round(similarity),
        nearestExample: example ? { index: example.index, similarity: round(example.similarity) } : null,
        nearestArticle: earlier ? { id: earlier.item.id, similarity: round(earlier.similarity) } : null,
      },
    });
  }
  return matches.sort((x, y) => y.score - x.score);
}

/**
 * Whether a match is confirmed enough to teach the storyline: it must carry a prominent keyword (in the
 * title or lead, or repeated), so the learned centroid stays anchored to the storyline's own vocabulary
 * and cannot drift onto a topic that merely resembles earlier matches or mentions the storyline in passing.
 * Learned names and cluster evidence never confirm: what they bring in does not teach further.
 */
export function confirms(match: StorylineMatch): boolean {
  return (match.evidence.prominentKeywords ?? match.evidence.keywords).length > 0;
}

/** The storyline's memory with one more confirmed match (a new object). */
export function remember(memory: StorylineMemory, id: string, vector: Vector): StorylineMemory {
  // A vector of another kind (the store changed representation) starts the sum again.
  const sum = memory.sum?.kind === vector.kind ? addVectors(memory.sum, vector) : vector;
  const terms = countTerms(memory.terms, vector);
  return {
    sum,
    count: memory.count + 1,
    recent: [...memory.recent, { id, vector }].slice(-MEMORY_RECENT),
    ...(terms ? { terms } : {}),
  };
}

const round = (x: number) => Number(x.toFixed(4));
