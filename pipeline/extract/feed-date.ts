// Reads feed dates as ISO 8601, repairing malformed ones that read only one way.

// Date elements of RSS 2.0 (pubDate), RSS 1.0 (dc:date) and Atom (published, updated), without attributes.
const DATE_ELEMENTS = /<(pubDate|dc:date|published|updated)>([^<]*)<\/\1>/gu;
// "31 Mar 202510:50:41": the space between year and clock time lost. Read only one way: years have 4 digits.
const YEAR_AGAINST_TIME = /\b(\d{1,2}\s+\p{L}{3,9}\.?,?\s+\d{4})(\d{1,2}:\d{2})/u;

/**
 * A feed's date string as ISO 8601 (UTC), or null when it cannot be read. RFC 822 and ISO 8601 dates are
 * read as they are; a date that is malformed but reads only one way is repaired first (a real feed writes
 * `Mon, 31 Mar 202510:50:41 +0530`, which is 2025-03-31T05:20:41Z).
 */
export function feedDate(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  for (const candidate of [text, text.replace(YEAR_AGAINST_TIME, '$1 $2')]) {
    const t = Date.parse(candidate);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return null;
}

/**
 * The feed with its entries' dates rewritten as ISO 8601 where they were malformed but readable, and emptied
 * where they are unreadable: rss-parser drops an RSS date it cannot read, but fails a whole Atom document on one.
 */
export function repairFeedDates(xml: string): string {
  return xml.replace(DATE_ELEMENTS, (whole, name: string, value: string) => {
    if (!value.trim() || !Number.isNaN(Date.parse(value.trim()))) return whole;
    return `<${name}>${feedDate(value) ?? ''}</${name}>`;
  });
}
