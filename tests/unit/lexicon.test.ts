// Tests the inverted FreeDict lexicon: renderings, their order, phrases and look-up by stem.
import { describe, expect, it } from 'vitest';
import { stemHindi } from '../../pipeline/represent/hindi-stem.js';
import { lookUp, parseFreeDict, phraseKeyOf } from '../../pipeline/represent/lexicon.js';
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
accident /ˈaksɪdənt/ <N>
1. दुर्घटना, सड़क दुर्घटना
      "A road accident."
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

  it('keeps renderings of two or three words as phrases, and not as words', () => {
    expect(lexicon.phrases?.get(phraseKeyOf(['सड़क', 'दुर्घटना']))).toEqual(['accident']);
    expect(lexicon.exact.get('सड़क')).toBeUndefined();
    expect(lexicon.phrases?.has(phraseKeyOf(['छोड़', 'देना']))).toBe(false);
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
