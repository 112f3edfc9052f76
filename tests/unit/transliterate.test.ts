// Tests the phonetic skeletons that keep names apart and the romanisation of Devanagari.
import { describe, expect, it } from 'vitest';
import { romanize, skeleton } from '../../pipeline/represent/transliterate.js';

describe('skeleton', () => {
  it.each([
    ['Pakistan', 'पाकिस्तान'],
    ['Pakistan', 'پاکستان'],
    ['Moscow', 'मॉस्को'],
    ['Karachi', 'कराची'],
    ['steel', 'स्टील'],
    ['Velichko', 'वेलिच्को'],
    ['industrial', 'इंडस्ट्रियल'],
    ['engineering', 'इंजीनियरिंग'],
    ['protocol', 'प्रोटोकॉल'],
    ['Khan', 'खान'],
    ['Anjum', 'अंजुम'],
    ['company', 'कंपनी'],
    ['Kashmir', 'कश्मीर'],
    ['Thackeray', 'ठाकरे'],
  ])('%s and %s meet', (latin, indic) => {
    expect(skeleton(latin)).toBe(skeleton(indic));
    expect(skeleton(latin).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps different names apart', () => {
    expect(skeleton('Karachi')).not.toBe(skeleton('Lahore'));
    expect(skeleton('मॉस्को')).not.toBe(skeleton('Beijing'));
  });
});

describe('romanize', () => {
  it.each([
    ['पाकिस्तान', 'pakistan'],
    ['कराची', 'karachi'],
    ['वेलिच्को', 'velichko'],
    ['अंजुम', 'anjum'],
    ['दस्तखत', 'dastakhat'],
  ])('%s → %s', (word, latin) => expect(romanize(word)).toBe(latin));
});
