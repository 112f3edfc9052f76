// Tests `storywatch webhooks` and `alerts` as a user runs them: add, failed deliveries, replay, remove.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { runCli } from '../helpers/processes.js';
import { testConfig } from '../helpers/test-config.js';

const storywatch = (args: string[]) => runCli(args);

describe('storywatch webhooks and alerts (as a user runs them)', () => {
  it('adds a webhook with a generated secret, lists failed deliveries, replays them, removes the webhook', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const answers = [410, 410];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const { file } = testConfig({
      http: { allowPrivateAddresses: true },
      alerts: { attempts: 3, retryDelayMs: 100, timeoutMs: 1000 },
    });
    try {
      const add = await storywatch(['-c', file, 'webhooks', 'add', url, '--storyline', 'pakistan-steel-mills']);
      expect(add.status, add.stderr).toBe(0);
      const secret = add.stdout.trim();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(add.stderr).toMatch(/added webhook wh_[0-9a-f]{12} → /);

      const pages = ['000_59c1e87fd81191b7.txt', '001_6d2f3309d51e9222.txt'].map((f) => path.join(SEEDS_DIR, f));
      const ingest = await storywatch(['-c', file, 'ingest', ...pages, '--no-progress']);
      expect(ingest.status, ingest.stderr).toBe(0);
      expect(ingest.stdout).toMatch(/alerts: 0 delivered, 2 failed \(storywatch alerts failed\)/);

      const failed = await storywatch(['-c', file, 'alerts', 'failed', '--json']);
      const rows = JSON.parse(failed.stdout) as Array<{
        id: string;
        httpStatus: number;
        storyline: string;
        lastError: string;
      }>;
      expect(rows.map((r) => [r.httpStatus, r.storyline])).toEqual([
        [410, 'pakistan-steel-mills'],
        [410, 'pakistan-steel-mills'],
      ]);
      expect(failed.stdout).not.toContain(secret);

      const retry = await storywatch(['-c', file, 'alerts', 'retry', '--all']);
      expect(retry.status, retry.stderr).toBe(0);
      expect(retry.stderr).toMatch(/replayed 2: 2 delivered, 0 failed again/);
      expect(received).toHaveLength(4);
      const wh = new Webhook(secret);
      const ids = received
        .slice(2)
        .map(
          (m) =>
            (wh.verify(m.body, m.headers as Record<string, string>) as { data: { article: { id: string } } }).data
              .article.id,
        );
      expect(ids.sort()).toEqual(['000_59c1e87fd81191b7-1', '001_6d2f3309d51e9222-1']);
      expect((await storywatch(['-c', file, 'alerts', 'failed'])).stdout).toBe('no failed deliveries\n');

      const list = await storywatch(['-c', file, 'webhooks', 'list']);
      expect(list.stdout).toContain(`${secret.slice(0, 10)}…`);
      expect(list.stdout).not.toContain(secret);
      const id = /wh_[0-9a-f]{12}/.exec(list.stdout)![0];
      expect((await storywatch(['-c', file, 'webhooks', 'remove', id])).status).toBe(0);
      expect((await storywatch(['-c', file, 'webhooks', 'list'])).stdout).toMatch(/^no webhooks/);
      const again = await storywatch(['-c', file, 'webhooks', 'remove', id]);
      expect([again.status, again.stderr.trim()]).toEqual([
        1,
        `storywatch: no webhook ${id} (storywatch webhooks list shows them)`,
      ]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 120_000);

  it('fails a delivery the address policy refuses at once, so ingest is not held up by retries', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(req.url!);
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    // Default alert settings: eight attempts, back-off from 2 s.
    const { file } = testConfig({ http: { allowPrivateAddresses: true } });
    try {
      const add = await storywatch(['-c', file, 'webhooks', 'add', url, '--storyline', 'pakistan-steel-mills']);
      expect(add.status, add.stderr).toBe(0);
      // The policy is tightened after the webhook was added: only the sender sees it now.
      const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, stringify({ ...doc, http: { allowPrivateAddresses: false } }));

      const ingest = await storywatch([
        '-c',
        file,
        'ingest',
        path.join(SEEDS_DIR, '000_59c1e87fd81191b7.txt'),
        '--no-progress',
      ]);
      expect(ingest.status, ingest.stderr).toBe(0);
      expect(ingest.stdout).toMatch(/alerts: 0 delivered, 1 failed \(storywatch alerts failed\)/);
      const failed = JSON.parse((await storywatch(['-c', file, 'alerts', 'failed', '--json'])).stdout) as Array<{
        attempts: number;
        lastError: string;
      }>;
      expect(failed.map((d) => [d.attempts, d.lastError])).toEqual([
        [
          1,
          `${url}: blocked by policy: 127.0.0.1 is a non-public address (loopback): set http.allowPrivateAddresses: true or add it to http.allowList to allow it; not retried`,
        ],
      ]);
      expect(received).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 120_000);
});
