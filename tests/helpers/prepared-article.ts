// What tests that place articles share: a prepared English article (an id, its vector, fields to change), thresholds.
import type { PreparedArticle, Vector } from '../../pipeline/types.js';

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
