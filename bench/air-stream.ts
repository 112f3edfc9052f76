import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAirEnHi } from '../evaluation/air-en-hi.js';

/**
 * A stream of `n` article records built from the air-en-hi set, repeated as needed: repeats carry a round
 * number in id, title and URL, so they are new inputs (which near-duplicate detection links to the first
 * copy). Written as JSON Lines into a fresh temporary folder.
 */
export function airStream(airDir: string, n: number) {
  const { articles } = loadAirEnHi(airDir);
  const records = Array.from({ length: n }, (_, i) => {
    const a = articles[i % articles.length]!;
    const round = Math.floor(i / articles.length);
    return round === 0
      ? { id: a.id, title: a.title, text: a.text, url: a.url, publishedAt: a.publishedAt }
      : { id: `${a.id}-r${round}`, title: `${a.title} (${round})`, text: a.text, url: `${a.url}${a.url.includes('?') ? '&' : '?'}round=${round}`, publishedAt: a.publishedAt };
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-bench-stream-'));
  const file = path.join(dir, 'stream.jsonl');
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return { articles, records, file, dir };
}
