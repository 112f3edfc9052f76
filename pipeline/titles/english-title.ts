// Renders Hindi and Urdu titles in English offline: the offline translator.
import { englishName } from './english-names.js';
import { phraseKeyOf, type Lexicon } from '../represent/lexicon.js';
import type { Translator } from '../ports.js';
import { functionWords, urduFunctionWords } from './title-function-words.js';
import { hindiNames, longestPhrase, NAME_PARTS, NAME_TITLES, phraseKey, titleKey, urduNames } from './title-names.js';
import { pastParticiple, presentTense } from './english-verbs.js';
import { properNameCase } from './title-casing.js';
import { lightVerb } from './title-light-verbs.js';
import { english, englishNumber, MONTHS, rupees } from './title-numbers.js';
import type { Unit } from './title-unit.js';
import { letterName, renderWord } from './title-words.js';
import { stripJoiners } from '../represent/tokenize.js';
import { romanizeUrdu } from '../represent/transliterate.js';

export { englishNumber } from './title-numbers.js';

const TOKEN =
  /(?:\p{Script=Devanagari}+\.){2,}|\p{Nd}+(?:[.,:/]\p{Nd}+)*(?:%|वां|वाँ|वें|वीं|वी)?|[\p{L}\p{M}]+(?:['’]\p{L}+)?|--+|[-–—]|[,;:!?|()"“”‘’]/gu;

/** Reads the title into units: table names and phrases first (longest first), then function words, then words. */
function units(title: string, lexicon: Lexicon | null, urdu: boolean): Unit[] {
  // A dash with a space on one side, or after "said", separates like a colon ("भाजपा ने कहा- …").
  // "डॉ0", "प्रो0": a zero after an abbreviation stands for its full stop.
  const text = stripJoiners(title)
    .replace(/(?<=\p{Script=Devanagari})0(?!\d)/gu, '.')
    .replace(/(?<=\p{Script=Devanagari}):(?=\p{Script=Devanagari})/gu, 'ः')
    .replace(/\s+[-–—]+\s*|\s*[-–—]+\s+|(?<=कहा)\s*[-–—]+\s*/gu, ' : ');
  const tokens = [...text.matchAll(TOKEN)].map((m) => m[0]);
  const names = urdu ? urduNames() : hindiNames();
  const functions = urdu ? urduFunctionWords() : functionWords();
  const longest = Math.max(longestPhrase(names), 3);
  const out: Unit[] = [];
  // Words after a title ("प्रधानमंत्री नरेंद्र मोदी") are a person's name, even those the dictionary knows.
  let nameWords = 0;
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (/^\p{Nd}/u.test(token)) {
      out.push({ kind: 'content', english: englishNumber(token), name: true });
      i++;
      continue;
    }
    if (!/\p{L}/u.test(token)) {
      // A hyphen inside a compound ("भारत-म्यांमा") joins; a dash or a double hyphen separates like a colon.
      out.push({
        kind: 'punctuation',
        text: token === '-' || token === '–' ? '-' : token.startsWith('-') || token === '—' ? ':' : token,
      });
      i++;
      continue;
    }
    // A verbal noun before a light verb is the verb: "घोषणा की" announces.
    const verb = urdu ? undefined : lightVerb(token, tokens[i + 1]);
    if (verb) {
      // A light verb that is not an auxiliary ("आरोप लगाया") goes with its noun, its future with it.
      const light = tokens[i + 1]!;
      const own = !functions.has(titleKey(light));
      out.push({
        kind: 'content',
        english: verb,
        name: false,
        verb: true,
        ...(own && /(गा|गी|गे)$/u.test(light) ? { future: true } : {}),
      });
      nameWords = 0;
      i += own ? 2 : 1;
      continue;
    }
    const match = longestMatch(tokens, i, longest, names, functions, urdu ? null : lexicon);
    if (match) {
      out.push(match.unit);
      nameWords = match.unit.kind === 'content' && NAME_TITLES.has(match.unit.english) ? 3 : 0;
      i = match.end;
      continue;
    }
    const previous = out.at(-1);
    const namePart = NAME_PARTS.get(titleKey(token));
    if (
      namePart &&
      (nameWords > 0 || (previous?.kind === 'content' && previous.name && /^\p{L}/u.test(previous.english)))
    ) {
      out.push({ kind: 'content', english: namePart, name: true });
      nameWords = Math.max(0, nameWords - 1);
      i++;
      continue;
    }
    const letter = letterName(token);
    if (letter && (letterName(tokens[i - 1] ?? '') || letterName(tokens[i + 1] ?? ''))) {
      out.push({ kind: 'content', english: letter, name: true });
      nameWords = 2;
      i++;
      continue;
    }
    if (/\p{Script=Latin}/u.test(token)) out.push({ kind: 'content', english: token, name: /^\p{Lu}/u.test(token) });
    else if (urdu) out.push({ kind: 'content', english: capitalise(romanizeUrdu(token)), name: true });
    else
      out.push({ kind: 'content', ...renderWord(token.normalize('NFC').replace(/\.$/u, ''), lexicon, nameWords > 0) });
    nameWords = Math.max(0, nameWords - 1);
    i++;
  }
  return out;
}

/**
 * The longest phrase starting at `start` that a table knows: a name, a function word, a dictionary phrase
 * ("आदान-प्रदान", "सड़क दुर्घटना"), in that order for phrases of one length.
 */
function longestMatch(
  tokens: string[],
  start: number,
  longest: number,
  names: Map<string, string>,
  functions: ReturnType<typeof functionWords>,
  lexicon: Lexicon | null,
): { unit: Unit; end: number } | undefined {
  // Words of a phrase may be joined by hyphens ("जम्मू-कश्मीर"); the hyphens are skipped when matching.
  const words: string[] = [];
  const ends: number[] = [];
  if (lexicon && tokens[start + 1] === '-' && tokens[start + 2]) {
    const hyphenated = lexicon.exact.get(titleKey(`${tokens[start]}-${tokens[start + 2]}`));
    if (hyphenated) return { unit: { kind: 'content', english: hyphenated[0]!, name: false }, end: start + 3 };
  }
  for (let j = start; j < tokens.length && words.length < longest; j++) {
    if (tokens[j] === '-') continue;
    if (!/\p{L}/u.test(tokens[j]!)) break;
    words.push(tokens[j]!);
    ends.push(j + 1);
  }
  for (let n = words.length; n >= 1; n--) {
    const key = phraseKey(words.slice(0, n).join(' '));
    const name = names.get(key);
    if (name)
      return { unit: { kind: 'content', english: name, name: /^\p{Lu}/u.test(name) } as Unit, end: ends[n - 1]! };
    const f = functions.get(key);
    if (f)
      return {
        unit: (f.kind === 'word' ? { kind: 'content', english: f.english, name: false } : f) as Unit,
        end: ends[n - 1]!,
      };
    const phrase = n >= 2 ? lexicon?.phrases?.get(phraseKeyOf(words.slice(0, n).map(titleKey))) : undefined;
    if (phrase) return { unit: { kind: 'content', english: phrase[0]!, name: false }, end: ends[n - 1]! };
    // A name of several words in another spelling than CLDR's: "बर्किना फासो" Burkina Faso.
    const sounds =
      n >= 2 && !words.slice(0, n).some((w) => functions.has(titleKey(w)))
        ? englishName(words.slice(0, n), lexicon)
        : undefined;
    if (sounds) return { unit: { kind: 'content', english: sounds, name: true }, end: ends[n - 1]! };
  }
  return undefined;
}

/** A noun phrase with the phrases that own it (genitives) and the preposition that governs it. */
interface Chunk {
  owners: Unit[][];
  words: Unit[];
  preposition?: string;
  /** Marked by ने: the agent, which the verb follows in English. */
  subject?: boolean;
  /** "and", "or", "but": joins the chunks around it. */
  conjunction?: boolean;
  /** In a clause with a ने agent: a verb at the end of this phrase follows its object. */
  transitive?: boolean;
  /** A time of day or day ("today", "this morning"), which an English headline puts last. */
  time?: boolean;
  /** The head is the object of a light verb ("X का उद्घाटन किया"): "inauguration X", not "inauguration of X". */
  verbal?: boolean;
}

/**
 * English title of a Hindi (or Urdu) title, offline: names and phrases from the name table, prepositions
 * before their phrases, "X का Y" as "X's Y" for a name X and "Y of X" otherwise, auxiliaries dropped, a
 * leading place phrase ("दिल्ली में …") moved to the end, digits in ASCII.
 */
export function englishTitle(
  title: string,
  lexicon: Lexicon | null,
  script: 'devanagari' | 'arabic' = 'devanagari',
): string {
  const clauses: string[][] = [[]];
  let chunks: Chunk[] = [];
  let chunk: Chunk = { owners: [], words: [] };
  const flushChunk = (preposition?: string, subject?: boolean) => {
    const before = chunks.at(-2);
    // "X और Y के बीच": the postposition governs both sides of the "and" (between X and Y).
    if (preposition && chunks.at(-1)?.conjunction && before && !before.preposition && !before.owners.length) {
      const [, conjunction] = chunks.splice(-2, 2);
      chunk = {
        ...chunk,
        owners: [],
        words: [...before.words, ...conjunction!.words, ...chunk.owners.flat(), ...chunk.words],
      };
      if (preposition === 'amid') preposition = 'between';
    }
    if (chunk.words.length || chunk.owners.length || preposition) chunks.push({ ...chunk, preposition, subject });
    chunk = { owners: [], words: [] };
  };
  const flushClause = (separator?: string) => {
    flushChunk();
    const rendered = orderChunks(chunks).map(renderChunk).filter(Boolean);
    clauses[clauses.length - 1]!.push(...rendered);
    if (separator) clauses.push([separator]);
    chunks = [];
  };
  const all = rupees(units(title, lexicon, script === 'arabic'));
  for (const [i, u] of all.entries()) {
    if (u.kind === 'content') {
      const after = all.slice(i + 1);
      chunk.words.push(
        u.verb ? { ...u, english: verbForm(u, after), ...(passiveAfter(after) ? {} : { active: true }) } : u,
      );
    } else if (u.kind === 'genitive') {
      // की at a clause's end is the light verb "did" ("वृद्धि की"), not a genitive.
      const next = all[i + 1];
      if (!next || next.kind === 'punctuation' || next.kind === 'auxiliary') {
        // "X की निंदा की": the light verb's object is X, which follows the verb ("condemns X").
        if (chunk.owners.length && chunk.words.length) {
          chunk.verbal = true;
          flushChunk();
        }
        continue;
      }
      chunk.owners.push(chunk.words);
      chunk.words = [];
    } else if (u.kind === 'postposition') {
      // को after a date is "on": "20 जनवरी को" on 20 January.
      const previous = all[i - 1];
      if (!u.english && previous?.kind === 'content' && MONTHS.has(previous.english)) {
        // Only the date takes "on": the words before it are a phrase of their own.
        const day = chunk.words.length >= 2 && /^\d{1,2}$/u.test(english(chunk.words.at(-2)) ?? '') ? 2 : 1;
        const date = chunk.words.splice(-day);
        if (chunk.words.length) flushChunk();
        chunk.words = date;
        flushChunk('on');
      } else flushChunk(u.english, u.subject);
    } else if (u.kind === 'auxiliary' && chunk.owners.length && chunk.words.length) {
      chunk.verbal = true;
      flushChunk();
    } else if (u.kind === 'adverb') {
      flushChunk();
      chunks.push({
        owners: [],
        words: [{ kind: 'content', english: u.english, name: false }],
        time: TIMES.test(u.english),
      });
    } else if (u.kind === 'conjunction') {
      flushChunk();
      chunks.push({ owners: [], words: [{ kind: 'content', english: u.english, name: false }], conjunction: true });
    } else if (u.kind === 'punctuation') {
      if (u.text === '-') chunk.words.push({ kind: 'content', english: '-', name: false });
      else flushClause(u.text);
    }
  }
  flushClause();
  const text = clauses
    .map((c) => c.join(' '))
    .join(' ')
    .replace(/\s*-\s*/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .replace(/\s+([,;:!?)”’])/gu, '$1')
    .replace(/([(“‘])\s+/gu, '$1')
    .replace(/\b(\w+) \1\b/giu, '$1')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,;:]+|[\s,;:]+$/gu, '');
  return text ? capitalise(text) : title;
}

