// Puts the one-line comments of scripts/file-headers.json atop the code files that lack one; --check lists them.
//
// Usage: node scripts/apply-file-headers.mjs [--check | --dry-run] [--root DIR]
//   (no flag)  adds `// <text>` as the first line (after a `#!` line) of every listed file that has no header
//              comment yet, then names listed files that do not exist and code files still without a header.
//   --check    changes nothing; exits 1 naming every code file without a header comment (for the linter or CI).
//   --dry-run  says what would be added, changes nothing.
//   --root DIR the tree to work on (default: the repository this script is in); paths in the JSON are relative to it.
//
// A header comment is the file's first comment (`//` lines or one `/* … */` block, after any `#!` line) when it
// stands alone: followed by a blank line, the imports, or another comment. A comment that runs straight into a
// declaration documents that declaration, not the file. Code files are the tracked and new (not ignored) .ts, .mts,
// .cts, .tsx, .js, .mjs, .cjs and .jsx files outside tests/fixtures/ (every file under DIR when it is no git tree).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HEADERS_FILE = path.join(HERE, 'file-headers.json');
const CODE = /\.(?:[mc]?[jt]s|[jt]sx)$/;
const SKIPPED_DIRS = ['tests/fixtures/', 'node_modules/', '.git/', 'data/'];
const MAX_LENGTH = 120;

/** Options from the command line; an unknown one stops the script with usage. */
function parseArgs(argv) {
  const options = { mode: 'apply', root: path.resolve(HERE, '..') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.mode = 'check';
    else if (arg === '--dry-run') options.mode = 'dry-run';
    else if (arg === '--root' && argv[i + 1]) options.root = path.resolve(argv[++i]);
    else {
      process.stderr.write(`apply-file-headers: unknown argument ${JSON.stringify(arg)}\n`);
      process.stderr.write('usage: node scripts/apply-file-headers.mjs [--check | --dry-run] [--root DIR]\n');
      process.exit(2);
    }
  }
  return options;
}

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

/** The text with `// header` as its first line (after any `#!` line), set off from a declaration below it. */
export function withHeader(text, header) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = text.slice(bom.length).split(/\r?\n/);
  const at = lines[0]?.startsWith('#!') ? 1 : 0;
  const next = lines[at];
  const joinsImports = next !== undefined && (/^\s*$/.test(next) || /^(?:import|export\s.*\sfrom)\b/.test(next));
  lines.splice(at, 0, `// ${header}`, ...(joinsImports || next === undefined ? [] : ['']));
  return bom + lines.join(eol);
}

/** The entries of scripts/file-headers.json, with a line for each one that is not a one-line comment. */
function readHeaders() {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(HEADERS_FILE, 'utf8'));
  } catch (err) {
    throw new Error(`${path.relative(process.cwd(), HEADERS_FILE)}: ${err.message}`, { cause: err });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${HEADERS_FILE}: expected an object of "path": "comment text"`);
  }
  const headers = new Map();
  const problems = [];
  for (const [file, text] of Object.entries(parsed)) {
    if (typeof text !== 'string' || !text.trim()) problems.push(`${file}: the comment text is empty or not a string`);
    else if (/[\r\n]/.test(text)) problems.push(`${file}: the comment text is more than one line`);
    else if (text.length > MAX_LENGTH) problems.push(`${file}: the comment text is over ${MAX_LENGTH} characters`);
    else headers.set(file, text.trim());
  }
  return { headers, problems };
}

/**
 * Where each entry applies: its own path, else (the file moved) the one code file of the same name that has no
 * header and no entry of its own, when the name is that of no other entry either. Missing: entries that apply
 * nowhere, unless a file of that name already starts with their line (applied before the file moved).
 */
function resolveTargets(headers, files, lacking, firstLines) {
  const byName = new Map();
  for (const f of files) byName.set(path.posix.basename(f), [...(byName.get(path.posix.basename(f)) ?? []), f]);
  const entryNames = new Map();
  for (const f of headers.keys()) {
    entryNames.set(path.posix.basename(f), (entryNames.get(path.posix.basename(f)) ?? 0) + 1);
  }
  const targets = [];
  const missing = [];
  for (const [file, text] of headers) {
    if (files.includes(file)) {
      targets.push({ file, text });
      continue;
    }
    const name = path.posix.basename(file);
    const sameName = (byName.get(name) ?? []).filter((f) => !headers.has(f));
    const candidates = sameName.filter((f) => lacking.has(f));
    if (candidates.length === 1 && entryNames.get(name) === 1) targets.push({ file: candidates[0], text, from: file });
    else if (!sameName.some((f) => firstLines(f).includes(`// ${text}`))) missing.push(file);
  }
  return { targets, missing };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const say = (line) => process.stdout.write(`${line}\n`);
  const { headers, problems } = readHeaders();
  for (const p of problems) process.stderr.write(`apply-file-headers: ${p}\n`);

  const files = codeFiles(options.root);
  const lacking = new Set(files.filter((f) => !hasHeader(readFileSync(path.join(options.root, f), 'utf8'))));
  const firstLines = (f) => readFileSync(path.join(options.root, f), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 2);
  const { targets, missing } = resolveTargets(headers, files, lacking, firstLines);
  const fixable = targets.filter((t) => lacking.has(t.file));

  if (options.mode === 'check') {
    if (lacking.size === 0) {
      say(`every one of ${files.length} code files starts with a comment saying what it is for`);
      process.exit(problems.length ? 1 : 0);
    }
    say(`${lacking.size} of ${files.length} code files do not start with a comment saying what they are for:`);
    for (const f of lacking) say(`  ${f}`);
    say('A header is a comment at the top that stands alone: a blank line or the imports follow it.');
    if (fixable.length) {
      say(`(node scripts/apply-file-headers.mjs adds ${fixable.length} of them from scripts/file-headers.json)`);
    }
    process.exit(1);
  }

  for (const t of fixable) {
    const full = path.join(options.root, t.file);
    if (options.mode === 'apply') writeFileSync(full, withHeader(readFileSync(full, 'utf8'), t.text));
    lacking.delete(t.file);
    const verb = options.mode === 'apply' ? 'added' : 'would add';
    say(`${verb}: ${t.file}${t.from ? ` (listed as ${t.from}, moved)` : ''}`);
  }
  say(`${fixable.length} header${fixable.length === 1 ? '' : 's'} ${options.mode === 'apply' ? 'added' : 'to add'}`);
  for (const f of missing) say(`skipped, no such file: ${f}`);
  for (const f of lacking) say(`no header and no entry in scripts/file-headers.json: ${f}`);
  process.exit(problems.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`apply-file-headers: ${err.message}\n`);
    process.exit(1);
  }
}
