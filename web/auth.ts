// Sign-in for the web app: bearer token or basic auth, for changes and for private pages.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

export interface AuthOptions {
  /** Bearer token (API clients). */
  token?: string;
  /** Basic auth (browsers: the dashboard's forms and queue view). */
  basicAuth?: { username: string; password: string };
  /** Read-only pages and API reads open without sign-in. */
  publicPages: boolean;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Whether the request carries the bearer token or the basic-auth credentials of the config. */
export function isSignedIn(c: Context, auth: AuthOptions): boolean {
  const header = c.req.header('authorization') ?? '';
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (auth.token && scheme?.toLowerCase() === 'bearer') return same(value, auth.token);
  if (auth.basicAuth && scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return (
      colon > 0 &&
      same(decoded.slice(0, colon), auth.basicAuth.username) &&
      same(decoded.slice(colon + 1), auth.basicAuth.password)
    );
  }
  return false;
}

/** Asks for sign-in: a basic-auth challenge when browsers can answer one, else 401/403 JSON. */
function refuse(c: Context, auth: AuthOptions): Response {
  if (!auth.token && !auth.basicAuth)
    return c.json({ error: 'changes are disabled: set web.token (or STORYWATCH_TOKEN) or web.basicAuth' }, 403);
  if (auth.basicAuth) c.header('WWW-Authenticate', 'Basic realm="storywatch", charset="UTF-8"');
  else c.header('WWW-Authenticate', 'Bearer realm="storywatch"');
  return c.json({ error: 'sign-in needed' }, 401);
}

/** Guards changes (and everything non-public): bearer token or basic auth. */
export const requireSignIn =
  (auth: AuthOptions): MiddlewareHandler =>
  async (c, next) => {
    if (!isSignedIn(c, auth)) return refuse(c, auth);
    await next();
  };

/** Guards reads when the config makes pages private. */
export const requireReader =
  (auth: AuthOptions): MiddlewareHandler =>
  async (c, next) => {
    if (!auth.publicPages && !isSignedIn(c, auth)) return refuse(c, auth);
    await next();
  };
