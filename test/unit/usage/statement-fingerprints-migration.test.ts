import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { AppError } from '../../../src/errors.js';
import { ingestStatements } from '../../../src/usage/ingest-statements.js';
import { parseStatement, statementContentHash } from '../../../src/usage/xapi-statement.js';
import { statement } from '../../fixtures/xapi.js';
import { databaseBeforeMigration } from '../../helpers/database-before-migration.js';

/**
 * Migration 0013 shortens stored statement fingerprints from SHA-256 hex text to the first 16 bytes.
 * Statements received before it must still be recognised: a replay stays a duplicate and a reused
 * id with other content stays a conflict.
 */
const TENANT = 'tenant-1';
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

let dir: string;
let database: DatabaseHandle;
const before = statement({ timestamp: '2026-10-01T09:00:00Z' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-fingerprints-'));
  // The database as it was before 0013: migrations up to 0012, fingerprints stored as hex text.
  const { path, old } = databaseBeforeMigration(dir, 13);
  const parsed = parseStatement(before);
  if (!parsed.ok) throw new Error('fixture statement is not valid');
  old.prepare('INSERT INTO usage_statements (tenant_id, id_hash, content_hash) VALUES (?, ?, ?)').run(
    TENANT,
    sha256Hex(`id:${before.id}`),
    statementContentHash(parsed.statement),
  );
  old.close();
  database = openDatabase(path);
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const ingest = (statements: unknown[]) => ingestStatements(database, { tenantId: TENANT, sourceId: null, statements });

describe('statement fingerprints stored before migration 0013', () => {
  it('are kept as the first 16 bytes of each hash', () => {
    const rows = database.sqlite.prepare('SELECT id_hash, content_hash FROM usage_statements').all() as Array<{ id_hash: Buffer; content_hash: Buffer }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash.toString('hex')).toBe(sha256Hex(`id:${before.id}`).slice(0, 32));
    expect(rows[0]!.content_hash).toHaveLength(16);
  });

  it('still count a replay as a duplicate', async () => {
    expect(await ingest([before])).toMatchObject({ accepted: 0, duplicates: 1, unmatched: 0 });
  });

  it('still refuse the same id with other content (409)', async () => {
    const error: unknown = await ingest([{ ...before, timestamp: '2026-10-02T09:00:00Z' }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: 'statement_conflict' });
  });

  it('sit beside fingerprints stored after it', async () => {
    const after = statement({ timestamp: '2026-10-03T09:00:00Z' });
    expect(await ingest([after])).toMatchObject({ duplicates: 0, unmatched: 1 });
    expect(await ingest([after, before])).toMatchObject({ duplicates: 2 });
  });
});
