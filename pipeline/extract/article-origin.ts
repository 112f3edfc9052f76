/** Where an article came from: the outlet that published it and the input it was read from. */

/** The outlet of an article, as clusters count them: its URL's host (without `www.`), else its source. */
export function outletOf(a: { url: string | null; source: string }): string {
  if (a.url && /^https?:\/\//i.test(a.url)) {
    try {
      return new URL(a.url).hostname.replace(/^www\./, '');
    } catch {
      // Not a URL after all: the source names the outlet.
    }
  }
  return a.source;
}

/**
 * The input an article was read from: its source without the record's position (`list.jsonl:12`,
 * `list.json#3`), so a record read again from another line of the same file is the same input.
 */
export function inputOf(source: string): string {
  return source.replace(/(?::|#)\d+$/, '');
}
