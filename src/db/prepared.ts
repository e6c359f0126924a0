import type Database from 'better-sqlite3';
import type { Db } from './client.js';

const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * The better-sqlite3 connection behind a drizzle handle (undefined if drizzle ever stops keeping
 * it on its internal session). A transaction handle is a new object each time but runs on the
 * same connection.
 */
export function sqliteConnectionOf(db: Db): Database.Database | undefined {
  return (db as unknown as { session?: { client?: Database.Database } }).session?.client;
}

/**
 * Statements are cached per connection: one prepared inside a transaction stays valid (and fast)
 * outside it, and vice versa. Falls back to the handle itself.
 */
function connectionOf(db: Db): object {
  return sqliteConnectionOf(db) ?? db;
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
