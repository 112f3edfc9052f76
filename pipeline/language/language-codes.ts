// Turns any language tag into storywatch's code: ISO 639-1 where there is one, else ISO 639-3, else `und`.
import { iso6393, iso6393To1 } from 'iso-639-3';

const ISO_639_1 = new Set(Object.values(iso6393To1));
const ISO_639_3 = new Set(iso6393.map((l) => l.iso6393));
// Individual languages of a macrolanguage that CLDR's aliases leave alone although the macrolanguage has a
// 639-1 code (SIL's macrolanguage table): franc's Malay is `zlm`.
const MEMBERS: Record<string, string> = { zlm: 'ms' };
// Codes already worked out, by primary subtag: detection asks for the same few dozen over and over.
const known = new Map<string, string>();

/**
 * The storywatch code of a language tag: ISO 639-1 where the language has one, else its ISO 639-3 code,
 * else `und` (also for codes no standard knows). Takes 639-1, 639-2 and 639-3 codes, BCP 47 tags (`en-IN`,
 * `zh-Hans`) and locales (`hi_IN`). Predominant members of a macrolanguage become it (`arb`→`ar`,
 * `cmn`→`zh`, `pes`→`fa`, `uzn`→`uz`, `pbu`→`ps`, `npi`→`ne`) and retired codes their successors
 * (`iw`→`he`), by CLDR's aliases (`Intl.Locale`).
 */
export function languageCode(tag: string | null | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (!/^[a-z]{2,3}$/u.test(primary) || primary === 'und') return 'und';
  let code = known.get(primary);
  if (code === undefined) known.set(primary, (code = codeOf(primary)));
  return code;
}

function codeOf(primary: string): string {
  // A current 639-1 code stands as it is (CLDR would turn `tl` into `fil`, which has none).
  if (ISO_639_1.has(primary)) return primary;
  if (iso6393To1[primary]) return iso6393To1[primary];
  let canonical = primary;
  try {
    canonical = new Intl.Locale(primary).language;
  } catch {
    // Not a well-formed tag for Intl (a reserved range): keep the code as written.
  }
  canonical = MEMBERS[canonical] ?? canonical;
  const code = iso6393To1[canonical] ?? canonical;
  return ISO_639_1.has(code) || ISO_639_3.has(code) ? code : 'und';
}
