// Measures feed parsing: the feedparser edge cases, agreement with gofeed and one very large feed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFeed, type ParsedFeed } from '../pipeline/extract/parse-feed.js';
import { BadInputError } from '../pipeline/extract/extract-articles.js';
import { decodeBody } from '../adapters/http/decode-body.js';

/** Figures of feed parsing on the fixture collections. */
export interface FeedFigures {
  edgeCases: {
    files: number;
    handled: number;
    crashed: string[];
    slow: string[];
    titleChecks: number;
    titlesRight: number;
    wrongTitles: string[];
  };
  gofeed: { files: number; fields: number; agreeing: number; disagreements: string[] };
  largest: { file: string; bytes: number; items: number; ms: number };
}

const SLOW_MS = 2000;

function walk(dir: string, ext: RegExp): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p, ext) : ext.test(name) ? [p] : [];
    });
}

/** The bytes as the guarded client would decode them, then parsed; null when the feed is rejected cleanly. */
async function parseBytes(bytes: Buffer): Promise<ParsedFeed | null> {
  try {
    return await parseFeed(decodeBody(bytes, null).text);
  } catch (err) {
    if (err instanceof BadInputError) return null;
    throw err;
  }
}

/** Reads a Python string literal ('…' or u'…') with its escapes. */
function pythonString(literal: string): string {
  const body = literal.replace(/^u?(['"])/, '').replace(/(['"])$/, '');
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (/^[uxU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

const TITLE_EXPECT = /(entries\[0\]\['title'\]|feed\['title'\])\s*==\s*(u?'(?:[^'\\]|\\.)*')\s*$/;

async function edgeCases(dir: string): Promise<FeedFigures['edgeCases']> {
  const files = walk(dir, /\.xml$/);
  const out: FeedFigures['edgeCases'] = {
    files: files.length,
    handled: 0,
    crashed: [],
    slow: [],
    titleChecks: 0,
    titlesRight: 0,
    wrongTitles: [],
  };
  for (const file of files) {
    const bytes = readFileSync(file);
    const t0 = performance.now();
    let feed: ParsedFeed | null;
    try {
      feed = await parseBytes(bytes);
    } catch (err) {
      out.crashed.push(`${path.relative(dir, file)}: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) out.slow.push(path.relative(dir, file));
    else out.handled++;
    const expect = /Expect:\s*(.+)/.exec(bytes.toString('latin1'))?.[1]?.trim() ?? '';
    const m = TITLE_EXPECT.exec(expect.replace(/^not bozo and |^bozo and /, ''));
    if (!m) continue;
    out.titleChecks++;
    const expected = pythonString(m[2]!);
    const got = m[1]!.startsWith('feed') ? feed?.title : feed?.items[0]?.title;
    if (got === expected) out.titlesRight++;
    else if (out.wrongTitles.length < 8)
      out.wrongTitles.push(
        `${path.relative(dir, file)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got ?? null)}`,
      );
  }
  return out;
}

async function gofeed(dir: string): Promise<FeedFigures['gofeed']> {
  const out: FeedFigures['gofeed'] = { files: 0, fields: 0, agreeing: 0, disagreements: [] };
  for (const input of walk(dir, /\.xml$/)) {
    const expectedFile = input.replace(/\.xml$/, '.json');
    let expected: {
      title?: string;
      items?: Array<{ title?: string; link?: string; published?: string; publishedParsed?: string }>;
    };
    try {
      expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
    } catch {
      continue;
    }
    out.files++;
    const feed = await parseBytes(readFileSync(input)).catch(() => null);
    const compare = (what: string, want: unknown, got: unknown) => {
      out.fields++;
      if (want === got) out.agreeing++;
      else if (out.disagreements.length < 8)
        out.disagreements.push(
          `${path.basename(input)} ${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got ?? null)}`,
        );
    };
    if (expected.title !== undefined) compare('title', expected.title, feed?.title);
    (expected.items ?? []).forEach((item, i) => {
      const got = feed?.items[i];
      if (item.title !== undefined) compare(`items[${i}].title`, item.title, got?.title);
      if (item.link !== undefined) compare(`items[${i}].link`, item.link, got?.link);
      if (item.publishedParsed !== undefined)
        compare(
          `items[${i}].published`,
          Date.parse(item.publishedParsed),
          got?.isoDate ? Date.parse(got.isoDate) : null,
        );
    });
  }
  return out;
}

/** Runs the three measurements on `../shared/eval/feeds` (or another folder with the same layout). */
export async function evaluateFeeds(root: string): Promise<FeedFigures> {
  const big = path.join(root, 'feeds-rss-parser-fixtures', 'giantbomb-podcast.rss');
  const bytes = readFileSync(big);
  const t0 = performance.now();
  const feed = await parseBytes(bytes);
  const ms = performance.now() - t0;
  return {
    edgeCases: await edgeCases(path.join(root, 'feeds-feedparser-edgecases')),
    gofeed: await gofeed(path.join(root, 'feeds-gofeed-translator-expected')),
    largest: { file: path.basename(big), bytes: bytes.length, items: feed?.items.length ?? 0, ms: Math.round(ms) },
  };
}
