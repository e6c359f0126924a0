import { hkdfSync } from 'node:crypto';

/**
 * A 32-byte key for one purpose, derived from the master key with HKDF-SHA-256 (no salt: the
 * master key is already uniformly random). `info` names the purpose, e.g.
 * `credence/dashboard-session/v1`; different names give independent keys. Derived keys are
 * never stored: the same master key and name always give the same key.
 */
export function deriveKey(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
}
