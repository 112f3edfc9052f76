// One process of the no-queue ceiling (bench/no-queue-ceiling.ts) and of the representation alone: loads the
// representation of a config and warms it as an ingest worker does, says `ready`, waits for a line on stdin, prepares every `step`-th record of a JSON Lines stream from
// `first` on, and prints { ms, articles } as one JSON line. Usage: represent-share.ts CONFIG STREAM FIRST STEP
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/load-config.js';
import { extractArticles } from '../pipeline/extract/extract-articles.js';
import { prepareArticles } from '../pipeline/prepare-article.js';
import { warmUp } from '../pipeline/warm-up.js';
import { loadLanguageDetector } from '../adapters/language-identifier.js';
import { loadRepresentation } from '../adapters/representation.js';

const [configFile, streamFile, first, step] = process.argv.slice(2);
const config = loadConfig(configFile, {});
const representation = await loadRepresentation(config, () => {});
const language = await loadLanguageDetector(config);
await warmUp({ ...representation, language });
const lines = readFileSync(streamFile!, 'utf8').split('\n').filter(Boolean);
const share = lines.filter((_, i) => i % Number(step) === Number(first));
process.stdout.write('ready\n');
await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
const t0 = performance.now();
for (const line of share) {
  const { id } = JSON.parse(line) as { id: string };
  const [draft] = await extractArticles('record', line);
  await prepareArticles([{ draft: draft!, origin: { id, source: streamFile! } }], { ...representation, language });
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, articles: share.length })}\n`);
await representation.close();
process.exit(0);
