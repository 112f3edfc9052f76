// The grammatical words of Hindi and Urdu titles and what each becomes in English.
import { phraseKey } from './title-names.js';

/**
 * The grammatical words of Hindi titles and what each becomes in English. A postposition follows its
 * noun phrase in Hindi and its English preposition goes before it; the genitive का/की/के joins two noun
 * phrases; auxiliaries and light verbs carry tense and agreement that an English title leaves out.
 */
export type FunctionWord =
  | { kind: 'postposition'; english: string; subject?: boolean }
  | { kind: 'genitive' }
  | { kind: 'auxiliary'; passive?: boolean; future?: boolean }
  | { kind: 'conjunction'; english: string }
  | { kind: 'adverb'; english: string }
  | { kind: 'word'; english: string };

const POSTPOSITIONS = `
के लिए/के लिये|for; के बाद|after; के बीच|amid; के दौरान|during; के खिलाफ/के ख़िलाफ़|against; के साथ|with
के पास/के निकट/के नजदीक|near; के तहत|under; के अनुसार|according to; के कारण/की वजह से|due to; के रूप में|as
की ओर से/की तरफ से|by; के बारे में|about; के बिना|without; के अलावा|besides; के प्रति|towards; से पहले/के पहले|before
के मद्देनजर/के मद्देनज़र|in view of; की तरह|like; के ऊपर|over; के अंदर/के भीतर|inside; के बाहर|outside
के मुताबिक/के मुताबिक़|according to; के तौर पर|as; के जरिए/के जरिये/के ज़रिए/के माध्यम से|through; के खिलाफ़|against; के समर्थन में|in support of; के मौके पर/के अवसर पर|on
में|in; पर|on; से|from; तक|till; द्वारा|by; सहित/समेत|including; को|; ने|
`;
const AUXILIARIES = `है हैं था थी थे गया गयी गई गईं गए गये हुआ हुई हुईं हुए होगा होगी होंगे हो होने होना होता होती होते रहा रही रहीं
  रहे रहें जाएगा जाएगी जाएंगे जाएंगी जायेगा जायेगी जायेंगे जाने जाता जाती जाते जा सकता सकती सकते सकें चुका चुकी चुके दिया दी दिए दिये
  लिया ली लिये करेगा करेगी करेंगे करने करना करते करती करता कर किया किये किए कराया कराई जाना दें लें देने देना लेने लेना
  देकर लेकर करके`;
// After a verb's participle these make it passive: "मारे गए" were killed, "किया जाएगा" will be done.
const PASSIVE = new Set([
  'गया',
  'गयी',
  'गई',
  'गईं',
  'गए',
  'गये',
  'जाएगा',
  'जाएगी',
  'जाएंगे',
  'जाएंगी',
  'जायेगा',
  'जायेगी',
  'जायेंगे',
  'जा',
  'जाता',
  'जाती',
  'जाते',
  'जाने',
]);
// These put the verb before them in the future, which a headline writes "to" + verb: "जाएंगे" to go.
const FUTURE = /(गा|गी|गे|गीं)$/u;
const CONJUNCTIONS = 'और|and; व|and; एवं|and; तथा|and; या|or; अथवा|or; लेकिन|but; मगर|but; किंतु|but';
const ADVERBS =
  'आज|today; कल|tomorrow; अब|now; फिर|again; फिर से|again; जल्द|soon; आज से|from today; कल से|from tomorrow;' +
  ' आज सुबह|this morning; आज शाम|this evening; आज रात|tonight; कल रात|last night';
// English function words inside English names written in Devanagari ("पॉपुलर फ्रंट ऑफ इंडिया") are last.
const WORDS = `नहीं|not; कहा|says; इस|this; यह|this; इन|these; उस|that; उन|them; कोई|any; किसी|any; सभी|all; सब|all; हर|every
कई|several; अन्य|other; कुछ|some; भी|; ही|; वह|; वे|; अपनी|; अपने|; अपना|; जो|; कि|; उन्हें|; उसे|; इसे|; वाले|; वाली|; वाला|; वालों|
उप|deputy
ऑफ/ऑफ़/आफ|of; एंड/ऐंड|and; द|the; फॉर/फ़ॉर|for`;

let table: Map<string, FunctionWord> | undefined;

/** Function words by `phraseKey`, one- and two- or three-word ones alike. */
export function functionWords(): Map<string, FunctionWord> {
  if (table) return table;
  table = new Map();
  const entries = (block: string) =>
    block.split(/[;\n]/u).map((e) => e.split('|').map((s) => s.trim()) as [string, string | undefined]);
  for (const [spellings, english] of entries(POSTPOSITIONS)) {
    for (const s of spellings.split('/')) {
      // ने marks the agent of a past action: the subject, which English puts before its verb.
      if (s)
        table.set(phraseKey(s), {
          kind: 'postposition',
          english: english ?? '',
          ...(s === 'ने' ? { subject: true } : {}),
        });
    }
  }
  for (const w of AUXILIARIES.split(/\s+/u))
    if (w) table.set(phraseKey(w), { kind: 'auxiliary', passive: PASSIVE.has(w), future: FUTURE.test(w) });
  for (const [w, english] of entries(CONJUNCTIONS))
    if (w) table.set(phraseKey(w), { kind: 'conjunction', english: english ?? '' });
  for (const [w, english] of entries(ADVERBS))
    if (w) table.set(phraseKey(w), { kind: 'adverb', english: english ?? '' });
  for (const [spellings, english] of entries(WORDS)) {
    for (const w of spellings.split('/')) if (w) table.set(phraseKey(w), { kind: 'word', english: english ?? '' });
  }
  for (const w of ['का', 'की', 'के']) table.set(w, { kind: 'genitive' });
  return table;
}

const URDU =
  'میں|in; پر|on; سے|from; تک|till; کو|; نے|; اور|and; یا|or; لیکن|but; نہیں|not; کے لیے|for; کے بعد|after; کے ساتھ|with';
let urdu: Map<string, FunctionWord> | undefined;

/** The function words of Urdu titles, as `functionWords` has those of Hindi. */
export function urduFunctionWords(): Map<string, FunctionWord> {
  if (urdu) return urdu;
  urdu = new Map();
  for (const entry of URDU.split(';')) {
    const [w, english] = entry.split('|').map((x) => x.trim()) as [string, string];
    const conjunction = ['and', 'or', 'but'].includes(english);
    const word: FunctionWord =
      english === 'not'
        ? { kind: 'word', english }
        : conjunction
          ? { kind: 'conjunction', english }
          : { kind: 'postposition', english };
    urdu.set(phraseKey(w), word);
  }
  for (const w of ['کا', 'کی', 'کے']) urdu.set(w, { kind: 'genitive' });
  for (const w of ['ہے', 'ہیں', 'تھا', 'تھی', 'تھے', 'گیا', 'گئی', 'گئے', 'ہوا', 'ہوئی', 'ہوئے', 'گا', 'گی'])
    urdu.set(w, { kind: 'auxiliary' });
  return urdu;
}
