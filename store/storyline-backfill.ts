/** Storyline back-fills: re-scoring stored articles against a storyline's current definition, a step per write transaction. */
import { alertDeliveries, type Delivery, type Subscription } from '../pipeline/alerts/alert-events.js';
import {
  confirms,
  matchStorylines,
  remember,
  type MatchOptions,
  type StorylineProfile,
} from '../pipeline/storylines/match-storylines.js';
import type { TermStats } from '../pipeline/represent/term-stats.js';
import type { Backfill } from './backfill-store.js';
import { summarise } from './facts.js';
import type { PlacementView } from './placement-view.js';
import type { SqliteStore } from './sqlite-store.js';

/** Stored articles one back-fill step reads at most. @defaultValue 500 */
const STEP_ARTICLES = 500;

/** What one back-fill step needs from the cluster writer. */
export interface BackfillStep {
  store: SqliteStore;
  /** The storyline as defined now; its memory is rebuilt in article order from the first step on. */
  profile: StorylineProfile;
  name: string;
  stats: TermStats;
  match?: MatchOptions;
  /** Every subscription: only those with `backfill: true` are sent back-filled matches. */
  subscriptions: Subscription[];
  /** Most work (ms) the step holds the write transaction for. */
  budgetMs: number;
}

/**
 * Re-scores the next stored articles of a back-fill against the storyline's current definition, inside
 * the writer's transaction: a match that holds is written (a new one as the back-fill's; one that was there
 * keeps its time and takes the new score and evidence), a stored match that no longer clears the threshold
 * is deleted, and the cursor moves with them. New matches cause deliveries only for subscriptions with
 * `backfill: true`; their ids are those of the same match in real time, so a match is never sent twice.
 */
export function rescoreStep(b: Backfill, step: BackfillStep): { backfill: Backfill; deliveries: Delivery[] } {
  const { store, profile } = step;
  const next: Backfill = { ...b, state: 'running' };
  if (b.cursor === 0 && b.done === 0) {
    store.backfills.resetMemory(profile.id);
    profile.memory = { sum: null, count: 0, recent: [] };
  }
  const subscriptions = step.subscriptions.filter((s) => s.backfill);
  const deliveries: Delivery[] = [];
  const started = performance.now();
  const articles = store.backfills.articlesAfter(b, STEP_ARTICLES);
  let read = 0;
  for (const a of articles) {
    if (read && performance.now() - started > step.budgetMs) break;
    read++;
    const [match] = matchStorylines(a, [profile], step.stats, step.match);
    const had = store.backfills.hasMatch(profile.id, a.id);
    if (match) {
      store.backfills.putMatch(profile.id, a, match.score, match.evidence);
      next.matched++;
      if (confirms(match)) profile.memory = remember(profile.memory, a.id, a.vector);
      const cluster = !had && subscriptions.length ? summarise(store.facts, a.clusterId) : undefined;
      if (!had) next.added++;
      if (cluster) {
        deliveries.push(
          ...alertDeliveries([match], subscriptions, {
            storylines: new Map([[profile.id, step.name]]),
            article: {
              id: a.id,
              title: a.title,
              titleEn: a.titleEn,
              lang: a.lang,
              url: a.url,
              source: a.source,
              publishedAt: a.publishedAt,
            },
            cluster,
            isNewCluster: false,
            now: new Date().toISOString(),
            backfill: true,
          }),
        );
      }
    } else if (had && store.backfills.deleteMatch(profile.id, a.id)) {
      next.removed++;
    }
    next.cursor = a.rowid;
    next.done++;
  }
  if (read === articles.length && articles.length < STEP_ARTICLES) {
    next.state = 'done';
    next.finishedAt = new Date().toISOString();
  }
  if (profile.memory.count) {
    store.backfills.saveMemory(profile.id, profile.memory);
  }
  store.backfills.save(next);
  store.addDeliveries(deliveries);
  store.setMeta('version', String(store.version() + 1));
  return { backfill: next, deliveries };
}

/**
 * The next step of the next unfinished back-fill, in its own write transaction (with the view made current
 * inside it): nothing when there is none, the storylines changed since they were embedded (the next step
 * embeds them again), or the back-fill's storyline is gone (the back-fill is dropped). After a failure the
 * view is loaded again.
 */
export function runBackfillStep(
  view: PlacementView,
  options: { match?: MatchOptions; budgetMs: number; log?: (msg: string) => void },
): { backfill: Backfill; deliveries: Delivery[] } | undefined {
  const { store, model } = view;
  try {
    return store.writeTransaction(() => {
      if (!view.refresh()) return undefined;
      const next = store.backfills.next();
      const profile = next && model.storylines.find((s) => s.id === next.storylineId);
      if (!next) return undefined;
      if (!profile) {
        store.backfills.remove(next.storylineId);
        return undefined;
      }
      if (next.state === 'pending')
        options.log?.(`backfill ${next.storylineId}: started over ${next.total} stored article(s)`);
      const outcome = rescoreStep(next, {
        store,
        profile,
        name: model.storylineNames.get(profile.id) ?? profile.id,
        stats: model.stats,
        match: options.match,
        subscriptions: model.subscriptions,
        budgetMs: options.budgetMs,
      });
      view.synced();
      return outcome;
    });
  } catch (err) {
    view.forget();
    throw err;
  }
}

/** One line for the log: `backfill ipl-final: 120/500 articles, 14 match (+3, −1 removed)`. */
export function describeBackfill(b: Backfill): string {
  return (
    `backfill ${b.storylineId}: ${b.done}/${b.total} articles${b.state === 'done' ? ' re-scored' : ''}, ${b.matched} match ` +
    `(+${b.added} new, −${b.removed} removed)${b.state === 'done' ? '' : ` (${b.state})`}`
  );
}
