import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectPath } from '../../src/paths.js';

/**
 * Creates the SQLite file `<dir>/credence.db` as it was before migration `index` (migrations
 * 0000 to index − 1 applied, from a copy of `drizzle/` in `dir`) and returns it open; close it,
 * then open it with openDatabase to apply the rest. Returns the file's path with it.
 */
export function databaseBeforeMigration(dir: string, index: number): { path: string; old: Database.Database } {
  const path = join(dir, 'credence.db');
  const migrations = join(dir, 'drizzle');
  cpSync(projectPath('drizzle'), migrations, { recursive: true });
  const journalPath = join(migrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((entry) => entry.idx < index);
  writeFileSync(journalPath, JSON.stringify(journal));
  const old = new Database(path);
  migrate(drizzle(old), { migrationsFolder: migrations });
  return { path, old };
}
