/**
 * Phonetic skeletons that let a name written in Devanagari, Urdu or Latin script meet itself:
 * "पाकिस्तान", "پاکستان" and "Pakistan" all give "pkstn". Vowels, aspiration and gemination are dropped
 * because the scripts and romanisations disagree on them; consonants fold to broad classes.
 */
import { wordMemo } from './word-memo.js';

// prettier-ignore
const DEVANAGARI: Record<string, string> = {
  क: 'k', ख: 'k', ग: 'g', घ: 'g', ङ: 'n', च: 'c', छ: 'c', ज: 'j', झ: 'j', ञ: 'n', ट: 't', ठ: 't', ड: 'd', ढ: 'd',
  ण: 'n', त: 't', थ: 't', द: 'd', ध: 'd', न: 'n', प: 'p', फ: 'f', ब: 'b', भ: 'b', म: 'm', य: '', र: 'r', ल: 'l',
  ळ: 'l', व: 'v', श: 's', ष: 's', स: 's', ह: '', क़: 'k', ख़: 'k', ग़: 'g', ज़: 'j', झ़: 'j', फ़: 'f', ड़: 'r',
  ढ़: 'r', य़: '', 'ं': 'n', 'ँ': 'n', 'ः': '',
};
// prettier-ignore
const ARABIC: Record<string, string> = {
  ب: 'b', پ: 'p', ت: 't', ٹ: 't', ث: 's', ج: 'j', چ: 'c', ح: '', خ: 'k', د: 'd', ڈ: 'd', ذ: 'j', ر: 'r', ڑ: 'r',
  ز: 'j', ژ: 'j', س: 's', ش: 's', ص: 's', ض: 'j', ط: 't', ظ: 'j', ع: '', غ: 'g', ف: 'f', ق: 'k', ک: 'k', ك: 'k',
  گ: 'g', ل: 'l', م: 'm', ن: 'n', ں: 'n', و: 'v', ہ: '', ه: '', ھ: '', ی: '', ي: '', ے: '', ء: '', ا: '', آ: '',
  ئ: '',
};
const LATIN_RULES: Array<[RegExp, string]> = [
  // "-tion" and "-ssion" sound "shan": "नेशनल" national, "मिशन" mission.
  [/(?:t|ss)(?=ion)/g, 's'],
  [/tch/g, 'c'],
  [/ch/g, 'c'],
  [/sh/g, 's'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/bh/g, 'b'],
  [/jh/g, 'j'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/z/g, 'j'],
  [/w$/g, ''],
  [/w(?=[^aeiou])/g, ''],
  [/c(?=[eiy])/g, 's'],
  [/g(?=[ei])/g, 'j'],
  [/c/g, 'k'],
  [/w/g, 'v'],
  [/[aeiouyh]/g, ''],
];

function collapse(s: string): string {
  return s.replace(/(.)\1+/g, '$1');
}

/** Skeleton of a Latin-script word. */
export function latinSkeleton(word: string): string {
  // Keep "ch" (c) distinct from a hard c: only c before e/i/y softens, every other c is k.
  let s = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]/g, '');
  s = s.replace(/ch/g, '\u0001');
  for (const [re, to] of LATIN_RULES) s = s.replace(re, to);
  return collapse(s.replace(/\u0001/g, 'c'));
}

/** Skeleton of a Devanagari or Arabic-script (Urdu) word. */
export function indicSkeleton(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFC')) {
    const base = DEVANAGARI[ch] ?? ARABIC[ch];
    if (base !== undefined) out += base;
    else if (ch === '\u093C' && out.endsWith('j')) continue; // nukta already folded
  }
  // Anusvara before a labial sounds m: "कंपनी" company.
  return collapse(out.replace(/n(?=[pb])/g, 'm'));
}

/** Skeleton of a word in any supported script; empty when it has no consonants. */
export const skeleton: (word: string) => string = wordMemo((word) =>
  /[\p{Script=Devanagari}\p{Script=Arabic}]/u.test(word) ? indicSkeleton(word) : latinSkeleton(word),
);

// prettier-ignore
const DEV_VOWELS: Record<string, string> = {
  अ: 'a', आ: 'aa', इ: 'i', ई: 'ee', उ: 'u', ऊ: 'oo', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au', ऑ: 'o', 'ा': 'a',
  'ि': 'i', 'ी': 'i', 'ु': 'u', 'ू': 'u', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o',
};
// prettier-ignore
const DEV_CONSONANTS: Record<string, string> = {
  क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n', ट: 't', ठ: 'th', ड: 'd',
  ढ: 'dh', ण: 'n', त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n', प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y', र: 'r',
  ल: 'l', ळ: 'l', व: 'v', श: 'sh', ष: 'sh', स: 's', ह: 'h', क़: 'q', ख़: 'kh', ग़: 'gh', ज़: 'z', फ़: 'f', ड़: 'r',
  ढ़: 'rh', य़: 'y',
};

// Consonants with a nukta, for Urdu and English sounds: "क़" q, "ज़" z, "फ़" f.
const NUKTA: Record<string, string> = { क: 'q', ख: 'kh', ग: 'gh', ज: 'z', झ: 'zh', फ: 'f', ड: 'r', ढ: 'rh', य: 'y' };

