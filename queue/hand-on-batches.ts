/** An ingest worker's hand-ons: articles of IngestItems that finish together travel to the writer in one ClusterItem. */
import type { PreparedArticle } from '../pipeline/types.js';
import { INPUTS_PER_JOB, type ArticleJob } from './queues.js';
import { sendTogether, type Waiting } from './send-together.js';

/**
 * Longest a job's articles wait (ms) for the other jobs this worker is preparing before they go on alone.
 * Offline, an article is prepared in a few ms, so the jobs held at once finish well within it; a neural
 * model's job can take seconds, and the hop saved (about a millisecond) is not worth that wait.
 * @defaultValue 25
 */
export const HAND_ON_HOLD_MS = 25;

/**
 * Articles that go on at once, whoever is still preparing: a ClusterItem of this many already pays a small
 * share of its hop each (the number of inputs an IngestItem carries, `INPUTS_PER_JOB`), and holding them
 * longer would only keep the writer waiting. @defaultValue 16
 */
export const HAND_ON_ENOUGH = INPUTS_PER_JOB;

/** One job's part: it prepares its articles, then hands them on once, or ends without (it failed). */
export interface HandOnTurn {
  /** Hands the job's articles on (with those of the jobs finishing with it); resolves to where each went. */
  handOn(articles: PreparedArticle[]): Promise<ArticleJob[]>;
  /** The job is over (call it in any case): one that never handed on no longer holds the others back. */
  end(): void;
}

type Pending = Waiting<PreparedArticle, ArticleJob>;

/**
 * Group commit for the ClusterItem hop. Each job of the worker takes a turn (`begin()`) when it starts; when
 * it hands its articles on while other jobs of the worker are still preparing theirs, they wait for those
 * (at most `holdMs`, and no longer once `HAND_ON_ENOUGH` articles wait) and all go in one `send`, so the
 * queue hop, the writer's job and its commit are paid once. A job that is alone, as under a light load,
 * hands on at once: the batches grow only when jobs of few articles queue up, which is when the hop's cost
 * matters. `send` splits what is too big for one ClusterItem.
 */
export function createHandOnBatches(
  send: (articles: PreparedArticle[]) => Promise<ArticleJob[]>,
  holdMs = HAND_ON_HOLD_MS,
) {
  let preparing = 0;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    sendTogether(batch, send);
  };
  const settle = () => {
    if (!pending.length) return;
    const waiting = pending.reduce((n, p) => n + p.entries.length, 0);
    if (preparing === 0 || waiting >= HAND_ON_ENOUGH) flush();
    else timer ??= setTimeout(flush, holdMs);
  };

  return {
    /** A job starts: until it hands on or ends, the articles handed on by the others wait for it. */
    begin(): HandOnTurn {
      preparing++;
      let open = true;
      const leave = () => {
        if (!open) return false;
        open = false;
        preparing--;
        return true;
      };
      return {
        handOn(articles) {
          if (!leave()) return Promise.reject(new Error('a job hands its articles on once'));
          if (!articles.length) {
            settle();
            return Promise.resolve([]);
          }
          return new Promise<ArticleJob[]>((resolve, reject) => {
            pending.push({ entries: articles, resolve, reject });
            settle();
          });
        },
        end() {
          if (leave()) settle();
        },
      };
    },
  };
}
