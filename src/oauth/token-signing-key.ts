/**
 * The Ed25519 key that signs OAuth access tokens. It belongs to the service, never to a tenant:
 * generated on first need, stored in `server_keys` with the private JWK encrypted under the
 * master key, and cached per database handle.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { Db } from '../db/client.js';
import { findActiveServerKey, findServerKey, insertServerKey, listServerKeys, type ServerKeyRecord } from '../db/server-keys-repository.js';
import { decryptSecret, encryptSecret } from '../credentials/secret-box.js';
import { inWriteTransaction } from '../db/write-transaction.js';

/** The `server_keys.purpose` of access-token signing keys. */
export const TOKEN_KEY_PURPOSE = 'oauth-token';

/** The private key new access tokens are signed with. */
export interface TokenSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** A public key that verifies access tokens, and when (if ever) it stopped signing. */
export interface TokenVerificationKey {
  kid: string;
  publicKey: KeyObject;
  retiredAt: string | null;
}

const signingKeys = new WeakMap<Db, TokenSigningKey>();
const verificationKeys = new WeakMap<Db, Map<string, TokenVerificationKey>>();

/** RFC 7638 thumbprint of an Ed25519 public JWK: a stable, collision-free key id. */
function thumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}

function generateKeyRecord(masterKey: Buffer, createdAt: string): ServerKeyRecord {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateJwk = privateKey.export({ format: 'jwk' });
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x };
  return {
    kid: thumbprint(String(privateJwk.x)),
    purpose: TOKEN_KEY_PURPOSE,
    publicJwk: JSON.stringify(publicJwk),
    privateJwkEnc: encryptSecret(masterKey, JSON.stringify(privateJwk)),
    createdAt,
    retiredAt: null,
  };
}

/**
 * Loads the active token-signing key, creating it on first need. The check and the insert run in
 * one IMMEDIATE transaction, so two processes racing on a new database still agree on one key.
 */
export function loadOrCreateTokenSigningKey(deps: { db: Db; masterKey: Buffer; now: () => Date }): TokenSigningKey {
  const cached = signingKeys.get(deps.db);
  if (cached) return cached;
  const record = inWriteTransaction(deps.db, (tx) => {
    const existing = findActiveServerKey(tx, TOKEN_KEY_PURPOSE);
    if (existing) return existing;
    const created = generateKeyRecord(deps.masterKey, deps.now().toISOString());
    insertServerKey(tx, created);
    return created;
  });
  const key = { kid: record.kid, privateKey: createPrivateKey({ key: JSON.parse(decryptSecret(deps.masterKey, record.privateJwkEnc)), format: 'jwk' }) };
  signingKeys.set(deps.db, key);
  return key;
}

/** The public JWK of a stored key, with the members a JWKS consumer needs. */
function publicJwkOf(record: ServerKeyRecord): JWK {
  const { kty, crv, x } = JSON.parse(record.publicJwk) as JWK;
  return { kty, crv, x, kid: record.kid, alg: 'EdDSA', use: 'sig' };
}

/** The JWK Set of every token key (retired keys still verify the tokens they signed). */
export function tokenKeySet(db: Db): { keys: JWK[] } {
  return { keys: listServerKeys(db, TOKEN_KEY_PURPOSE).map(publicJwkOf) };
}

/**
 * The public key with id `kid`, or undefined when this server has no such token key. Found keys
 * are cached per database handle; a miss asks the database again, since another process may
 * have just created the key.
 */
export function findTokenVerificationKey(db: Db, kid: string): TokenVerificationKey | undefined {
  let keys = verificationKeys.get(db);
  if (!keys) verificationKeys.set(db, (keys = new Map()));
  const cached = keys.get(kid);
  if (cached) return cached;
  const record = findServerKey(db, { purpose: TOKEN_KEY_PURPOSE, kid });
  if (!record) return undefined;
  const { kty, crv, x } = JSON.parse(record.publicJwk) as JWK;
  const key = { kid, publicKey: createPublicKey({ key: { kty, crv, x }, format: 'jwk' }), retiredAt: record.retiredAt };
  keys.set(kid, key);
  return key;
}
