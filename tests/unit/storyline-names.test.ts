// Tests the names storylines learn from confirmed matches, and recall through them without drift.
import { describe, expect, it } from 'vitest';
import { lexicalTerms } from '../../pipeline/represent/lexical-embedder.js';
import {
  confirms,
  matchStorylines,
  remember,
  type StorylineProfile,
} from '../../pipeline/storylines/match-storylines.js';
import { countTerms, learnedNameHits, learnedNames, MEMORY_TERMS } from '../../pipeline/storylines/storyline-names.js';
import { emptyStats, observe, type TermStats } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const vector = (title: string, text: string): Vector => ({
  kind: 'sparse',
  terms: lexicalTerms({ title, text, lang: 'und' }, null),
});
const termsOf = (keywords: string) => Object.keys(lexicalTerms({ title: '', text: keywords, lang: 'und' }, null));
const article = (title: string, text: string) => ({ title, text, vector: vector(title, text) });
type Article = ReturnType<typeof article>;

/** Runs a stream through matching as the cluster writer does: every article is observed, confirmed matches teach. */
function run(s: StorylineProfile, stream: Article[], stats: TermStats) {
  const matched: string[] = [];
  for (const a of stream) {
    observe(stats, a.vector);
    const [m] = matchStorylines(a, [s], stats);
    if (!m) continue;
    matched.push(a.title);
    if (confirms(m)) s.memory = remember(s.memory, a.title, a.vector);
  }
  return matched;
}

/** Everyday news of a few days that the storylines below have nothing to do with, in both languages. */
const background = [1, 2, 3, 4].flatMap((day) =>
  [
    ['Monsoon session of Parliament ends', 'The session passed nine bills and the Speaker thanked members.'],
    ['संसद का मानसून सत्र समाप्त', 'सत्र में नौ विधेयक पारित हुए और अध्यक्ष ने सदस्यों को धन्यवाद दिया।'],
    ['India beat Sri Lanka in Pune', 'Rahul scored a century as India won the second match by seven wickets.'],
    ['भारत ने पुणे में श्रीलंका को हराया', 'राहुल के शतक से भारत ने दूसरा मैच सात विकेट से जीता।'],
    ['Farmers get new seed varieties', 'The agriculture ministry released twelve seed varieties for the rabi season.'],
    ['किसानों को बीज की नई किस्में', 'कृषि मंत्रालय ने रबी सत्र के लिए बारह किस्में जारी कीं।'],
    ['Rail fares unchanged this year', 'The railway board said fares for sleeper class stay the same.'],
    ['रेल किराए इस वर्ष नहीं बढ़ेंगे', 'रेलवे बोर्ड ने कहा कि स्लीपर श्रेणी का किराया वही रहेगा।'],
  ].map(([t, x]) => article(`${t} (day ${day})`, x!)),
);

describe('the names a storyline learns', () => {
  it('counts the skeletons of confirmed matches, and keeps the most frequent when there are too many', () => {
    const counts = countTerms(countTerms(undefined, vector('Pompeo in Baghdad', '')), vector('Pompeo speaks', ''))!;
    expect(counts['n:pmp']).toBe(2);
    expect(counts['n:bgd']).toBe(1);
    expect(Object.keys(counts).every((t) => t.startsWith('n:'))).toBe(true);
    const many = Object.fromEntries(Array.from({ length: MEMORY_TERMS }, (_, i) => [`n:x${i}`, i === 0 ? 9 : 1]));
    const pruned = countTerms(many, { kind: 'sparse', terms: { 'n:new': 1 } })!;
    expect(Object.keys(pruned).length).toBeLessThan(MEMORY_TERMS);
    expect(pruned['n:x0']).toBe(9);
  });

  it('takes terms frequent in the confirmed matches and rare elsewhere, never the keywords, and only once there are enough matches', () => {
    const stats = emptyStats();
    for (const a of background) observe(stats, a.vector);
    const memory = { count: 6, terms: { 'n:pmp': 5, 'n:rn': 6, 'n:sn': 6 } };
    for (let i = 0; i < 6; i++)
      observe(stats, { kind: 'sparse', terms: { 'n:pmp': i < 5 ? 1 : 0, 'n:rn': 1, 'n:sn': 1 } });
    // "sn" is in the matches as often as elsewhere: it belongs to the stream, not to the storyline.
    for (let i = 0; i < 20; i++) observe(stats, { kind: 'sparse', terms: { 'n:sn': 1 } });
    expect(learnedNames(memory, stats, new Set(['n:rn']))).toEqual(['n:pmp']);
    expect(learnedNames({ ...memory, count: 4 }, stats, new Set())).toEqual([]);
  });

  it('counts one name alone as nothing, two as a passing mention each, and never more than one keyword', () => {
    const names = ['n:pmp', 'n:rk', 'n:rmj'];
    expect(learnedNameHits(vector('Pompeo speaks', ''), names)).toEqual({ found: ['n:pmp'], units: 0 });
    expect(learnedNameHits(vector('Pompeo on Iraq', ''), names)).toEqual({ found: ['n:pmp', 'n:rk'], units: 1 });
    expect(learnedNameHits(vector('Pompeo on Iraq and Hormuz', ''), names).units).toBe(1);
  });
});

