// Tests `storywatch storylines` as a user runs it, with back-fill alone and through a running daemon.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../pipeline/build-report.js';
import { BIN, runCli } from '../helpers/processes.js';
import { ROOT } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = `whsec_${Buffer.from('storywatch-test-secret-0123456789').toString('base64')}`;
const ARTICLES = [
  {
    id: 'en',
    title: 'Gujarat win the IPL final in Ahmedabad',
    text: 'Gujarat won the IPL final against Chennai in Ahmedabad on Sunday night.',
  },
  { id: 'hi', title: 'आईपीएल फाइनल में गुजरात की जीत', text: 'अहमदाबाद में खेले गए आईपीएल फाइनल में गुजरात ने चेन्नई को हराया।' },
  {
    id: 'other',
    title: 'Monsoon reaches Kerala',
    text: 'The monsoon reached Kerala three days early, the weather office said.',
  },
];
const IPL_YAML = `id: ipl-final
name: IPL final
keywords: [IPL final, आईपीएल फाइनल]
examples: [The IPL final was played in Ahmedabad.]
`;

const daemons: ChildProcess[] = [];
afterEach(async () => {
  for (const p of daemons.splice(0)) {
    if (p.exitCode !== null || p.signalCode !== null) continue;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }
});

/** A data dir (on the shared test Redis) with the cricket articles ingested and no storyline tracking them. */
async function ingested(overrides: Record<string, unknown> = {}) {
  const made = testConfig({ storylines: [], ...overrides });
  const articles = path.join(made.dataDir, 'cricket.jsonl');
  writeFileSync(articles, ARTICLES.map((a) => JSON.stringify(a)).join('\n'));
  writeFileSync(path.join(made.dataDir, 'ipl.yaml'), IPL_YAML);
  const cli = (args: string[]) => runCli(['-c', made.file, ...args]);
  const ingest = await cli(['ingest', articles, '--no-progress']);
  expect(ingest.status, ingest.stderr).toBe(0);
  return { ...made, cli };
}

type Listed = Array<{
  id: string;
  source: string;
  matches: number;
  backfill: { state: string; done: number; total: number } | null;
}>;

