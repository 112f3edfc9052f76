// Loads the English word list that offline titles match transliterated words and names against.
import { existsSync, readFileSync } from 'node:fs';

/**
 * Loads a plain English word list, one word a line (Debian's wamerican: `/usr/share/dict/words`). The
 * offline English titles match transliterated English words and names against it ("ट्रंप" Trump,
 * "राइफल्स" rifles). Returns an empty list, with a warning, when the file is missing.
 */
export function loadWordList(file: string, warn: (msg: string) => void): string[] {
  if (!existsSync(file)) {
    warn(
      `English word list not found at ${file}: English titles keep transliterated names romanised. ` +
        'Install it with `apt-get install wamerican` or set representation.wordListPath.',
    );
    return [];
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter((w) => /^[A-Za-z]+$/u.test(w));
}
