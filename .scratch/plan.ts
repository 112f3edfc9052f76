import { SqliteStore } from '../workers/sqlite-store.js';
import { readdirSync, statSync } from 'node:fs';
const dir = readdirSync('/tmp').filter((d) => d.startsWith('sw-bench-dash-')).map((d) => [statSync('/tmp/' + d).mtimeMs, d] as const).sort((a, b) => a[0] - b[0]).pop()![1];
const store = new SqliteStore(`/tmp/${dir}/storywatch.sqlite`);
store.db.exec('ANALYZE');
for (const sql of [
  'SELECT COUNT(*) AS articles, COUNT(DISTINCT cluster_id) AS clusters, MAX(matched_at) AS last FROM storyline_matches WHERE storyline_id = ?',
  'SELECT m.cluster_id AS id, COUNT(*) AS matched, MAX(m.matched_at) AS lastMatchAt FROM storyline_matches m WHERE m.storyline_id = ? GROUP BY m.cluster_id ORDER BY lastMatchAt DESC, id LIMIT 20 OFFSET 0',
]) {
  console.log(store.db.prepare('EXPLAIN QUERY PLAN ' + sql).all('pakistan-steel-mills').map((r: any) => r.detail));
  const t = process.hrtime.bigint(); for (let i = 0; i < 5; i++) store.db.prepare(sql).all('pakistan-steel-mills'); console.log((Number(process.hrtime.bigint() - t) / 5e6).toFixed(1), 'ms');
}
