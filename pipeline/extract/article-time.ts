// Reads article times: ISO 8601 to milliseconds (UTC when no offset is given) and the UTC day.

/** Milliseconds since the epoch of an ISO 8601 time; one without an offset is read as UTC. NaN if unreadable. */
export function instantOf(iso: string): number {
  const s = iso.trim();
  // Date.parse reads a date-time without an offset as the server's local time: the store means UTC.
  const local = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/u.test(s);
  return Date.parse(local ? `${s}Z` : s);
}

/** The UTC day (YYYY-MM-DD) an article was published on, or null when it is undated or the date unreadable. */
export function utcDay(publishedAt: string | null | undefined): string | null {
  if (!publishedAt) return null;
  const t = instantOf(publishedAt);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}
