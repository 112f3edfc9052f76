// The report of everything in the store, copies and storylines included.
import { buildReport, type Report } from '../pipeline/build-report.js';
import type { RepresentationMode } from '../pipeline/types.js';
import type { SqliteStore } from './sqlite-store.js';

/**
 * The report of everything in the store (copies and storylines included); `mode` is the store's, or the
 * running one for an empty store.
 */
export function storeReport(store: SqliteStore, runningMode: RepresentationMode): Report {
  const storylines = store.listStorylines().map((s) => s.definition);
  const facts = store.facts.storylines(storylines.map((s) => s.id));
  return buildReport({
    mode: store.mode() ?? runningMode,
    articles: store.listArticles(),
    copies: store.copies.list(),
    clusters: [...store.facts.clusters().values()],
    storylines: storylines.map((s) => ({ id: s.id, name: s.name, ...facts.get(s.id)! })),
  });
}
