import { describe, expect, it } from 'vitest';
import { confirms, findKeywords, matchStorylines, remember, type StorylineProfile } from '../../pipeline/match-storylines.js';
import { emptyStats } from '../../pipeline/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const v = (words: string): Vector => ({ kind: 'sparse', terms: Object.fromEntries(words.split(' ').map((w) => [`w:${w}`, 1])) });
const stats = emptyStats();

function storyline(): StorylineProfile {
  return {
    id: 'psm', keywords: ['Pakistan Steel Mills', 'PSM', 'पाकिस्तान स्टील मिल'], vector: v('pakistan steel mill russia karachi revival'),
    examples: [v('pakistan steel mill russia protocol'), v('karachi steel mill new plant')], threshold: 0.5,
    memory: { sum: null, count: 0, recent: [] },
  };
}

describe('findKeywords', () => {
  it('matches whole phrases in any script, ignoring case and punctuation', () => {
    expect(findKeywords('The PSM (Pakistan Steel Mills) restarts; पाकिस्तान स्टील मिल.', storyline().keywords)).toEqual(['Pakistan Steel Mills', 'PSM', 'पाकिस्तान स्टील मिल']);
    expect(findKeywords('PSMs and Pakistan Steel Millsite', storyline().keywords)).toEqual([]);
  });
});

describe('matchStorylines', () => {
  it('matches on meaning plus keywords, and keeps its evidence', () => {
    const [m] = matchStorylines({ title: 'PSM deal', text: 'Pakistan Steel Mills and Russia', vector: v('pakistan steel mill russia protocol signed') }, [storyline()], stats);
    expect(m).toMatchObject({ id: 'psm', evidence: { keywords: ['Pakistan Steel Mills', 'PSM'], nearestExample: { index: 0 }, nearestArticle: null } });
    expect(m!.score).toBeGreaterThan(0.5);
  });

  it('does not match a passing mention in an unrelated article', () => {
    expect(matchStorylines({ title: 'Cricket', text: 'A PSM employee won the cricket match.', vector: v('cricket match won employee') }, [storyline()], stats)).toEqual([]);
  });

  it('learns from confirmed matches: a report in words of its own matches once the storyline has seen such reports', () => {
    const article = { title: 'Blast furnace relit', text: 'Workers relit the blast furnace at Bin Qasim.', vector: v('blast furnace relit workers bin qasim') };
    const s = storyline();
    expect(matchStorylines(article, [s], stats)).toEqual([]);
    for (const id of ['m1', 'm2', 'm3']) s.memory = remember(s.memory, id, v('blast furnace bin qasim workers steel'));
    const [m] = matchStorylines({ ...article, text: `${article.text} PSM` }, [s], stats);
    expect(m?.evidence.nearestArticle?.id).toBe('m1');
    expect(m!.evidence.similarity).toBeGreaterThan(0.5);
  });

  it('never learns from a match without keyword evidence, so it cannot drift', () => {
    const s = storyline();
    const [m] = matchStorylines({ title: 'Steel', text: 'A revival plan for the Karachi steel plant with Russia', vector: v('pakistan steel mill russia karachi revival') }, [s], stats);
    expect(m).toBeDefined();
    expect(m!.evidence.keywords).toEqual([]);
    expect(confirms(m!)).toBe(false);
  });
});
