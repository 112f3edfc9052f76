import { describe, expect, it } from 'vitest';
import { createGlossTranslator, glossTitle } from '../../pipeline/gloss-title.js';
import { stemHindi } from '../../pipeline/hindi-stem.js';
import { lookUp, parseFreeDict } from '../../pipeline/lexicon.js';
import { freedict } from '../helpers/lexicon.js';

// The dictd text layout of FreeDict English–Hindi: headword, numbered senses, quoted examples.
const SAMPLE = `00-database-info
steel /stˈiːl/ <N>
1. इस्पात
      "Steel utensils are easy to wash."
country /kˈʌntri/ <N>
1. देश, राष्ट्र
      "India is a big country. The country voted."
soil /sˈɔɪl/ <N>
1. मिट्टी, देश
      "The soil is wet."
agreement /ɐɡɹˈiːmənt/ <N>
1. समझौता
      "They signed an agreement."
abandon /ɐbˈandən/ <V>
1. छोड़~देना
      "Do not abandon hope."
`;

describe('parseFreeDict', () => {
  const lexicon = parseFreeDict(SAMPLE);

  it('inverts English→Hindi into Hindi→English', () => {
    expect(lexicon.exact.get('इस्पात')).toEqual(['steel']);
    expect(lexicon.exact.get('राष्ट्र')).toEqual(['country']);
  });

  it('puts the English word that is more common in the examples first', () => {
    expect(lexicon.exact.get('देश')).toEqual(['country', 'soil']);
  });

  it('reads the content word of a verb phrase with a light verb', () => {
    expect(lexicon.exact.get('छोड़')).toEqual(['abandon']);
  });

  it('finds inflected forms by stem, but not an uninflected word by the stem of another', () => {
    expect(lookUp(lexicon, 'समझौते', stemHindi('समझौते'))).toEqual(['agreement']);
    const realistic = freedict();
    expect(lookUp(realistic, 'रूस', 'रूस')).toBeUndefined();
  });
});

describe('glossTitle', () => {
  it('glosses dictionary words and romanises names', () => {
    expect(glossTitle('पाकिस्तान स्टील मिल समझौता', freedict())).toMatch(/^Pakistan Stil (mill|Mil) (agreement|pact|settlement|treaty)$/);
  });

  it('passes English through and glosses Hindi only', async () => {
    const t = createGlossTranslator(freedict());
    expect(await t.toEnglish('Pakistan signs steel deal', 'en')).toBe('Pakistan signs steel deal');
    expect(await t.toEnglish('भारत और रूस', 'hi')).not.toMatch(/\p{Script=Devanagari}/u);
  });
});
