// Tests that feed and webhook URLs are refused or accepted by the address policy, with name resolution.
import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, refusedEndpoints, urlRefusal } from '../../adapters/http/endpoint-policy.js';

const STRICT = { allowPrivateAddresses: false, allowList: [] };
const HOW = 'set http.allowPrivateAddresses: true or add it to http.allowList to allow it';

describe('urlRefusal (the URL alone)', () => {
  it('refuses schemes other than http and https, credentials, and literal non-public addresses', () => {
    expect(urlRefusal('javascript:alert(1)', STRICT)).toBe(
      'unsupported scheme javascript: (only http and https URLs are allowed)',
    );
    expect(urlRefusal('file:///etc/passwd', STRICT)).toBe(
      'unsupported scheme file: (only http and https URLs are allowed)',
    );
    expect(urlRefusal('ftp://ftp.example.org/feed.xml', STRICT)).toMatch(/^unsupported scheme ftp: /);
    expect(urlRefusal('https://user:pw@hooks.example.org/', STRICT)).toBe(
      'a user name or password in the URL (user:password@) is not allowed',
    );
    expect(urlRefusal('not a url', STRICT)).toBe('not a URL');
    expect(urlRefusal('http://127.0.0.1:9/', STRICT)).toBe(`127.0.0.1 is a non-public address (loopback): ${HOW}`);
    expect(urlRefusal('http://169.254.169.254/latest/meta-data/', STRICT)).toBe(
      `169.254.169.254 is a non-public address (linkLocal): ${HOW}`,
    );
    // IPv4-mapped IPv6 is judged as the IPv4 address it carries.
    expect(urlRefusal('http://[::ffff:10.1.2.3]/', STRICT)).toMatch(
      /^::ffff:a01:203 is a non-public address \(private\)/,
    );
    expect(urlRefusal('http://[fd00::1]/', STRICT)).toMatch(/^fd00::1 is a non-public address \(uniqueLocal\)/);
  });

  it('lets through public addresses, names (resolved later), and what the config allows', () => {
    expect(urlRefusal('https://93.184.215.14/hook', STRICT)).toBeUndefined();
    expect(urlRefusal('https://hooks.example.org/x', STRICT)).toBeUndefined();
    expect(urlRefusal('http://127.0.0.1:9/', { allowPrivateAddresses: true, allowList: [] })).toBeUndefined();
    expect(
      urlRefusal('http://10.1.2.3/', { allowPrivateAddresses: false, allowList: ['10.1.0.0/16'] }),
    ).toBeUndefined();
    expect(urlRefusal('http://10.2.0.1/', { allowPrivateAddresses: false, allowList: ['10.1.0.0/16'] })).toMatch(
      /non-public/,
    );
    // The scheme is refused whatever the address policy allows.
    expect(urlRefusal('file:///etc/passwd', { allowPrivateAddresses: true, allowList: [] })).toMatch(
      /^unsupported scheme/,
    );
  });
});

describe('checkEndpointUrl (with name resolution)', () => {
  it('refuses a name that resolves to a non-public address, unless allowed', async () => {
    expect(await checkEndpointUrl('http://localhost:9/hook', STRICT)).toEqual({
      refused:
        'localhost resolves to 127.0.0.1, a non-public address (loopback): set http.allowPrivateAddresses: true or add localhost to http.allowList to allow it',
    });
    expect(
      await checkEndpointUrl('http://localhost:9/hook', { allowPrivateAddresses: false, allowList: ['localhost'] }),
    ).toEqual({});
    expect(
      await checkEndpointUrl('http://localhost:9/hook', { allowPrivateAddresses: false, allowList: ['127.0.0.0/8'] }),
    ).toEqual({});
    expect(await checkEndpointUrl('http://localhost:9/hook', { allowPrivateAddresses: true, allowList: [] })).toEqual(
      {},
    );
  });

  it('accepts a name that does not resolve, with a warning', async () => {
    // .invalid never resolves (RFC 2606).
    const check = await checkEndpointUrl('https://hooks.nowhere.invalid/x', STRICT);
    expect(check.refused).toBeUndefined();
    expect(check.warning).toMatch(/^hooks\.nowhere\.invalid does not resolve here \(\w+\); accepted: /);
  });

  it('refuses literal addresses and schemes before any lookup', async () => {
    expect(await checkEndpointUrl('ftp://localhost/', STRICT)).toEqual({
      refused: expect.stringMatching(/^unsupported scheme ftp:/),
    });
    expect(await checkEndpointUrl('http://[::1]:9/', STRICT)).toEqual({
      refused: expect.stringMatching(/^::1 is a non-public address \(loopback\)/),
    });
  });

  it('names the config key of each refused entry', async () => {
    const entries = [
      { key: 'webhooks.0.url', url: 'https://hooks.nowhere.invalid/x' },
      { key: 'feeds.1.url', url: 'http://localhost:8000/rss' },
    ];
    expect(await refusedEndpoints(entries, STRICT)).toEqual([
      `feeds.1.url: localhost resolves to 127.0.0.1, a non-public address (loopback): set http.allowPrivateAddresses: true or add localhost to http.allowList to allow it`,
    ]);
  });
});
