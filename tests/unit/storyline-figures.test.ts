// Tests storyline scoring against labels and the reading of labelled sets and definitions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readStorylineDefinitions,
  readStorylineLabels,
  storylineFigures,
  type StorylineLabel,
} from '../../evaluation/storylines.js';

const labels: StorylineLabel[] = [
  { id: 'e1', lang: 'en', storylines: ['a'] },
  { id: 'e2', lang: 'en', storylines: ['a', 'b'] },
  { id: 'h1', lang: 'hi', storylines: ['a'] },
  { id: 'h2', lang: 'hi', storylines: [] },
  { id: 'h3', lang: 'hi', storylines: ['b'] },
];

describe('storylineFigures', () => {
  it('scores each storyline, recall per language, macro F1 and overall precision', () => {
    const predicted: Record<string, string[]> = { e1: ['a'], e2: ['a'], h1: [], h2: ['a', 'b'], h3: ['b'] };
    const f = storylineFigures(labels, ['a', 'b'], (id) => predicted[id] ?? []);
    const [a, b] = f.storylines;
    // a: 3 labelled (e1, e2, h1), matched e1, e2, h2 → 2 correct of 3.
    expect(a).toMatchObject({ labelled: 3, matched: 3, correct: 2, wrong: ['h2'], missed: ['h1'] });
    expect([a!.precision, a!.recall, a!.f1]).toEqual([2 / 3, 2 / 3, 2 / 3]);
    expect(a!.recallByLang).toEqual({
      en: { labelled: 2, found: 2, recall: 1 },
      hi: { labelled: 1, found: 0, recall: 0 },
    });
    // b: labelled e2, h3; matched h2, h3.
    expect([b!.precision, b!.recall, b!.f1]).toEqual([0.5, 0.5, 0.5]);
    expect(f.macroF1).toBeCloseTo((2 / 3 + 0.5) / 2, 10);
    expect(f.precision).toBe(3 / 5);
    expect(f.recallByLang).toEqual({
      en: { labelled: 3, found: 2, recall: 2 / 3 },
      hi: { labelled: 2, found: 1, recall: 0.5 },
    });
  });

  it('gives a storyline that matched nothing precision 1 and F1 0 when it had articles to find', () => {
    const [a] = storylineFigures(labels, ['a'], () => []).storylines;
    expect([a!.precision, a!.recall, a!.f1]).toEqual([1, 0, 0]);
  });
});

describe('reading the labelled set', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-labels-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it.each([
    ['not JSON', '{"id":"a","lang":"en","storylines":[]}\n{oops\n', /labels\.jsonl:2: invalid JSON/],
    ['a missing field', '{"id":"a","lang":"en"}\n', /labels\.jsonl:1: storylines: /],
    [
      'an article labelled twice',
      '{"id":"a","lang":"en","storylines":[]}\n{"id":"a","lang":"en","storylines":["x"]}\n',
      /labels\.jsonl:2: article a is labelled twice/,
    ],
  ])('refuses %s, naming the file and line', (_, text, error) => {
    expect(() => readStorylineLabels(file('labels.jsonl', text))).toThrow(error);
  });

  it('refuses storyline definitions the config would refuse, naming the file and the key', () => {
    expect(() => readStorylineDefinitions(file('storylines.yaml', '- id: Bad Id\n  name: x\n'))).toThrow(
      /storylines\.yaml: 0\.id: lowercase letters/,
    );
    expect(readStorylineDefinitions(file('ok.yaml', '- id: ok\n  name: Fine\n  keywords: [a]\n'))[0]).toMatchObject({
      id: 'ok',
      threshold: 0.5,
      examples: [],
    });
  });
});
