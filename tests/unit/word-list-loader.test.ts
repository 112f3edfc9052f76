// Tests loading the English word list: a missing list warns, possessives are dropped.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWordList } from '../../adapters/word-list-loader.js';

describe('loadWordList', () => {
  it('warns and returns no words when the list is missing', () => {
    const warnings: string[] = [];
    expect(loadWordList('/nonexistent/words', (w) => warnings.push(w))).toEqual([]);
    expect(warnings[0]).toMatch(/wamerican/);
  });

  it('keeps plain words and names, one a line, and drops possessives', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-')), 'words');
    writeFileSync(file, "Trump\nTrump's\nrifles\n\nCelsius\n");
    expect(loadWordList(file, () => {})).toEqual(['Trump', 'rifles', 'Celsius']);
  });
});
