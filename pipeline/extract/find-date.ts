// Finds the first calendar date a line of page text states, in English, Hindi or Urdu.
import * as chrono from 'chrono-node';

const HINDI_MONTHS: Record<string, string> = {
  जनवरी: 'January',
  फरवरी: 'February',
  फ़रवरी: 'February',
  मार्च: 'March',
  अप्रैल: 'April',
  मई: 'May',
  जून: 'June',
  जुलाई: 'July',
  अगस्त: 'August',
  सितंबर: 'September',
  सितम्बर: 'September',
  अक्टूबर: 'October',
  अक्तूबर: 'October',
  नवंबर: 'November',
  नवम्बर: 'November',
  दिसंबर: 'December',
  दिसम्बर: 'December',
};
const URDU_MONTHS: Record<string, string> = {
  جنوری: 'January',
  فروری: 'February',
  مارچ: 'March',
  اپریل: 'April',
  مئی: 'May',
  جون: 'June',
  جولائی: 'July',
  اگست: 'August',
  ستمبر: 'September',
  اکتوبر: 'October',
  نومبر: 'November',
  دسمبر: 'December',
};
const MONTHS: Record<string, string> = { ...HINDI_MONTHS, ...URDU_MONTHS };
const MONTH_RE = new RegExp(Object.keys(MONTHS).join('|'), 'gu');
// Devanagari, Arabic-Indic and Extended Arabic-Indic (Urdu) digits, each block starting at its zero.
const DIGITS = /[०-९٠-٩۰-۹]/gu;
const digitValue = (d: string) => String(d.charCodeAt(0) - (d >= '०' ? 0x0966 : d >= '۰' ? 0x06f0 : 0x0660));
const RELATIVE = /\b(?:ago|from now|later|earlier)\b/i;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Finds the first absolute calendar date stated in a line ("Updated 21 February 2018",
 * "Published September 02, 2025 | 07:49 PM", "2025-07-10", "11 जुलाई, 2025", "11 جولائی 2025").
 * Returns `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:00` when a clock time follows the date; relative
 * expressions ("5 sec ago", "on Monday") give null because the page's own time is unknown.
 */
export function findStatedDate(line: string): string | null {
  const text = line.replace(MONTH_RE, (m) => MONTHS[m] ?? m).replace(DIGITS, digitValue);
  const results = chrono.parse(text, new Date(0));
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (RELATIVE.test(r.text)) continue;
    const s = r.start;
    if (!(s.isCertain('year') && s.isCertain('month') && s.isCertain('day'))) continue;
    const day = `${s.get('year')}-${pad(s.get('month') ?? 1)}-${pad(s.get('day') ?? 1)}`;
    let hourSource = s.isCertain('hour') ? s : null;
    const next = results[i + 1];
    // "September 02, 2025 | 07:49 PM": a bare clock time right after the date belongs to it.
    if (
      !hourSource &&
      next &&
      !next.start.isCertain('day') &&
      next.start.isCertain('hour') &&
      next.index - (r.index + r.text.length) <= 4
    ) {
      hourSource = next.start;
    }
    if (!hourSource) return day;
    const time = `${day}T${pad(hourSource.get('hour') ?? 0)}:${pad(hourSource.get('minute') ?? 0)}:00`;
    if (!hourSource.isCertain('timezoneOffset')) return time;
    const off = hourSource.get('timezoneOffset') ?? 0;
    return `${time}${off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`}`;
  }
  return null;
}
