import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../workers/sqlite-store.js';
import { ROOT } from '../helpers/seeds.js';

describe('opening a new store', () => {
  it('is safe for several processes at once: one of them creates the schema, none fails', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite');
    const script = `import { SqliteStore } from ${JSON.stringify(path.join(ROOT, 'workers/sqlite-store.ts'))};
      new SqliteStore(process.argv[1]).close();`;
    const runs = Array.from({ length: 6 }, () => new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    }));
    for (const run of await Promise.all(runs)) expect(run.code, run.stderr).toBe(0);
    const store = new SqliteStore(file);
    expect(store.articleCount()).toBe(0);
    store.close();
  });
});
