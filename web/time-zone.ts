// Remembers the reader's time zone in a cookie and renders each request's pages in it.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEFAULT_ZONE, inZone, validZone } from './time-format.js';

/** The cookie that remembers the reader's zone, so pages are rendered in it on the server. */
export const ZONE_COOKIE = 'sw_zone';

/** The reader's zone: the one their cookie names when it is a zone, else UTC. */
export const readerZone = (c: Context): string => validZone(getCookie(c, ZONE_COOKIE)) ?? DEFAULT_ZONE;

/** Renders the request's pages in the reader's zone. */
export const withReaderZone: MiddlewareHandler = (c, next) => inZone(readerZone(c), next);

/**
 * `POST /settings/zone` (`zone`, `next`): remembers the zone for a year (an empty one goes back to UTC) and
 * returns to the page it was chosen on; a name that is no zone is a 400 naming it.
 */
export function zoneSetting(app: Hono): void {
  app.post(
    '/settings/zone',
    bodyLimit({ maxSize: 4096, onError: (c) => c.text('form over 4 KiB', 413) }),
    async (c) => {
      const body = await c.req.parseBody();
      const asked = String(body.zone ?? '').trim();
      const next = String(body.next ?? '/');
      const back = next.startsWith('/') && !next.startsWith('//') ? next : '/';
      if (!asked) deleteCookie(c, ZONE_COOKIE, { path: '/' });
      else {
        const zone = validZone(asked);
        if (!zone) return c.text(`zone: "${asked}" is not a time zone (an IANA name such as Asia/Kolkata)`, 400);
        setCookie(c, ZONE_COOKIE, zone, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax', httpOnly: true });
      }
      return c.redirect(back, 303);
    },
  );
}
