// The FreeDict dictionary and English word list for tests, from where Debian installs them.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseFreeDict, type Lexicon } from '../../pipeline/represent/lexicon.js';
import { loadWordList } from '../../adapters/word-list-loader.js';

/** The FreeDict English–Hindi dictionary from Debian's dict-freedict-eng-hin (scripts/test-prerequisites.sh installs it). */
export const FREEDICT_PATH = '/usr/share/dictd/freedict-eng-hin.dict.dz';

/** Debian's wamerican word list (scripts/test-prerequisites.sh installs it). */
export const WORD_LIST_PATH = '/usr/share/dict/words';

let cached: Lexicon | undefined;
/** FreeDict, with the English word list when it is installed. */
export function freedict(): Lexicon {
  cached ??= {
    ...parseFreeDict(gunzipSync(readFileSync(FREEDICT_PATH)).toString('utf8')),
    words: loadWordList(WORD_LIST_PATH, () => {}),
  };
  return cached;
}
