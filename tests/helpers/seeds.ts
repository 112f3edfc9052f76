// Where the repository and its seed pages are, and the seed pages by file name.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEEDS_DIR = path.join(ROOT, 'seeds');

/** The seed pages, by file name. */
export function seedPages(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(SEEDS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => [f, readFileSync(path.join(SEEDS_DIR, f), 'utf8')]),
  );
}
