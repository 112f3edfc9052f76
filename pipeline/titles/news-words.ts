// Common Hindi words of news text that the bilingual dictionary lacks, with their English in a news sense.

/**
 * Dictionary forms (a noun's direct singular, a verb's stem-form as news uses it) → English. The words are
 * the most frequent ones of Hindi news prose that FreeDict's English–Hindi dictionary has no entry for,
 * loanwords from English among them ("वेबसाइट" website); the English is general knowledge. Inflected forms
 * ("अदालतों", "मुद्दे") reach them through the same rules as the dictionary's words.
 */
const WORDS = `
बात|talk; ऐप|app; क्लिक|click; फ़ेसबुक/फेसबुक|Facebook; फ़ॉलो/फॉलो|follow; इस्तेमाल|use; दुनिया|world; वजह|reason
महिला|woman; मीडिया|media; सवाल|question; परिवार|family; जांच|probe; अदालत|court; बेहद|very; हासिल|achieve
उम्मीद|hope; वेबसाइट|website; खिलाड़ी/ख़िलाड़ी|player; अंतरराष्ट्रीय/अंतर्राष्ट्रीय|international; संबंध/सम्बन्ध|relation
शोध|research; हमेशा|always; कोर्ट|court; शो|show; अहम|key; मांग|demand; फोन/फ़ोन|phone; ख़त्म/खत्म|end
डाउनलोड|download; बावजूद|despite; रिकॉर्ड/रिकार्ड|record; कप|cup; दिल|heart; कार्रवाई/कार्यवाही|action; पेश|present
वक़्त/वक्त|time; करियर|career; मशहूर|famous; उजागर|exposed; ओलंपिक|Olympic; आदमी|man; ग्रह|planet; साबित|proved
इलाक़ा/इलाका|area; कार|car; रोल|role; सोशल|social; पुराना|old; हॉकी|hockey; एजेंसी|agency; शोधकर्ता|researcher
मुद्दा|issue; निजी|private; शतक|century; बॉलीवुड|Bollywood; बल्लेबाज़ी/बल्लेबाजी|batting; सुनवाई|hearing; इलाज|treatment
सिस्टम|system; मुस्लिम|Muslim; फ़ीसदी/फीसदी|percent; प्रवक्ता|spokesperson; लीग|league; मस्जिद|mosque; क़ीमत/कीमत|price
स्टेडियम|stadium; ज़िंदगी/जिंदगी/ज़िन्दगी/जिन्दगी|life; फिलहाल/फ़िलहाल|currently; हॉलीवुड|Hollywood; गांव|village
मुक़ाबला/मुकाबला|contest; सिरीज़/सीरीज़/सीरीज|series; वर्षीय|year-old; गेम|game; अर्थव्यवस्था|economy; ऑपरेशन|operation
माहौल|atmosphere; हालात|situation; नाबाद|unbeaten; सर्वश्रेष्ठ|best; संदेश|message; चरमपंथी|extremist; अवॉर्ड|award
एसोसिएशन|association; साझेदारी|partnership; फिल्म/फ़िल्म|film; यौन|sexual; अख़बार/अखबार|newspaper; रिश्ता|relationship
रासायनिक|chemical; ज़्यादातर/ज्यादातर|mostly; ग़लत/गलत|wrong; मुसलमान|Muslim; वर्ल्ड|world; दिक्कत|trouble
ऑनलाइन|online; वैश्विक|global; नतीजा|result; पीड़ित|victim; सुप्रीम|Supreme; विभिन्न|various; रेडियो|radio; हफ़्ता/हफ्ता|week
समारोह|ceremony; ख़ुश/खुश|happy; ख़ास/खास|special; इस्तीफ़ा/इस्तीफा|resignation; संवाद|dialogue; वीज़ा/वीजा|visa
तादाद|number; मिलियन|million; डॉक्टर|doctor; सच|truth; निवेश|investment; सर्जरी|surgery; फ्री|free; ट्वीट|tweet
टेलीविज़न/टेलीविजन|television; मौजूदगी|presence; सबूत|evidence; मुठभेड़|encounter; मक़सद/मकसद|purpose; टाइम|time
लॉन्च|launch; पेशकश|offer; हिरासत|custody; गूगल|Google; चैंपियनशिप|championship; इजाज़त/इजाजत|permission
संक्रमण|infection; मानवाधिकार|human rights; रिसर्च|research; ग़ैर/गैर|non; भेदभाव|discrimination; टेक्नोलॉजी|technology
नक्सली|Naxal; मिशन|mission; कार्यकर्ता|worker; उपाध्यक्ष|vice-president; महासचिव|general secretary; पारंपरिक|traditional
सर्विस|service; संबोधित|addressed; दाख़िल/दाखिल|filed; ऐलान|announcement; वित्तीय|financial; थिएटर|theatre
समाधान|solution; आंदोलन|agitation; शीर्ष|top; गिरोह|gang; एकदिवसीय|one-day; रणनीति|strategy; गठबंधन|alliance
तैनात|deployed; आपदा|disaster; पुलिसकर्मी|policeman; तत्कालीन|then; संचालित|run; प्रावधान|provision; विवादित|disputed
माओवादी|Maoist; मामूली|marginal; खुदरा|retail; सेक्टर|sector; याचिका|petition; मुक़दमा/मुकदमा|case; सालाना|annual
सक्षम|capable; मरीज़/मरीज|patient; धोखाधड़ी|fraud; महानिदेशक|Director General; तकरीबन|about; स्वर्ण|gold
डॉक्टरों|doctors; क्रिकेटर|cricketer; गेंदबाज़/गेंदबाज|bowler; गेंदबाज़ी/गेंदबाजी|bowling; सैकड़ों|hundreds
हज़ारों/हजारों|thousands; लाखों|lakhs; ईमेल|email; कॉल|call; टॉस|toss; पिक्चर|picture; प्रीमियर|premier; कांस्य|bronze
जज|judge; केस|case; ब्लॉग|blog; हिट|hit; वेब|web; सीरियल|serial; प्लेयर|player; म्यूज़ियम/म्यूजियम|museum
बिज़नेस/बिजनेस|business; लाइव|live; फिक्सिंग|fixing; सीज़न/सीजन|season; रेटिंग|rating; रिपोर्टिंग|reporting
स्मार्टफ़ोन/स्मार्टफोन|smartphone; सुपरस्टार|superstar; मॉनिटरिंग|monitoring; ब्राउज़र/ब्राउजर|browser; सेंसर|censor
कमेटी|committee; जागरूकता/जागरुकता|awareness; प्रदूषण|pollution; सचिव|secretary; कार्यकाल|tenure; अधीक्षक|superintendent
ख़ारिज/खारिज|dismissed; आंकड़ा|figure; तारीख़/तारीख|date; एयर|air; हेल्थ|health; एक्सप्रेस|express; संघीय|federal
शोषण|exploitation; संभावित|likely; वायरस|virus; ड्रोन|drone; अकाउंट|account; हाउस|house; एक्टर|actor; क्रिसमस|Christmas
पसंदीदा|favourite; दायर|filed; पुनर्वास|rehabilitation; इंतजाम/इंतज़ाम|arrangement; बंदूकधारी|gunman; संक्रमित|infected
अफ़सर/अफसर|officer; अवधारणा|concept; पारिवारिक|family; गुणवत्ता|quality; भावनात्मक|emotional; हृदय|heart; ज़िला|district
मलबा|debris; ख़िताब/खिताब|title; ख़ून/खून|blood; सतह|surface; क़रीबी/करीबी|close; नज़रिया/नजरिया|view; मुहैया|provided
लेनदेन|transaction; टूल|tool; पार्टनर|partner; एशियन|Asian; क्वार्टर|quarter; अनाज|grain; शख़्स/शख्स|person
मसला|issue; यक़ीन/यकीन|belief; मौक़ा/मौका|opportunity; बवाल|uproar; अगुआई|leadership; गेम्स|Games; सेल्फी|selfie
`;

