import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/db/client.js';

describe('openDatabase', () => {
  it('opens a SQLite file in WAL mode with a busy timeout, foreign keys, NORMAL sync, an 8 MB page cache and in-memory savepoint journals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-client-'));
    const database = openDatabase(join(dir, 'nested', 'credence.db'));
    try {
      const pragma = (name: string) => database.sqlite.pragma(name, { simple: true });
      expect(pragma('journal_mode')).toBe('wal');
      expect(pragma('busy_timeout')).toBe(5000);
      expect(pragma('foreign_keys')).toBe(1);
      expect(pragma('synchronous')).toBe(1);
      expect(pragma('cache_size')).toBe(-8000);
      expect(pragma('temp_store')).toBe(2); // MEMORY
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
