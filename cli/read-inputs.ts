import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { IngestItem } from '../workers/queues.js';

/** An input that cannot be ingested, with the reason; it never stops the others. */
export interface InputError {
  source: string;
  message: string;
}

const KIND_BY_EXT: Record<string, IngestItem['kind'] | 'records'> = {
  '.txt': 'page', '.text': 'page', '.html': 'html', '.htm': 'html',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed', '.jsonl': 'records', '.ndjson': 'records', '.json': 'records',
};

/**
 * Expands paths (files and directories, recursively, in name order; dot-files skipped) into IngestItem
 * payloads. Kind comes from the extension and is corrected by content (an HTML page saved as `.txt` or
 * `.xml`). `.jsonl`/`.json` give one item per article object.
 */
export function readInputs(paths: string[], maxBytes: number): { items: IngestItem[]; errors: InputError[] } {
  const items: IngestItem[] = [];
  const errors: InputError[] = [];
  for (const file of expand(paths, errors)) {
    try {
      items.push(...readInput(file, maxBytes, errors));
    } catch (err) {
      errors.push({ source: file, message: (err as Error).message });
    }
  }
  return { items, errors };
}

/** An input read from disk, or why it could not be. */
export type InputEvent = { item: IngestItem } | { error: InputError };

/**
 * Like `readInputs`, but yields one input at a time and reads JSON Lines files line by line, so an
 * article list of any size is never held whole: `ingest.maxBytes` then limits each line, not the file.
 */
export async function* streamInputs(paths: string[], maxBytes: number): AsyncGenerator<InputEvent> {
  const errors: InputError[] = [];
  const files = expand(paths, errors);
  for (const error of errors.splice(0)) yield { error };
  for (const file of files) {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.jsonl' || ext === '.ndjson') {
      yield* streamRecords(file, maxBytes);
      continue;
    }
    let items: IngestItem[] = [];
    try {
      items = readInput(file, maxBytes, errors);
    } catch (err) {
      errors.push({ source: file, message: (err as Error).message });
    }
    for (const error of errors.splice(0)) yield { error };
    for (const item of items) yield { item };
  }
}

async function* streamRecords(file: string, maxBytes: number): AsyncGenerator<InputEvent> {
  const idBase = path.basename(file, path.extname(file));
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  let any = false;
  try {
    for await (const raw of lines) {
      n++;
      const line = n === 1 ? raw.replace(/^\uFEFF/u, '') : raw;
      if (!line.trim()) continue;
      any = true;
      const source = `${file}:${n}`;
      if (Buffer.byteLength(line) > maxBytes) {
        yield { error: { source, message: `line is over the ${maxBytes}-byte limit (ingest.maxBytes)` } };
        continue;
      }
      if (line.includes('\u0000')) {
        yield { error: { source, message: 'binary data, not a JSON line' } };
        continue;
      }
      try {
        yield { item: record(source, JSON.parse(line) as unknown, `${idBase}-${n}`) };
      } catch (err) {
        yield { error: { source, message: `invalid JSON: ${(err as Error).message}` } };
      }
    }
  } catch (err) {
    yield { error: { source: file, message: (err as Error).message } };
    return;
  }
  if (!any) yield { error: { source: file, message: 'file is empty' } };
}

function expand(paths: string[], errors: InputError[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      errors.push({ source: p, message: 'no such file or directory' });
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(path.join(p, name));
    } else files.push(p);
  };
  for (const p of paths) walk(p);
  return files;
}

function readInput(file: string, maxBytes: number, errors: InputError[]): IngestItem[] {
  const ext = path.extname(file).toLowerCase();
  let kind = KIND_BY_EXT[ext];
  if (!kind) throw new Error(`unsupported file type "${ext || '(none)'}": expected .txt, .html, .xml/.rss/.atom, .jsonl or .json`);
  const size = statSync(file).size;
  if (size > maxBytes) throw new Error(`file is ${size} bytes, over the ${maxBytes}-byte limit (ingest.maxBytes)`);
  const content = decode(readFileSync(file));
  if (content.trim() === '') throw new Error('file is empty');
  const head = content.slice(0, 1024).trimStart().toLowerCase();
  if (kind !== 'records' && (head.startsWith('<!doctype html') || head.startsWith('<html'))) kind = 'html';
  const idBase = path.basename(file, ext);
  if (kind !== 'records') return [{ kind, source: file, idBase, content }];
  return readRecords(file, content, idBase, errors);
}

/** Text from bytes: UTF-8, or UTF-16 when a byte-order mark says so; binary files are refused. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) throw new Error('binary file, not text');
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '');
}

function readRecords(file: string, content: string, idBase: string, errors: InputError[]): IngestItem[] {
  const trimmed = content.trim();
  if (path.extname(file).toLowerCase() === '.json' || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      throw new Error(`invalid JSON: ${(err as Error).message}`);
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((v, i) => record(`${file}#${i + 1}`, v, `${idBase}-${i + 1}`));
  }
  const items: IngestItem[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const source = `${file}:${i + 1}`;
    try {
      items.push(record(source, JSON.parse(line) as unknown, `${idBase}-${i + 1}`));
    } catch (err) {
      errors.push({ source, message: `invalid JSON: ${(err as Error).message}` });
    }
  });
  return items;
}

/** One article object; its `id` becomes the article id, else the file name and position. */
function record(source: string, value: unknown, fallbackId: string): IngestItem {
  const id = value && typeof value === 'object' && 'id' in value && ['string', 'number'].includes(typeof value.id) ? String(value.id) : fallbackId;
  return { kind: 'record', source, idBase: id, content: JSON.stringify(value) };
}