// Verbs whose first dictionary sense is not the one of news ("मनाना" coax, "बनाना" become), by infinitive.
const VERBS = `बनाना|make; मनाना|celebrate; बढ़ाना|increase; बढ़ना|rise; हारना|lose; लाना|bring; उठाना|raise; जुटाना|mobilise
पहुंचना/पहुँचना|reach; रखना|keep; छोड़ना|leave; लगाना|impose; बताना|call; मानना|consider; निकलना|emerge; जताना|express
डालना|put; दिखना|appear; बचाना|save; चलाना|run; कराना|conduct; पहनना|wear; गुजरना/गुज़रना|pass; बदलना|change; हटाना|remove
लड़ना|fight; बोलना|speak; निकालना|remove; पहचानना|identify; मांगना/माँगना|seek; सौंपना|hand over; निपटना|tackle
ठहराना|hold; अपनाना|adopt; तोड़ना|break; रहना|stay`;

let table: Map<string, string> | undefined;
let verbs: Map<string, string> | undefined;

/** The news sense of a verb by its infinitive, which goes before the dictionary's, or undefined. */
export function newsVerb(infinitive: string): string | undefined {
  verbs ??= parse(VERBS);
  return verbs.get(infinitive.normalize('NFC'));
}

function parse(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of block.split(/[;\n]/u)) {
    const [spellings, english] = entry.split('|').map((s) => s.trim());
    if (spellings && english) for (const spelling of spellings.split('/')) out.set(spelling.normalize('NFC'), english);
  }
  return out;
}

/** The English of a news word the dictionary lacks, by its form NFC-normalised, or undefined. */
export function newsWord(word: string): string | undefined {
  table ??= parse(WORDS);
  return table.get(word.normalize('NFC'));
}
