// Tests the storyline evaluation through real queues, workers and store.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateStorylines } from '../../evaluation/storylines.js';
import { ROOT } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';

const FIXTURE = path.join(ROOT, 'tests/fixtures/storylines-synthetic');
const files = {
  data: FIXTURE,
  labels: path.join(FIXTURE, 'labels.jsonl'),
  storylines: path.join(FIXTURE, 'storylines.yaml'),
};

describe('the storyline evaluation (real Redis, queues, workers and store)', () => {
  it("replays the stream with the labelled set's storylines, not the config's, and scores every labelled article", async () => {
    const { config } = testConfig();
    const f = await evaluateStorylines(files, config, () => {});
    expect(f.mode).toBe('offline');
    expect(f.articles).toBe(8);
    expect(
      f.storylines.map((s) => [s.id, s.labelled, s.recallByLang.en!.labelled, s.recallByLang.hi!.labelled]),
    ).toEqual([
      ['harbour-strike', 3, 2, 1],
      ['velmar-flood', 2, 1, 1],
    ]);
    // The reports that name their storyline in the title are found in both languages; the chess news stays out.
    for (const s of f.storylines)
      expect(s.missed.filter((id) => ['en-1', 'hi-1', 'en-4', 'hi-2'].includes(id))).toEqual([]);
    for (const s of f.storylines) expect(s.wrong).not.toEqual(expect.arrayContaining(['en-5']));
    for (const s of f.storylines) expect(s.wrong).not.toEqual(expect.arrayContaining(['hi-3']));
    expect(f.recallByLang.hi).toEqual({ labelled: 2, found: 2, recall: 1 });
    for (const s of f.storylines) {
      expect(s.correct).toBe(s.labelled - s.missed.length);
      expect(s.matched).toBe(s.correct + s.wrong.length);
    }
  });

  it('fails, naming them, when labelled articles are not in the stream or name an undefined storyline', async () => {
    const { config } = testConfig();
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-storyline-eval-'));
    const labels = path.join(dir, 'labels.jsonl');
    writeFileSync(labels, `${readFileSync(files.labels, 'utf8')}{"id":"en-99","lang":"en","storylines":[]}\n`);
    await expect(evaluateStorylines({ ...files, labels }, config, () => {})).rejects.toThrow(
      `${labels}: 1 labelled article(s) missing from the stream ${FIXTURE}: en-99`,
    );
    writeFileSync(labels, '{"id":"en-1","lang":"en","storylines":["dock-strike"]}\n');
    await expect(evaluateStorylines({ ...files, labels }, config, () => {})).rejects.toThrow(
      `${labels}: storylines not defined in ${files.storylines}: dock-strike`,
    );
  });
});
