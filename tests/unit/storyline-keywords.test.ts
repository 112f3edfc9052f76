// Tests storyline keyword hits: word boundaries, prominence and inflected forms.
import { describe, expect, it } from 'vitest';
import { findKeywordHits, LEAD_CHARS, wordKey } from '../../pipeline/storylines/storyline-keywords.js';

const far = (s: string) => `${'Other news of the day. '.repeat(Math.ceil(LEAD_CHARS / 20))}${s}`;

describe('findKeywordHits', () => {
  it.each([
    ['a zero-width joiner inside a Devanagari word', 'कोटा अस्पताल में बच्‍चों की मौत', ['बच्चों की मौत']],
    ['the Hindi oblique form of a noun', 'जंगलों में आग से तबाही', ['जंगल में आग']],
    ['an English plural', 'Bush fires spread', ['bush fire']],
    ['a keyword written with a joiner, the text without', 'ऑस्ट्रेलिया में आग', ['ऑस्‍ट्रेलिया']],
    ['the people of a place', 'Iranians mourn the general', ['Iran']],
    ['the adjective of a place', 'Iraqi parliament votes', ['Iraq']],
    ['the adjective of the last word of a place', 'Sri Lankan team arrives', ['Sri Lanka']],
    ['the Hindi adjective of a place', 'ईरानी जनरल की मौत', ['ईरान']],
  ])('matches through %s', (_, text, keywords) => {
    expect(findKeywordHits(text, '', keywords).found).toEqual(keywords);
  });

  it('keeps word boundaries: no hit inside a longer word', () => {
    expect(findKeywordHits('Kotagiri tea estates and CAAs', '', ['Kota', 'CAA']).found).toEqual([]);
    // Only place-name endings, only after the last word, and not on short keys.
    expect(findKeywordHits('Iranistan; Lankan Sri; CAAn', '', ['Iran', 'Sri Lanka', 'CAA']).found).toEqual([]);
  });

  it('tells a keyword the article is about (title, lead, repeated) from one mentioned on the way', () => {
    const keywords = ['Soleimani', 'Baghdad', 'Tehran', 'Iran'];
    const text = `Tehran said today it would respond. ${far('Soleimani was mentioned once. Baghdad too. And Baghdad again.')}`;
    const hits = findKeywordHits('Iran warns the US', text, keywords);
    expect(hits.found).toEqual(['Soleimani', 'Baghdad', 'Tehran', 'Iran']);
    expect(hits.prominent).toEqual(['Baghdad', 'Tehran', 'Iran']);
  });
});

describe('wordKey', () => {
  it.each([
    ['fires', 'fire'],
    ['sikhs', 'sikh'],
    ['press', 'press'],
    ['caa', 'caa'],
    ['गुरुद्वारे', 'गुरुद्वार'],
    ['गुरुद्वारा', 'गुरुद्वार'],
    ['सीएए', 'सीएए'],
  ])('%s → %s', (word, key) => expect(wordKey(word)).toBe(key));
});
