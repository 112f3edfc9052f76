// npm run bench [-- --json]: throughput and memory of the text stages on real articles.
// Language ID (fastText lid.176 with franc, and the model's load), the offline representation and neural embedding (on a tiny int8 model built here, so the
// figure is the cost of the plumbing — tokeniser, thread hop, pooling — not of a real model).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { detectLanguage, type LanguageDetector } from '../pipeline/language/detect-language.js';
import { lexicalTerms } from '../pipeline/represent/lexical-embedder.js';
import { loadLanguageIdentifier } from '../adapters/language-identifier.js';
import { loadLexicon } from '../adapters/lexicon-loader.js';
import { NeuralModels } from '../adapters/neural-representation.js';
import { loadAirEnHi } from '../evaluation/air-en-hi.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AIR = path.resolve(ROOT, process.env.STORYWATCH_AIR ?? '../shared/eval/air-en-hi');
const json = process.argv.includes('--json');

interface Figure {
  stage: string;
  items: number;
  seconds: number;
  itemsPerSec: number;
  rssMb: number;
  note?: string;
}

async function measure(stage: string, items: number, run: () => Promise<void> | void, note?: string): Promise<Figure> {
  global.gc?.();
  const t0 = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    stage,
    items,
    seconds: Number(seconds.toFixed(3)),
    itemsPerSec: Math.round(items / seconds),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    note,
  };
}

const { articles } = loadAirEnHi(AIR);
const docs = Array.from({ length: 4 }, () => articles).flat();
const figures: Figure[] = [];
let language: LanguageDetector | undefined;
figures.push(
  await measure(
    'language model load',
    1,
    async () => {
      language = { expected: ['en', 'hi', 'ur'], minLetters: 5, identifier: await loadLanguageIdentifier() };
    },
    'fasttext.wasm.js, once per process',
  ),
);
const langOptions = language!;
figures.push(
  await measure('language ID (title + text)', docs.length, () => {
    for (const a of docs) detectLanguage(`${a.title}\n${a.text}`, langOptions);
  }),
);
figures.push(
  await measure('language ID (titles alone)', docs.length, () => {
    for (const a of docs) detectLanguage(a.title, langOptions);
  }),
);
const lexicon = loadLexicon(
  '/usr/share/dictd/freedict-eng-hin.dict.dz',
  mkdtempSync(path.join(tmpdir(), 'sw-bench-')),
  () => {},
);
figures.push(
  await measure(
    'offline representation',
    docs.length,
    () => {
      for (const a of docs) lexicalTerms(a, lexicon);
    },
    lexicon ? 'with FreeDict lexicon' : 'no lexicon installed',
  ),
);

const script = path.join(ROOT, 'tests/fixtures/make-tiny-embedding-model.py');
if (
  existsSync('/usr/bin/python3') &&
  (() => {
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import onnx']);
      return true;
    } catch {
      return false;
    }
  })()
) {
  const modelRoot = mkdtempSync(path.join(tmpdir(), 'sw-bench-models-'));
  execFileSync('/usr/bin/python3', [script, path.join(modelRoot, 'tiny-embed')]);
  const models = await NeuralModels.load({
    modelRoot,
    embeddingModel: 'tiny-embed',
    translationModels: {},
    dtype: 'q8',
    allowDownload: false,
    batchSize: 16,
    maxChars: 1000,
  });
  const embedder = models.embedder();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const f = await measure('neural embedding (tiny model)', docs.length, async () => void (await embedder.embed(docs)));
  delay.disable();
  f.note = `event loop delay while embedding: p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`;
  figures.push(f);
  await models.close();
} else {
  figures.push({
    stage: 'neural embedding (tiny model)',
    items: 0,
    seconds: 0,
    itemsPerSec: 0,
    rssMb: 0,
    note: 'skipped: needs /usr/bin/python3 with python3-onnx',
  });
}

if (json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  process.stdout.write(`articles: ${AIR} (${articles.length}, repeated to ${docs.length})\n`);
  for (const f of figures) {
    process.stdout.write(
      `${f.stage.padEnd(32)} ${String(f.itemsPerSec).padStart(7)} items/s  ${String(f.seconds).padStart(7)} s  rss ${f.rssMb} MB${f.note ? `  (${f.note})` : ''}\n`,
    );
  }
}
