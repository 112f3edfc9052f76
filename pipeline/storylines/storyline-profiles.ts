// Builds the matching profiles of tracked storylines from their definitions, with the embedder that embeds the articles.
import type { Embedder } from '../ports.js';
import type { Vector } from '../types.js';
import type { StorylineProfile } from './match-storylines.js';

/** What a storyline's definition says (its config entry or stored row). */
export interface StorylineDefinition {
  id: string;
  name: string;
  description: string;
  keywords: string[];
  examples: string[];
  threshold: number;
}

/**
 * One profile per definition, in order: a vector of the name, description, keywords and examples together,
 * one per example, the keywords' own terms (sparse representations), and an empty memory.
 */
export async function storylineProfiles(defs: StorylineDefinition[], embedder: Embedder): Promise<StorylineProfile[]> {
  const embed = (title: string, text: string) => ({ title, text, lang: 'und' });
  const vectors = await embedder.embed(
    defs.map((s) => embed(s.name, [s.description, ...s.keywords, ...s.examples].join('\n'))),
  );
  const examples = await embedder.embed(defs.flatMap((s) => s.examples.map((e) => embed('', e))));
  const keywords = await embedder.embed(defs.map((s) => embed('', s.keywords.join('\n'))));
  let next = 0;
  return defs.map((s, i) => ({
    id: s.id,
    keywords: s.keywords,
    vector: vectors[i]!,
    examples: s.examples.map(() => examples[next++]!),
    threshold: s.threshold,
    memory: { sum: null, count: 0, recent: [] },
    keywordTerms: termsOf(keywords[i]!),
  }));
}

const termsOf = (v: Vector): string[] => (v.kind === 'sparse' ? Object.keys(v.terms) : []);
