// A config for one test: fresh data dir and queue prefix on the shared test Redis, short job locks.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';

/** The Redis the integration tests use: REDIS_URL (the global setup sets it when it starts a private server), else 127.0.0.1:6379. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A config file for one test: the shipped storylines, a fresh data dir, a fresh queue prefix on the
 * shared test Redis (so tests never see each other's jobs) and short job locks (so a killed worker's
 * job is taken over within seconds).
 */
export function testConfig(overrides: Record<string, unknown> = {}): { file: string; config: Config; dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sw-data-'));
  const shipped = loadConfig(undefined, {});
  const doc = {
    dataDir,
    redisUrl: TEST_REDIS_URL,
    queuePrefix: `swtest:${randomUUID().slice(0, 8)}`,
    queue: { lockSeconds: 2 },
    storylines: shipped.storylines,
    ...overrides,
  };
  const file = path.join(dataDir, 'storywatch.yaml');
  writeFileSync(file, stringify(doc));
  return { file, config: loadConfig(file, {}), dataDir };
}
