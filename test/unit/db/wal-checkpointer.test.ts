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
      expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      database.sqlite.exec('create table filler (x blob)');
      const before = statSync(path).size;
      const insert = database.sqlite.prepare('insert into filler values (randomblob(4096))');
      database.sqlite.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run();
      })();
      // The request connection no longer checkpoints: only the worker can grow the main file.
      expect(await waitFor(() => statSync(path).size > before + 1_000_000, 5000)).toBe(true);
      await checkpointer.stop();
      expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
