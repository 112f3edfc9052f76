import type { Context } from 'hono';

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
