// Reads input files as text: tells binary from text and decodes by byte-order mark or declared encoding.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { detectCharset } from '../http/decode-body.js';

/** Bytes looked at to tell text from binary data, and a page from a feed. */
export const HEAD_BYTES = 8192;

/**
 * How a file's encoding is found: `marked` reads only a byte-order mark (JSON, whose text never declares
 * one); `declared` also honours an XML prolog's `encoding=` and an HTML `<meta charset>`, as a page or feed
 * served over HTTP would be read. UTF-8 otherwise.
 */
export type Encoding = 'marked' | 'declared';

function encodingOf(bytes: Uint8Array, how: Encoding): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEAD_BYTES));
  const found = how === 'declared' ? detectCharset(head, null) : markedCharset(head);
  return iconv.encodingExists(found) ? found : 'utf-8';
}

function markedCharset(head: Buffer): string {
  // Only a byte-order mark counts: detectCharset without its declared-charset steps.
  const found = detectCharset(head.subarray(0, 4), null);
  return /^utf-(16|32)/.test(found) ? found : 'utf-8';
}

/** Whether the first bytes of a file are binary data: a NUL byte in what is not UTF-16 or UTF-32. */
export function isBinary(head: Uint8Array): boolean {
  return !/^utf-(16|32)/.test(encodingOf(head, 'marked')) && head.subarray(0, HEAD_BYTES).includes(0);
}

/** Text from bytes in the encoding `how` finds (a byte-order mark dropped); binary files are refused. */
export function decode(bytes: Uint8Array, how: Encoding = 'marked'): string {
  if (isBinary(bytes)) throw new Error('binary file, not text');
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encodingOf(bytes, how));
}

/** The first `HEAD_BYTES` of a file. */
export async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A text file as decoded chunks, read as they are asked for: `decode`'s rules, without holding the file. */
export async function* textChunks(file: string, head: Uint8Array, how: Encoding = 'marked'): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encodingOf(head, how));
  for await (const bytes of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const text = decoder.write(bytes as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
