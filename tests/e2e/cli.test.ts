// Tests `storywatch ingest`, `eval` and `start` as a user runs them: reports, copies, bad inputs.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Report } from '../../pipeline/build-report.js';
import { OG2021_FIXTURE } from '../helpers/og2021-fixture.js';
import { ROOT, SEEDS_DIR } from '../helpers/seeds.js';
import { SYNDICATED, writeSyndicated } from '../helpers/syndicated.js';
import { waitFor } from '../helpers/wait.js';

const BIN = path.join(ROOT, 'bin/storywatch.js');

/** The environment of a user without REDIS_URL: storywatch starts its own redis-server in the data dir. */
function userEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STORYWATCH_DATA: dataDir };
  delete env.REDIS_URL;
  return env;
}

function storywatch(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) {
  return spawnSync(process.execPath, [BIN, ...args], { env, cwd, encoding: 'utf8', timeout: 120_000 });
}

describe('storywatch ingest (as a user runs it)', () => {
  it('ingests the seed pages into nine articles and writes the report', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const reportFile = path.join(dataDir, 'r.json');
    const run = storywatch(['ingest', 'seeds', '--report', reportFile], userEnv(dataDir));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/articles: 9 \(9 stored\)\s+languages: en 8, hi 1\s+mode: offline/);
    expect(run.stdout).toMatch(
      /^storyline pakistan-steel-mills "Pakistan Steel Mills revival": 4 new in this run, 4 in the store$/m,
    );
    expect(run.stdout.split('\n').filter((l) => /^│ \d{3}_/.test(l))).toHaveLength(9);
    expect(run.stdout).toMatch(
      /^largest clusters:\n {2}c\d+ +2 articles +en 1, hi 1 +2 outlets +Islamabad, Moscow sign protocol/m,
    );

    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    expect(Object.keys(report)).toEqual(['mode', 'articles', 'clusters', 'storylines']);
    expect(report.mode).toBe('offline');
    expect(report.articles).toHaveLength(9);
    expect(Object.keys(report.articles[0]!)).toEqual([
      'id',
      'source',
      'url',
      'title',
      'lang',
      'publishedAt',
      'text',
      'titleEn',
      'clusterId',
      'storylines',
    ]);
    expect(Object.keys(report.clusters[0]!)).toEqual([
      'id',
      'title',
      'articleIds',
      'languages',
      'firstSeen',
      'lastSeen',
      'storylines',
      'articleCount',
      'sources',
    ]);
    const en = report.articles.find((a) => a.id === '000_59c1e87fd81191b7-1')!;
    const hi = report.articles.find((a) => a.id === '001_6d2f3309d51e9222-1')!;
    expect([en.lang, hi.lang]).toEqual(['en', 'hi']);
    expect(hi.clusterId).toBe(en.clusterId);
    const pair = report.clusters.find((c) => c.id === en.clusterId)!;
    expect(pair.languages).toEqual(['en', 'hi']);
    expect(pair.title).toBe(en.title);
    const matched = [
      '000_59c1e87fd81191b7-1',
      '001_6d2f3309d51e9222-1',
      '002_2cf772f13c620336-1',
      '004_3c7d80452f340e24-1',
    ].map((id) => report.articles.find((a) => a.id === id)!);
    const published = matched
      .flatMap((a) => (a.publishedAt ? [a.publishedAt] : []))
      .sort((x, y) => Date.parse(x) - Date.parse(y));
    expect(report.storylines).toEqual([
      {
        id: 'pakistan-steel-mills',
        name: 'Pakistan Steel Mills revival',
        articleIds: matched.map((a) => a.id),
        clusterIds: [...new Set(matched.map((a) => a.clusterId))],
        perLanguage: { en: 3, hi: 1 },
        lastMatchAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        lastPublishedAt: published.at(-1) ?? null,
      },
    ]);

    // The same pages again change nothing; export gives the same report.
    const again = storywatch(['ingest', 'seeds', '--no-progress'], userEnv(dataDir));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/articles: 9 \(9 unchanged\)/);
    expect(again.stdout).toMatch(
      /^storyline pakistan-steel-mills "Pakistan Steel Mills revival": 0 new in this run, 4 in the store$/m,
    );
    const exported = storywatch(['export'], userEnv(dataDir));
    expect(JSON.parse(exported.stdout)).toEqual(report);
  });

  it('keeps the copies other outlets ran: every input article counted once and reported, the same inputs again unchanged', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const inputs = path.join(dataDir, 'in');
    spawnSync('mkdir', ['-p', inputs]);
    writeSyndicated(inputs);
    const reportFile = path.join(dataDir, 'r.json');
    const run = storywatch(['ingest', inputs, '--no-progress', '--report', reportFile], userEnv(dataDir));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/articles: 3 \(1 stored, 2 copies\)/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    // Whichever of the three came first is the original; the other two are its copies.
    const original = report.articles.find((a) => !a.duplicateOf)!;
    const copies = report.articles.filter((a) => a.duplicateOf);
    expect(report.articles.map((a) => a.id).sort()).toEqual(['paper-41', 'third-9', 'wire-psm']);
    expect(copies.map((a) => [a.duplicateOf, a.clusterId, a.lang])).toEqual([
      [original.id, original.clusterId, 'en'],
      [original.id, original.clusterId, 'en'],
    ]);
    for (const copy of copies) expect(run.stdout).toMatch(new RegExp(`${copy.id} .*copy of ${original.id}`));
    expect(report.clusters).toMatchObject([{ id: original.clusterId, articleIds: [original.id], articleCount: 3 }]);
    expect([...report.clusters[0]!.sources!].sort()).toEqual(['paper.example', 'third.example', 'wire.example']);

    const again = storywatch(['ingest', inputs, '--no-progress'], userEnv(dataDir));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/articles: 3 \(3 unchanged\)/);
    expect(JSON.parse(storywatch(['export'], userEnv(dataDir)).stdout)).toEqual(report);
  });

  it('sums up a run too long for a row per article: totals that add up, the largest clusters, storylines new and held', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const inputs = path.join(dataDir, 'in');
    spawnSync('mkdir', ['-p', inputs]);
    // The seed pages (nine articles) and thirty outlets running the same wire report: 39 articles, 1 + 29 copies.
    const wire = SYNDICATED.wire;
    const outlets = Array.from({ length: 30 }, (_, i) => ({
      ...wire,
      id: `outlet-${i}`,
      url: `https://outlet${i}.example/psm`,
    }));
    writeFileSync(path.join(inputs, 'outlets.jsonl'), outlets.map((o) => JSON.stringify(o)).join('\n'));
    const reportFile = path.join(dataDir, 'r.json');
    const run = storywatch(['ingest', SEEDS_DIR, inputs, '--no-progress', '--report', reportFile], userEnv(dataDir));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('│');
    expect(run.stdout).toContain(
      `no row per article for 39 articles: --all-rows prints them; ${reportFile} holds every article`,
    );
    expect(run.stdout).toMatch(/^articles: 39 \(10 stored, 29 copies\)\s+languages: en 38, hi 1\s+mode: offline$/m);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    // The thirty outlets' cluster (with the seed report it may have joined) leads the largest clusters.
    const big = report.clusters.find((c) => c.id === report.articles.find((a) => a.id === 'outlet-0')!.clusterId)!;
    expect(big.articleCount).toBeGreaterThanOrEqual(30);
    const members = report.articles.filter((a) => a.clusterId === big.id);
    const hi = members.filter((a) => a.lang === 'hi').length;
    const langs = hi ? `en ${members.length - hi}, hi ${hi}` : `en ${members.length}`;
    const lead = `^largest clusters:\\n {2}${big.id} +${big.articleCount} articles +${langs} +${big.sources.length} outlets +Islamabad`;
    expect(run.stdout).toMatch(new RegExp(lead, 'm'));
    const held = report.storylines.find((s) => s.id === 'pakistan-steel-mills')!.articleIds.length;
    expect(held).toBeGreaterThanOrEqual(4);
    expect(run.stdout).toMatch(
      new RegExp(
        `^storyline pakistan-steel-mills "Pakistan Steel Mills revival": ${held} new in this run, ${held} in the store$`,
        'm',
      ),
    );
    expect(Math.max(...run.stdout.split('\n').map((l) => l.length))).toBeLessThan(160);

    const again = storywatch(['ingest', SEEDS_DIR, inputs, '--no-progress'], userEnv(dataDir));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^articles: 39 \(39 unchanged\)/m);
    expect(again.stdout).toMatch(
      new RegExp(
        `^storyline pakistan-steel-mills "Pakistan Steel Mills revival": 0 new in this run, ${held} in the store$`,
        'm',
      ),
    );
    const rows = storywatch(['ingest', inputs, '--no-progress', '--all-rows'], userEnv(dataDir));
    expect(rows.status, rows.stderr).toBe(0);
    expect(rows.stdout.split('\n').filter((l) => /^│ outlet-\d+ /.test(l))).toHaveLength(30);
  }, 240_000);

  it('names a bad input, processes the rest, and exits 1', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const inputs = path.join(dataDir, 'in');
    spawnSync('mkdir', ['-p', inputs]);
    copyFileSync(path.join(SEEDS_DIR, '002_2cf772f13c620336.txt'), path.join(inputs, 'good.txt'));
    writeFileSync(path.join(inputs, 'menu.txt'), 'Home\nWorld\nSport\n');
    writeFileSync(
      path.join(inputs, 'list.jsonl'),
      '{"id":"r1","title":"Karachi steel mill restart planned","text":"Officials said the mill would restart."}\n{broken\n',
    );
    const run = storywatch(['ingest', inputs, '--no-progress'], userEnv(dataDir));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.join(inputs, 'list.jsonl')}:2: invalid JSON`);
    expect(run.stderr).toMatch(/menu\.txt: no article found/);
    expect(run.stdout).toMatch(/articles: 2 \(2 stored\)/);
  });

  it('names a store that cannot be opened in one line, exits 1 and leaves no redis-server behind', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const storeFile = path.join(dataDir, 'storywatch.sqlite');
    // A directory where the store's file should be: SQLite cannot open it.
    spawnSync('mkdir', ['-p', storeFile]);
    const run = storywatch(
      ['ingest', path.join(SEEDS_DIR, '002_2cf772f13c620336.txt'), '--no-progress'],
      userEnv(dataDir),
    );
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `storywatch: cannot open the store ${storeFile}: unable to open database file`,
    ]);
    // The private redis-server it started for this data dir was stopped with it.
    expect(spawnSync('pgrep', ['-f', path.join(dataDir, 'redis')]).status).toBe(1);
  });

  it('says on stderr, once, that an empty config file means the defaults', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const file = path.join(dir, 'empty.yaml');
    writeFileSync(file, '# to be filled in\n');
    const run = storywatch(['--config', file, 'export'], userEnv(dir));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes('empty'))).toEqual([
      `storywatch: ${file} is empty: running on the defaults`,
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ articles: [] });
  });

  it('refuses an invalid config, naming the file and the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'clustering:\n  sameLanguage: high\n');
    const run = storywatch(['--config', file, 'export'], userEnv(dir));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}: invalid config`);
    expect(run.stderr).toContain('clustering.sameLanguage');
  });
});

