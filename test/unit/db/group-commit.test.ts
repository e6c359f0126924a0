import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { inGroupCommit } from '../../../src/db/group-commit.js';

let dir: string;
let path: string;
let database: DatabaseHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-group-commit-'));
  path = join(dir, 'group.db');
  database = openDatabase(path);
  database.sqlite.exec('create table notes (id integer primary key, text text not null unique)');
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const insertNote = (text: string) => (tx: typeof database.db) => tx.run(sql`insert into notes (text) values (${text})`).changes;
const storedNotes = () => (database.sqlite.prepare('select text from notes order by id').all() as Array<{ text: string }>).map((r) => r.text);

describe('inGroupCommit', () => {
  it('stores the units submitted in one turn in a single transaction, each with its own result', async () => {
    const transactions = jest.spyOn(database.db, 'transaction');
    const results = await Promise.all(['a', 'b', 'c'].map((text) => inGroupCommit(database.db, insertNote(text))));
    expect(results).toEqual([1, 1, 1]);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(storedNotes()).toEqual(['a', 'b', 'c']);
  });

  it('rolls back and rejects only the unit that failed', async () => {
    const outcomes = await Promise.allSettled([
      inGroupCommit(database.db, insertNote('first')),
      inGroupCommit(database.db, (tx) => {
        insertNote('half-written')(tx);
        return insertNote('first')(tx); // violates the unique index
      }),
      inGroupCommit(database.db, insertNote('third')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { reason } = outcomes[1] as PromiseRejectedResult;
    expect(String((reason as Error).cause)).toMatch(/UNIQUE constraint failed/);
    expect(storedNotes()).toEqual(['first', 'third']);
  });

  it('runs each unit once when none fails, and again beside a failing one with nothing of the first try kept', async () => {
    const runs: string[] = [];
    const counted = (text: string) => (tx: typeof database.db) => {
      runs.push(text);
      return insertNote(text)(tx);
    };
    await Promise.all(['x', 'y'].map((text) => inGroupCommit(database.db, counted(text))));
    expect(runs).toEqual(['x', 'y']);
    runs.length = 0;
    const outcomes = await Promise.allSettled([inGroupCommit(database.db, counted('z')), inGroupCommit(database.db, counted('x'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(runs).toEqual(['z', 'x', 'z', 'x']);
    expect(storedNotes()).toEqual(['x', 'y', 'z']);
  });

  it('rejects a lone failing unit and stores nothing of it', async () => {
    await expect(
      inGroupCommit(database.db, (tx) => {
        insertNote('half-written')(tx);
        throw new Error('unit failed');
      }),
    ).rejects.toThrow('unit failed');
    expect(storedNotes()).toEqual([]);
  });

  it('resolves only after the commit: another connection already sees the rows', async () => {
    const other = new Database(path, { readonly: true });
    try {
      const seen = await inGroupCommit(database.db, insertNote('durable')).then(
        () => (other.prepare('select count(*) as n from notes').get() as { n: number }).n,
      );
      expect(seen).toBe(1);
    } finally {
      other.close();
    }
  });

  it('gives units of later turns their own transactions', async () => {
    const transactions = jest.spyOn(database.db, 'transaction');
    await inGroupCommit(database.db, insertNote('one'));
    await inGroupCommit(database.db, insertNote('two'));
    expect(transactions).toHaveBeenCalledTimes(2);
    expect(storedNotes()).toEqual(['one', 'two']);
  });
});
