import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { listServerKeys } from '../../../src/db/server-keys-repository.js';
import {
  findTokenVerificationKey, loadOrCreateTokenSigningKey, tokenKeySet, TOKEN_KEY_PURPOSE,
} from '../../../src/oauth/token-signing-key.js';

const masterKey = Buffer.alloc(32, 9);
const now = () => new Date('2026-11-02T10:00:00Z');
let dir: string;
let first: DatabaseHandle;
let second: DatabaseHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-server-key-'));
  first = openDatabase(join(dir, 'keys.db'));
  // A second connection to the same file stands for a restart or another server process.
  second = openDatabase(join(dir, 'keys.db'));
});
afterEach(() => {
  first.close();
  second.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the OAuth token-signing key', () => {
  it('is created once on first need and shared by every connection to the database', () => {
    expect(listServerKeys(first.db, TOKEN_KEY_PURPOSE)).toEqual([]);
    const a = loadOrCreateTokenSigningKey({ db: first.db, masterKey, now });
    const b = loadOrCreateTokenSigningKey({ db: second.db, masterKey, now });
    expect(b.kid).toBe(a.kid);
    expect(b.privateKey.export({ format: 'jwk' })).toEqual(a.privateKey.export({ format: 'jwk' }));
    expect(listServerKeys(first.db, TOKEN_KEY_PURPOSE)).toHaveLength(1);
  });

  it('stores the private key only encrypted, and names the key by its RFC 7638 thumbprint', async () => {
    const key = loadOrCreateTokenSigningKey({ db: first.db, masterKey, now });
    const [row] = listServerKeys(first.db, TOKEN_KEY_PURPOSE);
    const { d, x } = key.privateKey.export({ format: 'jwk' });
    expect(row!.privateJwkEnc).toMatch(/^v1\./);
    expect(row!.privateJwkEnc).not.toContain(d);
    expect(JSON.parse(row!.publicJwk)).toEqual({ kty: 'OKP', crv: 'Ed25519', x });
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }));
    expect(row!.createdAt).toBe('2026-11-02T10:00:00.000Z');
  });

  it('cannot be loaded with another master key', () => {
    loadOrCreateTokenSigningKey({ db: first.db, masterKey, now });
    expect(() => loadOrCreateTokenSigningKey({ db: second.db, masterKey: Buffer.alloc(32, 1), now })).toThrow(/secret box/);
  });

  it('publishes only public members in the JWK Set', () => {
    const key = loadOrCreateTokenSigningKey({ db: first.db, masterKey, now });
    expect(tokenKeySet(second.db)).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: key.kid, alg: 'EdDSA', use: 'sig' }] });
  });

  it('finds a verification key created by another connection after a miss', () => {
    expect(findTokenVerificationKey(first.db, 'not-yet')).toBeUndefined();
    const key = loadOrCreateTokenSigningKey({ db: second.db, masterKey, now });
    const found = findTokenVerificationKey(first.db, key.kid);
    expect(found).toMatchObject({ kid: key.kid, retiredAt: null });
    expect(found!.publicKey.export({ format: 'jwk' }).x).toBe(key.privateKey.export({ format: 'jwk' }).x);
  });
});
