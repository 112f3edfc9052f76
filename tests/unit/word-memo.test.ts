// Tests the memo of per-word functions: same values, one call per word, bounded size.
import { describe, expect, it } from 'vitest';
import { wordMemo } from '../../pipeline/represent/word-memo.js';

describe('wordMemo', () => {
  it("gives the function's value, asking it once per word while the word is kept", () => {
    const asked: string[] = [];
    const upper = wordMemo((w) => (asked.push(w), w.toUpperCase()));
    expect(['steel', 'mill', 'steel', 'steel', 'mill'].map(upper)).toEqual(['STEEL', 'MILL', 'STEEL', 'STEEL', 'MILL']);
    expect(asked).toEqual(['steel', 'mill']);
  });

  it('starts over when full, so it never holds more than it may keep', () => {
    const asked: string[] = [];
    const same = wordMemo((w) => (asked.push(w), w), 2);
    for (const w of ['a', 'b', 'a', 'c', 'a']) same(w);
    // 'c' found the memo full (a, b) and cleared it; 'a' was asked again after that.
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});
