// Streams of distinct articles for the memory benchmark: real articles, then articles made of shuffled real sentences.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAirArticles } from '../evaluation/air-en-hi.js';
import { readOg2021 } from '../evaluation/og2021.js';

/** One input record of a JSON Lines stream. */
export interface StreamRecord {
  id: string;
  title: string;
  text?: string;
  url: string;
  publishedAt: string;
}

/** Real text a stream is made from: whole articles and, per language, the sentences of the long ones. */
export interface TextPool {
  /** Where the text came from, for the benchmark's first line. */
  origin: string;
  articles: Array<{ title: string; text?: string }>;
  sentences: Map<string, string[]>;
}

/** Days the stream's publication times span, in stream order (past the 30 days a cluster stays active). */
const SPAN_DAYS = 90;
const START = Date.UTC(2025, 0, 1);

/** A small seeded generator (mulberry32): the same stream on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Sentences of a text: split after . ! ? and the Devanagari danda, and at line breaks; short pieces dropped. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?।])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 40);
}

const scriptOf = (s: string) => (/[\u0900-\u097f]/.test(s) ? 'hi' : /[\u0600-\u06ff]/.test(s) ? 'ur' : 'latin');

/**
 * The text to build from: the AIR English–Hindi articles and the OG2021 titles of `evalDir` when present,
 * else the seed pages of `seedsDir` (a clean clone has no evaluation data), with `say` telling which.
 */
export function loadTextPool(evalDir: string, seedsDir: string, say: (msg: string) => void): TextPool {
  const sentences = new Map<string, string[]>();
  const add = (text: string) => {
    for (const s of sentencesOf(text)) {
      const list = sentences.get(scriptOf(s)) ?? [];
      list.push(s);
      sentences.set(scriptOf(s), list);
    }
  };
  const air = path.join(evalDir, 'air-en-hi');
  const og = path.join(evalDir, 'og2021-dev', 'og2021_dev_titles_clusters.tsv');
  if (existsSync(path.join(air, 'articles.jsonl'))) {
    const articles: TextPool['articles'] = readAirArticles(air).map((a) => ({ title: a.title, text: a.text }));
    for (const a of articles) add(a.text!);
    if (existsSync(og)) articles.push(...readOg2021(og).map((a) => ({ title: a.title })));
    return {
      origin: `${articles.length} real articles of ${path.relative(process.cwd(), evalDir) || evalDir}`,
      articles,
      sentences,
    };
  }
  const files = existsSync(seedsDir)
    ? readdirSync(seedsDir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
  if (!files.length)
    throw new Error(`no evaluation data in ${evalDir} and no seed pages (*.txt) in ${seedsDir} to build a stream from`);
  say(
    `no evaluation data in ${evalDir} (set STORYWATCH_EVAL to its folder): the stream is synthesised from the ${files.length} seed pages of ${seedsDir}, whose few sentences make a smaller vocabulary than real news`,
  );
  for (const f of files) add(readFileSync(path.join(seedsDir, f), 'utf8'));
  return { origin: `sentences of the ${files.length} seed pages`, articles: [], sentences };
}

/**
 * `n` distinct article records in time order over 90 days: the pool's real articles (each once), then
 * articles of 3–6 sentences of one script drawn at random from the pool (titled by the first sentence's
 * first words), so no two share their text and near-duplicate detection links none. Each has its own id,
 * URL and publication time. Written as JSON Lines into a fresh temporary folder.
 */
export function distinctStream(pool: TextPool, n: number, seed = 20) {
  const rand = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const scripts = [...pool.sentences.entries()].filter(([, s]) => s.length >= 8);
  if (!scripts.length) throw new Error(`${pool.origin}: too few sentences to synthesise articles from`);
  const weights = scripts.map(([, s]) => s.length);
  const total = weights.reduce((a, b) => a + b, 0);
  const texts = new Set<string>();
  const made: Array<{ title: string; text?: string }> = pool.articles.slice(0, n);
  for (const a of made) texts.add(`${a.title}\n${a.text ?? ''}`);
  while (made.length < n) {
    let r = rand() * total;
    const [, sentences] = scripts.find((_, i) => (r -= weights[i]!) < 0) ?? scripts[0]!;
    const body = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(sentences));
    const title = body[0]!
      .split(' ')
      .slice(0, 12)
      .join(' ')
      .replace(/[,;:]$/, '');
    const key = `${title}\n${body.join(' ')}`;
    if (new Set(body).size < body.length || texts.has(key)) continue;
    texts.add(key);
    made.push({ title, text: body.join(' ') });
  }
  // Real and synthesised articles mixed, then dated in stream order.
  for (let i = made.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [made[i], made[j]] = [made[j]!, made[i]!];
  }
  const step = (SPAN_DAYS * 86_400_000) / n;
  const records: StreamRecord[] = made.map((a, i) => ({
    id: `mem-${i + 1}`,
    title: a.title,
    ...(a.text ? { text: a.text } : {}),
    url: `https://news.example.org/${i + 1}`,
    publishedAt: new Date(START + Math.floor(i * step + rand() * step)).toISOString(),
  }));
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-bench-stream-'));
  const file = path.join(dir, 'stream.jsonl');
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return { records, file, dir };
}

/**
 * An Atom feed of `n` short entries (a title cut from an English article title of the pool, or from a
 * sentence when it has none, numbered) in a fresh temporary folder: about 85 bytes an entry, so 50,000
 * entries stay under the default `ingest.maxBytes`.
 */
export function shortFeed(pool: TextPool, n: number) {
  const english = pool.articles.filter((a) => a.text && scriptOf(a.title) === 'latin').map((a) => a.title);
  const titles = (english.length ? english : (pool.sentences.get('latin') ?? [])).map((t) => t.slice(0, 48).trim());
  if (!titles.length) throw new Error(`${pool.origin}: no English titles or sentences to make feed entries from`);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const entries = Array.from(
    { length: n },
    (_, i) => `<entry><title>${escape(titles[i % titles.length]!)} ${i + 1}</title></entry>`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-bench-feed-'));
  const file = path.join(dir, 'feed.atom');
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>\n${entries.join('\n')}\n</feed>\n`,
  );
  return { file, dir };
}
