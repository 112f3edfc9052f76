// Shows times in the reader's time zone: formatting, `<time>` elements and an article's time.
import { AsyncLocalStorage } from 'node:async_hooks';
import { html } from 'hono/html';
import { LRUCache } from 'lru-cache';
import type { HtmlEscapedString } from 'hono/utils/html';
import { instantOf } from '../pipeline/extract/article-time.js';

/** The zone times are shown in when the reader has chosen none. */
export const DEFAULT_ZONE = 'UTC';

/** Zones the header offers besides the browser's own (any IANA zone is accepted). */
export const COMMON_ZONES = [
  'UTC',
  'Asia/Kolkata',
  'Asia/Karachi',
  'Asia/Dhaka',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
];

const zoneOfRequest = new AsyncLocalStorage<string>();
const formats = new Map<string, Intl.DateTimeFormat>();
// Intl's formatToParts costs tens of microseconds; a page shows hundreds of times, mostly the same on every load.
const shown = new LRUCache<string, string>({ max: 20_000 });

/** The name when Intl knows it as a time zone, else undefined; kept as given (Intl says Asia/Calcutta for Asia/Kolkata). */
export function validZone(name: string | undefined): string | undefined {
  if (!name || name.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

/** Runs `fn` with `zone` as the zone every time it renders is shown in (one request's rendering). */
export const inZone = <T>(zone: string, fn: () => T): T => zoneOfRequest.run(zone, fn);

/** The zone of the request being rendered; UTC outside one. */
export const currentZone = (): string => zoneOfRequest.getStore() ?? DEFAULT_ZONE;

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/**
 * "2020-01-03 17:33 GMT+5:30": an ISO time in `zone`, with the zone's short name; a date alone stays a date
 * (it names no hour to convert); text that is no time is returned as it is.
 */
export function formatTime(iso: string, zone = currentZone()): string {
  if (/^\d{4}-\d{2}-\d{2}$/u.test(iso.trim())) return iso.trim();
  const t = instantOf(iso);
  if (Number.isNaN(t)) return iso;
  const key = `${zone} ${t}`;
  let text = shown.get(key);
  if (text === undefined) {
    const p = Object.fromEntries(
      format(zone)
        .formatToParts(t)
        .map((x) => [x.type, x.value]),
    );
    text = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
    shown.set(key, text);
  }
  return text;
}

/** A `<time>` element: the machine-readable instant (UTC) and the time as the reader's zone shows it. */
export function timeTag(iso: string | null | undefined, zone = currentZone()): HtmlEscapedString | string {
  if (!iso) return '';
  const t = instantOf(iso);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/u.test(iso.trim());
  const machine = dateOnly || Number.isNaN(t) ? iso.trim() : new Date(t).toISOString();
  const title = dateOnly ? html` title="date only"` : '';
  return html`<time datetime="${machine}"${title}>${formatTime(iso, zone)}</time>` as HtmlEscapedString;
}

/**
 * When an article (or copy) happened: its publication time; without one, "undated · received …" with its
 * arrival, so an undated report is never taken for one published when it came in.
 */
export function articleTime(
  a: { publishedAt: string | null; ingestedAt: string },
  zone = currentZone(),
): HtmlEscapedString {
  if (a.publishedAt) return html`<span class="published">${timeTag(a.publishedAt, zone)}</span>` as HtmlEscapedString;
  return html`<span class="undated">undated · received ${timeTag(a.ingestedAt, zone)}</span>` as HtmlEscapedString;
}
