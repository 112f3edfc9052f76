// Checks that every code file opens with a comment saying what it is for; `npm run lint` runs it.
//
// Usage: node scripts/check-file-headers.mjs [--root DIR]   (exits 1 naming every code file without one)
//
// A header comment is the file's first comment (`//` lines or one `/* … */` block, after any `#!` line) when it
// stands alone: followed by a blank line, the imports, or another comment. A comment that runs straight into a
// declaration documents that declaration, not the file. Code files are the tracked and new (not ignored) .ts, .mts,
// .cts, .tsx, .js, .mjs, .cjs and .jsx files outside tests/fixtures/ (every file under DIR when it is no git tree).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CODE = /\.(?:[mc]?[jt]s|[jt]sx)$/;
const SKIPPED_DIRS = ['tests/fixtures/', 'node_modules/', '.git/', 'data/'];

/** The code files of the tree, relative to `root` with `/` separators, sorted. */
function codeFiles(root) {
  let listed;
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // A git tree may hold a folder that is not its own (a copy under /tmp is not): only trust git at its top.
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' }).trim();
    if (path.resolve(top) === path.resolve(root)) listed = out.split('\0').filter(Boolean);
  } catch {
    // Not a git tree: walk it.
  }
  listed ??= walk(root, '');
  const files = listed.filter(
    (f) => CODE.test(f) && !SKIPPED_DIRS.some((d) => f.startsWith(d)) && existsSync(path.join(root, f)),
  );
  return [...new Set(files)].sort();
}

function walk(root, dir) {
  const found = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_DIRS.includes(`${rel}/`)) found.push(...walk(root, rel));
    else if (entry.isFile()) found.push(rel);
  }
  return found;
}

/** Whether a line after a leading comment shows that comment to be the file's own, not a declaration's. */
function standsAlone(line) {
  return (
    line === undefined ||
    /^\s*$/.test(line) ||
    /^import[\s{*'"]/.test(line) ||
    /^export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\b/.test(line) ||
    /^['"]use strict['"]/.test(line) ||
    /^\s*(?:\/\/|\/\*)/.test(line)
  );
}

/** Whether a file's text starts (after any `#!` line) with a comment that says what the file is for. */
export function hasHeader(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let i = lines[0]?.startsWith('#!') ? 1 : 0;
  const first = lines[i] ?? '';
  if (first.startsWith('//')) {
    while (lines[i]?.startsWith('//')) i++;
    return standsAlone(lines[i]);
  }
  if (first.startsWith('/*')) {
    while (i < lines.length && !lines[i].includes('*/')) i++;
    if (i >= lines.length) return false;
    if (lines[i].slice(lines[i].indexOf('*/') + 2).trim() !== '') return false;
    return standsAlone(lines[i + 1]);
  }
  return false;
}

function main() {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  if (args.length && !(args.length === 2 && rootAt === 0)) {
    process.stderr.write('usage: node scripts/check-file-headers.mjs [--root DIR]\n');
    process.exit(2);
  }
  const root = rootAt === 0 ? path.resolve(args[1]) : path.resolve(HERE, '..');
  if (!existsSync(root)) {
    process.stderr.write(`check-file-headers: ${root}: no such directory\n`);
    process.exit(2);
  }
  const say = (line) => process.stdout.write(`${line}\n`);
  const files = codeFiles(root);
  const lacking = files.filter((f) => !hasHeader(readFileSync(path.join(root, f), 'utf8')));
  if (!lacking.length) {
    say(`every one of ${files.length} code files starts with a comment saying what it is for`);
    return;
  }
  say(`${lacking.length} of ${files.length} code files do not start with a comment saying what they are for:`);
  for (const f of lacking) say(`  ${f}`);
  say('A header is a comment at the top that stands alone: a blank line or the imports follow it.');
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
