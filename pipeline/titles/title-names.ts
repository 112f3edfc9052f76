// Name and phrase tables for titles: Hindi and Urdu names in English, and the keys they are looked up by.
import { stripJoiners } from '../represent/tokenize.js';

/**
 * Names and fixed phrases of news titles with their usual English form, keyed by their Hindi or Urdu
 * words. Countries, languages, months and weekdays come from CLDR through `Intl.DisplayNames` and
 * `Intl.DateTimeFormat` (Node ships full ICU); Indian states, cities, institutions and titles are the
 * general-knowledge table below.
 */

/** One spelling of a word for table look-ups: joiners, nukta and the candrabindu/anusvara split folded. */
export function titleKey(word: string): string {
  return stripJoiners(word)
    .replace(/\u093C/gu, '')
    .replace(/ँ/gu, 'ं')
    .replace(/[\u064B-\u065F\u0670]/gu, '');
}

// "Hindi spelling[/other spelling…]|English". Spellings of one name vary between outlets, so several are given.
const INDIA = `
आंध्र प्रदेश|Andhra Pradesh; अरुणाचल प्रदेश|Arunachal Pradesh; असम|Assam; बिहार|Bihar; छत्तीसगढ़|Chhattisgarh; गोवा|Goa
गुजरात|Gujarat; हरियाणा|Haryana; हिमाचल प्रदेश|Himachal Pradesh; झारखंड/झारखण्ड|Jharkhand; कर्नाटक|Karnataka; केरल|Kerala
मध्य प्रदेश|Madhya Pradesh; महाराष्ट्र|Maharashtra; मणिपुर|Manipur; मेघालय|Meghalaya; मिजोरम/मिज़ोरम|Mizoram
नगालैंड/नागालैंड|Nagaland; ओडिशा/ओड़िशा/उड़ीसा|Odisha; पंजाब|Punjab; राजस्थान|Rajasthan; सिक्किम|Sikkim
तमिलनाडु/तमिल नाडु|Tamil Nadu; तेलंगाना|Telangana; त्रिपुरा|Tripura; उत्तर प्रदेश|Uttar Pradesh; उत्तराखंड/उत्तराखण्ड|Uttarakhand
पश्चिम बंगाल|West Bengal; जम्मू कश्मीर/जम्मू और कश्मीर/जम्मू-कश्मीर|Jammu and Kashmir; कश्मीर|Kashmir; जम्मू|Jammu
लद्दाख|Ladakh; दिल्ली|Delhi; नई दिल्ली|New Delhi; पुडुचेरी|Puducherry; चंडीगढ़|Chandigarh; लक्षद्वीप|Lakshadweep
अंडमान निकोबार/अंडमान और निकोबार|Andaman and Nicobar; पूर्वोत्तर|Northeast; उत्तर भारत|North India; दक्षिण भारत|South India
मुंबई|Mumbai; कोलकाता|Kolkata; चेन्नई|Chennai; बेंगलुरु/बेंगलूरु/बेंगलूरू/बंगलौर|Bengaluru; हैदराबाद|Hyderabad
अहमदाबाद|Ahmedabad; पुणे|Pune; जयपुर|Jaipur; लखनऊ|Lucknow; कानपुर|Kanpur; पटना|Patna; भोपाल|Bhopal; श्रीनगर|Srinagar
गुवाहाटी/गुवाहटी|Guwahati; शिमला|Shimla; देहरादून|Dehradun; वाराणसी|Varanasi; अमृतसर|Amritsar; नागपुर|Nagpur; रांची|Ranchi
रायपुर|Raipur; भुवनेश्वर|Bhubaneswar; तिरुवनंतपुरम|Thiruvananthapuram; इम्फाल/इंफाल|Imphal; शिलांग|Shillong
अगरतला|Agartala; आइजोल|Aizawl; कोहिमा|Kohima; ईटानगर|Itanagar; गांधीनगर|Gandhinagar; गंगटोक|Gangtok; पणजी|Panaji
प्रयागराज|Prayagraj; इलाहाबाद|Allahabad; अयोध्या|Ayodhya; कोच्चि|Kochi; मैसूर|Mysuru; सूरत|Surat; इंदौर|Indore
`;
const WORLD = `
अमरीका/अमेरिका/संयुक्त राज्य अमरीका/संयुक्त राज्य अमेरिका|US; ब्रिटेन|Britain; इंग्लैंड|England; यूरोप|Europe
एशिया|Asia; अफ्रीका/अफ़्रीका|Africa; पश्चिम एशिया|West Asia; मध्य पूर्व|Middle East; दक्षिण एशिया|South Asia
खाड़ी|Gulf; यूरोपीय संघ|European Union; संयुक्त राष्ट्र|United Nations; संयुक्त राष्ट्र सुरक्षा परिषद|UN Security Council
विश्व स्वास्थ्य संगठन|World Health Organization; विश्व बैंक|World Bank; अंतर्राष्ट्रीय मुद्रा कोष|International Monetary Fund
वाशिंगटन/वॉशिंगटन|Washington; लंदन|London; मॉस्को/मास्को|Moscow; बीजिंग|Beijing; तेहरान|Tehran; बगदाद|Baghdad
काबुल|Kabul; ढाका|Dhaka; काठमांडू|Kathmandu; कोलंबो|Colombo; इस्लामाबाद|Islamabad; टोक्यो|Tokyo; पेरिस|Paris
दुबई|Dubai; म्यांमा/म्यामां/म्यांमार|Myanmar; हांगकांग/हांग कांग|Hong Kong; इस्राइल/इस्राइल/इजराइल/इज़राइल|Israel
भारतीय|Indian; अमरीकी/अमेरिकी|US; पाकिस्तानी|Pakistani; चीनी|Chinese; ईरानी|Iranian; ब्रिटिश|British; रूसी|Russian
जापानी|Japanese; ऑस्ट्रेलियाई|Australian; नेपाली|Nepali; बांग्लादेशी|Bangladeshi; यूरोपीय|European; अफगान/अफ़ग़ान|Afghan
इराकी|Iraqi; इस्राइली/इजराइली|Israeli; अरब|Arab; श्रीलंकाई|Sri Lankan; फ्रांसीसी|French; जर्मन|German; सऊदी|Saudi
`;
const INSTITUTIONS = `
प्रधानमंत्री/प्रधान मंत्री|PM; राष्ट्रपति|President; उपराष्ट्रपति/उप राष्ट्रपति|Vice President; मुख्यमंत्री/मुख्य मंत्री|Chief Minister
राज्यपाल|Governor; उपराज्यपाल|Lieutenant Governor; गृहमंत्री/गृह मंत्री|Home Minister; वित्त मंत्री/वित्तमंत्री|Finance Minister
रक्षा मंत्री/रक्षामंत्री|Defence Minister; विदेश मंत्री/विदेशमंत्री|External Affairs Minister; रेल मंत्री|Railway Minister
केंद्रीय मंत्री/केन्द्रीय मंत्री|Union Minister; केंद्रीय मंत्रिमंडल/केन्द्रीय मंत्रिमंडल|Union Cabinet; मंत्रिमंडल|Cabinet
सर्वोच्च न्यायालय/उच्चतम न्यायालय|Supreme Court; उच्च न्यायालय|High Court; संसद|Parliament; लोकसभा/लोक सभा|Lok Sabha
राज्यसभा/राज्य सभा|Rajya Sabha; विधानसभा/विधान सभा|Assembly; चुनाव आयोग/निर्वाचन आयोग|Election Commission
भारतीय रिजर्व बैंक/भारतीय रिज़र्व बैंक|Reserve Bank of India; रिजर्व बैंक/रिज़र्व बैंक|Reserve Bank; नीति आयोग|NITI Aayog
भाजपा/भारतीय जनता पार्टी|BJP; कांग्रेस|Congress; इसरो|ISRO; थल सेना/थलसेना|Army; वायुसेना/वायु सेना|Air Force
नौसेना/नौ सेना|Navy; भारतीय रेल/भारतीय रेलवे|Indian Railways; रेलवे|Railways; रेल मंत्रालय|Railway Ministry; गृह मंत्रालय|Home Ministry; विदेश मंत्रालय|External Affairs Ministry; रेल|rail; केंद्र सरकार/केन्द्र सरकार|Centre
राष्ट्रीय राजमार्ग|National Highway; नागरिकता संशोधन अधिनियम/नागरिकता संशोधन कानून|Citizenship Amendment Act
प्रधान न्यायाधीश/मुख्य न्यायाधीश|Chief Justice; सेना प्रमुख|Army Chief; पुलिस|police; सेना|Army; मंत्रालय|Ministry
उप मुख्यमंत्री/उपमुख्यमंत्री|Deputy Chief Minister; राज्य मंत्री/राज्यमंत्री|Minister of State; केंद्र/केन्द्र|Centre; आकाशवाणी|All India Radio; दूरदर्शन|Doordarshan; इंडिया|India; जनरल|General; श्री|Shri; डॉ/डॉक्टर/डॉ0|Dr
`;

