// Tests that scripts/apply-file-headers.mjs adds each missing header once, follows moved files, and --check fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/seeds.js';

/** A scratch tree (no git) holding the script, a headers file and the given files. */
function scratchTree(headers: Record<string, string>, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-headers-'));
  mkdirSync(path.join(dir, 'scripts'));
  copyFileSync(path.join(ROOT, 'scripts/apply-file-headers.mjs'), path.join(dir, 'scripts/apply-file-headers.mjs'));
  writeFileSync(path.join(dir, 'scripts/file-headers.json'), JSON.stringify(headers));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function runScript(dir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(dir, 'scripts/apply-file-headers.mjs'), ...args], {
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('apply-file-headers', () => {
  it('adds a header where none is, after a #! line, set off from a declaration, and leaves headers alone', () => {
    const dir = scratchTree(
      {
        'a.ts': 'What a is for.',
        'bin/b.js': 'What b is for.',
        'c.ts': 'What c is for.',
        'd.ts': 'What d is for.',
      },
      {
        'a.ts': "import x from 'x';\nexport const a = x;\n",
        'bin/b.js': "#!/usr/bin/env node\nimport 'y';\n",
        'c.ts': '/** The first function. */\nexport function c() {}\n',
        'd.ts': '// The file d, as its author put it.\n\nexport const d = 1;\n',
      },
    );
    const run = runScript(dir, '--root', dir);
    expect(run.status).toBe(0);
    expect(read(dir, 'a.ts')).toBe("// What a is for.\nimport x from 'x';\nexport const a = x;\n");
    expect(read(dir, 'bin/b.js')).toBe("#!/usr/bin/env node\n// What b is for.\nimport 'y';\n");
    expect(read(dir, 'c.ts')).toBe('// What c is for.\n\n/** The first function. */\nexport function c() {}\n');
    expect(read(dir, 'd.ts')).toBe('// The file d, as its author put it.\n\nexport const d = 1;\n');
    expect(run.stdout).toContain('3 headers added');
  });

  it('changes nothing when run again', () => {
    const dir = scratchTree({ 'a.ts': 'What a is for.' }, { 'a.ts': 'export const a = 1;\n' });
    expect(runScript(dir, '--root', dir).status).toBe(0);
    const once = read(dir, 'a.ts');
    const again = runScript(dir, '--root', dir);
    expect(read(dir, 'a.ts')).toBe(once);
    expect(again.stdout).toContain('0 headers added');
    expect(again.stdout).not.toContain('skipped');
  });

  it('follows a file moved to another folder under its name, and names entries whose file is gone', () => {
    const dir = scratchTree(
      { 'old/moved.ts': 'What moved is for.', 'gone.ts': 'What gone was for.' },
      { 'new/moved.ts': 'export const m = 1;\n' },
    );
    const run = runScript(dir, '--root', dir);
    expect(read(dir, 'new/moved.ts')).toBe('// What moved is for.\n\nexport const m = 1;\n');
    expect(run.stdout).toContain('added: new/moved.ts (listed as old/moved.ts, moved)');
    expect(run.stdout).toContain('skipped, no such file: gone.ts');
    renameSync(path.join(dir, 'new'), path.join(dir, 'newer'));
    expect(runScript(dir, '--root', dir).stdout).not.toContain('moved.ts');
  });

  it('--check changes nothing and exits 1 naming the files without a header; 0 once every file has one', () => {
    const dir = scratchTree(
      { 'a.ts': 'What a is for.' },
      { 'a.ts': '/** Documents x, not the file. */\nexport const x = 1;\n', 'b.mjs': 'export default 1;\n' },
    );
    const before = runScript(dir, '--root', dir, '--check');
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('  a.ts\n');
    expect(before.stdout).toContain('  b.mjs\n');
    expect(before.stdout).not.toContain('scripts/apply-file-headers.mjs\n');
    expect(read(dir, 'a.ts')).toBe('/** Documents x, not the file. */\nexport const x = 1;\n');

    const apply = runScript(dir, '--root', dir);
    expect(apply.stdout).toContain('no header and no entry in scripts/file-headers.json: b.mjs');
    // A comment that runs straight into a declaration documents the declaration, not the file.
    writeFileSync(path.join(dir, 'b.mjs'), '// What b is for.\nexport default 1;\n');
    expect(runScript(dir, '--root', dir, '--check').stdout).toContain('  b.mjs\n');
    writeFileSync(path.join(dir, 'b.mjs'), '// What b is for.\n\nexport default 1;\n');
    const after = runScript(dir, '--root', dir, '--check');
    expect(after.status).toBe(0);
    expect(after.stdout).toContain('every one of 3 code files');
  });

  it('refuses an entry of more than one line, naming it, and applies the others', () => {
    const dir = scratchTree(
      { 'a.ts': 'two\nlines', 'b.ts': 'What b is for.' },
      { 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 1;\n' },
    );
    const run = runScript(dir, '--root', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('a.ts: the comment text is more than one line');
    expect(read(dir, 'a.ts')).toBe('export const a = 1;\n');
    expect(read(dir, 'b.ts')).toBe('// What b is for.\n\nexport const b = 1;\n');
  });
});
