import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/db/client.js';
import { startWalCheckpointer } from '../../../src/db/wal-checkpointer.js';

const waitFor = async (condition: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return condition();
};

describe('WAL checkpointer', () => {
  it('copies committed WAL pages into the database file from its own thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-wal-'));
    const path = join(dir, 'wal.db');
    const database = openDatabase(path);
    try {
      const checkpointer = startWalCheckpointer({ sqlite: database.sqlite, path, intervalMs: 100 });
      expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(8192);
      database.sqlite.exec('create table filler (x blob)');
      const before = statSync(path).size;
      const insert = database.sqlite.prepare('insert into filler values (randomblob(4096))');
      database.sqlite.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run();
      })();
      // 500 pages are below the request connection's top-up size: only the worker can grow the main file.
      expect(await waitFor(() => statSync(path).size > before + 1_000_000, 5000)).toBe(true);
      await checkpointer.stop();
      expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the WAL bounded under a steady stream of commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-wal-'));
    const path = join(dir, 'wal.db');
    const database = openDatabase(path);
    const checkpointer = startWalCheckpointer({ sqlite: database.sqlite, path, intervalMs: 20, topUpFrames: 256 });
    try {
      database.sqlite.exec('create table filler (x blob)');
      const insert = database.sqlite.prepare('insert into filler values (randomblob(4096))');
      let largestWal = 0;
      // 40 MB in 400 back-to-back commits: the worker's checkpoints can never finish between them,
      // so only the request connection's top-up lets SQLite rewind the WAL (without it the WAL
      // ends above 40 MB). A top-up that meets the worker mid-pass is skipped until the worker
      // steps aside, so the bound is a few top-up sizes, not one.
      for (let commit = 0; commit < 400; commit++) {
        database.sqlite.transaction(() => {
          for (let i = 0; i < 25; i++) insert.run();
        })();
        largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
      }
      expect(largestWal).toBeLessThan(12_000_000);
      expect(statSync(path).size).toBeGreaterThan(40_000_000);
    } finally {
      await checkpointer.stop();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
