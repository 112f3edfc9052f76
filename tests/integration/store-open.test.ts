// Tests opening and upgrading a store: several processes at once, and older stores migrated.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/sqlite-store.js';
import { MIGRATIONS } from '../../store/migrations.js';
import { ROOT } from '../helpers/seeds.js';

describe('opening a new store', () => {
  it('is safe for several processes at once: one of them creates the schema, none fails', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite');
    const script = `import { SqliteStore } from ${JSON.stringify(path.join(ROOT, 'store/sqlite-store.ts'))};
      new SqliteStore(process.argv[1]).close();`;
    const runs = Array.from(
      { length: 6 },
      () =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], {
            cwd: ROOT,
          });
          let stderr = '';
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('exit', (code) => resolve({ code, stderr }));
        }),
    );
    for (const run of await Promise.all(runs)) expect(run.code, run.stderr).toBe(0);
    const store = new SqliteStore(file);
    expect(store.articleCount()).toBe(0);
    store.close();
  });

  it("keeps the copies an older store linked, each under an id of its own, and knows a renamed article's input id", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite');
    // A store as the version before kept copies: one copy per content, under the id its input gave.
    const old = new Database(file);
    const before = MIGRATIONS.findIndex((m) => m.includes('ALTER TABLE article_copies RENAME'));
    MIGRATIONS.slice(0, before).forEach((m) => old.exec(m));
    old.pragma(`user_version = ${before}`);
    old.exec(`INSERT INTO clusters VALUES ('c1', 1, 'Mill', '2025-07-11', NULL, NULL, '{}');
      INSERT INTO articles(id, content_hash, url, source, title, title_en, lang, lang_confidence, published_at, text, cluster_id, vector, mode, ingested_at)
      VALUES ('wire', 'aaaaaa00', NULL, 'wire.jsonl:1', 'Mill', 'Mill', 'en', 1, NULL, '', 'c1', '{}', 'offline', '2025-07-11T08:00:00Z'),
             ('wire-bbbbbb', 'bbbbbb00', NULL, 'wire.jsonl:2', 'Mill 2', 'Mill 2', 'en', 1, NULL, '', 'c1', '{}', 'offline', '2025-07-11T08:00:01Z');
      INSERT INTO article_copies VALUES ('cccccc00', 'paper', 'https://paper.example/1', 'wire', 'paper.jsonl:1', 'Mill!', 0.95, '2025-07-11T09:00:00Z'),
             ('dddddd00', 'paper', NULL, 'wire', 'paper.jsonl:2', 'Mill?', 0.93, '2025-07-11T09:00:01Z'),
             ('eeeeee00', 'wire', NULL, 'wire', 'again.jsonl:1', 'Mill.', 0.97, '2025-07-11T09:00:02Z');`);
    old.close();

    const store = new SqliteStore(file);
    expect(store.copies.list().map((c) => [c.id, c.inputId, c.duplicateOf, c.lang, c.clusterId])).toEqual([
      ['paper', 'paper', 'wire', 'en', 'c1'],
      ['paper-dddddd00', 'paper', 'wire', 'en', 'c1'],
      ['wire-eeeeee00', 'wire', 'wire', 'en', 'c1'],
    ]);
    // The article stored under a new id (its own was taken) is still known as its input's article.
    expect(store.storedInput({ id: 'wire', source: 'wire.jsonl:2', contentHash: 'bbbbbb00' })).toEqual({
      id: 'wire-bbbbbb',
    });
    expect(store.storedInput({ id: 'paper', source: 'paper.jsonl:7', contentHash: 'dddddd00' })).toEqual({
      id: 'paper-dddddd00',
      duplicateOf: 'wire',
    });
    store.close();
  });

  it('gives the clusters of an older store a lead from the article their title came from', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite');
    const old = new Database(file);
    const titled = MIGRATIONS.findIndex((m) => m.includes('ADD COLUMN lead'));
    MIGRATIONS.slice(0, titled).forEach((m) => old.exec(m));
    old.pragma(`user_version = ${titled}`);
    const article =
      old.prepare(`INSERT INTO articles(id, content_hash, url, source, title, title_en, lang, lang_confidence,
      published_at, text, cluster_id, vector, mode, ingested_at) VALUES (?, ?, NULL, 's', ?, ?, ?, 1, NULL, ?, ?, '{}', 'offline', '2020-01-03')`);
    old.exec(`INSERT INTO clusters VALUES ('c1', 1, 'Mill revived', '2020-01-03', NULL, NULL, '{}'), ('c2', 2, 'Kota hospital', '2020-01-03', NULL, NULL, '{}'),
      ('c3', 3, 'Title alone', '2020-01-03', NULL, NULL, '{}')`);
    article.run('h0', 'h0000000', 'कोटा', 'Kota', 'hi', 'पहला वाक्य।', 'c1');
    article.run(
      'e1',
      'e1000000',
      'Mill revived',
      'Mill revived',
      'en',
      'Russia will  revive\nthe mill. Work starts soon.',
      'c1',
    );
    article.run(
      'h1',
      'h1000000',
      'कोटा अस्पताल',
      'Kota hospital',
      'hi',
      'कोटा के अस्पताल में बच्चों की मौत। जांच जारी है।',
      'c2',
    );
    article.run('e3', 'e3000000', 'Title alone', 'Title alone', 'en', 'Title alone', 'c3');
    old.close();

    const store = new SqliteStore(file);
    expect(store.listClusters().map((c) => [c.id, c.title, c.lead, c.centralId, c.centralChecked])).toEqual([
      ['c1', 'Mill revived', 'Russia will revive the mill.', null, 0],
      ['c2', 'Kota hospital', 'कोटा के अस्पताल में बच्चों की मौत।', null, 0],
      ['c3', 'Title alone', '', null, 0],
    ]);
    store.close();
  });

  it('gives the articles of an older store their body hash, so a report under another headline finds them', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite');
    const old = new Database(file);
    const hashed = MIGRATIONS.findIndex((m) => m.includes('ADD COLUMN body_hash'));
    old.function('lead_of', { varargs: true }, () => ''); // the earlier migrations' own function (no clusters to lead here)
    MIGRATIONS.slice(0, hashed).forEach((m) => old.exec(m));
    old.pragma(`user_version = ${hashed}`);
    const body = 'Pakistan and Russia signed a protocol in Moscow to restore the Karachi steel mill. '.repeat(4);
    const article =
      old.prepare(`INSERT INTO articles(id, content_hash, url, source, title, title_en, lang, lang_confidence,
      published_at, text, cluster_id, vector, mode, ingested_at) VALUES (?, ?, NULL, 's', ?, ?, 'en', 1, NULL, ?, 'c1', '{}', 'offline', '2020-01-03')`);
    old.exec(
      `INSERT INTO clusters(id, seq, title, created_at, centroids) VALUES ('c1', 1, 'Mill revived', '2020-01-03', '{}')`,
    );
    article.run('wire', 'h0000000', 'Mill deal signed', 'Mill deal signed', body);
    article.run('brief', 'h1111111', 'In brief', 'In brief', 'Talks went on.');
    old.close();

    const store = new SqliteStore(file);
    // The same body, as another outlet carries it: other case, spacing and punctuation.
    const carried = `${body.toUpperCase().replaceAll(' ', '  ').replaceAll('.', '!')}`;
    expect(store.bodyTwin({ text: carried, lang: 'en' })).toEqual({ id: 'wire', clusterId: 'c1' });
    expect(store.bodyTwin({ text: body, lang: 'hi' })).toBeUndefined();
    // A line or two is no body to tell reports apart by.
    expect(store.bodyTwin({ text: 'Talks went on.', lang: 'en' })).toBeUndefined();
    store.close();
  });
});
