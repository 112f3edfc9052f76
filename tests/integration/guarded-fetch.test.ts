// Tests the guarded HTTP client: address policy on every hop, schemes, limits and decoding.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../adapters/http/address-policy.js';
import { createGuardedFetch, FetchError } from '../../adapters/http/guarded-fetch.js';

let server: Server;
let port: number;

/** A real HTTP server on 127.0.0.1 with one route per case. */
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(n > 0 ? 302 : 200, n > 0 ? { location: `/hop/${n - 1}` } : { 'content-type': 'text/plain' });
      return res.end(n > 0 ? '' : 'arrived');
    }
    switch (url.pathname) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('नमस्ते');
      case '/gzip':
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
        return res.end(gzipSync('zipped text'));
      case '/br':
        res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'text/plain' });
        return res.end(brotliCompressSync('brotli text'));
      case '/latin1':
        res.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' });
        return res.end(iconv.encode('Café Zürich', 'latin1'));
      case '/cp1251':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(iconv.encode('<?xml version="1.0" encoding="windows-1251"?><t>Москва</t>', 'win1251'));
      case '/meta':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(
          iconv.encode('<html><head><meta charset="shift_jis"></head><body>東京</body></html>', 'shift_jis'),
        );
      case '/utf16':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss>कराची</rss>', 'utf16le')]));
      case '/to-other-loopback':
        res.writeHead(301, { location: `http://127.0.0.2:${port}/ok` });
        return res.end();
      case '/slow':
        setTimeout(() => {
          res.writeHead(200);
          res.end('late');
        }, 2000);
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
        return res.end();
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const at = (p: string) => `http://127.0.0.1:${port}${p}`;
async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('guarded fetch: address policy', () => {
  it('classifies addresses', () => {
    expect(['8.8.8.8', '2606:4700::1111'].map(isPublicAddress)).toEqual([true, true]);
    expect(
      [
        '127.0.0.1',
        '10.0.0.1',
        '192.168.1.1',
        '172.16.0.1',
        '169.254.169.254',
        '::1',
        'fe80::1',
        'fd00::1',
        '0.0.0.0',
        '::ffff:127.0.0.1',
        '100.64.0.1',
      ].map(isPublicAddress),
    ).toEqual(Array(11).fill(false));
  });

  it('refuses loopback by literal IP, by name, in IPv6-mapped form, and the cloud metadata address', async () => {
    const get = createGuardedFetch();
    for (const url of [
      at('/ok'),
      `http://localhost:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const err = await failure(get(url));
      expect(err.kind, url).toBe('blocked');
      expect(err.message).toMatch(/non-public address/);
    }
    await get.close();
  });

  it('checks every redirect hop: an allowed host cannot redirect to one that is not', async () => {
    const get = createGuardedFetch({ allowList: ['127.0.0.1'] });
    expect((await get(at('/ok'))).text).toBe('नमस्ते');
    const err = await failure(get(at('/to-other-loopback')));
    expect([err.kind, err.message]).toEqual(['blocked', expect.stringContaining('127.0.0.2')]);
    await get.close();
  });

  it('refuses schemes other than http and https, and credentials in the URL, whatever the address policy', async () => {
    const get = createGuardedFetch({ allowPrivateAddresses: true });
    const scheme = await failure(get('file:///etc/passwd'));
    expect([scheme.kind, scheme.reason]).toEqual([
      'blocked',
      'blocked by policy: unsupported scheme file: (only http and https URLs are allowed)',
    ]);
    const credentials = await failure(get(`http://user:pw@127.0.0.1:${port}/ok`));
    expect([credentials.kind, credentials.reason]).toEqual([
      'blocked',
      'blocked by policy: a user name or password in the URL (user:password@) is not allowed',
    ]);
    await get.close();
  });
});

describe('guarded fetch: limits and decoding (private addresses allowed for the local server)', () => {
  const get = createGuardedFetch({
    allowPrivateAddresses: true,
    totalTimeoutMs: 500,
    maxBytes: 32 * 1024,
    maxRedirects: 3,
  });
  afterAll(() => get.close());

  it('decompresses gzip and brotli', async () => {
    expect((await get(at('/gzip'))).text).toBe('zipped text');
    expect((await get(at('/br'))).text).toBe('brotli text');
  });

  it.each([
    ['/latin1', 'Café Zürich', 'iso-8859-1'],
    ['/cp1251', '<?xml version="1.0" encoding="windows-1251"?><t>Москва</t>', 'windows-1251'],
    ['/meta', '<html><head><meta charset="shift_jis"></head><body>東京</body></html>', 'shift_jis'],
    ['/utf16', '<rss>कराची</rss>', 'utf-16le'],
  ])('decodes %s by its declared charset', async (p, text, charset) => {
    const res = await get(at(p));
    expect([res.text, res.charset]).toEqual([text, charset]);
  });

  it('follows redirects up to the limit and no further', async () => {
    const res = await get(at('/hop/3'));
    expect([res.text, res.url]).toEqual(['arrived', at('/hop/0')]);
    expect((await failure(get(at('/hop/4')))).kind).toBe('too-many-redirects');
  });

  it('times out a slow server', async () => {
    expect((await failure(get(at('/slow')))).kind).toBe('timeout');
  });

  it('stops reading past the byte cap', async () => {
    expect((await failure(get(at('/big')))).kind).toBe('too-large');
  });
});
