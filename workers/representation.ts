import type { Config } from '../config/schema.js';
import { createGlossTranslator } from '../pipeline/gloss-title.js';
import { createLexicalEmbedder } from '../pipeline/lexical-embedder.js';
import type { Embedder, Translator } from '../pipeline/ports.js';
import { loadLexicon } from './lexicon-loader.js';

/** The embedder and translator a process uses, chosen once at start-up. */
export interface Representation {
  embedder: Embedder;
  translator: Translator;
}

/**
 * Chooses the representation: `offline` is the lexical mode; `auto` uses it too until a neural model
 * is configured (neural loading lives in its own adapter); `neural` without a model is an error.
 */
export function loadRepresentation(config: Config, warn: (msg: string) => void): Representation {
  if (config.representation.mode === 'neural') {
    throw new Error('representation.mode is "neural" but no neural model is available in this build; use "auto" or "offline"');
  }
  const lexicon = loadLexicon(config.representation.lexiconPath, config.dataDir, warn);
  return { embedder: createLexicalEmbedder(lexicon), translator: createGlossTranslator(lexicon) };
}
