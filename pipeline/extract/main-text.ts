// Measures the main text Readability extracted from a page: its paragraphs, body and share of links.
import { endsSentence, isTruncated } from './page-lines.js';
import { countHeadlines, isHeadline, normaliseSpace, type HeadlineCount, type PageNode } from './page-signals.js';

/** One paragraph of a page's main text and how much of it is link text. */
export interface MainBlock {
  text: string;
  linkChars: number;
}

/** The size and shape of a page's main text. */
export interface MainShape {
  /** Characters of the whole main text. */
  chars: number;
  /** Paragraphs of running text (sentences; not headlines, teasers cut off with "…" or link lines) and their size. */
  running: { paragraphs: number; chars: number };
  /** Size of the longest stretch of running text that no headline link interrupts: the article body, if any. */
  longestBody: number;
  /** Paragraphs that are a headline link, and headline links whose item states a date. */
  headlines: HeadlineCount;
  /** Share of the main text's characters that sit inside links. */
  linkShare: number;
  blocks: number;
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Size of a text in characters, a Chinese or Japanese character counting as three: those scripts say in one
 * character about what a short word says, and the thresholds below are set in letters of spaced scripts.
 */
export const textSize = (text: string) => text.length + 2 * (text.match(UNSPACED_SCRIPT)?.length ?? 0);

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption';
/** A paragraph this long is running text even without a sentence end (scripts and sites that omit them). */
const LONG_PARAGRAPH = 120;
/** A sentence shorter than this is a label or a caption ("Read more."), not running text. */
const MIN_SENTENCE = 40;

/**
 * The paragraphs of extracted article HTML, one per block element; when blocks miss part of the text
 * (prose in bare divs), the text's own line breaks are used instead.
 */
export function mainBlocks(body: PageNode): MainBlock[] {
  const all = body.textContent ?? '';
  const blocks = [...body.querySelectorAll(BLOCKS)]
    .filter((el) => ![...el.querySelectorAll('p, li, blockquote, pre')].length)
    .map((el) => ({ text: normaliseSpace(el.textContent), linkChars: linkChars(el) }))
    .filter((b) => b.text);
  const covered = blocks.reduce((n, b) => n + b.text.replace(/\s+/gu, '').length, 0);
  if (blocks.length && covered >= 0.9 * all.replace(/\s+/gu, '').length) return blocks;
  const links = new Set([...body.querySelectorAll('a')].map((a) => normaliseSpace(a.textContent)).filter(Boolean));
  return all
    .split(/\n\s*\n|\n/u)
    .map(normaliseSpace)
    .filter(Boolean)
    .map((text) => ({ text, linkChars: links.has(text) ? text.length : 0 }));
}

function linkChars(el: PageNode): number {
  let n = 0;
  for (const a of el.querySelectorAll('a')) n += normaliseSpace(a.textContent).length;
  return n;
}

/** A paragraph that is a link to another story: headline-length and (nearly) all link text. */
const isHeadlineLink = (b: MainBlock) => b.linkChars >= 0.8 * b.text.length && isHeadline(b.text);

const isRunning = (b: MainBlock) =>
  !isHeadlineLink(b) &&
  !isTruncated(b.text) &&
  b.linkChars < 0.5 * b.text.length &&
  (textSize(b.text) >= LONG_PARAGRAPH || (textSize(b.text) >= MIN_SENTENCE && endsSentence(b.text)));

/** Measures the main text: its running text, its longest uninterrupted body, its headline links and link share. */
export function mainShape(body: PageNode, blocks: MainBlock[]): MainShape {
  let runningChars = 0;
  let runningParagraphs = 0;
  let longestBody = 0;
  let stretch = 0;
  for (const b of blocks) {
    if (isRunning(b)) {
      runningParagraphs++;
      runningChars += textSize(b.text);
      stretch += textSize(b.text);
      longestBody = Math.max(longestBody, stretch);
    } else if (isHeadlineLink(b)) {
      stretch = 0;
    }
  }
  const chars = blocks.reduce((n, b) => n + b.text.length, 0);
  // Headlines inside a paragraph of prose are inline links, not items of a list; dates are looked for around
  // every headline link, so the listed ones count at most as many dated as there are of them.
  const listed = blocks.filter(isHeadlineLink).length;
  const headlines = countHeadlines(body);
  return {
    chars,
    running: { paragraphs: runningParagraphs, chars: runningChars },
    longestBody,
    headlines: { headlines: listed, dated: Math.min(listed, headlines.dated) },
    linkShare: linkShare(body),
    blocks: blocks.length,
  };
}

/** Share of a node's visible text that sits inside links (scripts and styles left out). */
function linkShare(body: PageNode): number {
  const length = (node: PageNode) => (node.textContent ?? '').replace(/\s+/gu, '').length;
  let hidden = 0;
  for (const el of body.querySelectorAll('script, style, noscript')) hidden += length(el);
  const total = length(body) - hidden;
  let links = 0;
  for (const a of body.querySelectorAll('a')) links += length(a);
  return total > 0 ? links / total : 0;
}
