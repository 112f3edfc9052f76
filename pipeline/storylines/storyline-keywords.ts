// Finds a storyline's keywords in an article on word boundaries, and which of them are prominent.

/** Where a storyline keyword was found in an article. */
export interface KeywordHits {
  /** Every keyword found, in the storyline's order. */
  found: string[];
  /**
   * The keywords the article is about rather than mentions on the way: in the title, in the lead, or
   * more than once in the text.
   */
  prominent: string[];
}

/** How much of the text counts as its lead, in characters. @defaultValue 300 */
export const LEAD_CHARS = 300;

/**
 * Finds which keywords (phrases in any script) occur in a title and text, on word boundaries, ignoring
 * case, invisible joiners, light inflection (see `wordKey`) and place-name endings (Iranian for Iran), and
 * which of them are prominent.
 */
export function findKeywordHits(title: string, text: string, keywords: string[]): KeywordHits {
  const body = words(text);
  const lead = words(text.slice(0, LEAD_CHARS));
  const head = words(title);
  const found: string[] = [];
  const prominent: string[] = [];
  for (const k of keywords) {
    const phrase = words(k);
    if (!phrase.length) continue;
    const inTitle = count(head, phrase) > 0;
    const inText = count(body, phrase);
    if (!inTitle && !inText) continue;
    found.push(k);
    if (inTitle || inText > 1 || count(lead, phrase) > 0) prominent.push(k);
  }
  return { found, prominent };
}

/** The keywords found anywhere in a text (see `findKeywordHits`). */
export function findKeywords(text: string, keywords: string[]): string[] {
  return findKeywordHits('', text, keywords).found;
}

function count(haystack: string[], phrase: string[]): number {
  let n = 0;
  const last = phrase.length - 1;
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (phrase.every((w, j) => haystack[i + j] === w || (j === last && isDerived(haystack[i + j]!, w)))) n++;
  }
  return n;
}

/** Endings that make an adjective or a people of a Latin-script place name: Iranian, Iraqi, Nepalese, Australian. */
const DERIVED = ['i', 'n', 'an', 'ian', 'ese'];

/**
 * Whether `word` is `key` with a place-name ending (`DERIVED`), so a keyword "Iran" finds "Iranian" and
 * "Iraq" finds "Iraqi". Latin keys of four letters or more only; Devanagari ones (ईरानी) already meet
 * their key through `wordKey`.
 */
function isDerived(word: string, key: string): boolean {
  if (key.length < 4 || word.length <= key.length || !word.startsWith(key) || !/^[a-z]+$/u.test(key)) return false;
  return DERIVED.includes(word.slice(key.length));
}

function words(s: string): string[] {
  // Zero-width joiners and soft hyphens sit inside Devanagari words in many sources (बच्‍चों): they are not breaks.
  const clean = s
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase();
  return clean
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map(wordKey);
}

/**
 * A word without its inflection ending, so a keyword matches its plural or oblique form: Latin
 * "fires"/"fire", Devanagari जंगलों/जंगल, गुरुद्वारे/गुरुद्वारा (trailing vowel signs and nasalisation go).
 */
export function wordKey(word: string): string {
  if (/^[a-z]+$/u.test(word))
    return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
  const stripped = word.replace(/\p{M}+$/u, '');
  return stripped.length >= 2 ? stripped : word;
}