describe('storywatch eval storylines (as a user runs it)', () => {
  const fixture = path.join(ROOT, 'tests/fixtures/storylines-synthetic');

  it('prints a row per storyline with recall per language, and the same figures as JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const args = ['eval', 'storylines', '--data', fixture, '--labels', path.join(fixture, 'labels.jsonl')];
    const run = storywatch(args, userEnv(dir));
    expect(run.status, run.stderr).toBe(0);
    const json = storywatch([...args, '--json'], userEnv(dir));
    expect(json.status, json.stderr).toBe(0);
    const f = JSON.parse(json.stdout) as {
      macroF1: number;
      storylines: Array<{ id: string; precision: number; recall: number; f1: number }>;
    };
    expect(f.storylines.map((s) => s.id)).toEqual(['harbour-strike', 'velmar-flood']);
    for (const s of f.storylines) {
      expect(run.stdout).toMatch(
        new RegExp(`\\n${s.id} +${s.precision.toFixed(3)} +${s.recall.toFixed(3)} +${s.f1.toFixed(3)} `),
      );
    }
    expect(run.stdout).toContain(`macro F1 ${f.macroF1.toFixed(3)}`);
    expect(run.stdout).toMatch(/recall en +recall hi\n/);
  });

  it('names a labels file that is not there, and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const run = storywatch(
      [
        'eval',
        'storylines',
        '--data',
        fixture,
        '--labels',
        path.join(dir, 'none.jsonl'),
        '--storylines',
        path.join(fixture, 'storylines.yaml'),
      ],
      userEnv(dir),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(path.join(dir, 'none.jsonl'));
  });

  it('names the missing data of every evaluation in one line, and exits 1', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sw-e2e-')), 'missing');
    const cases: Array<[string[], string]> = [
      [['xling', '--data', dir], `${dir}/articles.jsonl: no such file (the air-en-hi articles)`],
      [['titles', '--data', dir], `${dir}/articles.jsonl: no such file (the air-en-hi articles)`],
      [['lang', '--air', dir], `${dir}/articles.jsonl: no such file (the air-en-hi articles)`],
      [['calibrate', '--data', `${dir}/pairs.csv`], `${dir}/pairs.csv: no such file (the SemEval-2022 pairs CSV)`],
      [['html', '--data', dir], `${dir}: no HTML evaluation set found`],
    ];
    for (const [args, message] of cases) {
      const run = storywatch(['eval', ...args], userEnv(path.dirname(dir)));
      expect([run.status, run.stderr.trim().split('\n')]).toEqual([1, [expect.stringContaining(message)]]);
    }
  });
});

