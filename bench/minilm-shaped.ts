// Builds a random-weight embedding model shaped like MiniLM-L12, so neural figures need no download.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const MINILM_SHAPED_ID = 'minilm-shaped';

/**
 * Builds, with Debian's python3-onnx, a sentence-embedding model of the shape and cost of
 * paraphrase-multilingual-MiniLM-L12-v2 with random weights (bench/fixtures/make-minilm-shaped-model.py),
 * its word-piece vocabulary the stream's words. Returns the model folder, or why it could not be built.
 */
export function buildMinilmShaped(
  root: string,
  workDir: string,
  texts: string[],
): { modelRoot: string } | { skipped: string } {
  const counts = new Map<string, number>();
  for (const t of texts)
    for (const w of t.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = path.join(workDir, 'minilm-shaped-words.txt');
  writeFileSync(
    words,
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30_000)
      .map(([w]) => w)
      .join('\n'),
  );
  const modelRoot = path.join(workDir, 'models');
  try {
    execFileSync(
      '/usr/bin/python3',
      [path.join(root, 'bench/fixtures/make-minilm-shaped-model.py'), path.join(modelRoot, MINILM_SHAPED_ID), words],
      { stdio: 'pipe' },
    );
  } catch (err) {
    return { skipped: `needs /usr/bin/python3 with python3-onnx (${(err as Error).message.split('\n')[0]})` };
  }
  return { modelRoot };
}
