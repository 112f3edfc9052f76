// The IngestItem processor: extracts and prepares articles, then enqueues a ClusterItem for each.
import { UnrecoverableError, type Job } from 'bullmq';
import { BadInputError, extractArticles } from '../pipeline/extract/extract-articles.js';
import { prepareArticles, type PrepareDeps } from '../pipeline/prepare-article.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { timeStage } from '../runtime/stage-metrics.js';
import { ingestItemSchema, parsePayload, QUEUES, type IngestResult } from '../queue/queues.js';

/** What the IngestItem processor needs: the representation and where to hand prepared articles on. */
export interface IngestDeps extends PrepareDeps {
  next(articles: PreparedArticle[]): Promise<string[]>;
  /** Fault injection for crash tests: pause this long inside every job. @defaultValue 0 */
  faultDelayMs?: number;
}

/** IngestItem: extract → segment → detect language → gloss → embed, then enqueue ClusterItem jobs. */
export function createIngestProcessor(deps: IngestDeps) {
  return async (job: Job): Promise<IngestResult> => {
    const item = parsePayload(ingestItemSchema, QUEUES.ingest, job.data);
    if (deps.faultDelayMs) await new Promise((r) => setTimeout(r, deps.faultDelayMs));
    let drafts;
    const extracted = timeStage('extract');
    try {
      drafts = await extractArticles(item.kind, item.content);
    } catch (err) {
      if (err instanceof BadInputError || err instanceof SyntaxError)
        throw new UnrecoverableError(`${item.source}: ${err.message}`);
      throw err;
    } finally {
      extracted();
    }
    if (drafts.length === 0)
      throw new UnrecoverableError(`${item.source}: no article found (no block of running text long enough)`);
    const single = item.kind === 'record' || (drafts.length === 1 && item.kind !== 'page');
    const origins = drafts.map((draft, i) => ({
      draft,
      origin: { id: single ? item.idBase : `${item.idBase}-${i + 1}`, source: item.source },
    }));
    const prepared = timeStage('prepare');
    const articles = await prepareArticles(origins, deps);
    prepared();
    const clusterJobIds = await deps.next(articles);
    return { status: 'done', clusterJobIds, articleIds: articles.map((a) => a.id) };
  };
}
