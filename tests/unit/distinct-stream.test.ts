// The memory benchmark's stream: distinct articles in time order, from the seed pages when evaluation data is absent.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distinctStream, loadTextPool } from '../../bench/distinct-stream.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the memory benchmark stream', () => {
  it('falls back to the seed pages, saying so, and makes distinct, dated articles in time order', () => {
    const said: string[] = [];
    const pool = loadTextPool(path.join(ROOT, 'no-such-eval-folder'), path.join(ROOT, 'seeds'), (m) => said.push(m));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/no evaluation data in .*no-such-eval-folder.*synthesised from the 5 seed pages/);
    const { records, file } = distinctStream(pool, 500);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(500);
    for (const key of ['id', 'url', 'text'] as const) expect(new Set(records.map((r) => r[key])).size).toBe(500);
    const times = records.map((r) => Date.parse(r.publishedAt));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    // Both scripts of the seeds are drawn from, each article in one of them.
    expect(records.some((r) => /[\u0900-\u097f]/.test(r.text!))).toBe(true);
    expect(records.some((r) => !/[\u0900-\u097f]/.test(r.text!))).toBe(true);
    // The same seed gives the same stream.
    const again = distinctStream(pool, 500);
    expect(again.records).toEqual(records);
    for (const dir of [path.dirname(file), again.dir]) rmSync(dir, { recursive: true });
  });

  it('names both folders when there is nothing to build from', () => {
    expect(() => loadTextPool('/nonexistent/eval', '/nonexistent/seeds', () => {})).toThrow(
      'no evaluation data in /nonexistent/eval and no seed pages (*.txt) in /nonexistent/seeds',
    );
  });
});
