// What tests that place articles share: a prepared English article (an id, its vector, fields to change), a stored cluster, thresholds.
import type { PreparedArticle, Vector } from '../../pipeline/types.js';
import type { StoredCluster } from '../../store/sqlite-store.js';

export function preparedArticle(id: string, vector: Vector, extra: Partial<PreparedArticle> = {}): PreparedArticle {
  return {
    id,
    source: `${id}.txt`,
    url: null,
    title: `title ${id}`,
    titleEn: `title ${id}`,
    text: `text of ${id}`,
    publishedAt: '2025-07-11',
    lang: 'en',
    langConfidence: 1,
    contentHash: `hash-${id}-0000`,
    vector,
    mode: 'offline',
    ...extra,
  };
}

/** A cluster as the store keeps it, with no article yet (fields to change in `extra`). */
export function storedCluster(id: string, extra: Partial<StoredCluster> = {}): StoredCluster {
  return {
    id,
    title: `story ${id}`,
    lead: '',
    createdAt: '2025-09-01T00:00:00.000Z',
    centralId: null,
    centralLang: null,
    centralChecked: 0,
    firstSeen: null,
    lastSeen: null,
    centroids: {},
    ...extra,
  };
}

/** Clustering thresholds for placing tests: low enough that a few shared words join a cluster. */
export const TEST_CLUSTERING = {
  sameLanguage: 0.3,
  crossLanguage: 0.1,
  windowDays: 3,
  quietHours: 24,
  quietGrowth: 0.4,
  mergeThreshold: 0.5,
  nearDuplicate: 0.9,
};