/**
 * Common parts of Indian personal names that are also dictionary words ("सिंह" lion, "देवी" goddess):
 * after another part of a name they are the name, in its usual spelling.
 */
export const NAME_PARTS = new Map(
  'सिंह|Singh; प्रसाद|Prasad; देवी|Devi; शाह|Shah; राव|Rao; गुप्ता|Gupta; कुमार|Kumar; लाल|Lal; चंद्र/चन्द्र|Chandra; दास|Das; राज|Raj; खान/ख़ान|Khan; पवार|Pawar'
    .split('; ')
    .flatMap((e) => {
      const [spellings, english] = e.split('|') as [string, string];
      return spellings.split('/').map((h) => [h, english] as const);
    }),
);

/** Titles and honorifics that a person's name follows: the words after them are read as a name. */
export const NAME_TITLES = new Set([
  'PM',
  'President',
  'Vice President',
  'Chief Minister',
  'Home Minister',
  'Finance Minister',
  'Defence Minister',
  'External Affairs Minister',
  'Railway Minister',
  'Union Minister',
  'Governor',
  'Lieutenant Governor',
  'Chief Justice',
  'General',
  'Shri',
  'Dr',
]);
// Numbers, quantities and common words of titles that the dictionary renders oddly or not at all.
const WORDS = `
एक|one; दो|two; तीन|three; चार|four; पांच/पाँच|five; छह/छः|six; सात|seven; आठ|eight; नौ|nine; दस|ten; सौ|hundred
ग्यारह|11; बारह|12; तेरह|13; चौदह|14; पंद्रह/पन्द्रह|15; सोलह|16; सत्रह|17; अठारह|18; उन्नीस|19; बीस|20
तीस|30; चालीस|40; पचास|50; साठ|60; सत्तर|70; अस्सी|80; नब्बे|90; दशमलव|point; हजार/हज़ार|thousand; लाख|lakh; करोड़|crore; प्रतिशत|percent; डिग्री|degree; सेल्सियस|Celsius; रुपये/रुपए/रूपये/रूपए|rupees
साल/वर्ष|year; नया/नई/नए/नये|new; उत्तर|north; दक्षिण|south; पश्चिम|west; पूर्व|former; उत्तरी|northern; दक्षिणी|southern; पश्चिमी|western; पूर्वी|eastern; नव वर्ष/नया साल|New Year; सैनिक/जवान|soldiers; लोग/लोगों|people
`;

