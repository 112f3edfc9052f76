// A light Hindi stemmer that strips the longest inflectional suffix (Ramanathan & Rao 2003).

/**
 * Light Hindi stemmer after Ramanathan & Rao, "A Lightweight Stemmer for Hindi" (2003): strips the
 * longest matching inflectional suffix while keeping a stem of at least two characters.
 */
const SUFFIXES = [
  // Longest first; lists from the paper, grouped by length.
  'ाएंगी',
  'ाएंगे',
  'ाऊंगी',
  'ाऊंगा',
  'ाइयाँ',
  'ाइयों',
  'ाइयां',
  'ाएगी',
  'ाएगा',
  'ाओगी',
  'ाओगे',
  'एंगी',
  'एंगे',
  'ऊंगी',
  'ऊंगा',
  'ातीं',
  'नाओं',
  'नाएं',
  'ताओं',
  'ताएं',
  'ियाँ',
  'ियों',
  'ियां',
  'ाकर',
  'ाइए',
  'ाईं',
  'ाया',
  'ेगी',
  'ेगा',
  'ोगी',
  'ोगे',
  'ाने',
  'ाना',
  'ाते',
  'ाती',
  'ाता',
  'तीं',
  'ाओं',
  'ाएं',
  'ुओं',
  'ुएं',
  'ुआं',
  'कर',
  'ाओ',
  'िए',
  'ाई',
  'ाए',
  'ने',
  'नी',
  'ना',
  'ते',
  'ीं',
  'ती',
  'ता',
  'ाँ',
  'ां',
  'ों',
  'ें',
  'ो',
  'े',
  'ू',
  'ु',
  'ी',
  'ि',
  'ा',
];

/** Returns the stem of one Devanagari word. */
export function stemHindi(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && [...word].length - [...suffix].length >= 2) return word.slice(0, -suffix.length);
  }
  return word;
}
