// A bounded cache of compiled SQLite statements by SQL text.
import type Database from 'better-sqlite3';

/**
 * Compiled statements by SQL text: compiling costs more than running most of the store's statements.
 * Bounded, since a few statements carry a variable number of placeholders.
 */
export function statementCache(db: Database.Database, limit = 256): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= limit) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
