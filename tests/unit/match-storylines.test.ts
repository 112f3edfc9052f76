// Tests storyline matching: keywords in any script, meaning plus keywords, and learning from matches.
import { describe, expect, it } from 'vitest';
import {
  confirms,
  matchStorylines,
  remember,
  type ClusterContext,
  type StorylineProfile,
} from '../../pipeline/storylines/match-storylines.js';
import { findKeywords } from '../../pipeline/storylines/storyline-keywords.js';
import { emptyStats } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const v = (words: string): Vector => ({
  kind: 'sparse',
  terms: Object.fromEntries(words.split(' ').map((w) => [`w:${w}`, 1])),
});
const stats = emptyStats();

function storyline(): StorylineProfile {
  return {
    id: 'psm',
    keywords: ['Pakistan Steel Mills', 'PSM', 'पाकिस्तान स्टील मिल'],
    vector: v('pakistan steel mill russia karachi revival'),
    examples: [v('pakistan steel mill russia protocol'), v('karachi steel mill new plant')],
    threshold: 0.5,
    memory: { sum: null, count: 0, recent: [] },
  };
}

describe('findKeywords', () => {
  it('matches whole phrases in any script, ignoring case and punctuation', () => {
    expect(findKeywords('The PSM (Pakistan Steel Mills) restarts; पाकिस्तान स्टील मिल.', storyline().keywords)).toEqual([
      'Pakistan Steel Mills',
      'PSM',
      'पाकिस्तान स्टील मिल',
    ]);
    expect(findKeywords('PSMs and Pakistan Steel Millsite', storyline().keywords)).toEqual([]);
  });
});

describe('matchStorylines', () => {
  it('matches on meaning plus keywords, and keeps its evidence', () => {
    const [m] = matchStorylines(
      {
        title: 'PSM deal',
        text: 'Pakistan Steel Mills and Russia',
        vector: v('pakistan steel mill russia protocol signed'),
      },
      [storyline()],
      stats,
    );
    expect(m).toMatchObject({
      id: 'psm',
      evidence: { keywords: ['Pakistan Steel Mills', 'PSM'], nearestExample: { index: 0 }, nearestArticle: null },
    });
    expect(m!.score).toBeGreaterThan(0.5);
  });

  it('does not match a passing mention in an unrelated article', () => {
    expect(
      matchStorylines(
        { title: 'Cricket', text: 'A PSM employee won the cricket match.', vector: v('cricket match won employee') },
        [storyline()],
        stats,
      ),
    ).toEqual([]);
  });

  it('learns from confirmed matches: a report in words of its own matches once the storyline has seen such reports', () => {
    const article = {
      title: 'Blast furnace relit',
      text: 'Workers relit the blast furnace at Bin Qasim.',
      vector: v('blast furnace relit workers bin qasim'),
    };
    const s = storyline();
    expect(matchStorylines(article, [s], stats)).toEqual([]);
    for (const id of ['m1', 'm2', 'm3']) s.memory = remember(s.memory, id, v('blast furnace bin qasim workers steel'));
    const [m] = matchStorylines({ ...article, text: `${article.text} PSM` }, [s], stats);
    expect(m?.evidence.nearestArticle?.id).toBe('m1');
    expect(m!.evidence.similarity).toBeGreaterThan(0.5);
  });

  it('never learns from a match without keyword evidence, so it cannot drift', () => {
    const s = storyline();
    const [m] = matchStorylines(
      {
        title: 'Steel',
        text: 'A revival plan for the Karachi steel plant with Russia',
        vector: v('pakistan steel mill russia karachi revival'),
      },
      [s],
      stats,
    );
    expect(m).toBeDefined();
    expect(m!.evidence.keywords).toEqual([]);
    expect(confirms(m!)).toBe(false);
  });

  it('takes an article with none of the keywords when its cluster belongs to the storyline, and says so', () => {
    const hindi = {
      title: 'रूस के साथ कराची संयंत्र समझौता',
      text: 'दोनों देशों ने समझौते पर हस्ताक्षर किए।',
      vector: v('russia protocol signed moscow'),
    };
    const cluster = (matched: number, members: number): ClusterContext => ({
      id: 'c7',
      members,
      matched: new Map([['psm', matched]]),
    });
    expect(matchStorylines(hindi, [storyline()], stats)).toEqual([]);
    expect(matchStorylines(hindi, [storyline()], stats, {}, cluster(1, 3))).toEqual([]);
    const [m] = matchStorylines(hindi, [storyline()], stats, {}, cluster(2, 3));
    expect(m?.evidence).toMatchObject({ keywords: [], cluster: { id: 'c7', matched: 2, members: 3 } });
    // Cluster evidence alone never teaches the storyline.
    expect(confirms(m!)).toBe(false);
  });
});

describe('no drift onto neighbouring topics', () => {
  const jnu = (): StorylineProfile => ({
    id: 'jnu',
    keywords: ['JNU', 'Jawaharlal Nehru University', 'जेएनयू'],
    vector: v('jnu campus violence masked mob students attacked delhi university'),
    examples: [],
    threshold: 0.5,
    memory: { sum: null, count: 0, recent: [] },
  });
  const learned = () => {
    const s = jnu();
    for (const id of ['j1', 'j2', 'j3'])
      s.memory = remember(s.memory, id, v('jnu campus masked mob attack students delhi police'));
    return s;
  };
  const campus = 'Delhi University students and teachers on campus; Delhi police say exams go ahead.';

  // As close to the storyline's description as the university's other news gets: one word in common.
  it('keeps another Delhi university story out, even one that mentions JNU on the way, and learns nothing from it', () => {
    const du = {
      title: 'Delhi University announces exam dates',
      text: `${campus} ${'Admit cards are online. '.repeat(20)}Unlike JNU, it has no hostel fee row.`,
      vector: v('university exam dates'),
    };
    // With the campus in its title the same report is a match: what keeps it out is that JNU is only mentioned on the way.
    expect(matchStorylines({ ...du, title: `${du.title} after JNU row` }, [jnu()], stats)).toHaveLength(1);
    for (const s of [jnu(), learned()]) {
      const matches = matchStorylines(du, [s], stats);
      expect(matches.every((m) => !confirms(m))).toBe(true);
      expect(matches).toEqual([]);
    }
  });

  it('does not follow a cluster when the article itself names the storyline only in passing', () => {
    const du = {
      title: 'Delhi University exams',
      text: `${campus} ${'Admit cards are online. '.repeat(20)}JNU is closed.`,
      vector: v('university exam dates'),
    };
    expect(
      matchStorylines(du, [learned()], stats, {}, { id: 'c1', members: 2, matched: new Map([['jnu', 2]]) }),
    ).toEqual([]);
  });

  it('still takes a report on the violence that names the campus in its title', () => {
    const [m] = matchStorylines(
      {
        title: 'JNU: masked mob attacks students',
        text: 'Students were attacked on campus.',
        vector: v('jnu masked mob attack students campus'),
      },
      [learned()],
      stats,
    );
    expect(m?.evidence.prominentKeywords).toEqual(['JNU']);
    expect(confirms(m!)).toBe(true);
  });
});
