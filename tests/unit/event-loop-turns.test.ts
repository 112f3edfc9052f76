// Tests that preparing a job's articles lets the event loop take its turns where work is cut into turns, and prepares the same articles.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLanguageDetector } from '../../adapters/language-identifier.js';
import { loadConfig } from '../../config/load-config.js';
import { cutIntoTurns, nextTurn } from '../../pipeline/event-loop-turns.js';
import { extractArticles } from '../../pipeline/extract/extract-articles.js';
import { prepareArticles, type PrepareDeps } from '../../pipeline/prepare-article.js';
import { createLexicalEmbedder } from '../../pipeline/represent/lexical-embedder.js';
import { createOfflineTranslator } from '../../pipeline/titles/english-title.js';
import { freedict } from '../helpers/lexicon.js';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/air-en-hi-sample/articles.jsonl');

/** The sample's 98 English and Hindi articles as one job's drafts: a few hundred ms of work offline. */
async function sampleDrafts() {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);
  return Promise.all(
    lines.map(async (line) => ({
      draft: (await extractArticles('record', line))[0]!,
      origin: { id: (JSON.parse(line) as { id: string }).id, source: 'air-sample' },
    })),
  );
}

/** Prepares the drafts while a 1 ms interval counts how often the event loop got to run it. */
async function prepareCountingTurns(drafts: Awaited<ReturnType<typeof sampleDrafts>>, deps: PrepareDeps) {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    const articles = await prepareArticles(drafts, deps);
    return { articles, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('work cut into turns of the event loop', () => {
  afterEach(() => cutIntoTurns(Infinity));

  it('lets timers run while a job of many articles is prepared, with the same articles as in one stretch', async () => {
    const lexicon = freedict();
    const deps: PrepareDeps = {
      embedder: createLexicalEmbedder(lexicon),
      translator: createOfflineTranslator(lexicon),
      language: await loadLanguageDetector(loadConfig(undefined, {})),
    };
    const drafts = await sampleDrafts();
    await prepareArticles(drafts.slice(0, 4), deps); // lazy tables built before either run
    await nextTurn();

    // By default (a worker process) the job is one synchronous stretch: the timer never runs during it.
    const whole = await prepareCountingTurns(drafts, deps);
    expect(whole.ticks).toBe(0);

    cutIntoTurns(1);
    const cut = await prepareCountingTurns(drafts, deps);
    expect(cut.ticks).toBeGreaterThan(0);
    expect(cut.articles).toEqual(whole.articles);
  });
});
