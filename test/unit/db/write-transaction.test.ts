import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { inWriteTransaction } from '../../../src/db/write-transaction.js';

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Another process (as the CLI would be) takes the write lock and inserts a row. It commits when
 * told to (`commit()`) or, given `commitAfterMs`, by itself after that long. Resolves once it
 * holds the lock.
 */
function anotherProcessWrites(path: string, options: { commitAfterMs?: number } = {}): Promise<{ commit(): void; exited: Promise<number | null> }> {
  const script = `
    const Database = require(${JSON.stringify(driverPath)});
    const db = new Database(${JSON.stringify(path)});
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare('INSERT INTO counter (n) VALUES (1)').run();
    const commit = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
    process.stdin.once('data', commit);
    ${options.commitAfterMs === undefined ? '' : `setTimeout(commit, ${options.commitAfterMs});`}
    process.stdout.write('locked\\n');
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ commit: () => child.stdin.end('commit\n'), exited });
    });
    child.on('error', reject);
  });
}

describe('inWriteTransaction', () => {
  let dir: string;
  let database: DatabaseHandle;
  const rowCount = () => database.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM counter`)!.n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-write-tx-'));
    database = openDatabase(join(dir, 'credence.db'));
    database.sqlite.exec('CREATE TABLE counter (n INTEGER NOT NULL)');
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for another connection to commit, then reads and writes on its data', async () => {
    const other = await anotherProcessWrites(join(dir, 'credence.db'), { commitAfterMs: 300 });
    const seen = inWriteTransaction(database.db, (tx) => {
      const before = tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM counter`)!.n;
      tx.run(sql`INSERT INTO counter (n) VALUES (2)`);
      return before;
    });
    expect(seen).toBe(1);
    expect(rowCount()).toBe(2);
    expect(await other.exited).toBe(0);
  });

  it('is needed: a deferred transaction that has read fails its first write while another connection writes', async () => {
    const other = await anotherProcessWrites(join(dir, 'credence.db'));
    expect(() =>
      database.db.transaction((tx) => {
        tx.get(sql`SELECT count(*) AS n FROM counter`);
        tx.run(sql`INSERT INTO counter (n) VALUES (2)`);
      }),
    ).toThrow(expect.objectContaining({ cause: expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }) }));
    other.commit();
    expect(await other.exited).toBe(0);
    expect(rowCount()).toBe(1);
  });

  it('becomes a savepoint inside an open transaction: rolling it back keeps the outer writes', () => {
    inWriteTransaction(database.db, (outer) => {
      outer.run(sql`INSERT INTO counter (n) VALUES (1)`);
      expect(() =>
        inWriteTransaction(outer, (inner) => {
          inner.run(sql`INSERT INTO counter (n) VALUES (2)`);
          throw new Error('inner unit fails');
        }),
      ).toThrow('inner unit fails');
    });
    expect(rowCount()).toBe(1);
  });
});