// Words of news headlines whose first FreeDict rendering is another sense ("हमला" storm, "दूतावास"
// consulate, "अस्पताल" infirmary, "जारी" place): the sense a news reader expects.
const NEWS = `
हमला/हमले|attack; हमलों|attacks; हवाई हमला/हवाई हमले|airstrike; हवाई अड्डा/हवाई अड्डे|airport; मौत/मृत्यु|death; हत्या|killing
दूतावास|embassy; उच्चायोग|High Commission; अस्पताल|hospital; सैन्य|military; आतंकी/आतंकवादी|terrorist; आतंकवादियों|terrorists
शीत|cold; ठंड|cold; शीतलहर/शीत लहर|cold wave; बारिश/वर्षा|rain; हिमपात/बर्फबारी|snowfall; कोहरा|fog; बाढ़|flood; भूकंप|earthquake
जारी|continues; जारी किया/जारी की/जारी किए/जारी किये|issued; शुरू/शुरु/आरंभ/आरम्भ|begins; निधन|passes away; गिरफ्तार|arrested
रिहा|released; उद्घाटन|inaugurates; निंदा|condemns; प्रमुख|chief; क्षेत्र|region; विशेष|special; वृद्धि/बढ़ोतरी|hike; योजना|scheme
नागरिक|citizen; नागरिकों|citizens; सम्मेलन|conference; सुरक्षा|security; समुदाय|community; सांसद|MP; विधायक|MLA; राजधानी|capital
नेतृत्व|leadership; संपत्ति|property; राजस्व|revenue; समझौता|agreement; व्यापार|trade; प्रदर्शन/विरोध प्रदर्शन|protest
प्रदर्शनों/विरोध प्रदर्शनों|protests; प्रदर्शनकारी/प्रदर्शनकारियों|protesters; फैसला/निर्णय|decision; किसान|farmer; किसानों|farmers
स्कूल|school; कंपनी|company; जेल|jail; विमान|aircraft; आसान|easy; पैसे/पैसा|money; भूमिका/किरदार|role; ज़मीन/जमीन|land
रिलीज़/रिलीज|release; स्थिति|situation; शुरुआत|beginning; राय|opinion; बयान|statement; असर|impact; आम|common
ज़्यादा/ज्यादा|more; रूप|form; पूरी/पूरा/पूरे|full; पहली/पहला|first; दूसरे/दूसरी/दूसरा|second; जीत|victory; पिछले|last
वहां/वहाँ|there; सालों|years; बच्चे|children; करीब/क़रीब|nearly; बेहतरीन|best; शानदार|splendid; प्रभावित|affected
पन्ने|pages; कुल|total; सामना|face; सुविधा|facility; उसी|same; लगातार|consecutive; मुख्य|main; हिस्सा|part
मौजूद|present; बंद|closed; दोनों|both; क्योंकि|because; अलावा|besides; अच्छे/अच्छी/अच्छा|good; आगे|further
समाचार|news; ख़बर/खबर/ख़बरों/खबरों|news; सूची|list; ज़रूरी/जरूरी|necessary; बदलाव|change; पहुंच/पहुँच|access
कंपनियों/कंपनियां|companies; गाने|songs; थोड़ा/थोड़ी|little; डांस|dance; समूह|group; हिसाब|account; दोषी|guilty
मौका/मौक़ा|opportunity; नुकसान/नुक़सान|damage; युवा|youth; मेहनत|hard work; व्यवस्था|arrangement; नौकरी|job; रुचि|interest
हीरो|hero; कदम/क़दम|step; समझ|understanding; दोस्तों|friends; बचाव|rescue; आखिरी/आख़िरी|last; दिलचस्प|interesting
सफल|successful; सफलता|success; फ़ायदा/फायदा|benefit; सारी/सारे|all; प्रकाशित|published; तुरंत|immediately; इनकार|refusal
अवैध|illegal; करार|agreement; अधिग्रहण|acquisition; योगदान|contribution; आदिवासी|tribal; दर्शक|audience; नष्ट|destroyed
कृषि|agriculture; हवाई|air; क्षेत्रों|regions; गृह|home; भर्ती|recruitment; तूफ़ान/तूफान|storm; तेज़ी/तेजी|rapidly; सदी|century
निगरानी|surveillance; ब्रितानी|British; प्रेस|press; सीट|seat; दर|rate; पुरुषों|men; गीत|song; लंबे/लंबी/लंबा|long
प्रतिक्रिया|reaction; क्षमता|capacity; अनुभव|experience; भाषण|speech; दवा|medicine; कड़ी|strong; छूट|exemption
ट्रंप/ट्रम्प|Trump
बॉम्बे|Bombay; अतिरिक्त|additional; न्यायालय|court; तारीफ़/तारीफ|praise; आयोजित|organised; पार|across; स्टाइल|style
स्त्री|woman; रास्ता|way; संबंधी|related; घरेलू|domestic; आधारित|based; पिछली|last; कारोबार|business; शव|body
ज़बरदस्त/जबरदस्त|tremendous; मौसमी|seasonal; रफ़्तार/रफ्तार|speed; ख़र्च/खर्च|expenditure; उत्साहित|excited; कामयाबी|success
सेवन|consumption; बीमार|ill; बढ़ती/बढ़ते|rising; शुरुआती|early; भरा|filled; भावना|sentiment; उच्च|high; गतिविधियों|activities
उल्लंघन|violation; फांसी|hanging; लाभ|benefit; जंग|war; गुना|times; बंगाल|Bengal; इंकार|refusal; स्टॉक|stock; देखभाल|care
इंसान|human; आखिर/आख़िर|finally; पुष्टि|confirmation; मजबूत/मज़बूत|strong; दोपहर|afternoon; प्रणाली|system; भूल|mistake
कपड़ों|clothes; असली|real; छपी|published; बेहोश|unconscious; ब्रेक|break; ऐपल|Apple; चीज़ों/चीजों|things; गुलाबी|pink
शांति|peace; दौरा|visit; दौरे|visits; उद्देश्य|purpose; आवारा|stray; ख़ासकर/खासकर|especially; मान्यता|recognition
क़ैदियों/कैदियों|prisoners; युवाओं|youth; औसत|average; सहज|easy; नाराज़/नाराज|angry; वजन/वज़न|weight; लिंग|gender
आनंद|joy; अंदाज़ा/अंदाजा|estimate; निदेशक|director; उधर|there; कार्य|work; इंतज़ार/इंतजार|wait; आक्रामक|aggressive
नज़दीक/नजदीक|near; दर्जा|status; प्राथमिकता|priority; मजबूर|forced; सीमित|limited; चूंकि|since; ग्रामीण|rural
विस्तार|expansion; ब्लड|blood; मायने|meaning; बिल|bill; बारी|turn; मतदान|voting; सर्वे|survey; अवस्था|stage
बल्लेबाजों/बल्लेबाज़ों|batsmen; किशोर|teenager; विवाह|marriage; संबंधित|related; परमाणु|nuclear; यहीं|here
ख़तरनाक/खतरनाक|dangerous; सदन|House; सफ़ाई/सफाई|cleaning; बेशक|certainly; दिलचस्पी|interest; कार्यकारी|executive
`;

