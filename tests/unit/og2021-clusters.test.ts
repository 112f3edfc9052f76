// Tests reading the OG2021 set by language and scoring Event Registry's clusters on it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusteringFigures, type ClusteringFigures } from '../../evaluation/metrics.js';
import {
  eventRegistryClusters,
  macroBcubedF1,
  readOg2021Languages,
  type Og2021LanguageFigures,
} from '../../evaluation/og2021-clusters.js';
import { expectFigures, FIXTURE_ER, OG2021_FIXTURE } from '../helpers/og2021-fixture.js';

const HEADER = 'uri\tlang\tdatetime\tcluster_final\tcluster_pre\tremoved_by_manual_review\ter_event\ttitle';

/** A TSV of made-up rows `[uri, lang, cluster, erEvent]` in the OG2021 layout. */
function tsv(rows: Array<[string, string, string, string]>): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-og2021-')), 'titles.tsv');
  const lines = rows.map(([uri, lang, cluster, er]) =>
    [uri, lang, '2030-01-01 00:00:00', cluster, cluster, '0', er, `Title of ${uri}`].join('\t'),
  );
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return file;
}

describe('readOg2021Languages', () => {
  it('splits the articles by language, English first, then by article count, without the rows review removed', () => {
    const languages = readOg2021Languages(OG2021_FIXTURE);
    expect(languages.map((l) => [l.lang, l.articles.length])).toEqual([
      ['eng', 12],
      ['spa', 4],
    ]);
    expect(languages[0]!.articles.map((a) => a.id)).not.toContain('en-x1');
    const file = tsv([
      ['p1', 'por', 's1', 'None'],
      ['f1', 'fra', 's1', 'None'],
      ['e1', 'eng', 's1', 'None'],
      ['p2', 'por', 's2', 'None'],
      ['f2', 'fra', 's2', 'None'],
      ['p3', 'por', 's2', 'None'],
      ['d1', 'deu', 's2', 'None'],
    ]);
    expect(readOg2021Languages(file).map((l) => l.lang)).toEqual(['eng', 'por', 'fra', 'deu']);
  });

  it('keeps one language, named as the file writes it or by its two-letter code', () => {
    expect(readOg2021Languages(OG2021_FIXTURE, 'spa').map((l) => l.lang)).toEqual(['spa']);
    expect(readOg2021Languages(OG2021_FIXTURE, 'es').map((l) => [l.lang, l.articles.length])).toEqual([['spa', 4]]);
  });

  it('refuses, naming the file, a language it lacks, a missing file, another kind of file and a repeated id', () => {
    expect(() => readOg2021Languages(OG2021_FIXTURE, 'fra')).toThrow(
      `${OG2021_FIXTURE}: no articles in language "fra" (the file has eng, spa)`,
    );
    expect(() => readOg2021Languages('/nonexistent/titles.tsv')).toThrow(
      '/nonexistent/titles.tsv: no such file (the OG2021 titles TSV)',
    );
    const other = path.join(mkdtempSync(path.join(tmpdir(), 'sw-og2021-')), 'other.tsv');
    writeFileSync(other, 'id\ttitle\n1\tA title\n');
    expect(() => readOg2021Languages(other)).toThrow(`${other}: not the OG2021 TSV (no cluster_final column)`);
    const twice = tsv([
      ['e1', 'eng', 's1', 'None'],
      ['e1', 'eng', 's1', 'None'],
    ]);
    expect(() => readOg2021Languages(twice)).toThrow(`${twice}: article id e1 appears more than once`);
  });
});

describe('Event Registry clusters', () => {
  it('make an article without an event a cluster of its own', () => {
    const spa = readOg2021Languages(OG2021_FIXTURE, 'spa')[0]!.articles;
    expect([...eventRegistryClusters(spa)]).toEqual([
      ['es-a1', 'er-1'],
      ['es-a2', 'er-none:es-a2'],
      ['es-b1', 'er-2'],
      ['es-b2', 'er-2'],
    ]);
  });

  it('score as worked out by hand against the gold stories of each language', () => {
    for (const { lang, articles } of readOg2021Languages(OG2021_FIXTURE)) {
      const gold = new Map(articles.map((a) => [a.id, a.cluster]));
      expectFigures(clusteringFigures(eventRegistryClusters(articles), gold), FIXTURE_ER[lang as 'eng' | 'spa']);
    }
  });
});

describe('macroBcubedF1', () => {
  const figures = (f1: number): ClusteringFigures => ({
    items: 0,
    clusters: 0,
    classes: 0,
    bcubed: { precision: 0, recall: 0, f1 },
    pairwise: { precision: 0, recall: 0, f1: 0 },
  });
  const language = (lang: string, articles: number, ours: number, theirs: number): Og2021LanguageFigures => ({
    lang,
    articles,
    returned: articles,
    storywatch: figures(ours),
    eventRegistry: figures(theirs),
  });

  it('averages over the languages with at least 50 articles, and is undefined when there are none', () => {
    const macro = macroBcubedF1([
      language('eng', 900, 0.8, 0.7),
      language('spa', 50, 0.6, 0.9),
      language('zho', 4, 0, 0),
    ]);
    expect(macro?.languages).toEqual(['eng', 'spa']);
    expect(macro?.storywatch).toBeCloseTo(0.7, 12);
    expect(macro?.eventRegistry).toBeCloseTo(0.8, 12);
    expect(macroBcubedF1([language('zho', 4, 1, 1)])).toBeUndefined();
  });
});
