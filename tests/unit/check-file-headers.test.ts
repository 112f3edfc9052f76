// Tests that scripts/check-file-headers.mjs passes files that open with their own comment and names those that do not.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/seeds.js';

/** A scratch tree (no git) holding the given files. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-headers-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const check = (root: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-file-headers.mjs'), '--root', root], {
    encoding: 'utf8',
  });

describe('check-file-headers', () => {
  it('passes comments that stand alone: before the imports, before a blank line, after a #! line', () => {
    const run = check(
      tree({
        'a.ts': "// What a is for.\nimport x from 'x';\n",
        'b.ts': '/** What b is for. */\n\nexport const b = 1;\n',
        'bin/c.js': "#!/usr/bin/env node\n// What c is for.\nimport { run } from './run.js';\n",
        'tests/fixtures/d.ts': 'export const untouched = 1;\n',
      }),
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('every one of 3 code files');
  });

  it("names files without one, and a comment that runs into a declaration is that declaration's", () => {
    const run = check(
      tree({
        'ok.ts': '// What ok is for.\n\nexport const ok = 1;\n',
        'bare.ts': "import x from 'x';\n",
        'doc.ts': '/** The answer. */\nexport const answer = 42;\n',
      }),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 of 3 code files');
    expect(run.stdout).toMatch(/^ {2}bare\.ts$/m);
    expect(run.stdout).toMatch(/^ {2}doc\.ts$/m);
    expect(run.stdout).not.toMatch(/^ {2}ok\.ts$/m);
  });

  it('says so when the folder does not exist', () => {
    const run = check(path.join(tmpdir(), 'sw-headers-missing-folder'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no such directory');
  });
});
