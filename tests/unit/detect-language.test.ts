import { describe, expect, it } from 'vitest';
import { detectLanguage, dominantScript } from '../../pipeline/detect-language.js';
import { segmentPage } from '../../pipeline/segment-page.js';
import { seedPages } from '../helpers/seeds.js';

const options = { allowed: ['en', 'hi', 'ur'], minLetters: 20 };

describe('detectLanguage', () => {
  it('finds English and Hindi in every seed article', () => {
    const langs = Object.entries(seedPages()).flatMap(([file, page]) =>
      segmentPage(page).map((a) => `${file.slice(0, 3)}:${detectLanguage(`${a.title}\n${a.text}`, options).lang}`),
    );
    expect(langs).toEqual(['000:en', '000:en', '000:en', '000:en', '001:hi', '002:en', '003:en', '003:en', '004:en']);
  });

  it.each([
    ['Pakistan and Russia signed a protocol to restore the steel mill in Karachi', 'en'],
    ['पाकिस्तान और रूस ने कराची स्टील मिल को फिर से शुरू करने के लिए समझौता किया', 'hi'],
    ['پاکستان اور روس نے کراچی میں اسٹیل ملز کی بحالی کے لیے ایک معاہدے پر دستخط کیے', 'ur'],
    ['Le gouvernement français a annoncé mardi une nouvelle réforme des retraites', 'fr'],
    ['Die Bundesregierung hat am Dienstag ein neues Gesetz zur Rente beschlossen', 'de'],
    ['Правительство России во вторник объявило о новой пенсионной реформе страны', 'ru'],
  ])('%s → %s (other languages keep their own code)', (text, lang) => {
    expect(detectLanguage(text, options).lang).toBe(lang);
  });

  it('leans towards the allowed languages on short headlines', () => {
    expect(detectLanguage('Delhi to stay sunny today, says weather office', options).lang).toBe('en');
  });

  it('answers und when the text is too short to tell', () => {
    expect(detectLanguage('PSM', options)).toMatchObject({ lang: 'und', confidence: 0 });
    expect(detectLanguage('12 345 — !!', options).lang).toBe('und');
  });

  it('ignores Latin acronyms inside Hindi text', () => {
    expect(detectLanguage('कराची स्थित PSM में स्टील उत्पादन को फिर से शुरू करने के लिए LLC और SAPM', options).lang).toBe('hi');
  });

  it('reports the dominant script and its share', () => {
    expect(dominantScript('रूस ने PSM')).toMatchObject({ script: 'Devanagari' });
    expect(dominantScript('abc').share).toBe(1);
  });
});
