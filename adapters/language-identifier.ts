// Loads fastText's lid.176 language identifier (WebAssembly, shipped in its package) and the detector.
import { getLIDModel } from 'fasttext.wasm.js';
import type { Config } from '../config/schema.js';
import type { LanguageDetector } from '../pipeline/language/detect-language.js';
import type { LanguageIdentifier, LanguageScore } from '../pipeline/ports.js';

const LABEL = '__label__';
// lid.176 names languages by their Wikipedia's code; these two are ISO codes of other languages (`als` is
// Tosk Albanian, not Alemannic; `bh` the Bihari group, whose Wikipedia is in Bhojpuri).
const WIKIPEDIA_CODES: Record<string, string> = { als: 'gsw', bh: 'bho' };

let loading: Promise<LanguageIdentifier> | undefined;

/**
 * fastText's language identification model lid.176 (176 languages, about 900 KB, compressed), shipped
 * inside the `fasttext.wasm.js` package and run as WebAssembly: nothing is fetched. Loaded once per process;
 * later calls share it. Codes are as the model gives them (ISO 639-1 mostly, some 639-3).
 */
export function loadLanguageIdentifier(): Promise<LanguageIdentifier> {
  loading ??= (async () => {
    const model = await (await getLIDModel()).load();
    const predict = (text: string, k: number): LanguageScore[] => {
      // fastText reads one line: a newline would end the text there.
      const found = model.predict(text.replace(/\s+/gu, ' '), k, 0);
      try {
        return Array.from({ length: found.size() }, (_, i) => {
          const [p, label] = found.get(i);
          const lang = label.slice(LABEL.length);
          return { lang: WIKIPEDIA_CODES[lang] ?? lang, p };
        });
      } finally {
        // The answer lives in WebAssembly memory, which only grows: not freeing it leaks on every call.
        found.delete();
      }
    };
    // A text none of whose words or word pieces the model kept gets exactly its answer to an empty line.
    const blank = predict('', 1)[0];
    return {
      name: 'fastText lid.176',
      identify(text: string, k: number): LanguageScore[] {
        const found = predict(text, k);
        return found[0]?.p === blank?.p && found[0]?.lang === blank?.lang ? [] : found;
      },
    };
  })().catch((err: Error) => {
    loading = undefined;
    throw new Error(`cannot load the language identification model (fasttext.wasm.js): ${err.message}`);
  });
  return loading;
}

/** Language detection as the config sets it up, with the identifier loaded. */
export async function loadLanguageDetector(config: Pick<Config, 'languages'>): Promise<LanguageDetector> {
  return { ...config.languages, identifier: await loadLanguageIdentifier() };
}