/**
 * A verb as a headline has it: past participle before a passive auxiliary ("मारे गए" killed), "to" and the
 * verb for the future ("जाएंगे" to go, "भेजे जाएंगे" to be sent), else present ("भेजा" sends). A verb
 * before a postposition is a verbal noun ("बनाने के लिए" to make) and stays as it is.
 */
function verbForm(verb: Unit & { kind: 'content' }, after: Unit[]): string {
  const next = after[0];
  const passive = passiveAfter(after);
  const future = verb.future || after.slice(0, 2).some((u) => u.kind === 'auxiliary' && u.future);
  if (next?.kind === 'postposition') return verb.english;
  if (future) return passive ? `to be ${pastParticiple(verb.english)}` : `to ${verb.english}`;
  return passive ? pastParticiple(verb.english) : presentTense(verb.english);
}

/** Whether the auxiliaries after a verb make it passive; one may follow a light verb: "रिहा किया गया" released. */
function passiveAfter(after: Unit[]): boolean {
  const [next, second] = after;
  return (
    next?.kind === 'auxiliary' && (next.passive === true || (second?.kind === 'auxiliary' && second.passive === true))
  );
}

/**
 * English order of a clause's phrases: the prepositional phrases that open it ("in Delhi …") go after the rest, the
 * verb follows a ने subject, "X से कहा" (said to X) is "asks X", and times of day ("today") come last.
 */
