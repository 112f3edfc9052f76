import { lookUp, type Lexicon } from './lexicon.js';
import type { Translator } from './ports.js';
import { tokenize } from './tokenize.js';
import { romanize } from './transliterate.js';

/**
 * Word-by-word English gloss of a Hindi title: dictionary words take their first rendering, names and
 * loanwords are romanised. Not a translation, but enough for a reader to recognise the story.
 */
export function glossTitle(title: string, lexicon: Lexicon | null): string {
  const words = tokenize(title).map((t) => {
    if (t.script !== 'devanagari') return t.script === 'latin' && t.capitalised ? t.word.toUpperCase() === t.word ? t.word : cap(t.word) : t.word;
    const english = lexicon ? lookUp(lexicon, t.word, t.stem) : undefined;
    return english?.[0] ?? cap(romanize(t.word));
  });
  const gloss = words.join(' ');
  return gloss ? gloss[0]!.toUpperCase() + gloss.slice(1) : title;
}

const cap = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

/** The offline `Translator`: English passes through, Devanagari titles get a gloss. */
export function createGlossTranslator(lexicon: Lexicon | null): Translator {
  return {
    mode: 'offline',
    async toEnglish(text: string, lang: string): Promise<string> {
      return lang === 'en' || !/\p{Script=Devanagari}/u.test(text) ? text : glossTitle(text, lexicon);
    },
  };
}