describe('storywatch storylines (as a user runs it)', () => {
  it('adds from a file and back-fills at once, lists, re-scores, replaces, removes; bad input is named', async () => {
    const { dataDir, cli } = await ingested();
    const add = await cli(['storylines', 'add', path.join(dataDir, 'ipl.yaml')]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toBe('backfill ipl-final: 3/3 articles re-scored, 2 match (+2 new, −0 removed)\n');

    const listed = JSON.parse((await cli(['storylines', 'list', '--json'])).stdout) as Listed;
    expect(listed).toEqual([
      {
        id: 'ipl-final',
        name: 'IPL final',
        source: 'cli',
        matches: 2,
        threshold: 0.5,
        backfill: expect.objectContaining({ state: 'done', done: 3, total: 3 }),
      },
    ]);
    expect((await cli(['storylines', 'list'])).stdout).toMatch(
      /ipl-final\s+│ IPL final\s+│ cli\s+│ 2\s+│ 0.5\s+│ done 3\/3/,
    );
    const report = JSON.parse((await cli(['export'])).stdout) as Report;
    expect(report.storylines).toEqual([
      {
        id: 'ipl-final',
        name: 'IPL final',
        articleIds: ['en', 'hi'],
        clusterIds: [report.articles[0]!.clusterId],
        perLanguage: { en: 1, hi: 1 },
        lastMatchAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lastPublishedAt: null,
      },
    ]);

    const rescore = await cli(['storylines', 'rescore']);
    expect(rescore.status, rescore.stderr).toBe(0);
    expect(rescore.stdout).toBe('backfill ipl-final: 3/3 articles re-scored, 2 match (+0 new, −0 removed)\n');

    const twice = await cli(['storylines', 'add', path.join(dataDir, 'ipl.yaml')]);
    expect([twice.status, twice.stderr.trim()]).toEqual([
      1,
      'storywatch: storyline ipl-final exists (from cli); --replace changes it',
    ]);
    const strict = await cli([
      'storylines',
      'add',
      '--replace',
      '--id',
      'ipl-final',
      '--name',
      'IPL final',
      '--keyword',
      'IPL final',
      '--threshold',
      '0.99',
    ]);
    expect(strict.status, strict.stderr).toBe(0);
    expect(strict.stdout).toBe('backfill ipl-final: 3/3 articles re-scored, 0 match (+0 new, −2 removed)\n');
    expect((JSON.parse((await cli(['export'])).stdout) as Report).storylines[0]!.articleIds).toEqual([]);

    const unknown = await cli(['storylines', 'rescore', 'ipl-final', 'nope']);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([
      1,
      'storywatch: no storyline nope (storywatch storylines list shows them)',
    ]);
    const badFile = path.join(dataDir, 'bad.json');
    writeFileSync(
      badFile,
      JSON.stringify([
        { id: 'ok', name: 'OK' },
        { id: 'Not OK', name: 'x', threshold: 2 },
      ]),
    );
    const bad = await cli(['storylines', 'add', badFile]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      `storywatch: ${badFile}: storylines[1]: id: lowercase letters, digits and dashes; threshold: `,
    );
    const both = await cli(['storylines', 'add', badFile, '--id', 'x']);
    expect([both.status, both.stderr.trim()]).toEqual([
      1,
      `storywatch: give either a file (${badFile}) or --id/--name/… flags, not both`,
    ]);

    expect((await cli(['storylines', 'remove', 'ipl-final'])).stderr).toContain(
      'removed storyline ipl-final; its past matches stay on record',
    );
    expect((await cli(['storylines', 'list'])).stdout).toMatch(/^no storylines/);
    const gone = await cli(['storylines', 'remove', 'ipl-final']);
    expect([gone.status, gone.stderr.trim()]).toEqual([
      1,
      'storywatch: no storyline ipl-final (storywatch storylines list shows them)',
    ]);
  }, 120_000);

  it('hands the back-fill to a running daemon, which sends it only to the webhook with backfill: true; rescore waits for it', async () => {
    const received: Record<string, string[]> = { '/all': [], '/live': [] };
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received[req.url!]?.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { dataDir, file, cli } = await ingested({
        http: { allowPrivateAddresses: true },
        alerts: { attempts: 3, retryDelayMs: 100, timeoutMs: 1000 },
        webhooks: [{ url: `${base}/live`, secret: SECRET }],
      });
      const subscribe = await cli(['webhooks', 'add', `${base}/all`, '--backfill', '--secret', SECRET]);
      expect(subscribe.stderr).toContain(`→ ${base}/all (storyline.matched; every storyline; back-filled matches too)`);
      const daemon = spawn(
        process.execPath,
        [BIN, '-c', file, 'start', '--port', '0', '--inbox', path.join(dataDir, 'inbox')],
        { cwd: ROOT },
      );
      daemons.push(daemon);
      let log = '';
      daemon.stderr.on('data', (d: Buffer) => (log += d.toString()));
      await waitFor(() => log.includes('running ('), 90_000, 'the daemon to start');

      const add = await cli(['storylines', 'add', path.join(dataDir, 'ipl.yaml')]);
      expect(add.status, add.stderr).toBe(0);
      expect(add.stderr).toMatch(/storywatch start \(pid \d+ .*\) back-fills ipl-final in the background/);
      await waitFor(
        async () =>
          (JSON.parse((await cli(['storylines', 'list', '--json'])).stdout) as Listed)[0]?.backfill?.state === 'done',
        20_000,
        'the back-fill',
      );
      await waitFor(() => received['/all']!.length === 2, 10_000, 'two back-filled events');
      expect(
        received['/all']!.map((b) => (JSON.parse(b) as { data: { article: { id: string }; backfill: boolean } }).data)
          .map((d) => [d.article.id, d.backfill])
          .sort(),
      ).toEqual([
        ['en', true],
        ['hi', true],
      ]);
      await waitFor(
        () => /backfill ipl-final: 3\/3 articles re-scored, 2 match \(\+2 new, −0 removed\)/.test(log),
        5000,
        'the daemon to log the back-fill',
      );

      const rescore = await cli(['storylines', 'rescore', 'ipl-final']);
      expect(rescore.status, rescore.stderr).toBe(0);
      expect(rescore.stderr).toContain('runs on this data dir: its writer re-scores ipl-final');
      expect(rescore.stdout).toBe('backfill ipl-final: 3/3 articles re-scored, 2 match (+0 new, −0 removed)\n');
      expect(received['/all']).toHaveLength(2);
      expect(received['/live']).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 180_000);
});
