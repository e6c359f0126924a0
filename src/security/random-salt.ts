/**
 * Random salts for hashed identities (one per issued credential). Each `randomBytes(16)` call is
 * a trip into OpenSSL that cost 5–25 µs on the issuance path; like `crypto.randomUUID`'s own
 * cache, salts are cut from a pooled buffer filled by the CSPRNG, each byte used once.
 */
import { randomFillSync } from 'node:crypto';

const SALT_BYTES = 16;
const POOL_BYTES = SALT_BYTES * 256;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** 16 fresh random bytes as 32 hex characters. */
export function randomSaltHex(): string {
  if (offset === POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const salt = pool.toString('hex', offset, offset + SALT_BYTES);
  offset += SALT_BYTES;
  return salt;
}
