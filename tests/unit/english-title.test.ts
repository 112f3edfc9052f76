// Tests the offline English titles of Hindi and Urdu headlines: names, numbers, dates and word order.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishName } from '../../pipeline/titles/english-names.js';
import { spellingKey, spellingVariant } from '../../pipeline/represent/hindi-variants.js';
import { pastParticiple, presentTense } from '../../pipeline/titles/english-verbs.js';
import { createOfflineTranslator, englishNumber, englishTitle } from '../../pipeline/titles/english-title.js';
import { hindiNames } from '../../pipeline/titles/title-names.js';
import { plural, renderWord, spelledAcronym } from '../../pipeline/titles/title-words.js';
import { romanize, romanizeUrdu } from '../../pipeline/represent/transliterate.js';
import { freedict, WORD_LIST_PATH } from '../helpers/lexicon.js';

// Titles written for these tests, in the style of Hindi news headlines.
const hi = (title: string) => englishTitle(title, freedict());

describe('englishTitle: names', () => {
  it.each([
    ['भारत और ईरान के बीच व्यापार वार्ता', ['India', 'Iran'], /Bharat|Eeran/],
    ['दिल्ली में बारिश', ['Delhi'], /Dilli/],
    ['श्रीलंका के राष्ट्रपति भारत आएंगे', ['Sri Lanka', 'President', 'India'], /Shrilnka|Bharat/],
    ['सर्वोच्च न्यायालय ने याचिका खारिज की', ['Supreme Court'], /Sarvochch/],
    ['उच्चतम न्यायालय में सुनवाई', ['Supreme Court'], /Uchchatam/],
    ['केंद्रीय मंत्रिमंडल ने नई नीति को मंजूरी दी', ['Union Cabinet', 'new'], /Mntrimndal|Nee/],
    ['उत्तर प्रदेश और मध्य प्रदेश में ठंड', ['Uttar Pradesh', 'Madhya Pradesh'], /answer/i],
    ['जम्मू-कश्मीर में हिमपात', ['Jammu and Kashmir'], /Jammu-/],
    ['अमरीका और चीन के बीच समझौता', ['US', 'China'], /Chin\b|Amrika/],
  ])('%s', (title, names, wrong) => {
    const english = hi(title);
    for (const name of names) expect(english).toContain(name);
    expect(english).not.toMatch(wrong);
    expect(english).not.toMatch(/\p{Script=Devanagari}/u);
  });

  it("reads the words after a title as a person's name, not as dictionary words", () => {
    expect(hi('प्रधानमंत्री नरेंद्र मोदी जापान जाएंगे')).toMatch(/^PM Narendra Modi .*Japan/);
    expect(hi('गृह मंत्री अमित शाह का दौरा')).toContain('Home Minister Amit Shah');
    expect(hi('गुरु गोविंद सिंह की जयंती')).toContain('Govind Singh');
    expect(hi('जंगल में सिंह')).not.toContain('Singh');
  });

  it('writes out acronyms spelled with letter names, dotted or not', () => {
    expect(hi('जीएसटी परिषद की बैठक')).toContain('GST');
    expect(hi('सी.बी.आई. ने मामला दर्ज किया')).toMatch(/^CBI /);
    expect(spelledAcronym('एनडीआरएफ')).toBe('NDRF');
    expect(hi('भाजपा नेता जे पी नड्डा')).toBe('BJP leader J P Nadda');
    expect(hi('प्रो0 सी एन आर राव')).toBe('Pro C N R Rao');
    expect(spelledAcronym('देश')).toBeUndefined();
  });

  it('knows country names from CLDR and the hand-written places and institutions', () => {
    const names = hindiNames();
    expect(names.get('नेपाल')).toBe('Nepal');
    expect(names.get('संयुक्त अरब अमीरात')).toBe('United Arab Emirates');
    expect(names.get('कर्नाटक')).toBe('Karnataka');
    expect(names.get('लोकसभा')).toBe('Lok Sabha');
    expect(names.get('केंद्रीय गृह मंत्री')).toBe('Union Home Minister');
  });
});