function orderChunks(all: Chunk[]): Chunk[] {
  const times = all.filter((c) => c.time);
  const chunks = all.filter((c) => !c.time);
  const said = chunks.find(
    (c) => c.words.length === 1 && c.words[0]!.kind === 'content' && c.words[0]!.english === 'says',
  );
  const addressee = chunks.find((c) => c.preposition === 'from');
  if (said && addressee) {
    said.words = [{ kind: 'content', english: 'asks', name: false }];
    addressee.preposition = undefined;
  }
  let ordered = chunks;
  // Phrases with a preposition that open a clause (place, time, cause: "दिल्ली में", "झड़पों में") go after
  // its core, as English headlines put subject and verb first ("Death of 36 people in Sudan in clashes").
  let lead = 0;
  while (lead < chunks.length && chunks[lead]!.preposition && !chunks[lead]!.subject) lead++;
  if (lead > 0 && chunks.slice(lead).some((c) => c.words.length && !c.preposition)) {
    ordered = [...chunks.slice(lead), ...chunks.slice(0, lead)];
  }
  // Hindi is subject-object-verb: the clause's last phrase (the verb, with its object when the verb is
  // "X का उद्घाटन किया") follows the subject in English ("Ministry announces … in fares").
  const subject = ordered.findIndex((c) => c.subject);
  // With a ने agent the verb is transitive: the words before it in its phrase are its object.
  if (subject >= 0) ordered = ordered.map((c) => (c.subject ? c : { ...c, transitive: true }));
  const last = ordered.at(-1);
  if (subject >= 0 && ordered.length - subject > 2 && last && !last.preposition && !last.conjunction && !last.subject) {
    ordered = [...ordered.slice(0, subject + 1), last, ...ordered.slice(subject + 1, -1)];
  }
  return [...ordered, ...times];
}

