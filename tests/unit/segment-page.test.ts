// Tests splitting the seed pages into articles: titles, dates, bodies and boilerplate left out.
import { describe, expect, it } from 'vitest';
import { segmentPage } from '../../pipeline/extract/segment-page.js';
import { seedPages } from '../helpers/seeds.js';

const pages = seedPages();
const seed = (prefix: string) => pages[Object.keys(pages).find((f) => f.startsWith(prefix))!]!;

describe('segmentPage on the seed pages', () => {
  it.each([
    ['000', 4],
    ['001', 1],
    ['002', 1],
    ['003', 2],
    ['004', 1],
  ])('page %s holds %i article(s)', (prefix, count) => {
    expect(segmentPage(seed(prefix))).toHaveLength(count);
  });

  it('takes titles from the page, including the headlines under "Related Articles"', () => {
    expect(segmentPage(seed('000')).map((a) => a.title)).toEqual([
      'Islamabad, Moscow sign protocol to restore and modernize Pakistan Steel Mills',
      "Pakistan president invites Saudi investment, acknowledges Riyadh's support in critical times",
      'Pakistan urges global action against banned militant groups exploiting social media',
      "Pakistan's top judge pushes for AI integration in courts, stresses need for ethical safeguards",
    ]);
    expect(segmentPage(seed('001'))[0]!.title).toBe(
      'रूस ने पाकिस्तान के साथ कर ली बड़ी डील, करेगा इन मामलों में मदद, जानें क्या बढ़ेगी भारत की टेंशन',
    );
    expect(segmentPage(seed('003')).map((a) => a.title)).toEqual([
      'Russia, Pakistan share fears over Daesh in Afghanistan',
      'Pakistan eyes enhancing mines, minerals cooperation with Saudi Arabia at Future Minerals Forum 2026',
    ]);
    expect(segmentPage(seed('004'))[0]!.title).toBe('Pakistan Attaches Immense Importance To Its Ties With Russia: PM');
  });

  it('derives a title from the lead when the page states none', () => {
    // The lead's apposition ("led by … Haroon Akhtar Khan,") is dropped to make a headline of it.
    const [article] = segmentPage(seed('002'));
    expect(article!.title).toBe(
      'A high-level Pakistani delegation held a pivotal meeting with Russian Deputy Prime Minister Alexei Overchuk in Moscow on Thursday',
    );
  });

  it('takes the publication date where the page states it, and only there', () => {
    expect(segmentPage(seed('002'))[0]!.publishedAt).toBe('2025-07-10');
    expect(segmentPage(seed('003')).map((a) => a.publishedAt)).toEqual(['2018-02-21', null]);
    expect(segmentPage(seed('004'))[0]!.publishedAt).toBe('2025-09-02T19:49:00');
    // "an hour ago" and a date inside the Hindi body text are not publication dates.
    expect(segmentPage(seed('000')).map((a) => a.publishedAt)).toEqual([null, null, null, null]);
    expect(segmentPage(seed('001'))[0]!.publishedAt).toBeNull();
  });

  it('keeps boilerplate out of every article body', () => {
    const bodies = Object.values(pages).flatMap((p) => segmentPage(p).map((a) => a.text));
    const phrases = [
      'Try Our AI Features',
      'Explore what Daily8 AI',
      'No comments yet',
      'Related Articles',
      'Hashtags',
      'Recent Stories',
      'More Stories',
      'Read More at',
      'Updated 5 sec ago',
      'Updated 21 February',
      'an hour ago',
      '2 hours ago',
      'minutes ago',
      '- Arab News',
      'यह भी पढ़ें',
      'Photo courtesy',
      'X/@ForeignOfficePk',
      'Earthquake jolts Islamabad',
    ];
    const wholeLines = ['Follow', 'Comments', 'Arab News'];
    for (const body of bodies) {
      for (const p of phrases) expect(body, p).not.toContain(p);
      const paragraphs = body.split('\n\n');
      for (const l of wholeLines) expect(paragraphs, l).not.toContain(l);
    }
  });

  it('keeps the article text: first and last paragraphs, subheadings, a line the scraper broke', () => {
    const [main] = segmentPage(seed('000'));
    expect(main!.text.startsWith('The development comes days after')).toBe(true);
    expect(main!.text.endsWith('despite global tensions over the war in Ukraine.')).toBe(true);
    const hindi = segmentPage(seed('001'))[0]!.text;
    expect(hindi).toContain('पाकिस्तानी पीएम के विशेष सचिव ने क्या कहा?');
    expect(hindi.endsWith('पर सहमति जताई.')).toBe(true);
    const urduPoint = segmentPage(seed('004'))[0]!.text;
    expect(urduPoint).toContain('similarity of approaches on various global platforms.');
    // The standfirst repeated by the dateline paragraph is kept once.
    expect(urduPoint.match(/Prime Minster Muhammad Shehbaz Sharif Tuesday emphasized/g)).toHaveLength(1);
  });
});

