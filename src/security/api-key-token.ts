import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './hashes.js';

/** A freshly minted API key: `token` is shown once; only `prefix` and `secretHash` are stored. */
export interface MintedApiKey {
  token: string;
  prefix: string;
  secretHash: string;
}

const TOKEN_PATTERN = /^(crd_(?:live|usage)_[a-z0-9]{10})_([A-Za-z0-9_-]{32,64})$/;

/** SHA-256 of a key secret, hex encoded. */
export function hashSecret(secret: string): string {
  return sha256Hex(secret);
}

/**
 * Mints an API key `crd_<kind>_<id>_<secret>`. The `crd_<kind>_<id>` part is the visible prefix
 * used to find the key; the secret is 32 random bytes and is stored only as a SHA-256 hash.
 */
export function mintApiKey(kind: 'live' | 'usage'): MintedApiKey {
  const id = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  const prefix = `crd_${kind}_${id}`;
  return { token: `${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** Splits a presented token into prefix and secret, or undefined when it is not shaped like one. */
export function parseApiKey(token: string): { prefix: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  return { prefix: match[1]!, secret: match[2]! };
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
