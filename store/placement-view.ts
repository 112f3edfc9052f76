/** The cluster writer's view of the store: the placement model kept current, and one article's snapshot loaded from it. */
import { LRUCache } from 'lru-cache';
import type { StorylineConfig } from '../config/schema.js';
import type { MemberReader, Placement, PlacementSnapshot } from '../pipeline/place/placement.js';
import { PlacementModel } from '../pipeline/place/placement-model.js';
import { packedVector } from '../pipeline/represent/packed-terms.js';
import type { StorylineProfile } from '../pipeline/storylines/match-storylines.js';
import type { PreparedArticle, Vector } from '../pipeline/types.js';
import type { SqliteStore } from './sqlite-store.js';

/** Stored articles whose vectors the writer keeps parsed for near-duplicate checks and titles. @defaultValue 1024 */
const MEMBER_VECTORS = 1024;

/**
 * Days before the newest article whose clusters the writer keeps in memory: past the 30 days an article's
 * candidates span (`activeDays`) and the merge window, with a week to spare for articles that arrive late;
 * an article dated earlier than that reads the older clusters it needs from the store. @defaultValue 37
 */
export const RESIDENT_DAYS = 37;

const DAY = 86_400_000;

/**
 * Holds the placement model (pipeline/place/placement-model.ts) and keeps it what the store holds: the
 * storylines are embedded again when they changed, and the resident clusters (those active within
 * RESIDENT_DAYS of the newest article), term statistics and storyline memories are loaded again whenever
 * another process (or a failed write) moved the store's version. Older clusters stay in the store: the
 * model reads them when an article dated before its window needs them, and drops them again afterwards.
 */
export class PlacementView {
  readonly model: PlacementModel;
  private version = -1;
  private storylinesVersion = -1;
  private webhooksVersion = -1;
  // Stored articles' vectors (they never change), parsed once and held packed: a syndicated copy meets its cluster's members.
  private readonly vectors = new LRUCache<string, Vector>({ max: MEMBER_VECTORS });
  private readonly members: MemberReader;

  constructor(
    readonly store: SqliteStore,
    /** Builds matching profiles (vectors) for the stored storyline definitions. */
    private readonly profiles: (defs: StorylineConfig[]) => Promise<StorylineProfile[]>,
    /** Days before the newest article whose clusters stay in memory (Infinity: all of them). @defaultValue RESIDENT_DAYS */
    private readonly residentDays = RESIDENT_DAYS,
  ) {
    this.model = new PlacementModel({
      residentDays,
      older: (since, until) => store.loadActiveClusters(since, until),
    });
    this.members = {
      ids: (clusterId, lang) => store.memberIds(clusterId, lang),
      vector: (id) => {
        let vector = this.vectors.get(id);
        if (!vector) {
          const stored = store.articleVector(id);
          if (!stored) throw new Error(`article ${id} is listed in a cluster but not stored`);
          this.vectors.set(id, (vector = packedVector(stored)));
        }
        return vector;
      },
      headline: (id) => store.headline(id),
    };
  }

  /** Storylines created, changed or removed (config sync, API) are embedded again; call before a write transaction. */
  async refreshStorylines(): Promise<void> {
    if (this.store.storylinesVersion() === this.storylinesVersion) return;
    const seen = this.store.storylinesVersion();
    const defs = this.store.listStorylines().map((s) => s.definition);
    this.model.storylines = await this.profiles(defs);
    this.model.storylineNames = new Map(defs.map((d) => [d.id, d.name]));
    this.storylinesVersion = seen;
    this.version = -1;
  }

  /**
   * Inside the write transaction: webhooks and the model as the store has them now; false (nothing to
   * place against) when the storylines changed since they were embedded.
   */
  refresh(): boolean {
    const { store, model } = this;
    if (store.storylinesVersion() !== this.storylinesVersion) return false;
    // Webhooks from the config, the API or the CLI apply from the next batch on.
    if (store.alerts.version() !== this.webhooksVersion) {
      this.webhooksVersion = store.alerts.version();
      model.subscriptions = store.alerts.subscriptions();
    }
    if (store.version() === this.version) return true;
    // The resident clusters: those active within residentDays of the newest article, and the undated ones.
    const since = (store.newestClusterTime() ?? Number.NEGATIVE_INFINITY) - this.residentDays * DAY;
    model.load(store.loadActiveClusters(since), store.loadTermStats(), store.loadStorylineMemories(), since);
    this.version = store.version();
    return true;
  }

  /** After a rollback: the model ran ahead of the store and is loaded again before the next placement. */
  forget(): void {
    this.version = -1;
    this.vectors.clear();
  }

  /** What placing this article reads, inside the write transaction. */
  snapshot(item: PreparedArticle, retried: boolean): PlacementSnapshot {
    const { store } = this;
    const seen = store.storedInput(item);
    const exactCopyOf = seen ? undefined : store.findDuplicate(item);
    // Neither is used for an input read before, nor (the cluster id) for an exact copy.
    const freeId = seen ? item.id : store.freeId(item);
    const nextClusterId = seen || exactCopyOf ? '' : store.nextClusterId();
    const bodyTwin = seen || exactCopyOf ? undefined : store.bodyTwin(item);
    return {
      seen,
      retried,
      exactCopyOf,
      bodyTwin,
      freeId,
      nextClusterId,
      now: new Date().toISOString(),
      model: this.model,
      members: this.members,
    };
  }

  /** The placement is persisted: the model, which it advanced, is the store's again. */
  persisted(placement: Placement): void {
    if (placement.kind === 'placed') this.vectors.set(placement.article.id, packedVector(placement.article.vector));
    // Clusters that fell out of the resident window leave memory between placements (the store has them).
    this.model.evict();
    this.synced();
  }

  /** The store's writes so far are the model's (a back-fill step, a persisted placement). */
  synced(): void {
    this.version = this.store.version();
  }
}
