// Search across languages: expands a query through the lexicon and name tables into FTS5 terms.
import { stemmer } from 'stemmer';
import { stemHindi } from './represent/hindi-stem.js';
import { lookUp, phraseKeyOf, type Lexicon } from './represent/lexicon.js';
import { hindiNames, hindiNamesAsWritten, longestPhrase, phraseKey } from './titles/title-names.js';
import { renderWord } from './titles/title-words.js';
import { stripJoiners } from './represent/tokenize.js';
import { romanize } from './represent/transliterate.js';

/**
 * Cross-lingual search terms: each word (or known phrase) of a query with its translations, from the same
 * sources the offline representation and the English titles use — the FreeDict lexicon, the name tables
 * (CLDR and the news table) and names matched by sound — so that "Iran" also finds "ईरान" and
 * "शीतलहर" also finds "cold wave". The neural mode's models give vectors, not words: search uses these
 * tables in either mode.
 */

/** One translation of a query term. */
export interface SearchVariant {
  /** A word or phrase, lower case. */
  text: string;
  lang: 'en' | 'hi';
  /** The phrases searched for: the text and its inflections ("हमला", "हमले", "हमलों"; "flood", "floods"). */
  forms: string[];
  /** Where it came from: a name table or the bilingual lexicon. */
  via: 'name' | 'lexicon';
}

/** A word or phrase of the query, as typed (lower case), with its translations, best first. */
export interface SearchTerm {
  text: string;
  variants: SearchVariant[];
  /** A function word ("of", "के"): required in an exact search only. */
  optional: boolean;
}

/** Bounds of the expansion. */
export interface ExpandOptions {
  /** Translations kept per term. @defaultValue 4 */
  maxVariants?: number;
  /** Dictionary translations kept per word (when no name table has it). @defaultValue 2 */
  maxLexicon?: number;
  /**
   * Whether the searched texts hold a variant (all the words of one of its forms). With it,
   * translations that occur nowhere give way to the next ones, and an unknown Hindi word may be a name
   * spelled in Latin letters ("मोदी" modi). @defaultValue every variant counts, no romanised names
   */
  known?: (variant: SearchVariant) => boolean;
}

// Words that carry no meaning across languages: a query's function words are not required of a translation.
const FUNCTION_WORDS = new Set(
  `a an the of in on at to for from by with and or but as is are was were be been its it this
that these those into over about after before than not no i we you he she they us him her them his their our
का की के को में से ने पर और है हैं था थी थे तक भी ही एवं तथा या`.split(/\s+/u),
);

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_WORDS = 20;
const DEVANAGARI = /\p{Script=Devanagari}/u;

interface Indexes {
  /** English word or phrase (lower case) → Hindi spellings from the name tables. */
  namesEn: Map<string, string[]>;
  /** Porter stem of an English word → Hindi words rendering it (first, `direct`, or second), most direct first. */
  lexiconEn: Map<string, Array<{ hindi: string; direct: boolean }>>;
  longest: number;
}

const cache = new WeakMap<object, Indexes>();
const NO_LEXICON = {};

/** English → Hindi indexes: the name tables and the lexicon, inverted (built once per lexicon). */
function indexes(lexicon: Lexicon | null): Indexes {
  const owner = lexicon ?? NO_LEXICON;
  const cached = cache.get(owner);
  if (cached) return cached;
  const namesEn = new Map<string, string[]>();
  for (const [hindi, english] of hindiNamesAsWritten()) {
    const key = english.toLowerCase();
    namesEn.set(key, [...(namesEn.get(key) ?? []), hindi]);
  }
  // A Hindi word renders an English word directly when that word is its first rendering; as a second one it
  // is a fallback; past that, another sense. Fewer renderings, more specific ("कचहरी" court alone). A verb
  // ("चाहना", to court) is left out: news writes it inflected, and a query word is most often a noun.
  const ranked = new Map<string, Array<{ hindi: string; rank: number }>>();
  for (const [hindi, renderings] of lexicon?.exact ?? []) {
    if (/.\S+ना$/u.test(hindi)) continue;
    for (const [position, english] of renderings.slice(0, 2).entries()) {
      if (english.includes(' ')) continue;
      const key = stemmer(english);
      ranked.set(key, [...(ranked.get(key) ?? []), { hindi, rank: position * 10 + renderings.length }]);
    }
  }
  const lexiconEn = new Map<string, Array<{ hindi: string; direct: boolean }>>();
  for (const [key, list] of ranked) {
    list.sort((a, b) => a.rank - b.rank || a.hindi.localeCompare(b.hindi));
    lexiconEn.set(
      key,
      list.map((c) => ({ hindi: c.hindi, direct: c.rank < 10 })),
    );
  }
  const longest = Math.max(longestPhrase(hindiNames()), 3);
  const built = { namesEn, lexiconEn, longest };
  cache.set(owner, built);
  return built;
}

