// Tests the ingest worker's warm-up: its built-in samples reach every script's path of the representation.
import { afterAll, describe, expect, it } from 'vitest';
import { loadLanguageDetector } from '../../adapters/language-identifier.js';
import { loadRepresentation } from '../../adapters/representation.js';
import { prepareArticles } from '../../pipeline/prepare-article.js';
import { warmUp, WARM_UP_SAMPLES } from '../../pipeline/warm-up.js';
import { testConfig } from '../helpers/test-config.js';

const { config } = testConfig();
const representation = await loadRepresentation(config, () => {});
const deps = { ...representation, language: await loadLanguageDetector(config) };
afterAll(() => representation.close());

describe('warmUp', () => {
  it('prepares an English, a Hindi and an Urdu sample, each read as its language with an English title', async () => {
    const drafts = WARM_UP_SAMPLES.map((draft, i) => ({ draft, origin: { id: `s${i}`, source: 'test' } }));
    const prepared = await prepareArticles(drafts, deps);
    expect(prepared.map((p) => p.lang)).toEqual(['en', 'hi', 'ur']);
    for (const p of prepared) expect(p.titleEn).toMatch(/^[\p{Script=Latin}\d\s'’,.:;()-]+$/u);
    // Each sample's title leaves the offline gloss some word to transliterate or look up as a loanword.
    expect(prepared[1]!.titleEn).toMatch(/Delhi|Mumbai/);
  });

  it('returns how long the samples took', async () => {
    const ms = await warmUp(deps);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
  });
});
