// English for one Hindi content word of a title: acronyms, dictionary renderings, plurals.
import { stemHindi } from '../represent/hindi-stem.js';
import { lookUp, type Lexicon } from '../represent/lexicon.js';
import { englishName } from './english-names.js';
import { spellingVariant } from '../represent/hindi-variants.js';
import { distance, soundKey, vowelGroups } from '../represent/sound-keys.js';
import { indicSkeleton, latinSkeleton, romanize } from '../represent/transliterate.js';
import { newsVerb, newsWord } from './news-words.js';

/**
 * English for one Hindi content word of a title: a spelled-out acronym ("जीएसटी" → "GST"), the
 * dictionary's rendering (the one that sounds like the Hindi word when there is one: a loanword), an
 * English word the Hindi word is a transliteration of ("टेनिस" → "tennis"), else the romanised word.
 */
export function renderWord(
  word: string,
  lexicon: Lexicon | null,
  inName = false,
): { english: string; name: boolean; verb?: boolean; future?: boolean } {
  if (inName) return { english: englishName([word], lexicon, true) ?? romanName(word), name: true };
  const acronym = spelledAcronym(word);
  const found = lexicon ? lookUpLemma(lexicon, word) : undefined;
  const renderings = found?.renderings;
  if (acronym && !renderings) return { english: acronym, name: true };
  if (renderings?.length) {
    // A rendering that sounds like the Hindi word is the loanword it is ("पुलिस" police, not copper).
    const sk = indicSkeleton(word);
    const sound = soundKey(romanize(word));
    const loan = renderings.find((en) => sk.length >= 3 && (soundKey(en) === sound || latinSkeleton(en) === sk));
    // A verb's English is its plain form, which the headline inflects: "coax", not "coaxing".
    const english = loan ?? (found!.verb ? renderings.find((en) => !/ing$/u.test(en)) : undefined) ?? renderings[0]!;
    // A verb's own future form ("जाएंगे", "करेगा") is "to" + verb in a headline.
    const future = found!.verb && /(गा|गी|गे|गीं)$/u.test(word);
    return {
      english: found!.plural ? plural(english) : english,
      name: false,
      verb: found!.verb,
      ...(future ? { future } : {}),
    };
  }
  // A country or city of CLDR's before an English word that sounds alike: "सूडान" Sudan, not sedan.
  const place = englishName([word], null);
  if (place) return { english: place, name: true };
  const loan = lexicon ? loanword(word, lexicon) : undefined;
  if (loan) return { english: loan, name: false };
  // An English plural written as it sounds: "राइफल्स" rifles.
  if (lexicon && /.\u094Dस$/u.test(word)) {
    const base = loanword(word.slice(0, -2), lexicon);
    if (base) return { english: plural(base), name: false };
  }
  // A plural of a loanword: "पार्टियों" parties, "टीमों" teams.
  const singular = PLURAL.exec(word);
  for (const ending of singular && lexicon ? ['ी', ''] : []) {
    const base = loanword(word.slice(0, -singular![0].length) + ending, lexicon!);
    if (base) return { english: plural(base), name: false };
  }
  return { english: englishName([word], lexicon) ?? romanName(word), name: true };
}

function romanName(word: string): string {
  const roman = romanize(word);
  return roman ? roman[0]!.toUpperCase() + roman.slice(1) : word;
}

// Inflections of news Hindi and the dictionary forms they come from, longest first: a verb's forms go
// back to its infinitive ("मनाया" → "मनाना" celebrate, not "मन" mind), a noun's oblique and plural forms
// to its direct singular ("सब्जियों" → "सब्जी").
const LEMMA_RULES: Array<[string, string[]]> = [
  ['ियों', ['ी', 'िया']],
  ['ाओं', ['ा']],
  ['ाएगा', ['ाना']],
  ['ाएगी', ['ाना']],
  ['ाएंगे', ['ाना']],
  ['ाया', ['ाना']],
  ['ाये', ['ाना']],
  ['ाए', ['ाना']],
  ['ाई', ['ाना', 'ाई']],
  ['ेगा', ['ना']],
  ['ेगी', ['ना']],
  ['ेंगे', ['ना']],
  ['ने', ['ना']],
  ['ों', ['', 'ा', 'ी']],
  ['ें', ['', 'ा']],
  ['ियां', ['ी']],
  ['ीं', ['ना', '']],
  ['ा', ['ना', '']],
  ['ी', ['ना', '']],
  ['े', ['ना', 'ा', '']],
];

// Plural endings of Hindi nouns (oblique "-ों", "-ियों", "-ाओं"; direct "-ियां", "-ाएं").
const PLURAL = /(ों|ियों|ाओं|ियां|ियाँ|ाएं|ाएँ)$/u;

