// Tests the private redis-server: start, share, restart from its append-only file, take-over.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { connectRedis, RedisUnavailableError } from '../../queue/redis-connection.js';
import { isRunning } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

/** The pid of the server a client talks to. */
async function serverPid(client: Redis): Promise<number> {
  return Number(/process_id:(\d+)/.exec(await client.info('server'))![1]);
}

describe('connectRedis', () => {
  it('starts a private redis-server in the data dir with AOF on and noeviction, shares it, and stops it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-redis-'));
    const handle = await connectRedis(undefined, dataDir);
    const client = new Redis(handle.options);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', path.join(dataDir, 'redis')]);
    await client.set('k', 'v');
    // A second process on the same data dir joins the running server instead of starting another.
    const second = await connectRedis(undefined, dataDir);
    expect(second.describe).toMatch(/^shared/);
    await second.stop();
    expect(await client.get('k')).toBe('v');
    client.disconnect();
    await handle.stop();
    const probe = new Redis({
      ...handle.options,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    probe.on('error', () => {});
    await expect(probe.connect()).rejects.toThrow();
    expect(existsSync(path.join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
  });

  it('uses REDIS_URL when given and says how to get Redis when it does not answer', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-redis-'));
    await expect(connectRedis('redis://127.0.0.1:1', dataDir)).rejects.toThrow(RedisUnavailableError);
    await expect(connectRedis('redis://127.0.0.1:1', dataDir)).rejects.toThrow(
      /does not answer\. Install redis-server .* or point REDIS_URL/,
    );
  });

  it('starts its own server again from the append-only file when it dies, with back-off, and says so', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-redis-'));
    const said: string[] = [];
    const handle = await connectRedis(undefined, dataDir, { mode: 'own', log: (m) => said.push(m) });
    const client = new Redis(handle.options);
    client.on('error', () => {});
    try {
      await client.set('kept', 'yes');
      await new Promise((r) => setTimeout(r, 1200)); // appendfsync everysec: on disk within a second
      const first = await serverPid(client);
      process.kill(first, 'SIGKILL');
      await waitFor(() => said.some((m) => m.includes('is back')), 20_000, 'the restart');
      expect(said[0]).toMatch(
        new RegExp(
          `^private redis-server \\(pid ${first}\\) exited \\(SIGKILL\\); starting it again from its append-only file in 500 ms$`,
        ),
      );
      expect(await client.get('kept')).toBe('yes');
      const second = await serverPid(client);
      expect(second).not.toBe(first);
      // It died again at once: the next restart waits twice as long.
      process.kill(second, 'SIGKILL');
      await waitFor(() => said.filter((m) => m.includes('is back')).length === 2, 20_000, 'the second restart');
      expect(said.find((m) => m.startsWith(`private redis-server (pid ${second}) exited`))).toMatch(/in 1000 ms$/);
      expect(await client.get('kept')).toBe('yes');
    } finally {
      client.disconnect();
      await handle.stop();
    }
    expect(existsSync(path.join(dataDir, 'redis', 'redis.sock'))).toBe(false);
  });

  it('takes over a server left behind by an earlier owner; a process that joins needs one running', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-redis-'));
    await expect(connectRedis(undefined, dataDir, { mode: 'join' })).rejects.toThrow(
      /no storywatch process runs the private Redis of the data dir .* start the daemon there first \(storywatch start\), or point REDIS_URL/,
    );
    // A server whose owner was killed with -9: still running, nobody supervising it.
    const dir = path.join(dataDir, 'redis');
    mkdirSync(dir, { recursive: true });
    const socket = path.join(dir, 'redis.sock');
    const leftover = spawn(
      'redis-server',
      ['--port', '0', '--unixsocket', socket, '--dir', dir, '--appendonly', 'yes', '--save', ''],
      { stdio: 'ignore', detached: true },
    );
    const probe = new Redis({ path: socket, retryStrategy: () => 50 });
    probe.on('error', () => {});
    await probe.set('queued', 'job');
    probe.disconnect();
    const said: string[] = [];
    const handle = await connectRedis(undefined, dataDir, { mode: 'own', log: (m) => said.push(m) });
    const client = new Redis(handle.options);
    try {
      expect(said).toEqual([
        'a private redis-server left running by an earlier storywatch process is shut down and started again under this one',
      ]);
      await waitFor(() => !isRunning(leftover.pid!), 5000, 'the leftover server to exit');
      expect(await serverPid(client)).not.toBe(leftover.pid);
      expect(await client.get('queued')).toBe('job'); // SHUTDOWN flushed its append-only file
      const joined = await connectRedis(undefined, dataDir, { mode: 'join' });
      expect(joined.describe).toMatch(/^shared private redis-server/);
    } finally {
      client.disconnect();
      await handle.stop();
    }
  });
});
