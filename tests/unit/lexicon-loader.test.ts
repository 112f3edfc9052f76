import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../workers/lexicon-loader.js';

describe('loadLexicon', () => {
  it('warns and returns null when the dictionary is not installed', () => {
    const warnings: string[] = [];
    expect(loadLexicon('/nonexistent/freedict-eng-hin.dict.dz', mkdtempSync(path.join(tmpdir(), 'sw-')), (w) => warnings.push(w))).toBeNull();
    expect(warnings[0]).toMatch(/bilingual lexicon not found at \/nonexistent\/freedict-eng-hin.dict.dz: .*names and numbers.*apt-get install dict-freedict-eng-hin/);
  });

  it('parses a plain .dict file once and then reads the cache in the data dir', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-'));
    const dict = path.join(dir, 'tiny.dict');
    writeFileSync(dict, 'steel /stiːl/ <N>\n1. इस्पात\n      "Steel is strong."\n');
    const first = loadLexicon(dict, dir, () => {});
    expect(first?.exact.get('इस्पात')).toEqual(['steel']);
    expect(existsSync(path.join(dir, 'cache', 'lexicon.json'))).toBe(true);
    const second = loadLexicon(dict, dir, () => {});
    expect(second?.exact.get('इस्पात')).toEqual(['steel']);
  });
});