/**
 * Endings of Hindi nouns, by their last letter: "हमला" हमले हमलों, "मंत्री" मंत्रियों, "अदालत" अदालतों अदालतें.
 * Listed rather than matched as a prefix: "मंत्र"* would also find "मंत्रालय", a ministry; "iran"* "Irani".
 */
function hindiForms(word: string): string[] {
  if (word.endsWith('ा')) return [word, `${word.slice(0, -1)}े`, `${word.slice(0, -1)}ों`];
  if (word.endsWith('ी')) return [word, ...['ियों', 'ियां', 'ियाँ'].map((ending) => `${word.slice(0, -1)}${ending}`)];
  if (/[\u0915-\u0939\u0958-\u095F]$/u.test(word)) return [word, `${word}ों`, `${word}ें`];
  return [word];
}

/** Inflections of an English word: "flood" floods flooded flooding, "party" parties, "issue" issues issued. */
function englishForms(word: string): string[] {
  if (word.length < 3 || !/^[a-z]+$/u.test(word)) return [word];
  if (/[^aeiou]y$/u.test(word)) return [word, `${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`, `${word}ing`];
  if (word.endsWith('e')) return [word, `${word}s`, `${word}d`, `${word.slice(0, -1)}ing`];
  if (/(s|x|z|ch|sh)$/u.test(word)) return [word, `${word}es`, `${word}ed`, `${word}ing`];
  return [word, `${word}s`, `${word}ed`, `${word}ing`];
}

/** A variant with the forms it is searched in: its last word's inflections (a name in Hindi is not inflected). */
function variant(text: string, via: SearchVariant['via']): SearchVariant {
  const words = text.split(' ');
  const head = words.slice(0, -1).join(' ');
  const hindi = DEVANAGARI.test(text);
  // Names are not inflected ("ईरान के"); the tables list a Hindi noun's other forms ("हमला/हमले") themselves.
  const forms = hindi && via === 'name' ? [words.at(-1)!] : (hindi ? hindiForms : englishForms)(words.at(-1)!);
  return { text, lang: hindi ? 'hi' : 'en', via, forms: forms.map((f) => (head ? `${head} ${f}` : f)) };
}

interface Sources {
  lexicon: Lexicon | null;
  maxLexicon: number;
  known?: (variant: SearchVariant) => boolean;
}

/**
 * The names the texts hold, else the first `maxLexicon` dictionary renderings they hold: a name table's
 * entry is the sense news means ("बाढ़" flood, not the dictionary's fence).
 */
function pick(names: SearchVariant[], lexical: SearchVariant[], s: Sources): SearchVariant[] {
  const held = (v: SearchVariant) => !s.known || s.known(v);
  const found = names.filter(held);
  return found.length ? found : lexical.filter(held).slice(0, s.maxLexicon);
}

/** Translations of one Devanagari word or phrase into English. */
function fromHindi(words: string[], s: Sources): SearchVariant[] {
  const name = hindiNames().get(phraseKey(words.join(' ')));
  const names = name ? [variant(name.toLowerCase(), 'name')] : [];
  if (words.length > 1) {
    return pick(
      names,
      (s.lexicon?.phrases?.get(phraseKeyOf(words)) ?? []).map((en) => variant(en, 'lexicon')),
      s,
    );
  }
  const word = words[0]!;
  const lexical = ((s.lexicon && lookUp(s.lexicon, word, stemHindi(word))) ?? []).map((en) => variant(en, 'lexicon'));
  const out = pick(names, lexical, s);
  if (out.length) return out;
  // A word the tables and the dictionary do not know: a loanword or a name, as the English titles render it
  // ("स्टील" steel, "ट्रंप" Trump), or as the texts spell it in Latin letters ("मोदी" modi).
  const rendered = [renderWord(word, s.lexicon).english, renderWord(word, s.lexicon, true).english];
  if (s.known) rendered.push(romanize(word));
  const spellings = [...new Set(rendered.map((en) => en.toLowerCase()))].filter((en) => /^[a-z]{3,}$/u.test(en));
  return pick(
    spellings.map((en) => ({ text: en, lang: 'en' as const, via: 'name' as const, forms: [en] })),
    [],
    s,
  );
}

/** Translations of one English word or phrase into Hindi. */
function fromEnglish(words: string[], s: Sources): SearchVariant[] {
  const { namesEn, lexiconEn } = indexes(s.lexicon);
  const names = (namesEn.get(words.join(' ')) ?? []).map((h) => variant(h, 'name'));
  const candidates = words.length === 1 ? (lexiconEn.get(stemmer(words[0]!)) ?? []) : [];
  const direct = pick(
    [],
    candidates.filter((c) => c.direct).map((c) => variant(c.hindi, 'lexicon')),
    s,
  );
  const lexical = direct.length ? direct : candidates.filter((c) => !c.direct).map((c) => variant(c.hindi, 'lexicon'));
  return pick(names, lexical, s);
}

