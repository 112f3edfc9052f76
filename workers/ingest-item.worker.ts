// The IngestItem processor: extracts and prepares the articles of its inputs, then enqueues ClusterItems carrying them.
import { UnrecoverableError, type Job } from 'bullmq';
import { BadInputError, extractArticles } from '../pipeline/extract/extract-articles.js';
import { prepareArticles, type DraftOrigin, type PrepareDeps } from '../pipeline/prepare-article.js';
import type { ArticleDraft, PreparedArticle } from '../pipeline/types.js';
import { yieldWhenDue } from '../pipeline/event-loop-turns.js';
import { timeStage } from '../runtime/stage-metrics.js';
import { createHandOnBatches } from '../queue/hand-on-batches.js';
import {
  readIngestJob,
  type ArticleJob,
  type IngestItem,
  type IngestResult,
  type InputResult,
} from '../queue/queues.js';

/** What the IngestItem processor needs: the representation and where to hand prepared articles on. */
export interface IngestDeps extends PrepareDeps {
  /** Hands prepared articles on as ClusterItems; returns where each went. */
  next(articles: PreparedArticle[]): Promise<ArticleJob[]>;
  /** Fault injection for crash tests: pause this long inside every job. @defaultValue 0 */
  faultDelayMs?: number;
}

type Drafts = Array<{ draft: ArticleDraft; origin: DraftOrigin }>;

/** An input's drafts with the ids their articles get, or why it holds no article (an error naming the input). */
async function extractInput(item: IngestItem): Promise<Drafts | string> {
  let drafts;
  try {
    drafts = await extractArticles(item.kind, item.content);
  } catch (err) {
    if (err instanceof BadInputError || err instanceof SyntaxError) return `${item.source}: ${err.message}`;
    throw err;
  }
  if (drafts.length === 0) return `${item.source}: no article found (no block of running text long enough)`;
  const single = item.kind === 'record' || (drafts.length === 1 && item.kind !== 'page');
  return drafts.map((draft, i) => ({
    draft,
    origin: { id: single ? item.idBase : `${item.idBase}-${i + 1}`, source: item.source },
  }));
}

/**
 * IngestItem: for each input, extract → segment; then, for all of them at once, detect language → gloss →
 * embed, and enqueue ClusterItems carrying the articles, with those of the worker's other jobs that finish
 * at the same time (queue/hand-on-batches.ts). A bad input fails alone: a job of one input fails (for
 * good), one input of several is reported failed in the job's result while the others go on. Any other
 * error (a model that fails) fails the job, to be retried whole; the store keeps each article once.
 */
export function createIngestProcessor(deps: IngestDeps) {
  const batches = createHandOnBatches((articles) => deps.next(articles));
  return async (job: Job): Promise<IngestResult> => {
    const turn = batches.begin();
    try {
      return await processJob(job, turn.handOn);
    } finally {
      turn.end();
    }
  };

  async function processJob(
    job: Job,
    handOn: (articles: PreparedArticle[]) => Promise<ArticleJob[]>,
  ): Promise<IngestResult> {
    const entries = readIngestJob(job.data);
    if (deps.faultDelayMs) await new Promise((r) => setTimeout(r, deps.faultDelayMs));
    const extracted = timeStage('extract', entries.length);
    const inputs: Array<{ source: string; drafts: Drafts } | { source: string; error: string }> = [];
    try {
      for (const entry of entries) {
        await yieldWhenDue();
        if ('error' in entry) inputs.push({ source: entry.source ?? '(unnamed input)', error: entry.error });
        else {
          const drafts = await extractInput(entry.value);
          inputs.push({ source: entry.value.source, ...(typeof drafts === 'string' ? { error: drafts } : { drafts }) });
        }
      }
    } finally {
      extracted();
    }
    const only = inputs.length === 1 ? inputs[0]! : undefined;
    if (only && 'error' in only) throw new UnrecoverableError(only.error);
    const drafts = inputs.flatMap((i) => ('drafts' in i ? i.drafts : []));
    const prepared = timeStage('prepare', drafts.length);
    const articles = await prepareArticles(drafts, deps);
    prepared();
    const sent = await handOn(articles);
    let at = 0;
    const results = inputs.map((input): InputResult => {
      if ('error' in input) return { source: input.source, status: 'failed', error: input.error };
      const from = at;
      return { source: input.source, status: 'done', articles: sent.slice(from, (at += input.drafts.length)) };
    });
    return { status: 'done', inputs: results };
  }
}
