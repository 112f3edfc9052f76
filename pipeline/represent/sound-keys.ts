/**
 * Spellings of words close to how they sound, and a distance between them, for telling which English word
 * a Devanagari spelling transliterates ("टेनिस" tennis, not tense).
 */

/** A spelling of a word close to how it sounds, vowels kept: for telling "tennis" from "tense". */
export function soundKey(latin: string): string {
  return latin
    .toLowerCase()
    .replace(/t?ch/gu, '\u0001')
    .replace(/tional/gu, 'shnal')
    .replace(/tion/gu, 'shan')
    .replace(/ph/gu, 'f')
    .replace(/ck/gu, 'k')
    .replace(/qu/gu, 'kv')
    .replace(/x/gu, 'ks')
    .replace(/c(?=[eiy])/gu, 's')
    .replace(/g(?=[eiy])/gu, 'j')
    .replace(/c/gu, 'k')
    .replace(/w/gu, 'v')
    .replace(/z/gu, 'j')
    .replace(/q/gu, 'k')
    .replace(/(ee|ea|ie)/gu, 'i')
    .replace(/(oo|ou)/gu, 'u')
    .replace(/oa/gu, 'o')
    .replace(/ai/gu, 'e')
    .replace(/y$/u, 'i')
    .replace(/(?<=[bcdfgkmnptvz])le(s?)$/u, 'al$1')
    .replace(/(?<=[aeiou][^aeiou])es$/u, 's')
    .replace(/(?<=\w\w)e$/u, '')
    .replace(/(.)\1+/gu, '$1')
    .replace(/\u0001/gu, 'ch');
}

const VOWEL = /[aeiou]/u;
export const vowelGroups = (s: string) => (s.match(/[aeiou]+/gu) ?? []).length;

// Unstressed vowels are spelled many ways in English ("commander", "kamandar"): half a difference between
// neighbouring vowels, a whole one between distant ones ("tenis" is not "tenus", "prant" not "print").
const NEAR_VOWELS = new Set(['ae', 'ao', 'ei', 'ou']);
const substitution = (x: string, y: string) =>
  x === y ? 0 : VOWEL.test(x) && VOWEL.test(y) && NEAR_VOWELS.has([x, y].sort().join('')) ? 0.5 : 1;

/**
 * Edit distance of two sound keys, vowel changes weighed by `substitution`. With `schwa`, an "a" of `a` (a
 * Hindi inherent vowel, which stands for any short English vowel: "ट्रंप" tramp is Trump) differs from any
 * vowel of `b` by half.
 */
export function distance(a: string, b: string, schwa = false): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(
        row[j]! + 1,
        row[j - 1]! + 1,
        diagonal +
          (schwa && a[i - 1] === 'a' && VOWEL.test(b[j - 1]!) && a[i - 1] !== b[j - 1]
            ? 0.5
            : substitution(a[i - 1]!, b[j - 1]!)),
      );
      diagonal = above;
    }
  }
  return row[b.length]!;
}
