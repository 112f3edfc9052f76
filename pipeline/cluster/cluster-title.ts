// Which article titles a cluster, when to check that again, and the cluster's one-line lead.
import type { Centroid } from './assign-cluster.js';
import { queryDot, queryOf, type TermStats } from '../represent/term-stats.js';
import type { Vector } from '../types.js';

/** A member of a cluster as title choice sees it. */
export interface TitleCandidate {
  id: string;
  lang: string;
  vector: Vector;
}

/** The article a cluster is titled by and how close it sits to its language's centroid. */
export interface CentralArticle {
  id: string;
  similarity: number;
}

/**
 * Clusters with at most this many articles in the title language are checked in full on every arrival.
 * @defaultValue 16
 */
export const FULL_CHECK_SIZE = 16;

/** Growth since the last full check (as a share of the size then) that asks for another. @defaultValue 0.25 */
export const FULL_CHECK_GROWTH = 0.25;

/**
 * The language a cluster is titled in: English when it has English articles, else its most common
 * language (ties: the alphabetically first), or undefined for a cluster without articles.
 */
export function titleLanguage(centroids: Record<string, Centroid>): string | undefined {
  if (centroids.en) return 'en';
  let best: [string, number] | undefined;
  for (const [lang, c] of Object.entries(centroids)) {
    if (!best || c.count > best[1] || (c.count === best[1] && lang < best[0])) best = [lang, c.count];
  }
  return best?.[0];
}

/**
 * The most central of the candidates: the one in the title language whose vector is closest (IDF-weighted
 * cosine) to that language's centroid; ties go to the earlier candidate. Undefined when none is in it.
 *
 * Why this notion of central: the centroid is what a cluster's reports have in common, so the report
 * closest to it tells the shared event rather than one angle of it (the first report is often a side
 * event that opened the cluster, the latest a follow-up). English articles are preferred because the
 * dashboard, reports and webhooks speak English and an English title is a person's, where a Hindi
 * title's English rendering is a machine's; the same-language centroid is the reference because, as in
 * assignment, similarity within a language is the more reliable signal. A cluster without English
 * articles is titled by the English rendering of the most central article of its main language.
 */
export function mostCentral(
  candidates: Iterable<TitleCandidate>,
  centroids: Record<string, Centroid>,
  stats: TermStats,
): CentralArticle | undefined {
  const lang = titleLanguage(centroids);
  const centroid = lang === undefined ? undefined : centroids[lang];
  if (!centroid) return undefined;
  let best: CentralArticle | undefined;
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.lang !== lang || seen.has(c.id)) continue;
    seen.add(c.id);
    const similarity = queryDot(queryOf(c.vector, stats), centroid.sum, stats);
    if (!best || similarity > best.similarity) best = { id: c.id, similarity };
  }
  return best;
}

/** Which article a cluster is titled by, kept with the cluster. */
export interface TitleState {
  /** The title article, or null while none was chosen (a cluster stored before titles followed centrality). */
  centralId: string | null;
  centralLang: string | null;
  /** The cluster's article count in the title language at the last full check. */
  centralChecked: number;
}

/** What an arrival asks of the title: nothing, the newcomer against the title article, or every member again. */
export type TitleCheck = 'none' | 'pair' | 'full';

/**
 * The check an article arriving in `lang` asks for. An article in another language leaves the title
 * language's centroid as it was: nothing to do. Every member is compared again when the title article is
 * unknown or no longer in the title language, while the cluster is small, or once it has grown by
 * `FULL_CHECK_GROWTH` since the last full check; otherwise the newcomer meets the title article only. The
 * centroid of n articles moves by about k/n after k more, so between full checks another member can
 * overtake the title article only by a small margin, and checks at geometric steps keep the cost per
 * article constant on average.
 */
export function titleCheck(cluster: TitleState & { centroids: Record<string, Centroid> }, lang: string): TitleCheck {
  const titleLang = titleLanguage(cluster.centroids);
  if (titleLang === undefined) return 'none';
  if (cluster.centralId === null || cluster.centralLang !== titleLang) return 'full';
  if (lang !== titleLang) return 'none';
  const count = cluster.centroids[titleLang]!.count;
  return count <= FULL_CHECK_SIZE || count >= cluster.centralChecked * (1 + FULL_CHECK_GROWTH) ? 'full' : 'pair';
}

/** Most characters of a lead; a longer first sentence is cut at a word boundary. @defaultValue 200 */
export const LEAD_CHARS = 200;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
// A segment ending in a short capitalised word or initials with a full stop ("Mr.", "Jan.", "U.S.") is
// more likely an abbreviation than a sentence end: the sentence goes on. So is a full stop after a short
// word in a script that ends sentences otherwise (Hindi has the danda; "के. पी. शर्मा" is K. P. Sharma).
const ABBREVIATION = /(?:^|[\s(.])(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z]?|[^\s\p{Script=Latin}\d]{1,3})\.\s*$/u;

/**
 * A one-line lead for a cluster: the first sentence of its title article's text, whitespace collapsed, cut
 * at a word boundary (with "…") past `max` characters; empty when the text adds nothing to the title.
 */
export function leadOf(text: string, title = '', max = LEAD_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let lead = '';
  for (const { segment } of sentences.segment(flat)) {
    lead += segment;
    if (!ABBREVIATION.test(lead) || lead.length > max) break;
  }
  lead = lead.trim();
  if (!lead || lead === title.replace(/\s+/g, ' ').trim()) return '';
  if (lead.length <= max) return lead;
  const cut = lead.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}