describe('englishTitle: numbers and dates', () => {
  it('writes Devanagari digits in ASCII and months in English', () => {
    const english = hi('१५ जनवरी को बिहार में २५ लोग घायल');
    expect(english).toContain('15 January');
    expect(english).toContain('25 people');
    expect(english).not.toMatch(/[०-९]/u);
  });

  it('keeps years, decimals, ranges and percentages', () => {
    expect(hi('2019-20 में विकास दर 4.5% रही')).toMatch(/2019-20.*4\.5%|4\.5%.*2019-20/);
  });

  it('writes sums as Indian English does', () => {
    expect(hi('सेना के तीन हजार सैनिक')).toContain('3,000 soldiers');
    expect(hi('24 हजार 12 करोड़ रूपये का निवेश')).toContain('Rs 24,012 crore');
    expect(hi('पांच लाख रुपये का इनाम')).toContain('Rs 5 lakh');
  });

  it('turns Hindi ordinals into English ones', () => {
    expect(englishNumber('10वें')).toBe('10th');
    expect(englishNumber('१वां')).toBe('1st');
    expect(englishNumber('353वीं')).toBe('353rd');
    expect(englishNumber('12वीं')).toBe('12th');
    expect(englishNumber('२०२०')).toBe('2020');
  });
});

describe('englishTitle: function words and order', () => {
  it('puts a preposition before its phrase and a leading place at the end', () => {
    expect(hi('दिल्ली में भारी बारिश')).toMatch(/^Heavy .* in Delhi$/);
    // Every phrase that opens the clause with a postposition follows its core, in their own order.
    expect(hi('सूडान में झड़पों में 36 लोगों की मौत')).toMatch(/^Death of 36 people in Sudan in \w+/);
  });

  it('looks words with a nukta up as the dictionary spells them', () => {
    expect(hi('सड़क पर जाम')).toMatch(/\bon road\b/i);
  });

  it('lets a postposition after "X and Y" govern both', () => {
    expect(hi('अमरीका और चीन के बीच समझौता')).toMatch(/ between US and China$/);
  });

  it('makes a genitive of a name possessive and other genitives "of"', () => {
    expect(hi('राजस्थान के मुख्यमंत्री का बयान')).toMatch(/Rajasthan's Chief Minister/);
    expect(hi('किसानों की समस्या')).toMatch(/^Problem of (farmers|peasants)$/);
  });

  it('drops auxiliaries, ने and को, and gives a passive verb its participle', () => {
    const english = hi('बाढ़ में 12 लोग मारे गए');
    expect(english).toMatch(/^12 people killed in /);
    expect(hi('भारत ने नेपाल को सहायता भेजी है')).not.toMatch(/\b(Ne|Ko|Hai|Hain|Gaya)\b/);
  });

  it('puts the verb after a ने subject, as English orders subject, verb, object', () => {
    expect(hi('राजस्थान के मुख्यमंत्री ने 10वें किसान मेले का उद्घाटन किया')).toMatch(
      /^Rajasthan's Chief Minister inaugurates 10th /,
    );
    expect(hi('पुलिस ने चोर को गिरफ्तार किया')).toBe('Police arrests thief');
  });

  it('reads "X से कहा" as "asks X"', () => {
    expect(hi('भारत ने पाकिस्तान से संयम बरतने को कहा')).toMatch(/^India asks Pakistan /);
  });

  it('turns a dash after "said" into a colon', () => {
    expect(hi('भाजपा ने कहा- चुनाव में जीत होगी')).toMatch(/^BJP says: /);
  });
});

describe('renderWord', () => {
  it('finds the English word a transliterated loanword is, and leaves names alone', () => {
    expect(renderWord('टेनिस', freedict()).english).toBe('tennis');
    expect(renderWord('कमांडर', freedict()).english).toBe('commander');
    expect(renderWord('राकेश', freedict())).toEqual({ english: 'Rakesh', name: true });
  });

  it('looks an inflected word up by its dictionary form and makes plurals English', () => {
    expect(renderWord('देशों', freedict()).english).toBe('countries');
    expect(renderWord('नदियों', freedict()).english).toBe('rivers');
    expect(renderWord('पार्टियों', freedict()).english).toBe('parties');
    expect(renderWord('मारे', freedict())).toMatchObject({ verb: true });
  });

  it("looks a word written with an anusvara up under the dictionary's candrabindu, but keeps a nukta apart", () => {
    // FreeDict writes "जाँच"; news more often "जांच".
    expect(freedict().exact.has('जांच'.normalize('NFC'))).toBe(false);
    expect(renderWord('जांच', freedict())).toMatchObject({ name: false });
    expect(renderWord('क़ानी', freedict())).toMatchObject({ english: 'Qani', name: true });
  });

  it('renders common news words the dictionary lacks, inflected ones too', () => {
    expect(freedict().exact.has('अदालत')).toBe(false);
    expect(renderWord('अदालत', freedict())).toMatchObject({ english: 'court', name: false });
    expect(renderWord('अदालतों', freedict())).toMatchObject({ english: 'courts', name: false });
    expect(renderWord('मुद्दे', freedict())).toMatchObject({ english: 'issue', name: false });
    expect(hi('पुलिस हिरासत में दो लोग')).toBe('Two people in police custody');
  });
});

describe('englishTitle: verbal nouns with a light verb', () => {
  it('makes the noun before की/किया/दिया the verb, its genitive the object', () => {
    expect(hi('भारत ने हमले की निंदा की')).toBe('India condemns attack');
    expect(hi('सरकार ने नई योजना की घोषणा की')).toBe('Government announces new scheme');
    expect(hi('प्रधानमंत्री ने किसानों से एकता का आह्वान किया')).toMatch(/^PM calls for unity/);
  });

  it('gives the verb the tense of the light verb and the passive after it', () => {
    expect(hi('दो नेताओं को रिहा किया गया')).toBe('Two leaders released');
    expect(hi('मंत्री कल पुल का उद्घाटन करेंगे')).toMatch(/to inaugurate /);
  });

  it('takes a light verb that is no auxiliary with its noun', () => {
    expect(hi('मंत्री ने विपक्ष पर आरोप लगाया')).toBe('Minister alleges on opposition');
  });

  it('gives common verbs their news sense and puts a transitive verb before its object', () => {
    expect(hi('देशभर में गणतंत्र दिवस मनाया गया')).toMatch(/celebrated/);
    expect(hi('बच्चों ने स्कूल में नया बगीचा बनाया')).toMatch(/^Children makes? new \w+ in school$/);
    // Without a ने agent the words before the verb are its subject: "9 people die", not "dies 9 people".
    expect(hi('बाढ़ में 9 लोग मरे')).toMatch(/^9 people/);
  });

  it("gives frequent words their news sense over the dictionary's first", () => {
    expect(hi('स्कूल में आग')).toBe('Fire in school');
    expect(hi('गृह मंत्रालय की सूची')).toBe("Home Ministry's list");
  });

  it('leaves the noun a noun without a light verb after it', () => {
    expect(hi('नई योजना की घोषणा')).toBe('Declaration of new scheme');
  });
});

describe('englishTitle: capitals', () => {
  it('capitalises the full name of an organisation, event or day that holds a name', () => {
    expect(hi('बगदाद में अमरीकी दूतावास पर हमला')).toContain('US Embassy');
    expect(hi('उत्तर प्रदेश बिजली नियंत्रण बोर्ड को नोटिस')).toContain('Uttar Pradesh Electricity Control Board');
  });

  it('leaves common nouns in lower case where no name goes before the head noun', () => {
    expect(hi('दिल्ली में सड़क दुर्घटना')).toMatch(/^Road accident in Delhi$/);
    expect(hi('सरकारी दूतावास में बैठक')).not.toMatch(/Embassy/);
  });
});

describe('englishTitle: Urdu', () => {
  it('renders Urdu country names from CLDR and romanises other words', () => {
    expect(englishTitle('پاکستان اور ایران میں مذاکرات', null, 'arabic')).toMatch(/^Mzakrat in Pakistan and Iran$/);
    expect(romanizeUrdu('لاہور')).toBe('lahor');
  });
});

describe('createOfflineTranslator', () => {
  it('passes English and scripts it does not read through, renders Hindi and Urdu', async () => {
    const t = createOfflineTranslator(freedict());
    expect(t.mode).toBe('offline');
    expect(await t.toEnglish('Pakistan signs steel deal', 'en')).toBe('Pakistan signs steel deal');
    expect(await t.toEnglish('Москва', 'ru')).toBe('Москва');
    expect(await t.toEnglish('भारत और रूस', 'hi')).toBe('India and Russia');
    expect(await t.toEnglish('بھارت', 'ur')).toBe('India');
  });
});

describe('English word forms', () => {
  it.each([
    ['kill', 'killed', 'kills'],
    ['arrest', 'arrested', 'arrests'],
    ['send', 'sent', 'sends'],
    ['carry', 'carried', 'carries'],
    ['stop', 'stopped', 'stops'],
    ['celebrate', 'celebrated', 'celebrates'],
    ['catch', 'caught', 'catches'],
  ])('%s → %s, %s', (verb, participle, present) => {
    expect(pastParticiple(verb)).toBe(participle);
    expect(presentTense(verb)).toBe(present);
  });

  it('makes plurals by the spelling rules', () => {
    expect(['country', 'tax', 'child', 'minister'].map(plural)).toEqual([
      'countries',
      'taxes',
      'children',
      'ministers',
    ]);
  });
});

describe('romanize', () => {
  it('keeps the vowel before an anusvara and after a final cluster with r', () => {
    expect(romanize('ठंड')).toBe('thand');
    expect(romanize('नरेंद्र')).toBe('narendra');
    expect(romanize('सिंह')).toBe('singh');
  });

  it('drops the inherent vowel between a vowel-consonant and a consonant-vowel, and at the end', () => {
    expect(romanize('अहमद')).toBe('ahmad');
    expect(romanize('राजनीतिक')).toBe('rajnitik');
    expect(romanize('कमल')).toBe('kamal');
    expect(romanize('पाकिस्तान')).toBe('pakistan');
  });

  it('spells vowel letters and व after a consonant as Indian English does', () => {
    expect(romanize('आकाश')).toBe('akash');
    expect(romanize('गोगोई')).toBe('gogoi');
    expect(romanize('ईशा')).toBe('eesha');
    expect(romanize('स्वामी')).toBe('swami');
    expect(romanize('द्विवेदी')).toBe('dwivedi');
    expect(romanize('रवि')).toBe('ravi');
    expect(romanize('पर्व')).toBe('parv');
  });

  it('reads a consonant and its nukta as one letter, with its inherent vowel', () => {
    expect(romanize('ख़त्म')).toBe('khatm');
    expect(romanize('ग़लत')).toBe('ghalat');
    expect(romanize('क़ासिम')).toBe('qasim');
    expect(romanize('ज़रिए')).toBe('zarie');
  });
});

describe('englishTitle: transliterated names and loanwords', () => {
  it("matches a transliterated name against CLDR's places by sound, in any spelling", () => {
    expect(englishName(['बर्किना', 'फासो'], null)).toBe('Burkina Faso');
    expect(hi('बुर्कीना फ़ासो में चुनाव')).toContain('Burkina Faso');
    expect(englishName(['तेहरान'], null)).toBe('Tehran');
    expect(hi('सूडान में बाढ़')).toContain('Sudan');
    expect(englishName(['राकेश'], null)).toBeUndefined();
  });

  it.runIf(existsSync(WORD_LIST_PATH))(
    'finds names in the English word list, a short one only when it sounds the same',
    () => {
      expect(hi('राष्ट्रपति ट्रंप ने चेतावनी दी')).toContain('President Trump');
      expect(englishName(['ट्रंप'], freedict(), true)).toBe('Trump');
      // Outside a name, half a vowel off a word list's name is too far: an unknown word is not a brand.
      expect(englishName(['कड़ाके'], freedict())).toBeUndefined();
      expect(englishName(['देव'], freedict())).toBeUndefined();
    },
  );

  it('reads English words written as they sound: plurals in -्स, -tion, -le, air', () => {
    expect(renderWord('राइफल्स', freedict()).english).toBe('rifles');
    expect(renderWord('नेशनल', freedict()).english).toBe('national');
    expect(renderWord('बोतल', freedict()).english).toBe('bottle');
    expect(renderWord('एयरलाइन्स', freedict()).english).toBe('airlines');
  });

  it('reads English vowels as Hindi spells them: the inherent vowel for "u"/"o" and an unstressed last one', () => {
    expect(renderWord('कवर', freedict()).english).toBe('cover');
    expect(renderWord('नंबर', freedict()).english).toBe('number');
    // A name an English vowel away from a word the dictionary does not use (cannon) stays a name.
    expect(renderWord('कन्नन', freedict(), false).name).toBe(true);
  });

  it('finds another spelling of a dictionary word', () => {
    expect(spellingKey('राजनीतिक')).toBe(spellingKey('राजनैतिक'));
    expect(renderWord('राजनीतिक', freedict()).english).toBe('political');
    expect(spellingVariant(freedict(), 'दल')).toBeUndefined();
    expect(hi('पुंछ जिले में गोलीबारी')).toContain('Punchh');
  });
});

describe('englishTitle: verbs, numbers and dates', () => {
  it('writes the future as "to" and the verb, a passive future as "to be"', () => {
    expect(hi('भारत नेपाल को सहायता भेजेगा')).toMatch(/\bto send\b/);
    expect(hi('सीमा पर सैनिक भेजे जाएंगे')).toMatch(/\bto be sent\b/);
  });

  it('reads "X बनाने के लिए" as "to make X"', () => {
    expect(hi('सड़कें बनाने के लिए धन')).toMatch(/ to (make|build|become) road/i);
  });

  it('reads Hindi numerals and decimals as digits', () => {
    expect(hi('दिल्ली में तापमान सात दशमलव छह डिग्री सेल्सियस')).toContain('7.6 degree Celsius');
    expect(hi('अस्सी लाख रुपये का इनाम')).toContain('Rs 80 lakh');
  });

  it('puts "on" before a date that को follows, and only before the date', () => {
    expect(hi('बैठक 20 जनवरी को')).toBe('Meeting on 20 January');
  });
});

describe('englishTitle: English function words in Devanagari', () => {
  it('reads "of", "and", "the" inside an English name written in Devanagari', () => {
    expect(hi('इंडियन इंस्टीट्यूट ऑफ साइंस')).toMatch(/ of /);
    expect(hi('लॉ एंड ऑर्डर')).toMatch(/ and /);
  });
});

describe('englishTitle: times of day and verb forms', () => {
  it('reads "आज सुबह" as this morning and "कल रात" as last night', () => {
    expect(hi('आज सुबह दिल्ली में कोहरा')).toMatch(/this morning/i);
    expect(hi('कल रात मुंबई में बारिश')).toMatch(/last night/i);
  });

  it('drops the light verbs देने and लेने after their noun', () => {
    expect(hi('सीमा पर ध्यान देने की जरूरत')).not.toMatch(/spare|give/u);
  });

  it('inflects a verb from its plain rendering, not a gerund', () => {
    expect(hi('दिल्ली में उत्सव मनाया गया')).not.toMatch(/ing\b/u);
  });
});