describe('recall through learned names, without drift', () => {
  const jnu = (): StorylineProfile => ({
    id: 'jnu',
    keywords: ['JNU', 'जेएनयू'],
    vector: vector('Violence at JNU', 'A masked mob attacked students and teachers on the JNU campus. JNU जेएनयू'),
    examples: [],
    threshold: 0.5,
    memory: { sum: null, count: 0, recent: [] },
    keywordTerms: termsOf('JNU जेएनयू'),
  });
  const confirmed = [
    [
      'JNU: masked mob attacks Sabarmati hostel',
      'Students union president Aishe Ghosh was injured when a masked mob entered the Sabarmati hostel.',
    ],
    [
      'JNU vice chancellor Jagadesh Kumar meets students',
      'Kumar said the Sabarmati hostel would reopen; Aishe Ghosh demanded his resignation.',
    ],
    [
      'Police question Aishe Ghosh over JNU violence',
      'Delhi Police showed pictures of the Sabarmati hostel attack and named Aishe Ghosh.',
    ],
    [
      'JNU teachers march against the attack',
      'Teachers said Jagadesh Kumar failed to protect the Sabarmati hostel from the masked mob.',
    ],
    [
      'JNU students return to Sabarmati hostel',
      'Aishe Ghosh led students back to the Sabarmati hostel a week after the masked mob attack.',
    ],
    [
      'Court hears JNU attack case',
      'Lawyers for Aishe Ghosh asked for the Sabarmati hostel footage; Jagadesh Kumar was not present.',
    ],
    ['जेएनयू: साबरमती छात्रावास पर नकाबपोश भीड़ का हमला', 'जेएनयू छात्र संघ अध्यक्ष आइशी घोष साबरमती छात्रावास में हमले में घायल हुईं।'],
    [
      'जेएनयू कुलपति जगदीश कुमार ने छात्रों से मुलाकात की',
      'जगदीश कुमार ने कहा साबरमती छात्रावास फिर खुलेगा; आइशी घोष ने इस्तीफे की मांग की।',
    ],
  ].map(([t, x]) => article(t!, x!));
  // Names of Delhi's other universities, police and politics: the neighbouring topics.
  const delhiUniversity = [
    [
      'Delhi University exam dates announced',
      'Delhi University students at Hindu College and Miranda House get admit cards online.',
    ],
    ['दिल्ली विश्वविद्यालय की परीक्षा तिथियां घोषित', 'हिंदू कॉलेज और मिरांडा हाउस के छात्रों को प्रवेश पत्र ऑनलाइन मिलेंगे।'],
    [
      'Jamia students protest fee hike',
      'Jamia Millia Islamia students marched to the vice chancellor office over hostel fees.',
    ],
  ].map(([t, x]) => article(t!, x!));

  it('learns the hostel and the union president from confirmed matches and finds a Hindi report that names them without the keyword', () => {
    const s = jnu();
    const stats = emptyStats();
    run(s, [...background, ...confirmed], stats);
    expect(s.memory.count).toBeGreaterThanOrEqual(5);
    const names = learnedNames(s.memory, stats, new Set(s.keywordTerms));
    expect(names).toEqual(expect.arrayContaining(['n:sbrmt', 'n:gs']));
    expect(names).not.toContain('n:jn');
    const hindi = article('साबरमती छात्रावास की सुरक्षा बढ़ी', 'आइशी घोष ने कहा कि नकाबपोश भीड़ की पहचान हो।');
    const [m] = matchStorylines(hindi, [s], stats);
    expect(m?.evidence.learnedNames).toEqual(expect.arrayContaining(['n:sbrmt', 'n:gs']));
    expect(m?.evidence.keywords).toEqual([]);
    // What learned names bring in does not teach: no chaining.
    expect(confirms(m!)).toBe(false);
    const before = jnu();
    expect(matchStorylines(hindi, [before], stats)).toEqual([]);
  });

  it('keeps other Delhi university stories out after names are learned, also one naming a hostel and the campus in passing', () => {
    const s = jnu();
    const stats = emptyStats();
    run(s, [...background, ...confirmed], stats);
    const memory = s.memory;
    const neighbours = [
      ...delhiUniversity,
      article(
        'Delhi University hostel fees revised',
        `${'Hostel fees at Delhi University colleges go up by five percent. '.repeat(6)}Unlike at JNU, there was no protest.`,
      ),
      article(
        'Hindu College hostel reopens',
        'The hostel at Hindu College reopened after repairs, Delhi University said; students were attacked by no one.',
      ),
    ];
    expect(run(s, neighbours, stats)).toEqual([]);
    expect(s.memory).toBe(memory);
  });

  it('does not learn from what its learned names brought in, however many such reports come', () => {
    const s = jnu();
    const stats = emptyStats();
    run(s, [...background, ...confirmed], stats);
    const count = s.memory.count;
    const carried = Array.from({ length: 10 }, (_, i) =>
      article(
        `Sabarmati hostel residents meet ${i}`,
        `Aishe Ghosh addressed residents of the Sabarmati hostel about the Periyar mess, day ${i}.`,
      ),
    );
    const matched = run(s, carried, stats);
    expect(matched.length).toBeGreaterThan(0);
    expect(s.memory.count).toBe(count);
    expect(learnedNames(s.memory, stats, new Set(s.keywordTerms))).not.toContain('n:pryr');
  });

  it('keeps oil and Gulf reports out of an Iran storyline that learned the names of the crisis', () => {
    const s: StorylineProfile = {
      id: 'iran',
      keywords: ['Iran', 'ईरान', 'Soleimani', 'सुलेमानी'],
      vector: vector(
        'Iran–US crisis',
        "The US strike that killed Qasem Soleimani and Iran's revenge. Iran ईरान Soleimani सुलेमानी",
      ),
      examples: [],
      threshold: 0.5,
      memory: { sum: null, count: 0, recent: [] },
      keywordTerms: termsOf('Iran ईरान Soleimani सुलेमानी'),
    };
    const crisis = [
      [
        'Iran vows revenge for Soleimani',
        'Supreme leader Khamenei said Quds Force commander Soleimani will be avenged; Pompeo warned Tehran.',
      ],
      [
        'ईरान ने सुलेमानी की मौत का बदला लेने की कसम खाई',
        'खामेनेई ने कहा कि कुद्स फोर्स के कमांडर का बदला लिया जाएगा; पोम्पियो ने चेतावनी दी।',
      ],
      [
        'Iran fires missiles at bases in Iraq',
        'The Quds Force strike hit Ain al-Asad; Pompeo spoke to Khamenei critics.',
      ],
      ['ईरान ने इराक में ठिकानों पर मिसाइलें दागीं', 'कुद्स फोर्स ने ऐन अल असद पर हमला किया; खामेनेई ने भाषण दिया।'],
      ['Soleimani buried in Kerman', 'Khamenei wept; the Quds Force named a new commander as Pompeo called for calm.'],
      [
        'Iran parliament calls US army terrorist',
        'Lawmakers backed Khamenei after the Soleimani killing; the Quds Force was praised.',
      ],
    ].map(([t, x]) => article(t!, x!));
    const stats = emptyStats();
    run(s, [...background, ...crisis], stats);
    expect(learnedNames(s.memory, stats, new Set(s.keywordTerms))).toEqual(expect.arrayContaining(['n:kmn', 'n:pmp']));
    const memory = s.memory;
    const gulf = [
      article(
        'Oil prices rise on Gulf supply worries',
        'Brent crude rose as Saudi Arabia and OPEC discussed output; shipping through the Gulf was normal.',
      ),
      article('खाड़ी देशों में तेल उत्पादन बढ़ा', 'सऊदी अरब और ओपेक ने कच्चे तेल का उत्पादन बढ़ाया।'),
      article(
        'Markets steady as crude eases',
        'Oil fell after Pompeo said talks with Gulf partners went well; OPEC output is unchanged.',
      ),
    ];
    expect(run(s, gulf, stats)).toEqual([]);
    expect(s.memory).toBe(memory);
    // A report on the crisis in words of its own is found.
    const [m] = matchStorylines(
      article('Khamenei leads prayers in Tehran', 'Pompeo said the Quds Force remains a threat.'),
      [s],
      stats,
    );
    expect(m?.evidence.learnedNames?.length).toBeGreaterThanOrEqual(2);
  });
});
