// npm run bench:assignment [-- --json] [-- --articles N] [-- --clusters 1000,10000,100000] [-- --modes offline,neural]: cluster assignment at scale.
// The offline mode on clusters made from a stream of N air-en-hi articles (default 2,000, represented offline
// here), the neural mode on synthetic 384-dimensional centroids; per number of active clusters: ms per
// article through the candidate index, candidates per article, time to index them all, and the recall of
// the best candidate against a full scan (with the full scan's own cost). `npm run bench:pipeline` runs the same.
import { loadConfig } from '../config/load-config.js';
import { extractArticles } from '../pipeline/extract/extract-articles.js';
import { prepareArticles } from '../pipeline/prepare-article.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { loadLanguageDetector } from '../adapters/language-identifier.js';
import { loadRepresentation } from '../adapters/representation.js';
import { airStream, benchSetup } from './air-stream.js';
import { describeAssignment, neuralAssignmentCost, offlineAssignmentCost } from './assignment-cost.js';

const { air, n, json, say } = benchSetup(2000);
const argC = process.argv.indexOf('--clusters');
const sizes = argC > 0 ? process.argv[argC + 1]!.split(',').map(Number) : [1_000, 10_000, 100_000];
const argM = process.argv.indexOf('--modes');
const modes = argM > 0 ? process.argv[argM + 1]!.split(',') : ['offline', 'neural'];

const shipped = loadConfig(undefined, {});
const config = { ...shipped, representation: { ...shipped.representation, mode: 'offline' as const } };
const representation = await loadRepresentation(config, say);
const language = await loadLanguageDetector(config);
const { records } = airStream(air, n);
const prepared: PreparedArticle[] = [];
for (const r of records) {
  const draft = (await extractArticles('record', JSON.stringify(r)))[0]!;
  prepared.push(
    ...(await prepareArticles([{ draft, origin: { id: r.id, source: 'bench' } }], { ...representation, language })),
  );
}
const results = sizes.flatMap((size) => [
  ...(modes.includes('offline') ? [offlineAssignmentCost(prepared, size)] : []),
  ...(modes.includes('neural') ? [neuralAssignmentCost(size)] : []),
]);
for (const r of results) say(describeAssignment(r));
const at = (mode: string) => results.find((r) => r.mode === mode && r.activeClusters === 100_000);
const assignMsAt1e5 = {
  offline: at('offline')?.msPerAssignment ?? null,
  neural: at('neural')?.msPerAssignment ?? null,
};
const assignRecallAt1e5 = { offline: at('offline')?.recall ?? null, neural: at('neural')?.recall ?? null };
if (json) process.stdout.write(`${JSON.stringify({ assignMsAt1e5, assignRecallAt1e5, assignment: results })}\n`);
process.exit(0);
