import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseFreeDict, type Lexicon } from '../../pipeline/lexicon.js';

/** The FreeDict English–Hindi dictionary from Debian's dict-freedict-eng-hin (installed by .ci/run). */
export const FREEDICT_PATH = '/usr/share/dictd/freedict-eng-hin.dict.dz';

let cached: Lexicon | undefined;
export function freedict(): Lexicon {
  cached ??= parseFreeDict(gunzipSync(readFileSync(FREEDICT_PATH)).toString('utf8'));
  return cached;
}
