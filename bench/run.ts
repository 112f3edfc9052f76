// npm run bench [-- --json]: every benchmark in turn, each in its own process (clean memory figures).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// The pipeline benchmark comes last: with --json, the last line printed is its figures.
const BENCHES = ['representation.bench.ts', 'dashboard.bench.ts', 'memory.bench.ts', 'pipeline.bench.ts'];

for (const file of BENCHES) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, file), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
