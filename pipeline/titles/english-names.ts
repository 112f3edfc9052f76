// The English name Devanagari words spell, from CLDR and the English word list.
import type { Lexicon } from '../represent/lexicon.js';
import { distance, soundKey, vowelGroups } from '../represent/sound-keys.js';
import { indicSkeleton, latinSkeleton, romanize } from '../represent/transliterate.js';

/**
 * English names a Devanagari spelling may transliterate ("ट्रंप" Trump, "बर्किना फासो" Burkina Faso),
 * matched by sound: the same consonant skeleton, as many vowel groups, and nearly the same vowels.
 * The names are CLDR's (countries and the cities of time zones, through `Intl`) and the capitalised words
 * of the English word list, when there is one.
 */

interface Name {
  english: string;
  key: string;
  cldr: boolean;
}
type Names = Map<string, Name[]>;

let cldr: Name[] | undefined;

/** English names of countries and of time-zone cities ("Asia/Kolkata" Kolkata, "America/New_York" New York). */
function cldrNames(): Name[] {
  if (cldr) return cldr;
  const region = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
  const names = new Set<string>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const name = region.of(a + b);
      if (name) names.add(name.replace(/\s*\(.*\)\s*/u, ''));
    }
  }
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.split('/').at(-1)!;
    if (zone.includes('/') && !/^(GMT|UTC|UCT|Zulu|[A-Z]{2,4}\d*)/u.test(city)) names.add(city.replace(/_/gu, ' '));
  }
  cldr = [...names]
    .filter((n) => /^[A-Za-z ]+$/u.test(n))
    .map((english) => ({ english, key: nameKey(english), cldr: true }));
  return cldr;
}

/** The sound key of a name, its words run together: "Burkina Faso" → "burkinafaso". */
const nameKey = (english: string) => soundKey(english.replace(/\s+/gu, ''));

const indexes = new WeakMap<object, Names>();
const NO_WORDS = {};

const commons = new WeakMap<object, Set<string>>();

/** Words the word list also has in lower case ("Braille", "braille"): common words more than rare names. */
function commonWords(lexicon: Lexicon | null): Set<string> {
  const owner = lexicon ?? NO_WORDS;
  let set = commons.get(owner);
  if (!set) commons.set(owner, (set = new Set((lexicon?.words ?? []).filter((w) => /^[a-z]+$/u.test(w)))));
  return set;
}

/** Among names as near: CLDR's first, then those that are also common words. */
const rank = (name: Name, common: Set<string>) => (name.cldr ? 0 : common.has(name.english.toLowerCase()) ? 1 : 2);

/** Names by consonant skeleton. */
function names(lexicon: Lexicon | null): Names {
  const owner = lexicon ?? NO_WORDS;
  let index = indexes.get(owner);
  if (index) return index;
  index = new Map();
  const words = (lexicon?.words ?? [])
    .filter((w) => /^[A-Z][a-z]+$/u.test(w))
    .map((english) => ({ english, key: soundKey(english), cldr: false }));
  for (const name of [...cldrNames(), ...words]) {
    const sk = latinSkeleton(name.english);
    index.set(sk, [...(index.get(sk) ?? []), name]);
  }
  indexes.set(owner, index);
  return index;
}

/**
 * The English name one or more Devanagari words spell ("ट्रंप" Trump, "बर्किना फासो" Burkina Faso), or
 * undefined. A CLDR name wins over a word list's one. A short spelling may be half a vowel off a CLDR
 * name, or off a word list's name only where the words are known to be a name (`inName`: after an office
 * title): elsewhere an unknown Hindi word is as likely to meet a brand ("कड़ाके" is not Kodak).
 */
export function englishName(words: string[], lexicon: Lexicon | null, inName = false): string | undefined {
  const sk = words.map(indicSkeleton).join('');
  if (sk.length < 3) return undefined;
  const roman = words.map((w) => romanize(w).replace(/aa/gu, 'a')).join('');
  const keys = new Set([roman, roman.replace(/ai/gu, 'i')].map((k) => soundKey(k).replace(/iy/gu, 'i')));
  const common = commonWords(lexicon);
  let best: { name: Name; d: number } | undefined;
  for (const name of names(lexicon).get(sk) ?? []) {
    if (words.length > 1 && !name.english.includes(' ')) continue;
    for (const key of keys) {
      if (key.length < 4 || vowelGroups(key) !== vowelGroups(name.key)) continue;
      const d = distance(key, name.key, true);
      if (!best || d < best.d || (d === best.d && rank(name, common) < rank(best.name, common))) best = { name, d };
    }
  }
  const limit = [...keys][0]!.length >= 7 ? 1 : best?.name.cldr || inName ? 0.5 : 0;
  return best && best.d <= limit ? best.name.english : undefined;
}
