/** Line features for splitting scraped page text into articles and boilerplate. */

export interface PageLine {
  text: string;
  words: number;
  blank: boolean;
  /** Ends like a sentence (period, danda, question mark, closing quote…). */
  endsSentence: boolean;
  /** Ends in an ellipsis: cut off. */
  truncated: boolean;
  /** A relative time stamp such as "2 hours ago" or "5 sec ago" (alone or at the end of a headline). */
  relativeTime: boolean;
  /** Holds a web address or handle: a link line, not text. */
  link: boolean;
  /** A photo caption or a "key value" metadata line. */
  caption: boolean;
  /** Member of a run of three or more sibling lines without sentence ends: a menu or headline list. */
  listItem: boolean;
  /** Running text. */
  prose: boolean;
}

// Latin, Devanagari (danda), Urdu and Arabic (U+06D4 full stop, U+061F question mark) and CJK sentence ends.
const SENTENCE_END = /[.!?।॥…"'”’)\]۔؟。！？]$/u;
const TRUNCATED = /(?:…|\.\.\.?)["'”’]?$/u;
const RELATIVE_TIME_PATTERNS = [
  /\b(?:\d+|an?|one)\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago/iu,
  /(?:\d+|एक)\s*(?:सेकंड|मिनट|घंटे|घंटा|दिन|हफ्ते|हफ़्ते|महीने|साल)\s*(?:पहले|पूर्व)/u,
  /(?:[\d٠-٩۰-۹]+|ایک)\s*(?:سیکنڈ|منٹ|گھنٹے|گھنٹہ|دن|ہفتے|ہفتہ|ماہ|مہینے|سال)\s*(?:پہلے|قبل)/u,
];
const RELATIVE_TIME = RELATIVE_TIME_PATTERNS.map((re) => new RegExp(`${re.source}$`, re.flags));
const LINK = /\bhttps?:\/\/|\bwww\.[\p{L}\p{N}-]+\.|(?:^|\s)@[\p{L}\p{N}_]{2,}(?:\s|$)/iu;
// Photo credits: "(Photo courtesy: …)", "— X/@Handle", "Photo: AFP"; and "date 2025-07-10 …" style key/value prefixes.
const CAPTION = [
  /\((?:photo|image|picture|file|courtesy|credit)[^)]*\)\s*$/iu,
  /[—–]\s*[\p{L}\p{N}_]*\/@?[\p{L}\p{N}_]+\s*$/u,
  /^(?:photo|image|file photo|picture)\s*:/iu,
  /^(?:date|published|updated|posted)\s+\d{4}-\d{2}-\d{2}\b/iu,
];
const MIN_LIST_RUN = 3;

/** Whether a text ends like a sentence, in any of the scripts the pages use (an ellipsis is a cut, not an end). */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text) && !TRUNCATED.test(text);
}

/** Whether a text ends in an ellipsis: a teaser cut off, not finished text. */
export function isTruncated(text: string): boolean {
  return TRUNCATED.test(text);
}

/** Whether a text states a time relative to now ("2 hours ago", "3 घंटे पहले", "2 گھنٹے قبل") anywhere in it. */
export function mentionsRelativeTime(text: string): boolean {
  return RELATIVE_TIME_PATTERNS.some((re) => re.test(text));
}

/** Counts words in any script (runs of letters, marks and digits). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*/gu)?.length ?? 0;
}

/** Normalises raw page text and joins lines that a scraper broke in mid-sentence. */
export function normaliseLines(raw: string): string[] {
  const lines = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B\u2060]/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/u, '').replace(/^\s+/u, ''));
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    // A line that starts in lower case right after an unfinished long line continues that line.
    if (prev && line && /^\p{Ll}/u.test(line) && !SENTENCE_END.test(prev) && prev.length >= 80) {
      out[out.length - 1] = `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** Classifies each line of a page. */
export function classifyLines(lines: string[]): PageLine[] {
  const classified = lines.map((text): PageLine => {
    const words = countWords(text);
    const blank = words === 0 && text.trim().length === 0;
    // A line cut off with an ellipsis is a teaser or a link to another story, never a finished sentence.
    const truncated = TRUNCATED.test(text);
    const relativeTime = RELATIVE_TIME.some((re) => re.test(text));
    const link = LINK.test(text);
    const caption = CAPTION.some((re) => re.test(text));
    return {
      text,
      words,
      blank,
      endsSentence: endsSentence(text),
      truncated,
      relativeTime,
      link,
      caption,
      listItem: false,
      prose: false,
    };
  });
  markLists(classified);
  for (const line of classified) {
    line.prose =
      !line.blank &&
      !line.truncated &&
      !line.relativeTime &&
      !line.caption &&
      !line.listItem &&
      !(line.link && line.words < 12) &&
      line.words >= 8 &&
      (line.text.length >= 120 || line.endsSentence);
  }
  return classified;
}

/** Marks runs of consecutive short lines that end without punctuation: menus and headline lists. */
function markLists(lines: PageLine[]): void {
  let start = 0;
  const flush = (end: number) => {
    if (end - start >= MIN_LIST_RUN) for (let i = start; i < end; i++) lines[i]!.listItem = true;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const sibling = !l.blank && (!l.endsSentence || l.relativeTime) && l.words <= 25;
    if (!sibling) {
      flush(i);
      start = i + 1;
    }
  }
  flush(lines.length);
}

/** A line that can be a headline: a few words, no sentence end, not a time stamp, link or caption. */
export function isTitleLike(line: PageLine): boolean {
  return (
    !line.blank &&
    line.words >= 3 &&
    line.words <= 30 &&
    line.text.length <= 220 &&
    !line.relativeTime &&
    !line.link &&
    !line.caption &&
    !/^[-–—•*·]/u.test(line.text) &&
    !/[.:;,…]$/u.test(line.text)
  );
}
