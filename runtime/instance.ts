// The queue key prefix of an instance, so instances sharing one Redis never see each other's jobs.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The queue key prefix of this instance: `storywatch:<id>`, where the id is created with the data dir,
 * so two instances (or a fresh data dir) sharing one Redis never see each other's jobs.
 */
export function queuePrefix(dataDir: string, override?: string): string {
  if (override) return override;
  const file = path.join(dataDir, 'instance-id');
  let id: string;
  try {
    id = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    id = randomUUID().slice(0, 8);
    try {
      writeFileSync(file, `${id}\n`, { flag: 'wx' });
    } catch {
      id = readFileSync(file, 'utf8').trim(); // another process created it first
    }
  }
  return `storywatch:${id}`;
}