describe('segmentPage on pages it has not seen', () => {
  const para = (topic: string) =>
    `The ${topic} council met on Tuesday to review the budget, and members argued for several hours about the allocation for roads, schools and clinics across the district before voting.`;

  it('splits two stories separated by a byline block and drops a trailing link list', () => {
    const page = [
      'Menu',
      'Home',
      'World',
      'Sport',
      '',
      'City council approves new budget',
      'By Staff Reporter',
      'March 3, 2024',
      '',
      para('city'),
      para('budget'),
      '',
      'Share this',
      'Tweet',
      '',
      'River floods low-lying villages',
      'By Staff Reporter',
      'March 4, 2024',
      '',
      para('river'),
      para('relief'),
      '',
      'Most read',
      'Team wins cup final',
      'Storm hits coast',
      'Prices rise again',
      'New bridge opens',
    ].join('\n');
    const articles = segmentPage(page);
    expect(articles.map((a) => [a.title, a.publishedAt])).toEqual([
      ['City council approves new budget', '2024-03-03'],
      ['River floods low-lying villages', '2024-03-04'],
    ]);
    for (const a of articles) expect(a.text).not.toMatch(/Most read|Share this|Tweet|Storm hits coast|Menu/);
  });

  it('returns nothing for a page of navigation only', () => {
    expect(segmentPage(['Home', 'News', 'Sport', 'Weather', 'Contact us'].join('\n'))).toEqual([]);
  });

  it('returns nothing for a listing of dated headlines and one-sentence teasers', () => {
    const releases = [
      'Press Releases',
      'Minister chairs meeting on the revival of the state steel works',
      '10-07-2025',
      'Delegation of the chamber of small industries calls on the Minister',
      '09-07-2025',
      'Cabinet approves a phased plan to restart the steel works',
      'Posted on July 10, 2025 by Staff reporter',
      'The federal cabinet approved a plan to restart the idle steel works in phases over four years, with the first furnace to be relit late next year.',
      'Continue reading',
      'Former steel workers still wait for their back pay',
      'Posted on July 2, 2025 by Staff reporter',
      'Several hundred retired workers gathered outside the press club to ask for dues that were frozen when the plant shut down.',
      'Continue reading',
    ];
    const urduHome = [
      'خبرنامہ',
      'پاکستان',
      'دنیا',
      'کھیل',
      'تازہ ترین',
      'کراچی میں بارش کے بعد کئی علاقوں میں بجلی بند',
      '2 گھنٹے قبل',
      'قومی ٹیم نے دوسرا میچ چھ وکٹوں سے جیت لیا',
      '3 گھنٹے قبل',
      'وفاقی کابینہ نے جمعرات کو بند پڑی اسٹیل ملز کو چار برس میں مرحلہ وار دوبارہ چلانے کے منصوبے کی منظوری دے دی۔',
      '10 جولائی 2025',
      'محکمہ موسمیات نے گرمی کی لہر کا انتباہ جاری کر دیا',
      '7 گھنٹے قبل',
    ];
    expect(segmentPage(releases.join('\n'))).toEqual([]);
    expect(segmentPage(urduHome.join('\n'))).toEqual([]);
  });

  it('reads Urdu sentences, which end in U+06D4, as running text', () => {
    const page = [
      'خبرنامہ',
      'پاکستان',
      'دنیا',
      'کھیل',
      '',
      'موٹروے کا ایک حصہ ہفتے کے روز بند رہے گا',
      '10 جولائی 2025',
      '',
      'موٹروے پولیس کے مطابق شہر کے داخلی راستے سے پل تک موٹروے کا حصہ ہفتے کی صبح سے شام تک مرمت کے لیے بند رہے گا۔',
      'ترجمان نے بتایا کہ اس دوران ٹریفک کو پرانی سڑک کی طرف موڑ دیا جائے گا اور بھاری گاڑیوں کو رات کے وقت سفر کرنے کا مشورہ دیا گیا ہے۔',
      'مسافروں سے کہا گیا ہے کہ وہ سفر سے پہلے ہیلپ لائن سے تازہ صورتحال معلوم کر لیں۔',
    ];
    expect(segmentPage(page.join('\n')).map((a) => [a.title, a.publishedAt, a.text.split('\n\n').length])).toEqual([
      ['موٹروے کا ایک حصہ ہفتے کے روز بند رہے گا', '2025-07-10', 3],
    ]);
  });
});
