// The cluster writer's settings for a representation mode: clustering thresholds, storyline calibration and profiles.
import type { ClusterOptions } from '../pipeline/cluster/assign-cluster.js';
import type { Embedder } from '../pipeline/ports.js';
import type { MatchOptions } from '../pipeline/storylines/match-storylines.js';
import { storylineProfiles, type StorylineDefinition } from '../pipeline/storylines/storyline-profiles.js';
import type { RepresentationMode } from '../pipeline/types.js';
import type { Config } from './schema.js';

/**
 * Similarity to a storyline that counts as full semantic evidence with neural sentence embeddings, whose
 * cosines run higher than lexical ones (as the clustering thresholds of `clustering.neural` do). The offline
 * mode keeps the matcher's default.
 */
const NEURAL_SIMILARITY_AT_FULL = 0.6;

/** The thresholds of the mode: the config's `clustering`, or `clustering.neural` for sentence embeddings. */
export function clusteringSettings(
  config: Config,
  mode: RepresentationMode,
): ClusterOptions & { mergeThreshold: number; nearDuplicate: number } {
  const thresholds = mode === 'neural' ? config.clustering.neural : config.clustering;
  return {
    sameLanguage: thresholds.sameLanguage,
    crossLanguage: thresholds.crossLanguage,
    mergeThreshold: thresholds.mergeThreshold,
    nearDuplicate: thresholds.nearDuplicate,
    windowDays: config.clustering.windowDays,
    quietHours: config.clustering.quietHours,
    quietGrowth: config.clustering.quietGrowth,
    // `clustering.titleOnly` is the offline mode's (config/schema.ts).
    titleOnly: mode === 'neural' ? 1 : config.clustering.titleOnly,
  };
}

/** How storyline scores are calibrated in the mode. */
export function storylineMatchSettings(mode: RepresentationMode): MatchOptions {
  return mode === 'neural' ? { similarityAtFull: NEURAL_SIMILARITY_AT_FULL } : {};
}

/** Everything the cluster writer is set up with for a representation: profiles made by its embedder, its mode's settings. */
export function writerSettings(config: Config, representation: { embedder: Embedder }) {
  const { embedder } = representation;
  return {
    profiles: (defs: StorylineDefinition[]) => storylineProfiles(defs, embedder),
    clustering: clusteringSettings(config, embedder.mode),
    storylineMatch: storylineMatchSettings(embedder.mode),
  };
}
