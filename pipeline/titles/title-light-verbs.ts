// Hindi verbal nouns that a light verb makes a verb of ("घोषणा की" announced), and their English verbs.
import { titleKey } from './title-names.js';

// "X की घोषणा की" is "announces X" in a headline: the noun carries the meaning, करना/देना/लेना the tense.
const NOUNS = `
घोषणा|announce; आश्वासन|assure; सुझाव|suggest; निंदा|condemn; आह्वान|call for; अपील|appeal; मांग/माँग|demand
समीक्षा|review; उद्घाटन|inaugurate; शुरुआत|launch; स्वागत|welcome; प्रशंसा/तारीफ|praise; आलोचना|criticise
अनुरोध|request; आग्रह|urge; सलाह|advise; चेतावनी|warn; इनकार/इंकार|refuse; समर्थन|support; विरोध|oppose
बातचीत/बात|talk; मुलाकात/मुलाक़ात|meet; हस्ताक्षर|sign; फैसला/फ़ैसला|decide; निर्देश|direct; आदेश|order
नियुक्त|appoint; गिरफ्तार/गिरफ़्तार|arrest; पारित|pass; घोषित|declare; शुभारंभ|launch; लोकार्पण|dedicate
बधाई|congratulate; श्रद्धांजलि|pay tribute; नमन|pay tribute; अध्यक्षता|chair; नेतृत्व|lead; जांच/जाँच|probe
रद्द|cancel; स्थगित|adjourn; खारिज/ख़ारिज|reject; मंजूर/मंज़ूर|approve; मंजूरी/मंज़ूरी|approve; स्वीकार|accept
पुष्टि|confirm; दावा|claim; खुलासा|reveal; प्रदान|confer; भुगतान|pay; आयोजन|organise; संबोधित|address
तैनात|deploy; तय|decide; व्यक्त|express; आमंत्रित|invite; समर्पित|dedicate; पार|cross; दर्ज|record
शुरू/शुरु|launch; हासिल|achieve; आरोप|allege; प्रतिबंध|ban
बरामद|recover; जब्त/ज़ब्त|seize; रिहा|release; सम्मानित|honour; शपथ|take oath; हमला|attack
`;

/** Light verbs after such a noun: forms of करना, देना, लेना, लगाना. */
const LIGHT = new Set(
  `की किया किए किये कीं करेगा करेगी करेंगे करेंगी करता करती करते करने करना कर करके दी दिया दिए दिये
  देगा देगी देंगे देंगी देने ली लिया लिए लिये लेगा लेगी लेंगे लगाया लगाई लगाए लगाये लगाएगा लगाएगी लगाएंगे लगाने`
    .split(/\s+/u)
    .filter(Boolean),
);

let table: Map<string, string> | undefined;

/** The English verb of a verbal noun when the next word is a light verb, else undefined. */
export function lightVerb(noun: string, next: string | undefined): string | undefined {
  if (!next || !LIGHT.has(titleKey(next))) return undefined;
  if (!table) {
    table = new Map();
    for (const entry of NOUNS.split(/[;\n]/u)) {
      const [spellings, english] = entry.split('|').map((s) => s.trim());
      if (spellings && english) for (const s of spellings.split('/')) table.set(titleKey(s), english);
    }
  }
  return table.get(titleKey(noun));
}
