// Tests that the titles evaluation scores every strong pair, or those within the given days.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfflineTranslator } from '../../pipeline/titles/english-title.js';
import { evaluateTitles } from '../../evaluation/titles.js';

/** An AIR-shaped folder: two strong pairs on 1 and 4 January, one weak pair. */
function airFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'titles-'));
  const article = (id: string, lang: string, date: string, title: string) =>
    JSON.stringify({ lang, id, date, time: '9:15AM', title, url: `http://example.org/${id}`, text: title });
  writeFileSync(
    path.join(dir, 'articles.jsonl'),
    [
      article('en-1', 'en', 'Jan 01, 2020', 'India'),
      article('hi-1', 'hi', 'Jan 01, 2020', 'भारत'),
      article('en-2', 'en', 'Jan 04, 2020', 'Iran'),
      article('hi-2', 'hi', 'Jan 04, 2020', 'ईरान'),
      article('hi-3', 'hi', 'Jan 04, 2020', 'चीन'),
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'pairs.csv'),
    'en_id,hi_id,n_exact_sentence_matches\nen-1,hi-1,3\nen-2,hi-2,2\nen-2,hi-3,1\n',
  );
  return dir;
}

describe('evaluateTitles', () => {
  const translator = createOfflineTranslator(null);

  it('scores every strong pair when no days are given', async () => {
    const t = await evaluateTitles(airFolder(), translator);
    expect(t.renderings.map((r) => r.hiId)).toEqual(['hi-1', 'hi-2']);
  });

  it('keeps the pairs whose Hindi article falls within --since and --until, both days included', async () => {
    const dir = airFolder();
    expect((await evaluateTitles(dir, translator, { until: '2020-01-03' })).renderings.map((r) => r.hiId)).toEqual([
      'hi-1',
    ]);
    expect((await evaluateTitles(dir, translator, { since: '2020-01-04' })).renderings.map((r) => r.hiId)).toEqual([
      'hi-2',
    ]);
    expect((await evaluateTitles(dir, translator, { since: '2020-01-01', until: '2020-01-01' })).pairs).toBe(1);
    expect((await evaluateTitles(dir, translator, { since: '2020-01-05' })).pairs).toBe(0);
  });
});
