// Loads the FreeDict English–Hindi dictionary and caches it as JSON in the data dir.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFreeDict, type Lexicon } from '../pipeline/represent/lexicon.js';

// Bump when parseFreeDict changes what it produces, so old caches are not reused.
const CACHE_VERSION = 5;

/**
 * Loads the FreeDict English–Hindi dictionary (dictd `.dict` or `.dict.dz`), parsed once and cached as
 * JSON in the data dir (keyed by the file's size and mtime). Returns null, with a warning, when the
 * file is missing: the offline mode then works on names and numbers alone.
 */
export function loadLexicon(file: string, dataDir: string, warn: (msg: string) => void): Lexicon | null {
  if (!existsSync(file)) {
    warn(
      `bilingual lexicon not found at ${file}: cross-lingual matching falls back to names and numbers. ` +
        'Install it with `apt-get install dict-freedict-eng-hin` or set representation.lexiconPath.',
    );
    return null;
  }
  const st = statSync(file);
  const key = `${CACHE_VERSION}:${path.resolve(file)}:${st.size}:${st.mtimeMs}`;
  const cacheFile = path.join(dataDir, 'cache', 'lexicon.json');
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      key: string;
      exact: [string, string[]][];
      stem: [string, string[]][];
      phrases: [string, string[]][];
      headwords: string[];
    };
    if (cached.key === key) {
      return {
        exact: new Map(cached.exact),
        stem: new Map(cached.stem),
        phrases: new Map(cached.phrases),
        headwords: cached.headwords,
      };
    }
  } catch {
    // No cache yet, or an unreadable one: parse the dictionary.
  }
  const raw = readFileSync(file);
  const text = (file.endsWith('.dz') || file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lexicon = parseFreeDict(text);
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      JSON.stringify({
        key,
        exact: [...lexicon.exact],
        stem: [...lexicon.stem],
        phrases: [...(lexicon.phrases ?? [])],
        headwords: lexicon.headwords ?? [],
      }),
    );
    renameSync(tmp, cacheFile);
  } catch (err) {
    warn(`could not cache the lexicon in ${cacheFile}: ${(err as Error).message}`);
  }
  return lexicon;
}
