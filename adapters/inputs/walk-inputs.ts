// Walks input files and folders lazily, in name order, within limits on depth and entries.
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputError } from './read-inputs.js';

/** How far one walk may go: directory nesting, and files and directories met in all. */
export interface WalkLimits {
  maxDepth: number;
  maxEntries: number;
}

/**
 * Deeper than 32 levels a tree is more likely a mistake than an archive; a million entries (hours of
 * ingestion) more likely a wrong path, such as a home directory, than a set of inputs.
 */
export const WALK_LIMITS: WalkLimits = { maxDepth: 32, maxEntries: 1_000_000 };

/** A file to read, or why a path given or met on the way cannot be. */
export type WalkEvent = { file: string } | { error: InputError };

/**
 * Walks paths (files and directories, recursively, in name order; dot-files inside directories skipped)
 * lazily, so a consumer that stops pulling stops the walk and every step yields to the event loop. Each
 * real file and directory is visited once, however many links or arguments reach it (identity is device
 * and inode, which also catches hard links and bind mounts); a symbolic link back into a directory being
 * walked, a cycle of links and a dangling link are each one error; past `maxDepth` levels a directory is
 * not entered, and after `maxEntries` entries the walk stops, each with an error saying so.
 */
export async function* walkInputs(paths: string[], limits: WalkLimits): AsyncGenerator<WalkEvent> {
  const seen = new Set<string>();
  const reportedCycles = new Set<string>();
  let entries = 0;

  async function* visit(p: string, depth: number, ancestors: Set<string>): AsyncGenerator<WalkEvent> {
    let st;
    try {
      st = await stat(p, { bigint: true });
    } catch (err) {
      const message = await unreachable(p, err as NodeJS.ErrnoException, reportedCycles);
      if (message) yield { error: { source: p, message } };
      return;
    }
    // File systems without inode numbers (they report 0) fall back on the real path.
    const id = st.ino ? `${st.dev}:${st.ino}` : await realpath(p);
    if (st.isDirectory() && ancestors.has(id)) {
      yield { error: { source: p, message: await loopBack(p) } };
      return;
    }
    if (seen.has(id)) return;
    seen.add(id);
    if (st.isFile()) {
      yield { file: p };
      return;
    }
    if (!st.isDirectory()) {
      yield { error: { source: p, message: 'not a regular file or directory' } };
      return;
    }
    if (depth >= limits.maxDepth) {
      yield { error: { source: p, message: `directory nested more than ${limits.maxDepth} levels deep: not walked` } };
      return;
    }
    let names: string[];
    try {
      names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      yield { error: { source: p, message: `cannot list directory (${code})` } };
      return;
    }
    const inside = new Set(ancestors).add(id);
    for (const name of names) {
      if (++entries > limits.maxEntries) {
        const message =
          `more than ${limits.maxEntries} files and directories: walk stopped here, ` +
          'the rest is not read (give fewer at a time)';
        yield { error: { source: p, message } };
        return;
      }
      yield* visit(path.join(p, name), depth + 1, inside);
      if (entries > limits.maxEntries) return;
    }
  }

  for (const p of paths) {
    if (entries > limits.maxEntries) return;
    yield* visit(p, 0, new Set());
  }
}

/** Why stat failed, in the user's terms; undefined for a link cycle already reported through another of its links. */
async function unreachable(p: string, err: NodeJS.ErrnoException, reportedCycles: Set<string>) {
  const link = await lstat(p).then(
    (l) => l.isSymbolicLink(),
    () => false,
  );
  if (err.code === 'ELOOP' && link) {
    const cycle = await linkCycle(p);
    if (cycle.some((l) => reportedCycles.has(l))) return undefined;
    for (const l of cycle) reportedCycles.add(l);
    return `symbolic link loop: ${cycle.length ? [...cycle, cycle[0]].join(' → ') : `${p} → ${await readlink(p)}`}`;
  }
  if (err.code === 'ENOENT' && link) return `broken symbolic link → ${await readlink(p)}`;
  if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return 'no such file or directory';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return `cannot read (${err.code ?? err.message})`;
}

/** The links of a cycle that `p` runs into (absolute paths, from where it starts), or [] when it cannot be traced. */
async function linkCycle(p: string): Promise<string[]> {
  const chain: string[] = [];
  let at = path.resolve(p);
  for (let hops = 0; hops < 64; hops++) {
    const start = chain.indexOf(at);
    if (start >= 0) return chain.slice(start);
    chain.push(at);
    const target = await readlink(at).catch(() => undefined);
    if (target === undefined) return [];
    at = path.resolve(path.dirname(at), target);
  }
  return [];
}

/** The message for a directory met again inside itself: through a symbolic link (named) or otherwise. */
async function loopBack(p: string): Promise<string> {
  const real = await realpath(p).catch(() => p);
  const target = await readlink(p).catch(() => undefined);
  return target === undefined
    ? `directory loop: this is ${real} again, which is being walked`
    : `symbolic link loop: ${p} → ${target} leads back to ${real}, which is being walked`;
}
