// Tests docker-compose.yml as `docker-compose config` reads it: Redis settings and the services.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/seeds.js';

interface Service {
  image?: string;
  command?: string[];
  user?: string;
  volumes?: string[];
  healthcheck?: unknown;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
}

describe('docker-compose.yml (checked by docker-compose config)', () => {
  it('runs Redis with AOF and noeviction behind a health check, a primary and scalable non-root ingest workers', () => {
    const run = spawnSync('docker-compose', ['config'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, STORYWATCH_TOKEN: 'a-token-of-16-characters' },
    });
    expect(run.status, run.stderr).toBe(0);
    const { services, volumes } = parse(run.stdout) as {
      services: Record<string, Service>;
      volumes: Record<string, unknown>;
    };
    expect(Object.keys(services).sort()).toEqual(['primary', 'redis', 'worker']);
    const redis = services.redis!;
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    expect(redis.healthcheck).toBeDefined();
    expect(services.primary!.command!.slice(0, 1)).toEqual(['start']);
    expect(JSON.stringify(services.primary!.healthcheck)).toContain('http://127.0.0.1:8080/healthz');
    expect(services.worker!.command!.slice(0, 3)).toEqual(['worker', '--role', 'ingest']);
    for (const name of ['primary', 'worker']) {
      const s = services[name]!;
      expect(s.user, name).toBe('node');
      expect(s.depends_on?.redis?.condition, name).toBe('service_healthy');
      expect(s.environment?.REDIS_URL, name).toBe('redis://redis:6379');
    }
    expect(services.primary!.environment?.STORYWATCH_TOKEN).toBe('a-token-of-16-characters');
    expect(Object.keys(volumes).sort()).toEqual(['redis-data', 'storywatch-data']);
  });
});
