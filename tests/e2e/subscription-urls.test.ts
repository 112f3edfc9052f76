// Tests that feed and webhook URLs are checked when added by the CLI or loaded from the config.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/sqlite-store.js';
import { ROOT } from '../helpers/seeds.js';
import { BIN, runCli } from '../helpers/processes.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const HOW = 'set http.allowPrivateAddresses: true or add it to http.allowList to allow it';
const storywatch = (args: string[]) => runCli(args);

/** The URLs every subscription refuses under the default policy, with the reason given. */
const REFUSED: Array<[string, string]> = [
  ['javascript:alert(1)', 'unsupported scheme javascript: (only http and https URLs are allowed)'],
  ['file:///etc/passwd', 'unsupported scheme file: (only http and https URLs are allowed)'],
  ['ftp://ftp.example.org/pub/', 'unsupported scheme ftp: (only http and https URLs are allowed)'],
  ['http://127.0.0.1:9/', `127.0.0.1 is a non-public address (loopback): ${HOW}`],
  [
    'http://localhost/',
    'localhost resolves to 127.0.0.1, a non-public address (loopback): set http.allowPrivateAddresses: true or add localhost to http.allowList to allow it',
  ],
];

/** Sets http.allowPrivateAddresses in a test's config file. */
function allowPrivate(file: string): void {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, stringify({ ...doc, http: { allowPrivateAddresses: true } }));
}

describe('subscription URLs are checked when added (as a user runs the CLI)', () => {
  it('webhooks add refuses other schemes and non-public addresses with the reason, unless the config allows them', async () => {
    const { file, dataDir } = testConfig();
    const runs = await Promise.all(REFUSED.map(([url]) => storywatch(['-c', file, 'webhooks', 'add', url])));
    expect(runs.map((r) => [r.status, r.stderr.trim(), r.stdout])).toEqual(
      REFUSED.map(([url, reason]) => [1, `storywatch: webhook ${url} refused: ${reason}`, '']),
    );

    const offline = await storywatch(['-c', file, 'webhooks', 'add', 'https://hooks.nowhere.invalid/x']);
    expect(offline.status, offline.stderr).toBe(0);
    expect(offline.stderr).toMatch(/warning: hooks\.nowhere\.invalid does not resolve here \(\w+\); accepted: /);

    allowPrivate(file);
    const loopback = await storywatch(['-c', file, 'webhooks', 'add', 'http://127.0.0.1:9/']);
    expect(loopback.status, loopback.stderr).toBe(0);
    expect((await storywatch(['-c', file, 'webhooks', 'add', 'ftp://ftp.example.org/pub/'])).status).toBe(1);
    const store = new SqliteStore(path.join(dataDir, 'storywatch.sqlite'));
    expect(store.alerts.listWebhooks().map((w) => [w.url, w.source])).toEqual([
      ['https://hooks.nowhere.invalid/x', 'cli'],
      ['http://127.0.0.1:9/', 'cli'],
    ]);
    store.close();
  }, 120_000);

  it('feeds add refuses them too and leaves the config file as it was', async () => {
    const { file } = testConfig();
    const before = readFileSync(file, 'utf8');
    const runs = await Promise.all(REFUSED.map(([url]) => storywatch(['-c', file, 'feeds', 'add', url])));
    expect(runs.map((r) => [r.status, r.stderr.trim()])).toEqual(
      REFUSED.map(([url, reason]) => [1, `storywatch: feed ${url} refused: ${reason}`]),
    );
    expect(readFileSync(file, 'utf8')).toBe(before);

    allowPrivate(file);
    const added = await storywatch(['-c', file, 'feeds', 'add', 'http://127.0.0.1:9/rss', '--every', '5']);
    expect(added.status, added.stderr).toBe(0);
    expect((parse(readFileSync(file, 'utf8')) as { feeds: unknown[] }).feeds).toEqual([
      { url: 'http://127.0.0.1:9/rss', pollMinutes: 5, fullText: false },
    ]);
  }, 120_000);

  it('the config file: a literal non-public address is refused on load, a name resolving to one is flagged at start', async () => {
    const secret = `whsec_${Buffer.from('storywatch-test-secret-0123456789').toString('base64')}`;
    const literal = testConfig().file;
    const doc = parse(readFileSync(literal, 'utf8')) as Record<string, unknown>;
    writeFileSync(literal, stringify({ ...doc, feeds: [{ url: 'http://127.0.0.1:9/rss' }] }));
    const refused = await storywatch(['-c', literal, 'feeds', 'list']);
    expect([refused.status, refused.stderr.trim()]).toEqual([
      1,
      `storywatch: ${literal}: invalid config\n  feeds.0.url: 127.0.0.1 is a non-public address (loopback): ${HOW}`,
    ]);

    const { file } = testConfig({
      web: { port: 0 },
      queue: { workerProcesses: false },
      webhooks: [{ url: 'http://localhost:9/hook', secret }],
      feeds: [{ url: 'https://feeds.nowhere.invalid/rss' }],
    });
    const daemon = spawn(process.execPath, [BIN, '-c', file, 'start'], { cwd: ROOT });
    let stderr = '';
    daemon.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      await waitFor(() => stderr.includes('running ('), 60_000, 'the daemon to start');
      const warnings = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .filter((l) => l.level === 40);
      expect(warnings.map((l) => l.msg)).toEqual([
        `${file}: webhooks.0.url: localhost resolves to 127.0.0.1, a non-public address (loopback): ` +
          'set http.allowPrivateAddresses: true or add localhost to http.allowList to allow it; requests to it are refused until allowed',
      ]);
    } finally {
      const exited = new Promise((r) => daemon.once('exit', r));
      daemon.kill('SIGTERM');
      await exited;
    }
  }, 120_000);
});