describe('storywatch eval clusters (as a user runs it)', () => {
  it('asks for exactly one of --labels and --og2021, and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const labels = path.join(dir, 'labels.jsonl');
    writeFileSync(labels, '{"id":"1","title":"Karachi steel mill restart planned","label":"psm"}\n');
    const usage =
      'storywatch: eval clusters: give exactly one of --labels FILE (a labelled JSONL stream) or --og2021 [FILE] (the OG2021 titles TSV)';
    const neither = storywatch(['eval', 'clusters'], userEnv(dir));
    expect(neither.status).toBe(1);
    expect(neither.stderr.trim()).toBe(usage);
    const both = storywatch(['eval', 'clusters', '--labels', labels, '--og2021', OG2021_FIXTURE], userEnv(dir));
    expect(both.status).toBe(1);
    expect(both.stderr.trim()).toBe(`${usage}, not both`);
    const missing = storywatch(['eval', 'clusters', '--og2021', path.join(dir, 'none.tsv')], userEnv(dir));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(
      `storywatch: ${path.join(dir, 'none.tsv')}: no such file (the OG2021 titles TSV)`,
    );
  });

  it('scores each language of an OG2021 file beside Event Registry, every article counted', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const run = storywatch(['eval', 'clusters', '--og2021', OG2021_FIXTURE], userEnv(dir));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `eng: 12 articles, 3 gold stories (${OG2021_FIXTURE})\n12 of 12 articles came back from the pipeline with a cluster`,
    );
    expect(run.stdout).toContain('\nEvent Registry               0.917  0.542  0.681   0.875  0.389  0.538        6\n');
    expect(run.stdout).toContain(`spa: 4 articles, 2 gold stories (${OG2021_FIXTURE})\n4 of 4 articles came back`);
    expect(run.stdout).toMatch(/\nspa +1\.000 +0\.857 +4\nno macro average: no language has 50 articles or more\n$/);
    const json = storywatch(['eval', 'clusters', '--og2021', OG2021_FIXTURE, '--lang', 'es', '--json'], userEnv(dir));
    expect(json.status, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { mode: string; file: string; languages: Array<Record<string, unknown>> };
    expect(result).toMatchObject({
      mode: 'offline',
      file: OG2021_FIXTURE,
      languages: [{ lang: 'spa', articles: 4, returned: 4 }],
    });
    expect(Object.keys(result.languages[0]!)).toEqual(['lang', 'articles', 'returned', 'storywatch', 'eventRegistry']);
  });
});