// Long vowels written as letters, as Indian English spells them: at the start and after a vowel
// ("आकाश" Akash, "गोगोई" Gogoi, "भाई" bhai).
const INDEPENDENT: Record<string, [string, string]> = { आ: ['a', 'a'], ई: ['ee', 'i'], ऊ: ['oo', 'u'] };

/** Readable Latin spelling of a Devanagari word ("पाकिस्तान" → "pakistan"), for names in English titles. */
export function romanize(word: string): string {
  const chars = [...word.normalize('NFC')];
  // Segments: consonants (c), written vowels (v), inherent vowels (a) that schwa deletion may drop, and the rest.
  const segments: Array<{ text: string; kind: 'c' | 'v' | 'a' | 'other' }> = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    // NFC keeps a consonant and its nukta apart ("ख़" is a composition exclusion): read them as one letter.
    const nukta = chars[i + 1] === '\u093C' && NUKTA[ch] !== undefined;
    if (nukta) i++;
    const next = chars[i + 1];
    const consonant = nukta ? NUKTA[ch] : DEV_CONSONANTS[ch];
    if (consonant !== undefined) {
      // व closing a cluster is w in Indian English spelling ("स्वामी" Swami, "द्विवेदी" Dwivedi), but v after
      // r ("पर्व" Parv, "पूर्वा" Purva).
      const w = ch === 'व' && chars[i - 1] === '्' && chars[i - 2] !== 'र';
      segments.push({ text: w ? 'w' : consonant, kind: 'c' });
      const signFollows = next !== undefined && (DEV_VOWELS[next] !== undefined || next === '्' || next === '\u093C');
      if (!signFollows && next !== 'ः') segments.push({ text: 'a', kind: 'a' });
    } else if (DEV_VOWELS[ch] !== undefined)
      segments.push({ text: INDEPENDENT[ch]?.[i === 0 ? 0 : 1] ?? DEV_VOWELS[ch], kind: 'v' });
    else if (ch === 'ं' || ch === 'ँ') {
      segments.push({
        text: /[pbm]/.test(DEV_CONSONANTS[next ?? ''] ?? '') ? 'm' : next === 'ह' ? 'ng' : 'n',
        kind: 'other',
      });
    } else if (/\p{L}|\p{N}/u.test(ch) && ch.charCodeAt(0) < 0x0900) segments.push({ text: ch, kind: 'other' });
  }
  // Schwa deletion (Narasimhan et al. 2004, simplified): a word-final inherent vowel is silent, unless it
  // ends a cluster with r or y ("नरेंद्र" Narendra, "राज्य" Rajya); from the right, one between a vowel and
  // consonant and a consonant and vowel is silent too ("अहमद" Ahmad, "राजनीतिक" rajnitik).
  const vowel = (k: number) => segments[k]?.kind === 'v' || segments[k]?.kind === 'a';
  const last = segments.length - 1;
  const cluster = /\u094D[रय]$/u.test(word.normalize('NFC'));
  if (segments[last]?.kind === 'a' && !cluster && last > 1) segments[last]!.text = '';
  for (let k = last - 1; k >= 2; k--) {
    const s = segments[k]!;
    if (s.kind !== 'a') continue;
    const context =
      segments[k - 1]?.kind === 'c' &&
      vowel(k - 2) &&
      segments[k + 1]?.kind === 'c' &&
      vowel(k + 2) &&
      segments[k + 2]!.text !== '';
    if (context) s.text = '';
  }
  return segments.map((s) => s.text).join('');
}

// prettier-ignore
const URDU: Record<string, string> = {
  ب: 'b', پ: 'p', ت: 't', ٹ: 't', ث: 's', ج: 'j', چ: 'ch', ح: 'h', خ: 'kh', د: 'd', ڈ: 'd', ذ: 'z', ر: 'r', ڑ: 'r',
  ز: 'z', ژ: 'zh', س: 's', ش: 'sh', ص: 's', ض: 'z', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ک: 'k', ك: 'k',
  گ: 'g', ل: 'l', م: 'm', ن: 'n', ں: 'n', ہ: 'h', ه: 'h', ھ: 'h', ء: '', ئ: 'i', آ: 'aa', ة: 'a',
};

/**
 * Readable Latin spelling of an Urdu word ("پاکستان" → "pakistan" is beyond it: "pakstan"). Urdu leaves
 * short vowels unwritten, so only the long vowels alif, vao and ye come out as vowels.
 */
export function romanizeUrdu(word: string): string {
  const chars = [...word.normalize('NFC')];
  let out = '';
  for (const [i, ch] of chars.entries()) {
    const first = i === 0;
    if (ch === 'ا') out += 'a';
    else if (ch === 'و') out += first ? 'v' : 'o';
    else if (ch === 'ی' || ch === 'ي') out += first ? 'y' : 'i';
    else if (ch === 'ے') out += 'e';
    else if (ch === 'ہ' || ch === 'ه') out += i === chars.length - 1 && i > 0 ? 'a' : 'h';
    else if (URDU[ch] !== undefined) out += URDU[ch];
    else if (/\p{N}/u.test(ch)) out += ch;
  }
  return out.replace(/aa+/gu, 'a');
}
