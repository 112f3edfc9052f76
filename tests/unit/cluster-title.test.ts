// Tests which article titles a cluster, when an arrival re-checks it, and the cluster's lead.
import { describe, expect, it } from 'vitest';
import { addToCluster, type ClusterState } from '../../pipeline/cluster/assign-cluster.js';
import {
  leadOf,
  mostCentral,
  titleCheck,
  titleLanguage,
  type TitleCandidate,
  type TitleState,
} from '../../pipeline/cluster/cluster-title.js';
import { emptyStats, observe } from '../../pipeline/represent/term-stats.js';
import type { Vector } from '../../pipeline/types.js';

const sparse = (words: string): Vector => ({
  kind: 'sparse',
  terms: Object.fromEntries(words.split(' ').map((w) => [w, 1])),
});

/** A cluster built from its members in order, with statistics that have seen them (and some others). */
function clusterOf(members: TitleCandidate[]) {
  const cluster: ClusterState = { id: 'c1', centroids: {}, firstSeen: null, lastSeen: null };
  const stats = emptyStats();
  for (const m of members) {
    addToCluster(cluster, { lang: m.lang, vector: m.vector, time: null });
    observe(stats, m.vector);
  }
  for (const other of ['cricket final delhi', 'monsoon rain kerala', 'budget session parliament'])
    observe(stats, sparse(other));
  return { cluster, stats };
}

const en = (id: string, words: string): TitleCandidate => ({ id, lang: 'en', vector: sparse(words) });
const hi = (id: string, words: string): TitleCandidate => ({ id, lang: 'hi', vector: sparse(words) });

describe('the article a cluster is titled by', () => {
  const cases: Array<{ name: string; members: TitleCandidate[]; central: string }> = [
    {
      name: 'the central English report beats the first one (a side event) and the last one (a follow-up)',
      members: [
        en('first', 'iran foreign minister qatar talks tehran'),
        en('central', 'iran general soleimani killed us strike baghdad'),
        en('b', 'soleimani killed baghdad us strike trump'),
        en('c', 'iran general soleimani baghdad funeral'),
        en('last', 'oil prices rise iran us tension markets'),
      ],
      central: 'central',
    },
    {
      name: 'an English report is preferred to Hindi ones closer to their own centroid',
      members: [
        hi('h1', 'n:soleimani n:baghdad hamla'),
        hi('h2', 'n:soleimani n:baghdad hamla'),
        en('e1', 'oil prices rise iran tension'),
        hi('h3', 'n:soleimani n:baghdad hamla'),
      ],
      central: 'e1',
    },
    {
      name: 'a Hindi-only cluster is titled by its most central Hindi report (then shown in English)',
      members: [
        hi('h-first', 'n:kota aspatal'),
        hi('h-central', 'n:kota aspatal bachche maut n:rajasthan'),
        hi('h-b', 'bachche maut n:rajasthan n:kota'),
        hi('h-last', 'n:rajasthan sarkar notice'),
      ],
      central: 'h-central',
    },
    {
      name: 'among equally central reports the earlier one keeps the title',
      members: [en('a', 'steel mill karachi'), en('b', 'steel mill karachi')],
      central: 'a',
    },
  ];
  it.each(cases)('$name', ({ members, central }) => {
    const { cluster, stats } = clusterOf(members);
    expect(mostCentral(members, cluster.centroids, stats)?.id).toBe(central);
    // The order the candidates are offered in does not matter, except for ties.
    if (central !== 'a') expect(mostCentral([...members].reverse(), cluster.centroids, stats)?.id).toBe(central);
  });

  it('titles in English when there is English, else in the most common language', () => {
    const c = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).map(([l, n]) => [l, { sum: sparse('x'), count: n }]));
    expect(titleLanguage(c({ hi: 9, en: 1 }))).toBe('en');
    expect(titleLanguage(c({ hi: 2, ur: 3 }))).toBe('ur');
    expect(titleLanguage(c({ ur: 2, hi: 2 }))).toBe('hi');
    expect(titleLanguage({})).toBeUndefined();
    expect(mostCentral([en('e', 'x')], {}, emptyStats())).toBeUndefined();
  });
});

