// Streams and feeds built from the air-en-hi set for the benchmarks, and their shared options.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAirEnHi } from '../evaluation/air-en-hi.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the stream benchmarks share: paths, `--json`, `--articles N` (else `defaultArticles`) and a stderr line printer. */
export function benchSetup(defaultArticles: number) {
  const json = process.argv.includes('--json');
  const argN = process.argv.indexOf('--articles');
  return {
    root: ROOT,
    air: path.resolve(ROOT, process.env.STORYWATCH_AIR ?? '../shared/eval/air-en-hi'),
    bin: path.join(ROOT, 'bin/storywatch.js'),
    json,
    n: argN > 0 ? Number(process.argv[argN + 1]) : defaultArticles,
    say: (msg: string) => void (json || process.stderr.write(`${msg}\n`)),
  };
}

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
      : {
          id: `${a.id}-r${round}`,
          title: `${a.title} (${round})`,
          text: a.text,
          url: `${a.url}${a.url.includes('?') ? '&' : '?'}round=${round}`,
          publishedAt: a.publishedAt,
        };
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-bench-stream-'));
  const file = path.join(dir, 'stream.jsonl');
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return { articles, records, file, dir };
}
