// Refuses changes a browser could send on its own from another site's page.
import type { Context, MiddlewareHandler } from 'hono';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request's method only reads (GET, HEAD, OPTIONS). */
export const isSafeMethod = (c: Context): boolean => SAFE_METHODS.has(c.req.method);

/** The origin (scheme://host[:port]) the browser used to reach this server, as a proxy in front reports it. */
export function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  // A page cannot make a browser send X-Forwarded-* to another site without a CORS preflight, which this
  // server never grants: trusting them cannot let a cross-site request through.
  const first = (name: string) => c.req.header(name)?.split(',')[0]?.trim() || undefined;
  const scheme = first('x-forwarded-proto') ?? url.protocol.slice(0, -1);
  const host = first('x-forwarded-host') ?? url.host;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

/**
 * Refuses (403) a change a browser could send on its own from another site's page: any request but
 * GET/HEAD/OPTIONS must come with a same-origin `Origin`, or without one, a `Sec-Fetch-Site` that is not
 * `cross-site` or `same-site`. Browsers replay basic-auth credentials to any page's request; they never add
 * a bearer token by themselves, so bearer requests are not checked. Clients that are not browsers (curl)
 * send neither header and pass.
 */
export const refuseCrossSite: MiddlewareHandler = async (c, next) => {
  if (isSafeMethod(c) || /^bearer\s/i.test(c.req.header('authorization') ?? '')) return next();
  const what = `${c.req.method} ${c.req.path}`;
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (origin !== undefined && origin !== ownOrigin(c)) {
    return c.json({ error: `cross-site request refused: ${what} from origin ${origin}, not ${ownOrigin(c)}` }, 403);
  }
  if (origin === undefined && (site === 'cross-site' || site === 'same-site')) {
    return c.json(
      { error: `cross-site request refused: ${what} sent from another site (Sec-Fetch-Site: ${site})` },
      403,
    );
  }
  return next();
};
