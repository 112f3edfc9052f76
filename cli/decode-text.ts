import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** Bytes looked at to tell text from binary data, and a page from a feed. */
export const HEAD_BYTES = 8192;

/** The encoding a byte-order mark announces; UTF-8 otherwise. */
function encodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Whether the first bytes of a file are binary data: a NUL byte in what is not UTF-16. */
export function isBinary(head: Uint8Array): boolean {
  return encodingOf(head) === 'utf-8' && head.subarray(0, HEAD_BYTES).includes(0);
}

/** Text from bytes: UTF-8, or UTF-16 when a byte-order mark says so (the mark dropped); binary files are refused. */
export function decode(bytes: Uint8Array): string {
  if (isBinary(bytes)) throw new Error('binary file, not text');
  return new TextDecoder(encodingOf(bytes)).decode(bytes);
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
export async function* textChunks(file: string, head: Uint8Array): AsyncGenerator<string> {
  const decoder = new TextDecoder(encodingOf(head));
  for await (const bytes of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const text = decoder.decode(bytes as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
