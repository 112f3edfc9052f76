// Test set-up: finds a real Redis for the run, or starts a private redis-server and stops it afterwards.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { connectRedis, type RedisHandle } from '../../queue/redis-connection.js';

let owned: RedisHandle | undefined;

/**
 * The tests need a real Redis: REDIS_URL, else 127.0.0.1:6379, else a private redis-server started here
 * for the run (so `npm test` works on a machine with only the redis-server binary).
 */
export async function setup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const probe = new Redis({
    host: '127.0.0.1',
    port: 6379,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  const local = await probe
    .connect()
    .then(() => probe.ping())
    .then(
      () => true,
      () => false,
    );
  probe.disconnect();
  if (local) return;
  owned = await connectRedis(undefined, mkdtempSync(path.join(tmpdir(), 'sw-test-redis-')));
  process.env.REDIS_URL = `unix://${owned.options.path as string}`;
}

export async function teardown(): Promise<void> {
  await owned?.stop();
}
