// Reads a JSON Lines file whose every line must match a schema; errors name the file and line.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads a JSON Lines file whose every line must match `schema`; blank lines are skipped. Errors name the
 * file and line: invalid JSON, or each field the schema refuses. `line` is the 1-based line of a record.
 */
export function readJsonLines<S extends z.ZodType>(
  file: string,
  schema: S,
): Array<{ line: number; record: z.infer<S> }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      if (!text.trim()) return [];
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: invalid JSON: ${(err as Error).message}`, { cause: err });
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success)
        throw new Error(
          `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ')}`,
        );
      return [{ line: i + 1, record: parsed.data as z.infer<S> }];
    });
}
