// Tests config loading: the shipped storyline, defaults, former key names and errors naming every key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/load-config.js';

const write = (text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-config-')), 'storywatch.yaml');
  writeFileSync(file, text);
  return file;
};

/** The message of the ConfigError a config file gives ('' when it loads). */
function configError(file: string): string {
  try {
    loadConfig(file, {});
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('loadConfig', () => {
  it('ships the pakistan-steel-mills storyline with English and Hindi keywords, and no feeds', () => {
    const config = loadConfig(undefined, {});
    const psm = config.storylines.find((s) => s.id === 'pakistan-steel-mills');
    expect(psm?.name).toBe('Pakistan Steel Mills revival');
    expect(psm?.description).not.toBe('');
    expect(psm?.keywords.some((k) => /\p{Script=Devanagari}/u.test(k))).toBe(true);
    expect(psm?.keywords.some((k) => /^[A-Za-z ]+$/.test(k))).toBe(true);
    expect(psm?.examples.length).toBeGreaterThan(0);
    expect(config.feeds).toEqual([]);
  });

  it('fills every key from defaults for an empty file', () => {
    const config = loadConfig(write(''), {});
    expect(config.dataDir).toBe('./data');
    expect(config.languages.expected).toEqual(['en', 'hi', 'ur']);
    expect(config.ingest.inbox).toBe('seeds/inbox');
  });

  it('reads languages.allowed, the former name of languages.expected', () => {
    expect(loadConfig(write('languages:\n  allowed: [en, ur]\n'), {}).languages.expected).toEqual(['en', 'ur']);
    expect(loadConfig(write('languages:\n  allowed: [en]\n  expected: [hi]\n'), {}).languages.expected).toEqual(['hi']);
  });

  it('says once that a file with no settings (empty, or comments alone) runs on the defaults', () => {
    for (const text of ['', '# nothing here yet\n\n# storylines: []\n']) {
      const notices: string[] = [];
      const file = write(text);
      expect(loadConfig(file, {}, (m) => notices.push(m)).ingest.maxInFlight).toBe(200);
      expect(notices).toEqual([`${file} is empty: running on the defaults`]);
    }
    const notices: string[] = [];
    loadConfig(write('dataDir: ./x\n'), {}, (m) => notices.push(m));
    expect(notices).toEqual([]);
  });

  it('names the file and every invalid key at once', () => {
    const file = write('clustering:\n  sameLanguage: 2\nlanguages:\n  expected: [english]\nbogus: 1\n');
    const message = configError(file);
    expect(message).toContain(file);
    expect(message).toContain('clustering.sameLanguage');
    expect(message).toContain('languages.expected.0');
    expect(message).toMatch(/bogus/);
  });

  it('names the file and line of a YAML syntax error', () => {
    const file = write('storylines:\n  - id: x\n   name: [unclosed\n');
    expect(() => loadConfig(file, {})).toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line \\d+: invalid YAML`),
    );
  });

  it('names a missing file', () => {
    expect(() => loadConfig('/nonexistent/storywatch.yaml', {})).toThrow(
      /\/nonexistent\/storywatch.yaml: cannot read config \(ENOENT\)/,
    );
  });

  it('says what replaced clustering.timePenalty', () => {
    const file = write('clustering:\n  timePenalty: 0.15\n');
    expect(() => loadConfig(file, {})).toThrow(
      /clustering\.timePenalty: clustering\.timePenalty was replaced by clustering\.quietHours and clustering\.quietGrowth/,
    );
  });

  it('rejects two storylines with one id', () => {
    const file = write('storylines:\n  - { id: a, name: A }\n  - { id: a, name: B }\n');
    expect(() => loadConfig(file, {})).toThrow(/duplicate id "a"/);
  });

  it('refuses webhook and feed URLs the address policy refuses, naming each key', () => {
    const secret = `whsec_${Buffer.from('config-secret-0123456789abcdef').toString('base64')}`;
    const entries = `webhooks:
  - { url: "javascript:alert(1)", secret: "${secret}" }
  - { url: "http://127.0.0.1:9/hook", secret: "${secret}" }
  - { url: "https://hooks.example.org/ok", secret: "${secret}" }
feeds:
  - { url: "file:///etc/passwd" }
  - { url: "http://[::1]/rss" }
  - { url: "https://user:pw@feeds.example.org/rss" }
`;
    const file = write(entries);
    const message = configError(file);
    expect(message.split('\n')).toEqual([
      `${file}: invalid config`,
      '  webhooks.0.url: unsupported scheme javascript: (only http and https URLs are allowed)',
      '  webhooks.1.url: 127.0.0.1 is a non-public address (loopback): set http.allowPrivateAddresses: true or add it to http.allowList to allow it',
      '  feeds.0.url: unsupported scheme file: (only http and https URLs are allowed)',
      '  feeds.1.url: ::1 is a non-public address (loopback): set http.allowPrivateAddresses: true or add it to http.allowList to allow it',
      '  feeds.2.url: a user name or password in the URL (user:password@) is not allowed',
    ]);
    // Private addresses are the config's to allow; other schemes never are.
    const allowed = loadConfig(
      write(`http: { allowPrivateAddresses: true }\n${entries.replace(/.*(javascript|file|user:pw).*\n/g, '')}`),
      {},
    );
    expect([...allowed.webhooks, ...allowed.feeds].map((e) => e.url)).toEqual([
      'http://127.0.0.1:9/hook',
      'https://hooks.example.org/ok',
      'http://[::1]/rss',
    ]);
    expect(
      loadConfig(write(`http: { allowList: [127.0.0.0/8] }\nfeeds:\n  - { url: "http://127.0.0.1:8000/rss" }\n`), {})
        .feeds,
    ).toHaveLength(1);
  });

  it('lets STORYWATCH_DATA and REDIS_URL override the file', () => {
    const config = loadConfig(write('dataDir: ./x\n'), {
      STORYWATCH_DATA: '/tmp/sw',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.dataDir).toBe('/tmp/sw');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });
});
