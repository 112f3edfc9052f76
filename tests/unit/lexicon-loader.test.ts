// Tests that the FreeDict loader warns when the dictionary is missing and caches what it parsed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../adapters/lexicon-loader.js';

describe('loadLexicon', () => {
  it('warns and returns null when the dictionary is not installed', () => {
    const warnings: string[] = [];
    expect(
      loadLexicon('/nonexistent/freedict-eng-hin.dict.dz', mkdtempSync(path.join(tmpdir(), 'sw-')), (w) =>
        warnings.push(w),
      ),
    ).toBeNull();
    expect(warnings[0]).toMatch(
      /bilingual lexicon not found at \/nonexistent\/freedict-eng-hin.dict.dz: .*names and numbers.*apt-get install dict-freedict-eng-hin/,
    );
  });

  it('parses a plain .dict file once and then reads the cache in the data dir', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-'));
    const dict = path.join(dir, 'tiny.dict');
    writeFileSync(dict, 'steel /stiːl/ <N>\n1. इस्पात\n      "Steel is strong."\n');
    const first = loadLexicon(dict, dir, () => {});
    expect(first?.exact.get('इस्पात')).toEqual(['steel']);
    const cacheFile = path.join(dir, 'cache', 'lexicon.json');
    expect(existsSync(cacheFile)).toBe(true);
    // The second load reads the cache (marked here), not the dictionary.
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { exact: [string, string[]][] };
    cached.exact = [['इस्पात', ['cached-steel']]];
    writeFileSync(cacheFile, JSON.stringify(cached));
    expect(loadLexicon(dict, dir, () => {})?.exact.get('इस्पात')).toEqual(['cached-steel']);
    // A changed dictionary invalidates the cache.
    writeFileSync(dict, 'iron /aɪən/ <N>\n1. इस्पात\n      "Iron rusts."\n');
    expect(loadLexicon(dict, dir, () => {})?.exact.get('इस्पात')).toEqual(['iron']);
  });
});