describe('storywatch start (the daemon)', () => {
  it('ingests files dropped into the inbox and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-'));
    const inbox = path.join(dataDir, 'inbox');
    const daemon = spawn(process.execPath, [BIN, 'start', '--inbox', inbox, '--port', '0'], {
      env: userEnv(dataDir),
      cwd: ROOT,
    });
    // A failed or timed-out run must not leave the daemon (and its worker processes) behind.
    onTestFinished(() => {
      if (daemon.exitCode === null) daemon.kill('SIGTERM');
    });
    let stderr = '';
    daemon.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(() => stderr.includes('running ('), 60_000, 'the daemon to start');
    const api = /API (http:\/\/[\d.]+:\d+)/.exec(stderr)![1]!;
    expect(await (await fetch(`${api}/api/storylines`)).json()).toEqual([
      {
        id: 'pakistan-steel-mills',
        name: 'Pakistan Steel Mills revival',
        ...{ articleCount: 0, clusterCount: 0, perLanguage: {}, undatedCount: 0 },
        ...{ lastMatchAt: null, lastPublishedAt: null, lastDay: null },
        backfill: expect.objectContaining({ done: 0, total: 0 }),
      },
    ]);

    copyFileSync(path.join(SEEDS_DIR, '000_59c1e87fd81191b7.txt'), path.join(inbox, 'arab-news.txt'));
    copyFileSync(path.join(SEEDS_DIR, '001_6d2f3309d51e9222.txt'), path.join(inbox, 'abp.txt'));
    writeFileSync(path.join(inbox, 'notes.pdf'), '%PDF-1.4');
    const report = await waitFor(
      () => {
        const out = storywatch(['export'], userEnv(dataDir));
        const r = out.status === 0 ? (JSON.parse(out.stdout) as Report) : null;
        return r && r.articles.length === 5 ? r : null;
      },
      60_000,
      'five articles in the store',
    );
    const byId = new Map(report.articles.map((a) => [a.id, a]));
    expect(byId.get('abp-1')!.clusterId).toBe(byId.get('arab-news-1')!.clusterId);
    expect(readdirSync(path.join(inbox, 'processed')).sort()).toEqual(['abp.txt', 'arab-news.txt']);
    const [psm] = (await (await fetch(`${api}/api/storylines`)).json()) as Array<{
      articleCount: number;
      clusterCount: number;
    }>;
    expect([psm!.articleCount, psm!.clusterCount]).toEqual([2, 1]);
    expect(readFileSync(path.join(inbox, 'failed', 'notes.pdf.error.txt'), 'utf8')).toMatch(
      /unsupported file type "\.pdf"/,
    );

    // JSON logs (pino): one line per finished job, carrying the job and article ids.
    const logs = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const clustered = logs.find((l) => l.queue === 'cluster-item' && l.articleId === 'abp-1');
    // A job that succeeded at its first try says attempt 1.
    expect(clustered).toMatchObject({ level: 30, outcome: 'done', msg: 'cluster-item done', attempt: 1 });
    expect(String(clustered!.jobId)).toMatch(/^cluster-/);
    expect(logs.find((l) => l.queue === 'ingest-item' && String(l.source).endsWith('abp.txt'))).toMatchObject({
      articleIds: ['abp-1'],
    });

    // The CPU-bound roles run in worker processes of their own; /metrics adds up their stage figures.
    const [ingestPid, clusterPid] = /worker processes (\d+), (\d+)/.exec(stderr)!.slice(1).map(Number);
    expect(logs.find((l) => l.queue === 'cluster-item' && l.articleId === 'abp-1')!.pid).toBe(clusterPid);
    expect(logs.find((l) => l.queue === 'ingest-item')!.pid).toBe(ingestPid);
    const metrics = await (await fetch(`${api}/metrics`)).text();
    expect(metrics).toMatch(/^storywatch_stage_seconds_count\{stage="assign"\} 5$/m);
    // Stage figures count articles (5, from the two files), extraction counts inputs.
    expect(metrics).toMatch(/^storywatch_stage_seconds_count\{stage="prepare"\} 5$/m);
    expect(metrics).toMatch(/^storywatch_stage_seconds_count\{stage="extract"\} 2$/m);
    // A worker process that dies is started again, and what arrives afterwards is ingested.
    process.kill(clusterPid!, 'SIGKILL');
    await waitFor(
      () => /the cluster worker process \(pid \d+\) ended \(SIGKILL\); starting it again/.test(stderr),
      10_000,
      'the restart',
    );
    copyFileSync(path.join(SEEDS_DIR, '004_3c7d80452f340e24.txt'), path.join(inbox, 'dawn.txt'));
    await waitFor(
      () => {
        const out = storywatch(['export'], userEnv(dataDir));
        return out.status === 0 && (JSON.parse(out.stdout) as Report).articles.length > 5;
      },
      60_000,
      'the article dropped in after the restart',
    );

    const exit = new Promise<number | null>((resolve) => daemon.once('exit', (code) => resolve(code)));
    daemon.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/"msg":"SIGTERM: finishing active jobs[^"]*"/);
    expect(stderr).toMatch(/"msg":"stopped: active jobs finished, connections closed"/);
    // The private redis-server went down with it.
    expect(existsSync(path.join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
    await waitFor(
      () =>
        !spawnSync('pgrep', ['-f', path.join(dataDir, 'redis', 'redis.sock')])
          .stdout.toString()
          .trim(),
      10_000,
      'redis-server to stop',
    );
  });
});
