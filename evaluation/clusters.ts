// Scores the pipeline's clusters against a labelling of articles by replaying them in time order.
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import { clusteringFigures, type ClusteringFigures } from './metrics.js';
import { readJsonLines } from './read-json-lines.js';
import { replayThroughPipeline } from './replay.js';

const labelledSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().optional(),
  text: z.string().optional(),
  url: z.string().optional(),
  publishedAt: z.string().optional(),
  label: z.union([z.string(), z.number()]).transform(String),
});

/** Reads a labelling (`{id, title, text?, publishedAt, label}` per line); errors name the file and line. */
export function readLabels(file: string): Array<z.infer<typeof labelledSchema>> {
  return readJsonLines(file, labelledSchema).map(({ record }) => record);
}

export interface ClusterEvaluation {
  pipeline: ClusteringFigures;
  compared?: ClusteringFigures;
  mode: string;
}

/**
 * Replays the labelled articles in time order through the real pipeline and scores its clusters against
 * the labels; a second labelling of the same ids (e.g. another system's events) is scored alongside.
 */
export async function evaluateClusters(
  labelsFile: string,
  compareFile: string | undefined,
  config: Config,
  log: (m: string) => void,
): Promise<ClusterEvaluation> {
  const labelled = readLabels(labelsFile);
  const missing = labelled.filter((r) => !r.title);
  if (missing.length)
    throw new Error(`${labelsFile}: ${missing.length} record(s) without a title (first: id ${missing[0]!.id})`);
  const gold = new Map(labelled.map((r) => [r.id, r.label]));
  const { clusterOf: predicted, mode } = await replayThroughPipeline(
    labelled.map((r) => ({ ...r, title: r.title! })),
    config,
    log,
  );
  const compared = compareFile ? new Map(readLabels(compareFile).map((r) => [r.id, r.label])) : undefined;
  return {
    pipeline: clusteringFigures(predicted, gold),
    compared: compared ? clusteringFigures(compared, gold) : undefined,
    mode,
  };
}
