// Capitals of English headlines for the full names of organisations, places and days in a rendered title.
import type { Unit } from './title-unit.js';

// Head nouns of the names of organisations, events and days ("US Embassy", "Pollution Control Board",
// "World Braille Day"): a noun phrase that ends in one of them and holds a name names one of its kind.
const HEADS = new Set(
  `embassy ministry council committee commission board court day university congress corps force
  party department office bank authority tribunal festival fair games cup conference summit secretariat agency
  federation association organisation organization institute college school hospital station airport zone
  command front guard army navy league trust foundation fund mission academy society union parishad samiti sabha`
    .split(/\s+/u)
    .filter(Boolean),
);

// Words that stay in lower case inside a name: "Ministry of Road Transport and Highways".
const MINOR = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'a', 'an', '-']);

const isName = (u: Unit) => u.kind === 'content' && u.name && /^\p{Lu}/u.test(u.english);

/**
 * A noun phrase as English writes it when it is a proper name: every word but the minor ones capitalised
 * when its last word is the head noun of an organisation's, event's or day's name and another word is a
 * name ("US embassy" → "US Embassy"); any other phrase as it is ("death of 36 people").
 */
export function properNameCase(part: Unit[]): Unit[] {
  const content = part.filter((u): u is Unit & { kind: 'content' } => u.kind === 'content' && u.english !== '');
  const head = content.at(-1);
  if (!head || content.length < 2 || !HEADS.has(head.english.toLowerCase().split(' ').at(-1)!)) return part;
  // The name runs from the last name before the head: "green zone situated US Embassy".
  const from = part.findLastIndex((u, i) => i < part.indexOf(head) && isName(u));
  if (from < 0) return part;
  return part.map((u, i) =>
    i > from && u.kind === 'content' && !u.name ? { ...u, english: capitalWords(u.english) } : u,
  );
}

const capitalWords = (text: string) =>
  text
    .split(' ')
    .map((w) => (MINOR.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
