// Tests the OG2021 cluster evaluation through real queues, workers and store.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateOg2021Clusters, readOg2021Languages, replayLanguage } from '../../evaluation/og2021-clusters.js';
import { replayThroughPipeline } from '../../evaluation/replay.js';
import { expectFigures, FIXTURE_ER, OG2021_FIXTURE } from '../helpers/og2021-fixture.js';
import { testConfig } from '../helpers/test-config.js';

describe('the OG2021 cluster evaluation (real Redis, queues, workers and store)', () => {
  it('replays each language alone, every article back with a cluster, and scores Event Registry on the same articles', async () => {
    const { config } = testConfig();
    const result = await evaluateOg2021Clusters(OG2021_FIXTURE, readOg2021Languages(OG2021_FIXTURE), config, () => {});
    expect(result.mode).toBe('offline');
    expect(result.languages.map((l) => [l.lang, l.articles, l.returned, l.storywatch.items])).toEqual([
      ['eng', 12, 12, 12],
      ['spa', 4, 4, 4],
    ]);
    for (const l of result.languages) {
      expectFigures(l.eventRegistry, FIXTURE_ER[l.lang as 'eng' | 'spa']);
      expect(l.storywatch.classes).toBe(FIXTURE_ER[l.lang as 'eng' | 'spa'].classes);
    }
  });

  it('groups the titles other outlets ran word for word, and keeps stories with no word in common apart', async () => {
    const { config } = testConfig();
    const [eng, spa] = readOg2021Languages(OG2021_FIXTURE);
    const { clusterOf } = await replayLanguage(eng!.articles, config, () => {});
    expect([...clusterOf.keys()].sort()).toEqual(eng!.articles.map((a) => a.id).sort());
    for (const [a, b] of [
      ['en-a1', 'en-a2'],
      ['en-b1', 'en-b2'],
      ['en-c1', 'en-c2'],
    ] as const)
      expect(clusterOf.get(a), `${a} and ${b}`).toBe(clusterOf.get(b));
    expect(new Set(['en-a1', 'en-b1', 'en-c1'].map((id) => clusterOf.get(id))).size).toBe(3);
    const spanish = (await replayLanguage(spa!.articles, config, () => {})).clusterOf;
    expect(spanish.get('es-a1')).toBe(spanish.get('es-a2'));
  });

  it('fails, naming the file, the language and the article, when an article does not come back from the pipeline', async () => {
    const { config } = testConfig();
    // A title of blanks passes the TSV reader but is no article to the pipeline.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-og2021-')), 'titles.tsv');
    writeFileSync(
      file,
      readFileSync(OG2021_FIXTURE, 'utf8').replace(
        /\tHuelga de los trabajadores del ferri en Port Elmsby\n/u,
        '\t   \n',
      ),
    );
    const said: string[] = [];
    await expect(
      evaluateOg2021Clusters(file, readOg2021Languages(file, 'spa'), config, (m) => said.push(m)),
    ).rejects.toThrow(`${file}, spa: 1 of 4 articles are missing from the pipeline's answer (no cluster): es-b1`);
    // The reason was said on the way: the replayed line's title.
    expect(said).toContainEqual(expect.stringMatching(/stream\.jsonl:3: title: /u));
  });

  it('stores the articles in publication order, whatever order they are given in', async () => {
    const { config } = testConfig();
    // 48 articles (three IngestItems) with no word in common, dated a day apart, given in a shuffled order.
    const word = (i: number, k: number) =>
      [i, k, 7].map((n) => String.fromCharCode(97 + ((n * 7 + k * 3) % 26)) + 'xyzqvk'[n % 6]).join('');
    const records = Array.from({ length: 48 }, (_, i) => ({
      id: `a${i}`,
      title: `${word(i, 1)} ${word(i, 2)} ${word(i, 3)}`,
      text: Array.from({ length: 30 }, (_, k) => word(i, k % 9)).join(' '),
      publishedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
      lang: 'en',
    }));
    const shuffled = records.map((r, i) => ({ r, key: (i * 37) % 48 })).sort((a, b) => a.key - b.key);
    const { articles } = await replayThroughPipeline(
      shuffled.map((x) => x.r),
      config,
      () => {},
    );
    expect(articles.map((a) => a.id)).toEqual(records.map((r) => r.id));
  });

  it("replays the language each record declares, a prior the pipeline weighs as a source's", async () => {
    const { config } = testConfig({ languages: { expected: [] } });
    const replayed = async (lang?: string) =>
      (await replayThroughPipeline([{ id: 'x', title: 'Sensex tumbles', lang }], config, () => {})).articles[0]!.lang;
    expect(await replayed('en')).toBe('en');
    expect(await replayed()).not.toBe('en');
  });
});
