import { buildReport, type Report } from '../pipeline/build-report.js';
import type { RepresentationMode } from '../pipeline/types.js';
import type { SqliteStore } from './sqlite-store.js';

/**
 * The report of everything in the store (copies and storylines included); `mode` is the store's, or the
 * running one for an empty store.
 */
export function storeReport(store: SqliteStore, runningMode: RepresentationMode): Report {
  return buildReport({
    mode: store.mode() ?? runningMode,
    articles: store.listArticles(),
    copies: store.copies.list(),
    clusters: store.listClusters(),
    storylines: store.listStorylines().map((s) => ({ id: s.definition.id, name: s.definition.name })),
  });
}
