// Decodes an HTTP response body to text, finding its charset from BOM, header, XML prolog or meta tag.
import iconv from 'iconv-lite';

/**
 * Decodes a response body to text. The charset comes from, in order: a byte-order mark, the
 * Content-Type header, the XML prolog, an HTML `<meta charset>` / `http-equiv` tag; UTF-8 otherwise.
 * Unknown charset names fall back to UTF-8 rather than failing.
 */
export function decodeBody(bytes: Buffer, contentType: string | null): { text: string; charset: string } {
  const charset = detectCharset(bytes, contentType);
  const name = iconv.encodingExists(charset) ? charset : 'utf-8';
  let text = iconv.decode(bytes, name);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, charset: name };
}

export function detectCharset(bytes: Buffer, contentType: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes[2] === 0 && bytes[3] === 0 ? 'utf-32le' : 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf-32be';
  const header = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (header) return header.toLowerCase();
  // Without a BOM, UTF-16 XML starts "<\0?\0" or "\0<\0?".
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[3] === 0x3f) return 'utf-16be';
  const head = bytes.subarray(0, 2048).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (prolog) return prolog.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  if (meta) return meta.toLowerCase();
  return 'utf-8';
}
