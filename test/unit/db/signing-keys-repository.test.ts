import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { listRecentSigningKeys, listSigningKeys } from '../../../src/db/signing-keys-repository.js';
import { provisionTenant } from '../../../src/tenants/provision-tenant.js';
import { rotateSigningKey } from '../../../src/tenants/signing-key-service.js';

/** The verify path's one-second list of a tenant's signing keys. */
let dir: string;
let database: DatabaseHandle;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-signing-keys-'));
  database = openDatabase(join(dir, 'credence.db'));
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('listRecentSigningKeys', () => {
  it('lists the same keys as the table, sees a rotation by this process at once, and cannot be changed by a caller', async () => {
    const deps = { db: database.db, masterKey: randomBytes(32), now: () => new Date('2026-12-03T10:00:00Z') };
    const { tenant } = await provisionTenant(deps, { slug: 'acme', name: 'Acme' });
    const before = listRecentSigningKeys(database.db, tenant.id);
    expect(before).toEqual(listSigningKeys(database.db, tenant.id));
    expect(before).toHaveLength(1);
    expect(Object.isFrozen(before)).toBe(true);

    const rotated = await rotateSigningKey(deps, 'acme');
    const after = listRecentSigningKeys(database.db, tenant.id);
    expect(after.map((key) => key.publicKeyMultibase)).toContain(rotated.publicKeyMultibase);
    expect(after).toHaveLength(2);
  });
});
