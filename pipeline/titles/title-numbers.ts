// Numbers, ordinals, months and rupee amounts of Hindi titles as English writes them.
import type { Unit } from './title-unit.js';

/** Devanagari (and other) digits as ASCII digits: "२०२०" → "2020". */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => String(Number.parseInt(d, 10) || digitValue(d)));
}
const digitValue = (d: string) => {
  const code = d.codePointAt(0)!;
  for (const zero of [0x0966, 0x06f0, 0x0660]) if (code >= zero && code < zero + 10) return code - zero;
  return 0;
};

/** "10वें" → "10th", "353वीं" → "353rd"; other numbers as they are, in ASCII digits. */
export function englishNumber(token: string): string {
  const m = /^(.*?\d)(वां|वाँ|वें|वीं|वी)$/u.exec(asciiDigits(token));
  if (!m) return asciiDigits(token);
  const n = Number(m[1]!.replace(/\D/gu, ''));
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${m[1]}${suffix}`;
}

/** English month names, for dates. */
export const MONTHS = new Set(
  Array.from({ length: 12 }, (_, m) =>
    new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2021, m, 4)),
  ),
);

const AMOUNT = /^(\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|lakh|crore)$/u;

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** The English of a content unit. */
export const english = (u: Unit | undefined) => (u?.kind === 'content' ? u.english : undefined);

/**
 * Amounts as Indian English writes them: digits before a quantity word ("तीन हजार" 3,000, "पांच करोड़"
 * 5 crore) and the currency first ("102 लाख करोड़ रुपये" Rs 102 lakh crore).
 */
export function rupees(units: Unit[]): Unit[] {
  const all: Unit[] = [];
  let thousands: (Unit & { kind: 'content' }) | undefined;
  for (const [i, u] of units.entries()) {
    const n = NUMBER_WORDS.indexOf(english(u) ?? '');
    const next = english(units[i + 1]);
    const last = all.at(-1);
    const digits = n >= 0 ? String(n) : (english(u) ?? '');
    if (n >= 0 && next && /^(hundred|thousand|lakh|crore)$/u.test(next))
      all.push({ kind: 'content', english: String(n), name: true });
    else if (
      next === 'point' &&
      /^\d+$/u.test(digits) &&
      /^(\d+|one|two|three|four|five|six|seven|eight|nine)$/u.test(english(units[i + 2]) ?? '')
    ) {
      // "सात दशमलव छह" is 7.6.
      const after = english(units[i + 2])!;
      all.push({
        kind: 'content',
        english: `${digits}.${/^\d/u.test(after) ? after : NUMBER_WORDS.indexOf(after)}`,
        name: true,
      });
      units.splice(i + 1, 2);
    } else if (english(u) === 'thousand' && last?.kind === 'content' && /^\d+$/u.test(last.english)) {
      last.english = (Number(last.english) * 1000).toLocaleString('en-US');
      thousands = last;
      continue;
    } else if (thousands && thousands === last && /^\d{1,3}$/u.test(english(u) ?? '')) {
      // "24 हजार 12" is 24,012.
      thousands.english = (Number(thousands.english.replace(/,/gu, '')) + Number(english(u))).toLocaleString('en-US');
    } else all.push(u);
    thousands = undefined;
  }
  const out: Unit[] = [];
  for (const u of all) {
    if (u.kind !== 'content' || u.english !== 'rupees') {
      out.push(u);
      continue;
    }
    let start = out.length;
    while (
      start > 0 &&
      out[start - 1]!.kind === 'content' &&
      AMOUNT.test((out[start - 1] as { english: string }).english)
    )
      start--;
    if (start === out.length) out.push(u);
    else out.splice(start, 0, { kind: 'content', english: 'Rs', name: true });
  }
  return out;
}
