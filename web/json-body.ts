// Refuses API changes whose body is not declared JSON, and reads a request body as JSON.
import type { Context, MiddlewareHandler } from 'hono';
import { isSafeMethod } from './cross-site.js';

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Refuses (415) a change whose body is not declared JSON (`application/json` or `…+json`), whoever sends it:
 * HTML forms can only send form and text types, so an API body is never a form submitted by another site.
 * A request without a body (DELETE, a replay) needs no content type.
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (isSafeMethod(c)) return next();
  const type = c.req.header('content-type');
  const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  if (type === undefined ? hasBody : !JSON_TYPE.test(type)) {
    const declared = type === undefined ? 'a body without content-type' : type.split(';')[0]!.trim();
    return c.json({ error: `request body must be JSON (content-type: application/json), not ${declared}` }, 415);
  }
  return next();
};

/** The request's body parsed as JSON, or why it is not JSON (`invalid JSON: …`, an empty body included). */
export async function readJson(c: Context): Promise<{ value: unknown } | { error: string }> {
  const text = await c.req.text();
  if (!text.trim()) return { error: 'invalid JSON: the body is empty' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
}
