import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { connectRedis, RedisUnavailableError } from '../../workers/redis-connection.js';

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
    const probe = new Redis({ ...handle.options, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    await expect(probe.connect()).rejects.toThrow();
    expect(existsSync(path.join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
  });

  it('uses REDIS_URL when given and says how to get Redis when it does not answer', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-redis-'));
    await expect(connectRedis('redis://127.0.0.1:1', dataDir)).rejects.toThrow(RedisUnavailableError);
    await expect(connectRedis('redis://127.0.0.1:1', dataDir)).rejects.toThrow(/does not answer\. Install redis-server .* or point REDIS_URL/);
  });
});
