// Tests language detection: the seeds, languages sharing a script, headlines and declared priors.
import { describe, expect, it } from 'vitest';
import { detectLanguage, dominantScript } from '../../pipeline/language/detect-language.js';
import { segmentPage } from '../../pipeline/extract/segment-page.js';
import { loadLanguageIdentifier } from '../../adapters/language-identifier.js';
import { seedPages } from '../helpers/seeds.js';

const detector = { expected: ['en', 'hi', 'ur'], minLetters: 5, identifier: await loadLanguageIdentifier() };
const open = { ...detector, expected: [] };

describe('detectLanguage', () => {
  it('finds English and Hindi in every seed article', () => {
    const langs = Object.entries(seedPages()).flatMap(([file, page]) =>
      segmentPage(page).map((a) => `${file.slice(0, 3)}:${detectLanguage(`${a.title}\n${a.text}`, detector).lang}`),
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
    expect(detectLanguage(text, detector).lang).toBe(lang);
  });

  // Headline-length titles, as feed entries without a body bring them; written for these tests.
  it.each([
    ['Floods close schools across three districts', 'en'],
    ['Talks on steel mill revival resume in Karachi', 'en'],
    ['भारी बारिश के बाद तीन जिलों में स्कूल बंद', 'hi'],
    ['कराची स्टील मिल पर बातचीत फिर शुरू', 'hi'],
    ['شدید بارش کے بعد تین اضلاع میں اسکول بند', 'ur'],
    ['وزیر اعظم نے نئے منصوبے کا اعلان کیا', 'ur'],
    ['إغلاق المدارس في ثلاث محافظات بعد أمطار غزيرة', 'ar'],
    ['رئيس الوزراء يعلن عن مشروع جديد', 'ar'],
    ['تعطیلی مدارس در سه استان پس از باران شدید', 'fa'],
    ['نخست وزیر از طرح تازه‌ای خبر داد', 'fa'],
    ['Школы закрыты в трёх районах после сильных дождей', 'ru'],
    ['Escolas fecham em três distritos após chuvas fortes', 'pt'],
    ['Governo anuncia novo plano para as estradas do país', 'pt'],
    ['Cierran las escuelas en tres distritos tras las lluvias', 'es'],
    ['Schulen in drei Bezirken nach starkem Regen geschlossen', 'de'],
    ['Le gouvernement annonce un nouveau plan pour les routes', 'fr'],
    ['Po močnem deževju zaprli šole v treh okrožjih', 'sl'],
    ['Parlament sprejel proračun za prihodnje leto', 'sl'],
  ])('short title %s → %s', (text, lang) => {
    expect(detectLanguage(text, detector).lang).toBe(lang);
    // The expected languages are a prior, not a limit: without them the answer is the same.
    expect(detectLanguage(text, open).lang).toBe(lang);
  });

  it('tells Urdu, Arabic and Persian apart although they share a script', () => {
    const codes = [
      'کراچی اسٹیل مل پر بات چیت دوبارہ شروع',
      'استئناف المحادثات حول مصنع الصلب في كراتشي',
      'گفتگوها درباره کارخانه فولاد کراچی از سر گرفته شد',
    ].map((t) => detectLanguage(t, open).lang);
    expect(codes).toEqual(['ur', 'ar', 'fa']);
  });

  it('tells Hindi from Marathi and Nepali; where the model hesitates, the declared language decides', () => {
    expect(detectLanguage('मुसळधार पावसामुळे तीन जिल्ह्यांतील शाळा बंद', detector).lang).toBe('mr');
    expect(detectLanguage('सरकारले नयाँ योजना घोषणा गर्‍यो', detector).lang).toBe('ne');
    expect(detectLanguage('राज्य सरकारने नवीन योजना जाहीर केली', detector, 'mr').lang).toBe('mr');
    expect(detectLanguage('भारी वर्षाका कारण तीन जिल्लामा विद्यालय बन्द', detector, 'ne-NP').lang).toBe('ne');
    expect(detectLanguage('सरकार ने नई योजना की घोषणा की', detector, 'mr').lang).toBe('hi');
  });

  it('reads a headline in capitals', () => {
    expect(detectLanguage('FLOODS CLOSE SCHOOLS ACROSS THREE DISTRICTS', open).lang).toBe('en');
    expect(detectLanguage('LES ÉCOLES FERMÉES APRÈS LES PLUIES', open).lang).toBe('fr');
  });

  it('takes the declared language as a prior: it settles an ambiguous title', () => {
    expect(detectLanguage('Real Madrid gana', open).lang).not.toBe('es');
    expect(detectLanguage('Real Madrid gana', open, 'es-ES').lang).toBe('es');
    expect(detectLanguage('Slovenija ima novo vlado', open).lang).not.toBe('sl');
    expect(detectLanguage('Slovenija ima novo vlado', open, 'sl').lang).toBe('sl');
  });

  it('does not let the declared language override a clear one', () => {
    expect(detectLanguage('भारी बारिश के बाद तीन जिलों में स्कूल बंद', detector, 'en').lang).toBe('hi');
    expect(detectLanguage('رئيس الوزراء يعلن عن مشروع جديد', detector, 'ur').lang).toBe('ar');
    expect(detectLanguage('Floods close schools across three districts', detector, 'hi_IN').lang).toBe('en');
    expect(detectLanguage('Escolas fecham em três distritos após chuvas fortes', detector, 'es').lang).toBe('pt');
  });

  it('answers und when the text is too short to tell', () => {
    expect(detectLanguage('PSM', detector)).toMatchObject({ lang: 'und', confidence: 0 });
    expect(detectLanguage('12 345 — !!', detector).lang).toBe('und');
  });

  it('when the model knows none of the words, takes the declared language, else an expected one in that script', () => {
    expect(detectLanguage('Textile exports fall', open).lang).toBe('und');
    expect(detectLanguage('Textile exports fall', open, 'en-SG').lang).toBe('en');
    expect(detectLanguage('Textile exports fall', detector)).toMatchObject({ lang: 'en', confidence: 0 });
    expect(detectLanguage('Textile exports fall', { ...open, expected: ['hi', 'ur'] }).lang).toBe('und');
  });

  it('ignores Latin acronyms inside Hindi text', () => {
    expect(detectLanguage('कराची स्थित PSM में स्टील उत्पादन को फिर से शुरू करने के लिए LLC और SAPM', detector).lang).toBe('hi');
  });

  it('reports the dominant script and its share', () => {
    expect(dominantScript('रूस ने PSM')).toMatchObject({ script: 'Devanagari' });
    expect(dominantScript('abc').share).toBe(1);
  });
});