type Table = Map<string, string>;

/** Spellings as written, NFC, words one space apart: what a full-text index holds. */
const asWritten = (phrase: string) =>
  stripJoiners(phrase)
    .split(/[\s\-–]+/u)
    .filter(Boolean)
    .join(' ');

function parseTable(blocks: string[], key = phraseKey): Table {
  const table: Table = new Map();
  for (const entry of blocks.join(';').split(/[;\n]/u)) {
    const [spellings, english] = entry.split('|').map((s) => s.trim());
    if (!spellings || !english) continue;
    for (const spelling of spellings.split('/')) {
      table.set(key(spelling), english);
      // A minister of the central government: "केंद्रीय गृह मंत्री" Union Home Minister.
      if (/मंत्री$/u.test(spelling) && !english.startsWith('Union')) {
        for (const union of ['केंद्रीय', 'केन्द्रीय']) table.set(key(`${union} ${spelling}`), `Union ${english}`);
      }
    }
  }
  return table;
}

/** The key of a phrase: its words' keys joined by single spaces, hyphens counting as spaces. */
export function phraseKey(phrase: string): string {
  return titleKey(phrase)
    .split(/[\s\-–]+/u)
    .filter(Boolean)
    .join(' ');
}

const REGIONS =
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG UY UZ VA VC VE VN VU WS YE ZA ZM ZW';
const LANGUAGES = 'ar as bn de en es fa fr gu hi it ja kn ko ml mr ne or pa pt ru sa sd ta te ur zh';

