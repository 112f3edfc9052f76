// Tests the data dir lock: one holder, who it is, and take-over from holders that are gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDataDir, describeHolder, type LockHolder } from '../../runtime/data-dir-lock.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A live process (once it says so) whose command line reads like storywatch's, or not, as another holder's would. */
async function otherProcess(storywatchLike: boolean): Promise<ChildProcess> {
  const script = 'console.log("up"); setInterval(() => {}, 1000)';
  const child = spawn(process.execPath, ['-e', script, ...(storywatchLike ? ['bin/storywatch.js', 'start'] : [])], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  return child;
}

function writeLock(dataDir: string, holder: Partial<LockHolder>): string {
  const file = path.join(dataDir, 'storywatch.lock');
  writeFileSync(
    file,
    JSON.stringify({ command: 'start', startedAt: '2026-01-01T00:00:00.000Z', host: hostname(), ...holder }),
  );
  return file;
}

describe('the data dir lock', () => {
  it('is taken by one process, says who holds it, and is given up on release', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-lock-'));
    const claim = claimDataDir(dataDir, 'start');
    if (!('lock' in claim)) throw new Error('expected the lock');
    const held = JSON.parse(readFileSync(claim.lock.file, 'utf8')) as LockHolder;
    expect(held).toMatchObject({ pid: process.pid, command: 'start', host: hostname() });
    claim.lock.update({ api: 'http://127.0.0.1:8080', mode: 'offline' });
    expect(JSON.parse(readFileSync(claim.lock.file, 'utf8'))).toMatchObject({
      pid: process.pid,
      api: 'http://127.0.0.1:8080',
      mode: 'offline',
    });
    claim.lock.release();
    expect(existsSync(claim.lock.file)).toBe(false);
  });

  it('returns a live storywatch holder instead of taking its lock', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-lock-'));
    const other = await otherProcess(true);
    const file = writeLock(dataDir, { pid: other.pid!, api: 'http://127.0.0.1:31080' });
    const claim = claimDataDir(dataDir, 'start');
    expect('holder' in claim && claim.holder.pid).toBe(other.pid);
    expect('holder' in claim && describeHolder(claim.holder)).toBe(
      `storywatch start (pid ${other.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z, API http://127.0.0.1:31080)`,
    );
    expect((JSON.parse(readFileSync(file, 'utf8')) as LockHolder).pid).toBe(other.pid);
  });

  it('takes over the lock of a process that is gone, of a pid reused by another program, and a torn lock file', async () => {
    const gone = await otherProcess(true);
    const goneExit = new Promise((r) => gone.once('exit', r));
    gone.kill('SIGKILL');
    await goneExit;
    const reused = await otherProcess(false);
    for (const [content, pid] of [
      [undefined, gone.pid],
      [undefined, reused.pid],
      ['{"pid": 12', undefined],
    ] as const) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-lock-'));
      const file = content ? path.join(dataDir, 'storywatch.lock') : writeLock(dataDir, { pid: pid! });
      if (content) writeFileSync(file, content);
      const claim = claimDataDir(dataDir, 'ingest');
      if (!('lock' in claim)) throw new Error(`expected the lock over ${content ?? `pid ${pid}`}`);
      expect(claim.replaced?.pid).toBe(pid);
      expect(JSON.parse(readFileSync(file, 'utf8')) as LockHolder).toMatchObject({
        pid: process.pid,
        command: 'ingest',
      });
      claim.lock.release();
    }
  });
});
