// Turns the paths given to `ingest` or the inbox into IngestItem payloads, one at a time, errors named.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestItem } from '../../queue/queues.js';
import { decode, HEAD_BYTES, isBinary, readHead } from './decode-text.js';
import { streamFeed } from './read-feed.js';
import { recordItem, streamRecords } from './read-records.js';
import { WALK_LIMITS, walkInputs } from './walk-inputs.js';

/** An input that cannot be ingested, with the reason; it never stops the others. */
export interface InputError {
  source: string;
  message: string;
}

/** An input read from disk, or why it could not be. */
export type InputEvent = { item: IngestItem } | { error: InputError };

type Kind = IngestItem['kind'] | 'records';

const KIND_BY_EXT: Record<string, Kind> = {
  '.txt': 'page',
  '.text': 'page',
  '.html': 'html',
  '.htm': 'html',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
  '.jsonl': 'records',
  '.ndjson': 'records',
  '.json': 'records',
};

/**
 * Expands paths (files and directories, walked lazily by walkInputs) into IngestItem payloads, one at a
 * time as they are asked for. Kind comes from the extension and is corrected by content (an HTML page
 * saved as `.txt` or `.xml`). JSON Lines files and feeds are read piece by piece, one item per record or
 * entry, so inputs of any size are never held whole: `maxBytes` then limits each line or entry, not the
 * file. `.json` files give one item per article object.
 */
export async function* streamInputs(paths: string[], maxBytes: number, walk = WALK_LIMITS): AsyncGenerator<InputEvent> {
  for await (const step of walkInputs(paths, walk)) {
    if ('error' in step) yield step;
    else yield* readInput(step.file, maxBytes);
  }
}

/** Every input of `paths` in hand at once, for small sets of inputs (`streamInputs` holds one at a time). */
export async function readInputs(paths: string[], maxBytes: number) {
  const items: IngestItem[] = [];
  const errors: InputError[] = [];
  for await (const event of streamInputs(paths, maxBytes)) {
    if ('error' in event) errors.push(event.error);
    else items.push(event.item);
  }
  return { items, errors };
}

async function* readInput(file: string, maxBytes: number): AsyncGenerator<InputEvent> {
  const ext = path.extname(file).toLowerCase();
  const kind = KIND_BY_EXT[ext];
  if (!kind) {
    const message = `unsupported file type "${ext || '(none)'}": expected .txt, .html, .xml/.rss/.atom, .jsonl or .json`;
    yield { error: { source: file, message } };
    return;
  }
  if (ext === '.jsonl' || ext === '.ndjson') return yield* streamRecords(file, maxBytes);
  let events: InputEvent[];
  try {
    if (kind === 'feed') {
      // Binary data, an empty file and an HTML page saved as a feed are for readWhole to refuse or read.
      const head = await readHead(file);
      const text = isBinary(head) ? '' : decode(head, 'declared');
      const feed = (text.trim() || head.length === HEAD_BYTES) && !looksLikeHtml(text);
      if (feed) return yield* streamFeed(file, head, maxBytes);
    }
    events = await readWhole(file, kind, maxBytes);
  } catch (err) {
    events = [{ error: { source: file, message: (err as Error).message } }];
  }
  yield* events;
}

/** A page, an HTML page or a `.json` list, read whole (up to `maxBytes`). */
async function readWhole(file: string, extKind: Kind, maxBytes: number): Promise<InputEvent[]> {
  const size = (await stat(file)).size;
  if (size > maxBytes) throw new Error(`file is ${size} bytes, over the ${maxBytes}-byte limit (ingest.maxBytes)`);
  // A page or feed may declare its encoding (XML prolog, <meta charset>); JSON is UTF-8 or marked.
  const content = decode(await readFile(file), extKind === 'records' ? 'marked' : 'declared');
  if (content.trim() === '') throw new Error('file is empty');
  const idBase = path.basename(file, path.extname(file));
  if (extKind === 'records') return readJson(file, content, idBase);
  const kind = looksLikeHtml(content) ? 'html' : extKind;
  return [{ item: { kind, source: file, idBase, content } }];
}

function looksLikeHtml(content: string): boolean {
  const head = content.slice(0, 1024).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** A `.json` file: one article object or an array of them (`file#n`). */
function readJson(file: string, content: string, idBase: string): InputEvent[] {
  const trimmed = content.trim();
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    throw new Error(`invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((v, i): InputEvent => {
    const source = `${file}#${i + 1}`;
    try {
      return { item: recordItem(source, v, `${idBase}-${i + 1}`) };
    } catch (err) {
      return { error: { source, message: (err as Error).message } };
    }
  });
}
