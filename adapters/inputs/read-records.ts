// Reads JSON Lines article lists line by line into inputs; a bad line is one error naming file and line.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import path from 'node:path';
import { parseRecord } from '../../pipeline/extract/extract-articles.js';
import type { IngestItem } from '../../queue/queues.js';
import { isBinary, readHead, textChunks } from './decode-text.js';
import type { InputError, InputEvent } from './read-inputs.js';

/** Lines that are not JSON at the start of a `.jsonl` file after which it is taken for something else. */
const NOT_JSON_LINES_AFTER = 10;

/** One article object as an input, its `id` (else `fallbackId`) the article id; a bad record throws naming each problem. */
export function recordItem(source: string, value: unknown, fallbackId: string): IngestItem {
  const record = parseRecord(value);
  return { kind: 'record', source, idBase: record.id ?? fallbackId, content: JSON.stringify(value) };
}

/**
 * The records of a JSON Lines file, read line by line so a list of any size is never held whole:
 * `maxBytes` limits each line. A bad line is one error (`file:line`) and the others go on, but a file
 * that is binary, or whose first lines are none of them JSON, is one error for the whole file.
 */
export async function* streamRecords(file: string, maxBytes: number): AsyncGenerator<InputEvent> {
  const head = await readHead(file);
  if (isBinary(head)) {
    yield { error: { source: file, message: 'binary data, not JSON Lines' } };
    return;
  }
  const idBase = path.basename(file, path.extname(file));
  const input = Readable.from(textChunks(file, head));
  const lines = createInterface({ input, crlfDelay: Infinity });
  // Errors of the first lines wait until a line proves the file is JSON Lines (or enough prove it is not).
  let early: InputError[] | undefined = [];
  let misses = 0;
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const source = `${file}:${n}`;
      const { event, json } = readLine(source, line, maxBytes, `${idBase}-${n}`);
      if (early && json !== true) {
        early.push((event as { error: InputError }).error);
        if (json === false) misses++;
        if (misses < NOT_JSON_LINES_AFTER) continue;
        const first = early[0]!;
        const message = `not JSON Lines: its first ${misses} lines are not JSON (${first.source}: ${first.message})`;
        yield { error: { source: file, message } };
        return;
      }
      if (early) for (const error of early.splice(0)) yield { error };
      early = undefined;
      yield event;
    }
  } catch (err) {
    yield { error: { source: file, message: (err as Error).message } };
    return;
  } finally {
    input.destroy();
  }
  if (early?.length === 0) yield { error: { source: file, message: 'file is empty' } };
  for (const error of early ?? []) yield { error };
}

/** One line as an input or an error, and whether it is JSON (undefined: too long to tell). */
function readLine(source: string, raw: string, maxBytes: number, fallbackId: string) {
  const error = (message: string): InputEvent => ({ error: { source, message } });
  const tooLong = `line is over the ${maxBytes}-byte limit (ingest.maxBytes)`;
  if (Buffer.byteLength(raw) > maxBytes) return { event: error(tooLong), json: undefined };
  if (raw.includes('\u0000')) return { event: error('binary data, not a JSON line'), json: false };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { event: error(`invalid JSON: ${(err as Error).message}`), json: false };
  }
  try {
    return { event: { item: recordItem(source, value, fallbackId) }, json: true };
  } catch (err) {
    return { event: error((err as Error).message), json: true };
  }
}