/**
 * Renderings of a word by its own form, else by a dictionary form it inflects (a plural when the
 * ending is one), else by its stem.
 */
function lookUpLemma(
  lexicon: Lexicon,
  word: string,
): { renderings: string[]; plural: boolean; verb: boolean } | undefined {
  const exact = exactForm(lexicon, word);
  if (exact) return { renderings: exact, plural: false, verb: false };
  for (const [ending, replacements] of LEMMA_RULES) {
    if (!word.endsWith(ending) || [...word].length - [...ending].length < 2) continue;
    for (const r of replacements) {
      const lemma = exactForm(lexicon, word.slice(0, -ending.length) + r);
      // An inflected form of an infinitive ("मनाया" of "मनाना") is a verb.
      if (lemma) return { renderings: lemma, plural: PLURAL.test(word), verb: r.endsWith('ना') };
    }
  }
  const stemmed = lookUp(lexicon, word, stemHindi(word));
  // An infinitive's forms ("बनाने", "बढ़ाना") end in -ना/-ने after a stem of a verb the dictionary knows.
  if (stemmed)
    return {
      renderings: stemmed,
      plural: PLURAL.test(word),
      verb: /[^\u094D]न[ाे]$/u.test(word) && [...word].length >= 4,
    };
  const variant = spellingVariant(lexicon, word);
  if (variant) return { renderings: variant, plural: false, verb: false };
  return undefined;
}

const folded = new WeakMap<Lexicon, Map<string, string[]>>();

/**
 * Renderings of a word as written (a news verb's, the dictionary's, else the news words'), or with the candrabindu written
 * as an anusvara, which writers use interchangeably ("जांच", "जाँच" investigation). A nukta is not folded:
 * "क़ानी" is a name, "कानी" one-eyed.
 */
function exactForm(lexicon: Lexicon, word: string): string[] | undefined {
  const verb = newsVerb(word);
  if (verb) return [verb];
  const exact = lexicon.exact.get(word);
  if (exact) return exact;
  const news = newsWord(word);
  if (news) return [news];
  let index = folded.get(lexicon);
  if (!index) {
    index = new Map();
    for (const [hindi, renderings] of lexicon.exact)
      if (!index.has(nasalKey(hindi))) index.set(nasalKey(hindi), renderings);
    folded.set(lexicon, index);
  }
  return index.get(nasalKey(word));
}

const nasalKey = (word: string) => word.replace(/ँ/gu, 'ं');

const IRREGULAR_PLURALS: Record<string, string> = {
  child: 'children',
  man: 'men',
  woman: 'women',
  person: 'people',
  people: 'people',
};

