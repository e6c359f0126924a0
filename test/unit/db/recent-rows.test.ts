import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { RecentRows } from '../../../src/db/recent-rows.js';

describe('RecentRows', () => {
  let dir: string;
  let database: DatabaseHandle;
  let other: DatabaseHandle;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-recent-'));
    database = openDatabase(join(dir, 'rows.db'));
    database.sqlite.exec("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT); INSERT INTO notes VALUES ('a', 'first')");
    // A second connection plays another process (the admin CLI).
    other = openDatabase(join(dir, 'rows.db'));
  });
  afterAll(() => {
    other.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads note `id` from the primary connection, counting the reads. */
  function reader() {
    let reads = 0;
    const read = (id: string) => () => {
      reads++;
      return (database.sqlite.prepare('SELECT body FROM notes WHERE id = ?').get(id) as { body: string } | undefined)?.body;
    };
    return { read, reads: () => reads };
  }

  it('answers from memory within the time to live, and reads again after it', async () => {
    const rows = new RecentRows<string>({ ttlMs: 300 });
    const { read, reads } = reader();
    expect(rows.get(database.db, 'a', read('a'))).toBe('first');
    other.sqlite.prepare("UPDATE notes SET body = 'changed elsewhere' WHERE id = 'a'").run();
    expect(rows.get(database.db, 'a', read('a'))).toBe('first');
    expect(reads()).toBe(1);
    await delay(350);
    expect(rows.get(database.db, 'a', read('a'))).toBe('changed elsewhere');
    expect(reads()).toBe(2);
  });

  it('forgets everything at once when invalidated (a write by this process)', () => {
    const rows = new RecentRows<string>();
    const { read, reads } = reader();
    rows.get(database.db, 'a', read('a'));
    database.sqlite.prepare("UPDATE notes SET body = 'changed here' WHERE id = 'a'").run();
    rows.invalidate();
    expect(rows.get(database.db, 'a', read('a'))).toBe('changed here');
    expect(reads()).toBe(2);
  });

  it('does not remember missing rows, nor rows read inside a transaction', () => {
    const rows = new RecentRows<string>();
    const { read, reads } = reader();
    expect(rows.get(database.db, 'missing', read('missing'))).toBeUndefined();
    database.sqlite.prepare("INSERT INTO notes VALUES ('missing', 'now here')").run();
    expect(rows.get(database.db, 'missing', read('missing'))).toBe('now here');
    expect(() =>
      database.db.transaction((tx) => {
        database.sqlite.prepare("INSERT INTO notes VALUES ('rolled-back', 'never committed')").run();
        expect(rows.get(tx, 'rolled-back', read('rolled-back'))).toBe('never committed');
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(rows.get(database.db, 'rolled-back', read('rolled-back'))).toBeUndefined();
    expect(reads()).toBe(4);
  });
});