/** CLDR names in `locale` → English: countries (without CLDR's bracketed qualifiers), languages, months, weekdays. */
function cldrTable(locale: string, key = phraseKey): Table {
  const table: Table = new Map();
  const add = (local: string | undefined, english: string | undefined) => {
    if (local && english) table.set(key(local.replace(/\s*\(.*\)\s*/u, '')), english.replace(/\s*\(.*\)\s*/u, ''));
  };
  const region = [
    new Intl.DisplayNames(locale, { type: 'region' }),
    new Intl.DisplayNames('en', { type: 'region' }),
  ] as const;
  for (const code of REGIONS.split(' ')) add(region[0].of(code), region[1].of(code));
  const language = [
    new Intl.DisplayNames(locale, { type: 'language' }),
    new Intl.DisplayNames('en', { type: 'language' }),
  ] as const;
  for (const code of LANGUAGES.split(' ')) add(language[0].of(code), language[1].of(code));
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(2021, m, 4));
    const f = (l: string, o: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(l, { ...o, timeZone: 'UTC' }).format(d);
    add(f(locale, { month: 'long' }), f('en', { month: 'long' }));
    if (m < 7) add(f(locale, { weekday: 'long' }), f('en', { weekday: 'long' }));
  }
  return table;
}

let hindi: Table | undefined;
let urdu: Table | undefined;

/** Hindi names and phrases → English; the hand-written table wins over CLDR where both have a name. */
export function hindiNames(): Table {
  hindi ??= new Map([...cldrTable('hi'), ...parseTable([INDIA, WORLD, INSTITUTIONS, WORDS, NEWS])]);
  return hindi;
}

let written: Table | undefined;

/** `hindiNames` keyed by the spellings as written (nukta kept: "बाढ़"), as a search looks for them. */
export function hindiNamesAsWritten(): Table {
  written ??= new Map([
    ...cldrTable('hi', asWritten),
    ...parseTable([INDIA, WORLD, INSTITUTIONS, WORDS, NEWS], asWritten),
  ]);
  return written;
}

/** Urdu names → English, from CLDR alone. */
export function urduNames(): Table {
  urdu ??= cldrTable('ur');
  return urdu;
}

/** The most words any phrase of a table has. */
export function longestPhrase(table: Table): number {
  let most = 1;
  for (const key of table.keys()) most = Math.max(most, key.split(' ').length);
  return most;
}
