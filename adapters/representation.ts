// Chooses a process's representation at start-up: the offline lexical mode or the neural models.
import { Presets, SingleBar } from 'cli-progress';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { createOfflineTranslator } from '../pipeline/titles/english-title.js';
import { createLexicalEmbedder } from '../pipeline/represent/lexical-embedder.js';
import type { Lexicon } from '../pipeline/represent/lexicon.js';
import type { Embedder, Translator } from '../pipeline/ports.js';
import { loadLexicon } from './lexicon-loader.js';
import { loadWordList } from './word-list-loader.js';
import { modelPresent, NeuralModels, type NeuralOptions } from './neural-representation.js';

/** The embedder and translator a process uses, chosen once at start-up. */
export interface Representation {
  embedder: Embedder;
  translator: Translator;
  close(): Promise<void>;
}

/** Neural model options from the config: models live in `<dataDir>/models` unless configured. */
export function neuralOptions(config: Config): NeuralOptions {
  const n = config.representation.neural;
  return {
    modelRoot: path.resolve(n.modelDir ?? path.join(config.dataDir, 'models')),
    embeddingModel: n.embeddingModel,
    translationModels: n.translationModels,
    dtype: n.dtype,
    allowDownload: n.allowDownload,
    batchSize: n.batchSize,
    maxChars: n.maxChars,
    threads: n.threads,
  };
}

/** The configured lexicon with the English word list the titles match names by; null (and a warning) without one. */
export function loadConfiguredLexicon(config: Config, warn: (msg: string) => void): Lexicon | null {
  const lexicon = loadLexicon(config.representation.lexiconPath, config.dataDir, warn);
  if (lexicon) lexicon.words = loadWordList(config.representation.wordListPath, warn);
  return lexicon;
}

/**
 * Chooses the representation. `offline`: the lexical mode. `neural`: the models, or an error saying why
 * they cannot load. `auto`: the models when they are in the model folder (or may be downloaded), else —
 * or when loading fails — the offline mode, with a message saying so.
 */
export async function loadRepresentation(config: Config, warn: (msg: string) => void): Promise<Representation> {
  const lexicon = loadConfiguredLexicon(config, warn);
  const offlineTitles = createOfflineTranslator(lexicon);
  const offline: Representation = {
    embedder: createLexicalEmbedder(lexicon),
    translator: offlineTitles,
    close: async () => {},
  };
  const mode = config.representation.mode;
  if (mode === 'offline') return offline;
  const options = neuralOptions(config);
  if (mode === 'auto' && !options.allowDownload && !modelPresent(options)) return offline;
  try {
    const models = await NeuralModels.load(options, downloadProgress());
    return {
      embedder: models.embedder(),
      translator: models.translator(offlineTitles),
      close: async () => void (await models.close()),
    };
  } catch (err) {
    if (mode === 'neural') throw err;
    warn(`${(err as Error).message}; using the offline mode`);
    return offline;
  }
}

/** A progress bar per downloaded file, on stderr. */
function downloadProgress(): (file: string, loaded: number, total: number) => void {
  let bar: SingleBar | undefined;
  let current = '';
  return (file, loaded, total) => {
    if (file !== current) {
      bar?.stop();
      current = file;
      bar = new SingleBar(
        { format: `model ${file} [{bar}] {percentage}% {value}/{total} bytes`, stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(total || 1, 0);
    }
    bar?.update(loaded);
    if (total && loaded >= total) bar?.stop();
  };
}
