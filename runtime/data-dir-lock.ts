// The data dir's lock: one daemon or one writing command per data dir, taken over from dead holders.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** Who holds a data dir: written into `<dataDir>/storywatch.lock` by the holder. */
export interface LockHolder {
  pid: number;
  /** The storywatch command that holds it: `start`, `ingest`, … */
  command: string;
  startedAt: string;
  host: string;
  /** The daemon's API, once it listens. */
  api?: string;
  /** The daemon's representation mode, once its workers are ready. */
  mode?: string;
}

/** The data dir's lock, held by this process. */
export interface DataDirLock {
  readonly file: string;
  /** Adds what others should know about the holder (API address, mode). */
  update(fields: Pick<LockHolder, 'api' | 'mode'>): void;
  /** Gives the data dir up (also done when the process exits). */
  release(): void;
}

/** The lock, and the holder it was taken over from (a process that ended without giving it up); or who holds it. */
export type Claim = { lock: DataDirLock; replaced?: LockHolder } | { holder: LockHolder; file: string };

/**
 * Claims the data dir for this process: one daemon, or one one-shot command that runs the cluster writer,
 * per data dir (the store has one writer, the inbox one reader, the private Redis one supervisor). A lock
 * whose process is gone — a crash, `kill -9` — is taken over; a live holder is returned instead.
 */
export function claimDataDir(dataDir: string, command: string): Claim {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), 'storywatch.lock');
  const mine: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), host: hostname() };
  let replaced: LockHolder | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    // The lock appears whole or not at all: written aside, then linked into place (link fails if it exists).
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, `${JSON.stringify(mine)}\n`);
    try {
      linkSync(draft, file);
      return { lock: heldLock(file, mine), ...(replaced ? { replaced } : {}) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
    const { holder, raw } = readHolder(file);
    if (holder && isAlive(holder)) return { holder, file };
    replaced = holder;
    // A stale lock is moved aside under a name of our own, and only if it is still the one that was read.
    const aside = `${file}.stale.${process.pid}`;
    try {
      renameSync(file, aside);
      if (readFileSync(aside, 'utf8') !== raw) renameSync(aside, file);
      else unlinkSync(aside);
    } catch {
      // Someone else moved it first: look again.
    }
  }
  throw new Error(`${file}: could not take the data dir's lock (it keeps changing hands)`);
}

/** One line naming a holder, for messages: `storywatch start (pid 123 on host, since …, API …)`. */
export function describeHolder(holder: LockHolder): string {
  const extra = [
    `pid ${holder.pid} on ${holder.host}`,
    `since ${holder.startedAt}`,
    ...(holder.api ? [`API ${holder.api}`] : []),
  ];
  return `storywatch ${holder.command} (${extra.join(', ')})`;
}

/**
 * Whether the holder's process still runs here (and is a storywatch process, not a reused pid). The host
 * is not compared: a container started again has a new name and often the old pid (1), which is ours.
 */
export function isAlive(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8').includes('storywatch');
  } catch {
    return true; // no /proc (macOS): the pid runs, which is all that can be told
  }
}

function readHolder(file: string): { holder: LockHolder | undefined; raw: string } {
  let raw = '';
  try {
    raw = readFileSync(file, 'utf8');
    const parsed = JSON.parse(raw) as LockHolder;
    return { holder: Number.isInteger(parsed.pid) ? parsed : undefined, raw };
  } catch {
    return { holder: undefined, raw };
  }
}

function heldLock(file: string, mine: LockHolder): DataDirLock {
  let current = mine;
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    const { holder } = readHolder(file);
    if (holder?.pid === process.pid) unlinkSync(file);
  };
  process.on('exit', release);
  return {
    file,
    update(fields) {
      if (!held) return;
      current = { ...current, ...fields };
      const draft = `${file}.${process.pid}`;
      writeFileSync(draft, `${JSON.stringify(current)}\n`);
      renameSync(draft, file);
    },
    release,
  };
}