function renderChunk(c: Chunk): string {
  let phrase = '';
  let single = false;
  // Hindi puts the verb after its object, English before: "(बच्चों ने) नया बगीचा बनाया" makes new garden.
  const verb = c.words.at(-1);
  const words =
    c.transitive && !c.preposition && !c.owners.length && c.words.length >= 2 && verb?.kind === 'content' && verb.active
      ? [verb, ...c.words.slice(0, -1)]
      : c.words;
  const parts = [...c.owners, words].map(properNameCase);
  for (const [i, part] of parts.entries()) {
    const words = part
      .map((u) => (u.kind === 'content' ? u.english : ''))
      .filter(Boolean)
      .join(' ');
    if (!words) continue;
    if (!phrase) phrase = words;
    else if (c.verbal && i === parts.length - 1) phrase = `${words} ${phrase}`;
    else phrase = single ? `${phrase}'s ${words}` : `${words} of ${phrase}`;
    single = part.length === 1 && part[0]!.kind === 'content' && part[0]!.name;
  }
  if (!phrase) return '';
  // "X बनाने के लिए" (for making X) is "to make X": the verb before its object, "to" for "for".
  const last = c.words.at(-1);
  if (c.preposition === 'for' && last?.kind === 'content' && last.verb) {
    const object = phrase.slice(0, -last.english.length).trim();
    return `to ${last.english}${object ? ` ${object}` : ''}`;
  }
  return c.preposition ? `${c.preposition} ${phrase}` : phrase;
}

const TIMES = /^(today|tomorrow|from today|from tomorrow|this morning|this evening|tonight|last night)$/u;

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The offline `Translator`: English passes through; Hindi and Urdu titles are rendered by `englishTitle`. */
export function createOfflineTranslator(lexicon: Lexicon | null): Translator {
  return {
    mode: 'offline',
    async toEnglish(text: string, lang: string): Promise<string> {
      if (lang === 'en') return text;
      if (/\p{Script=Devanagari}/u.test(text)) return englishTitle(text, lexicon, 'devanagari');
      if (lang === 'ur' && /\p{Script=Arabic}/u.test(text)) return englishTitle(text, lexicon, 'arabic');
      return text;
    },
  };
}