/** English plural of a noun by the spelling rules ("country" → "countries", "tax" → "taxes"). */
export function plural(noun: string): string {
  if (IRREGULAR_PLURALS[noun]) return IRREGULAR_PLURALS[noun];
  // Participles, adjectives and adverbs the dictionary gives for a plural form stay as they are.
  if (/(ed|ing|ght|ly|ous|ful|ive)$/u.test(noun)) return noun;
  if (/(s|x|z|ch|sh)$/u.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/u.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

// How English letter names are written in Devanagari, for acronyms written out: "एनसीएलएटी" NCLAT.
const LETTERS: Record<string, string> = {
  ए: 'A',
  बी: 'B',
  सी: 'C',
  डी: 'D',
  ई: 'E',
  एफ: 'F',
  जी: 'G',
  एच: 'H',
  आई: 'I',
  जे: 'J',
  के: 'K',
  एल: 'L',
  एम: 'M',
  एन: 'N',
  ओ: 'O',
  पी: 'P',
  क्यू: 'Q',
  आर: 'R',
  एस: 'S',
  टी: 'T',
  यू: 'U',
  वी: 'V',
  डब्ल्यू: 'W',
  एक्स: 'X',
  वाई: 'Y',
  जेड: 'Z',
};
const LETTER_NAMES = Object.keys(LETTERS).sort((a, b) => b.length - a.length);

/** The letter a word names on its own ("सी" C), for initials written apart: "सी एन आर राव" C N R Rao. */
export function letterName(word: string): string | undefined {
  return word !== 'के' ? LETTERS[word.replace(/\u093C/gu, '')] : undefined;
}

/** The Latin acronym a word spells with letter names, or undefined ("एम्स" is a word, not letters). */
export function spelledAcronym(word: string): string | undefined {
  const w = word.replace(/\.|\u093C/gu, '');
  let out = '';
  let rest = w;
  while (rest) {
    const letter = LETTER_NAMES.find((l) => rest.startsWith(l));
    if (!letter) return undefined;
    out += LETTERS[letter];
    rest = rest.slice(letter.length);
  }
  return out.length >= 2 ? out : undefined;
}

const vocabularies = new WeakMap<Lexicon, Map<string, Array<{ en: string; rendering: boolean }>>>();

/** English words of the dictionary by phonetic skeleton, each marked whether it renders some Hindi word. */
function vocabulary(lexicon: Lexicon): Map<string, Array<{ en: string; rendering: boolean }>> {
  let v = vocabularies.get(lexicon);
  if (v) return v;
  v = new Map();
  const renderings = new Set([...lexicon.exact.values()].flat());
  for (const en of new Set([...renderings, ...(lexicon.headwords ?? [])])) {
    if (!/^[a-z]+$/u.test(en)) continue;
    const sk = latinSkeleton(en.replace(/tch/gu, 'ch'));
    v.set(sk, [...(v.get(sk) ?? []), { en, rendering: renderings.has(en) }]);
  }
  vocabularies.set(lexicon, v);
  return v;
}

/**
 * The English word a Hindi word transliterates, when one sounds the same ("टेनिस" tennis, "मैच" match)
 * or, for a long word, nearly ("कमांडर" commander). A rare headword (one that renders no Hindi word) must
 * be longer to count: short rare words are mostly names met by chance ("राकेश" is not "rakish").
 */
function loanword(word: string, lexicon: Lexicon): string | undefined {
  const sk = indicSkeleton(word);
  if (sk.length < 2) return undefined;
  // Hindi writes English "a" in "match" as ऐ and "-ion" as "-iyan": "maich" match, "champiyanship".
  // English "i" in "rifle" as ाइ: "raiphal";
  // "air" as एयर: "eyar".
  const roman = romanize(word).replace(/aa/gu, 'a').replace(/eya/gu, 'e');
  const keys = new Set(
    [roman.replace(/ai/gu, 'a'), roman.replace(/ai/gu, 'i')].map((k) => soundKey(k).replace(/iy/gu, 'i')),
  );
  const key = [...keys][0]!;
  let best: { en: string; d: number } | undefined;
  for (const { en, rendering } of vocabulary(lexicon).get(sk) ?? []) {
    if (key.length < (rendering ? 4 : 5)) continue;
    const other = soundKey(en);
    for (const k of keys) {
      // As many vowel groups on both sides: "tenis" is not "tens", "maut" not "mat".
      if (vowelGroups(k) !== vowelGroups(other)) continue;
      const d = distance(k, other);
      if (!best || d < best.d || (d === best.d && en.length < best.en.length)) best = { en, d };
    }
  }
  if (best && best.d <= (key.length >= 7 ? 1 : 0)) return best.en;
  // Else a common English word (one the dictionary renders some Hindi word with) whose vowels differ only
  // as Hindi spells English ones: "नंबर" number, "मॉडल" model, "टेबल" table.
  const spelled = soundKey(romanize(word).replace(/aa/gu, 'ā').replace(/eya/gu, 'e').replace(/ai/gu, 'a')).replace(
    /iy/gu,
    'i',
  );
  let near: { en: string; shifts: number } | undefined;
  for (const { en, rendering } of vocabulary(lexicon).get(sk) ?? []) {
    if (spelled.length < 4 || !rendering) continue;
    const shifts = vowelShifts(spelled, soundKey(en));
    if (shifts === undefined || shifts > 2) continue;
    if (!near || shifts < near.shifts || (shifts === near.shifts && en.length < near.en.length)) near = { en, shifts };
  }
  return near?.en;
}

/**
 * How many vowels of a Hindi sound key (inherent "a", long "ā") differ from an English one of the same
 * consonants, counting only the differences of Hindi's spelling of English vowels: the inherent vowel for
 * English "u"/"o" ("front", "number") and, in the last syllable, for an unstressed "e"/"a" ("number",
 * "model"); "e" for English "a" ("table"). Undefined when the keys differ otherwise.
 */
function vowelShifts(hindi: string, english: string): number | undefined {
  if (hindi.length !== english.length) return undefined;
  let shifts = 0;
  for (let i = 0; i < hindi.length; i++) {
    const h = hindi[i]!;
    const e = english[i]!;
    if (h === e || (h === 'ā' && e === 'a')) continue;
    const lastSyllable = i + 1 < hindi.length && !/[aeiouā]/u.test(hindi.slice(i + 1));
    if ((h === 'a' && (lastSyllable ? /[ae]/u : /[uo]/u).test(e)) || (h === 'e' && e === 'a')) shifts++;
    else return undefined;
  }
  return shifts;
}
