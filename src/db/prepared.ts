import type { Db } from './client.js';

const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * The connection behind a drizzle handle. A transaction handle is a new object each time but
 * runs on the same better-sqlite3 connection, so statements are cached per connection: one
 * prepared inside a transaction stays valid (and fast) outside it, and vice versa.
 */
function connectionOf(db: Db): object {
  // drizzle keeps the driver connection on its (internal) session; fall back to the handle.
  return (db as unknown as { session?: { client?: object } }).session?.client ?? db;
}

/**
 * Returns the prepared statement built by `build` for this database connection, preparing it
 * once. Prepared drizzle queries are roughly ten times faster than ad-hoc ones on hot paths.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  const connection = connectionOf(db);
  let statements = cache.get(connection);
  if (!statements) {
    statements = new Map();
    cache.set(connection, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}
