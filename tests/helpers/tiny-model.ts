import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './seeds.js';

export const TINY_MODEL_ID = 'tiny-embed';

/** The tiny model's int8 table, to compute expected embeddings independently of the code under test. */
export interface TinyTable {
  vocab: Record<string, number>;
  scale: number;
  rows: number[][];
}

/** Builds the tiny multilingual embedding model (Debian python3-onnx) in a fresh folder. */
export function buildTinyModel(): { modelRoot: string; table: TinyTable } {
  const modelRoot = mkdtempSync(path.join(tmpdir(), 'sw-models-'));
  const dir = path.join(modelRoot, TINY_MODEL_ID);
  execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests/fixtures/make-tiny-embedding-model.py'), dir]);
  return { modelRoot, table: JSON.parse(readFileSync(path.join(dir, 'table.json'), 'utf8')) as TinyTable };
}
