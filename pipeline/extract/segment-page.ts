// Splits the text of a scraped page into its articles and drops the boilerplate around them.
import { classifyLines, isTitleLike, normaliseLines, type PageLine } from './page-lines.js';
import { findStatedDate } from './find-date.js';
import type { ArticleDraft } from '../types.js';

/** Tunables of page segmentation. */
export interface SegmentOptions {
  /** A block of running text shorter than this is a caption or teaser, not an article. @defaultValue 250 */
  minArticleChars?: number;
  /** Longest derived title when the page states none, in characters. @defaultValue 140 */
  maxDerivedTitle?: number;
}

interface Run {
  /** Line indexes of the running text, subheadings included. */
  lines: number[];
  /** Index of the first line after the previous run: where this article's header zone starts. */
  headerStart: number;
}

/**
 * Splits the text of a scraped page into its articles and drops boilerplate (menus, comment boxes,
 * headline lists, link lines, time stamps). An article is a run of running-text lines; a single short
 * line between two such blocks is a subheading, two or more non-text lines start a new article, whose
 * title is the nearest headline-like line above it and whose date is the first absolute date stated there.
 */
export function segmentPage(raw: string, options: SegmentOptions = {}): ArticleDraft[] {
  const minChars = options.minArticleChars ?? 250;
  const lines = classifyLines(normaliseLines(raw));
  const articles: ArticleDraft[] = [];
  for (const run of findRuns(lines)) {
    const paragraphs = dedupeParagraphs(run.lines.map((i) => lines[i]!.text.replace(/^[•·▪◦*]\s*/u, '')));
    const text = paragraphs.join('\n\n');
    if (text.length < minChars) continue;
    const header = lines.slice(run.headerStart, run.lines[0]);
    const title = pickTitle(header) ?? deriveTitle(paragraphs[0] ?? '', options.maxDerivedTitle ?? 140);
    articles.push({ title, text, publishedAt: pickDate(header), url: null });
  }
  return articles;
}

/** Groups prose lines into runs; a gap of one headline-like line inside a run is kept as a subheading. */
function findRuns(lines: PageLine[]): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let gap: number[] = [];
  let headerStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank) continue;
    if (!line.prose) {
      gap.push(i);
      continue;
    }
    const joinsCurrent = current && (gap.length === 0 || (gap.length === 1 && isTitleLike(lines[gap[0]!]!)));
    if (current && joinsCurrent) {
      current.lines.push(...gap, i);
    } else {
      if (current) headerStart = current.lines[current.lines.length - 1]! + 1;
      current = { lines: [i], headerStart };
      runs.push(current);
    }
    gap = [];
  }
  return mergeShortRuns(runs, lines);
}

/** A run too short to be an article (a caption, a teaser) hands its header zone to the run after it. */
function mergeShortRuns(runs: Run[], lines: PageLine[]): Run[] {
  const out: Run[] = [];
  let carryStart: number | null = null;
  for (const run of runs) {
    const chars = run.lines.reduce((n, i) => n + lines[i]!.text.length, 0);
    if (carryStart !== null) run.headerStart = carryStart;
    if (chars < 250 && run !== runs[runs.length - 1]) {
      carryStart = run.headerStart;
      continue;
    }
    carryStart = null;
    out.push(run);
  }
  return out;
}

/**
 * The headline right above the text: scanning upwards, metadata lines (dates, bylines, time stamps,
 * captions, source names, "Follow") are passed over; the first other line is the title if it looks like
 * one. Nothing further up is considered, so a headline list above an untitled article is not taken.
 */
function pickTitle(header: PageLine[]): string | null {
  for (let i = header.length - 1; i >= 0; i--) {
    const line = header[i]!;
    if (line.blank || isMetadata(line)) continue;
    return isTitleLike(line) ? line.text : null;
  }
  return null;
}

const BYLINE = /^(?:by|from|reported by|written by|edited by)\s/iu;

/** A line that describes an article rather than titling it. */
function isMetadata(line: PageLine): boolean {
  return (
    line.relativeTime ||
    line.caption ||
    line.link ||
    line.words <= 2 ||
    BYLINE.test(line.text) ||
    /^[-–—•]\s/u.test(line.text) ||
    (line.words <= 14 && findStatedDate(line.text) !== null)
  );
}

function pickDate(header: PageLine[]): string | null {
  for (const line of header) {
    if (line.blank) continue;
    const date = findStatedDate(line.text);
    if (date) return date;
  }
  return null;
}

/** Drops a paragraph whose text is repeated inside another one (a standfirst repeated by the lead). */
function dedupeParagraphs(paragraphs: string[]): string[] {
  const keys = paragraphs.map((p) =>
    p
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
      .trim(),
  );
  return paragraphs.filter((_, i) => !keys.some((k, j) => j !== i && k.includes(keys[i]!) && (k !== keys[i] || j < i)));
}

/**
 * When a page states no headline: the lead sentence without parentheses. A long one loses the clauses
 * between its first and last comma (appositions: "A delegation, led by …, held talks …"), else it is
 * cut at a word boundary.
 */
function deriveTitle(lead: string, max: number): string {
  lead = lead.replace(/\s*\([^)]{1,40}\)/gu, '');
  const sentence = (lead.match(/^.+?[.!?।](?=\s|$)/u)?.[0] ?? lead).replace(/[.।]$/u, '');
  if (sentence.length <= max) return sentence;
  const parts = sentence.split(/,\s+/u);
  const core = parts.length >= 3 ? `${parts[0]} ${parts[parts.length - 1]}` : '';
  if (core && core.length <= max && core.split(/\s+/u).length >= 6) return core;
  const cut = sentence.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : max).replace(/[,;:\s]+$/u, '')}…`;
}