/**
 * A query's terms with their translations. Phrases the name tables or the lexicon know ("Supreme Court",
 * "शीत लहर") are taken whole, longest first; other words one by one. Function words are optional, unless
 * written in capitals ("US"). Translations are bounded (`maxVariants`): the name tables' entries, else the
 * lexicon's most direct renderings; the typed word itself is never among them.
 */
export function expandQuery(query: string, lexicon: Lexicon | null, options: ExpandOptions = {}): SearchTerm[] {
  const maxVariants = options.maxVariants ?? 4;
  const sources: Sources = { lexicon, maxLexicon: options.maxLexicon ?? 2, known: options.known };
  const typed = (stripJoiners(query).match(WORDS) ?? []).slice(0, MAX_WORDS);
  const words = typed.map((w) => w.toLowerCase());
  const { longest } = indexes(lexicon);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < words.length;) {
    let taken = 1;
    let variants: SearchVariant[] = [];
    for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
      const part = words.slice(i, i + n);
      const hindi = part.every((w) => DEVANAGARI.test(w));
      if (n > 1 && !hindi && !part.every((w) => /^[a-z]+$/u.test(w))) continue;
      variants = hindi ? fromHindi(part, sources) : /^[a-z]+$/u.test(part[0]!) ? fromEnglish(part, sources) : [];
      if (variants.length || n === 1) {
        taken = n;
        break;
      }
    }
    const text = words.slice(i, i + taken).join(' ');
    const capitals = taken === 1 && /^\p{Lu}{2,}$/u.test(typed[i]!);
    const optional = taken === 1 && !capitals && FUNCTION_WORDS.has(text);
    // A variant adds nothing when the typed words or earlier variants have all its forms ("हमले" after "हमला").
    const seen = new Set([text]);
    const unique = variants.filter((v) => {
      const fresh = v.forms.some((f) => !seen.has(f));
      for (const f of v.forms) seen.add(f);
      return fresh;
    });
    terms.push({ text, variants: optional ? [] : unique.slice(0, maxVariants), optional });
    i += taken;
  }
  return terms;
}

/** Builds the look-up tables for a lexicon ahead of the first query (about a second with FreeDict). */
export function prepareSearchTerms(lexicon: Lexicon | null): void {
  // A made-up word goes through every table: names, dictionary, loanwords, names by sound.
  expandQuery('ज़ठकप ज़ठकप', lexicon);
}

const quote = (s: string) => `"${s.replace(/"/gu, '')}"`;

/** A variant as FTS5 phrases: each form's words in a row. */
const phrases = (v: SearchVariant) => v.forms.map(quote);

/**
 * An FTS5 query for the terms: every word quoted, so no operator of the user's gets through. Exact: every
 * typed word required, as typed. Otherwise every term that is not a function word is required, in any of
 * its forms (the typed words, or a translation).
 */
export function ftsExpression(terms: SearchTerm[], exact = false): string {
  const required = terms.filter((t) => !t.optional);
  if (exact || !required.length)
    return terms
      .flatMap((t) => t.text.split(' '))
      .map(quote)
      .join(' ');
  return required
    .map((t) => {
      const typed = t.text.split(' ').map(quote).join(' ');
      const forms = [...new Set([t.text.includes(' ') ? `(${typed})` : typed, ...t.variants.flatMap(phrases)])];
      return forms.length > 1 ? `(${forms.join(' OR ')})` : forms[0];
    })
    .join(' AND ');
}

/** Lower-case words as the full-text index splits them, Latin diacritics folded ("Café" cafe). */
export function indexWords(text: string): string[] {
  return (stripJoiners(text).match(WORDS) ?? []).map((w) => {
    const lower = w.toLowerCase();
    return /^[\p{Script=Latin}\p{M}\p{N}]+$/u.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
  });
}

/** Where `words` hold the phrase's words in a row: the words found, or undefined. */
function find(words: string[], phrase: string): string | undefined {
  const parts = phrase.split(' ');
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((p, k) => words[i + k] === p)) return phrase;
  }
  return undefined;
}

/** The words of an article through which it holds a variant, or undefined. */
function found(words: string[], v: SearchVariant): string | undefined {
  for (const form of v.forms) {
    const hit = find(words, form);
    if (hit) return hit;
  }
  return undefined;
}

/** How a hit met a translated term: the term as typed and the words of the article that translate it. */
export interface MatchedTerm {
  term: string;
  matched: string;
}

/**
 * The translations through which an article met the query: for each term not found as typed, the article's
 * words that one of its variants matched ("iran" → "ईरान"). Empty when every term was found as typed.
 */
export function matchedTerms(terms: SearchTerm[], articleText: string): MatchedTerm[] {
  const words = indexWords(articleText);
  const out: MatchedTerm[] = [];
  for (const t of terms) {
    if (t.optional || find(words, t.text)) continue;
    for (const v of t.variants) {
      const hit = found(words, v);
      if (hit) {
        out.push({ term: t.text, matched: hit });
        break;
      }
    }
  }
  return out;
}