describe('how much an arrival re-checks', () => {
  const state = (enCount: number, hiCount: number, title: Partial<TitleState>) => ({
    centroids: {
      ...(enCount ? { en: { sum: sparse('x'), count: enCount } } : {}),
      ...(hiCount ? { hi: { sum: sparse('x'), count: hiCount } } : {}),
    },
    centralId: 'a',
    centralLang: 'en',
    centralChecked: 0,
    ...title,
  });
  const cases: Array<[string, ReturnType<typeof state>, string, string]> = [
    ['a Hindi report leaves an English title alone', state(40, 3, { centralChecked: 40 }), 'hi', 'none'],
    ['a small cluster is checked in full', state(16, 0, { centralChecked: 16 }), 'en', 'full'],
    ['a big one meets the newcomer only', state(40, 0, { centralChecked: 36 }), 'en', 'pair'],
    ['until it grew by a quarter since the last full check', state(45, 0, { centralChecked: 36 }), 'en', 'full'],
    [
      'a cluster stored before titles followed centrality',
      state(40, 0, { centralId: null, centralLang: null }),
      'en',
      'full',
    ],
    [
      'the first English report of a Hindi-titled cluster',
      state(1, 30, { centralLang: 'hi', centralChecked: 30 }),
      'en',
      'full',
    ],
    [
      'a Hindi report of a big Hindi-only cluster',
      state(0, 30, { centralLang: 'hi', centralChecked: 30 }),
      'hi',
      'pair',
    ],
  ];
  it.each(cases)('%s', (_, cluster, lang, expected) => {
    expect(titleCheck(cluster, lang)).toBe(expected);
  });
});

describe('the lead', () => {
  const long = `The Union Cabinet today approved ${'a long list of measures for farmers, '.repeat(8)}officials said.`;
  const cases: Array<[string, string, string, string]> = [
    [
      'the first sentence',
      "Iran's Foreign Minister hosted his Qatari counterpart.\n\nTensions rose.",
      'Title',
      "Iran's Foreign Minister hosted his Qatari counterpart.",
    ],
    [
      'abbreviations do not end it',
      'Mr. Borrell said a political solution was the only way. He called.',
      'T',
      'Mr. Borrell said a political solution was the only way.',
    ],
    ['initials do not end it', 'The U.S. sent 3,000 more troops. More later.', 'T', 'The U.S. sent 3,000 more troops.'],
    [
      'Hindi initials do not end it',
      'नेपाल के प्रधानमंत्री के. पी. शर्मा ओली ने बात की। फिर',
      'T',
      'नेपाल के प्रधानमंत्री के. पी. शर्मा ओली ने बात की।',
    ],
    ['nor run together', 'प्रधानमंत्री के.पी. शर्मा ओली ने बात की। फिर', 'T', 'प्रधानमंत्री के.पी. शर्मा ओली ने बात की।'],
    [
      'Hindi ends at the danda',
      'इराक के प्रधानमंत्री ने अपील की। इसके बाद दर्जनों प्रदर्शनकारी',
      'T',
      'इराक के प्रधानमंत्री ने अपील की।',
    ],
    ['whitespace collapsed', '  \n\nPolice   arrested\na man.', 'T', 'Police arrested a man.'],
    ['nothing when the text is the title', 'Steel mill revived', 'Steel mill revived', ''],
    ['nothing for no text', '', 'T', ''],
  ];
  it.each(cases)('%s', (_, text, title, expected) => {
    expect(leadOf(text, title)).toBe(expected);
  });

  it('cuts a long first sentence at a word boundary, at most 200 characters with the ellipsis', () => {
    const lead = leadOf(long, 'T');
    expect(lead.length).toBeLessThanOrEqual(201);
    expect(lead.endsWith('…')).toBe(true);
    expect(long.startsWith(lead.slice(0, -1))).toBe(true);
    expect(long[lead.length - 1]).toMatch(/[ ,]/);
  });
});
