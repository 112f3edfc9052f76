// Builds tiny ONNX embedding and translation models with python3-onnx, for tests of the neural mode.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './seeds.js';

export const TINY_MODEL_ID = 'tiny-embed';
export const TINY_TRANSLATION_ID = 'tiny-mt';

/** The tiny model's int8 table, to compute expected embeddings independently of the code under test. */
export interface TinyTable {
  vocab: Record<string, number>;
  scale: number;
  rows: number[][];
}

/**
 * Builds the tiny multilingual embedding model and the tiny Hindi→English translation model (whose every
 * output is "Pakistan steel mill") with Debian's python3-onnx, in a fresh model folder.
 */
export function buildTinyModel(): { modelRoot: string; table: TinyTable } {
  const modelRoot = mkdtempSync(path.join(tmpdir(), 'sw-models-'));
  const dir = path.join(modelRoot, TINY_MODEL_ID);
  execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests/fixtures/make-tiny-embedding-model.py'), dir]);
  execFileSync('/usr/bin/python3', [
    path.join(ROOT, 'tests/fixtures/make-tiny-translation-model.py'),
    path.join(modelRoot, TINY_TRANSLATION_ID),
  ]);
  return { modelRoot, table: JSON.parse(readFileSync(path.join(dir, 'table.json'), 'utf8')) as TinyTable };
}
