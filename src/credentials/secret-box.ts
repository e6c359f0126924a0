/**
 * Encrypts secrets at rest (issuer secret keys) with AES-256-GCM under a 32-byte master key.
 * Boxed form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BoundedCache } from '../verification/bounded-cache.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function assertMasterKey(masterKey: Buffer): void {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32) throw new TypeError('master key must be a 32-byte Buffer');
}

/**
 * Parses a master key given as 64 hex characters or as base64 / base64url of 32 bytes.
 * @throws TypeError for anything else (the message never echoes the key).
 */
export function parseMasterKey(text: string): Buffer {
  if (typeof text !== 'string') throw new TypeError('master key must be a string');
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  throw new TypeError('master key must be 64 hex characters or base64 of 32 bytes');
}

/** Encrypts `plaintext` (UTF-8) with a fresh random IV; returns the boxed string. */
export function encryptSecret(masterKey: Buffer, plaintext: string): string {
  assertMasterKey(masterKey);
  if (typeof plaintext !== 'string') throw new TypeError('plaintext must be a string');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  // The version is authenticated too, so a box cannot be replayed under another format.
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/**
 * Decrypts a boxed string made by {@link encryptSecret}.
 * @throws Error when the box is malformed, was tampered with, or the key is wrong.
 */
export function decryptSecret(masterKey: Buffer, boxed: string): string {
  assertMasterKey(masterKey);
  const parts = typeof boxed === 'string' ? boxed.split('.') : [];
  const [version, ivText, tagText, ciphertextText] = parts;
  if (parts.length !== 4 || version !== VERSION || ivText === undefined || tagText === undefined || ciphertextText === undefined) {
    throw new Error('secret box: unsupported or malformed format');
  }
  if (![ivText, tagText, ciphertextText].every((p) => BASE64URL.test(p))) throw new Error('secret box: malformed encoding');
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('secret box: malformed iv or tag');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new Error('secret box: authentication failed (tampered data or wrong key)', { cause });
  }
}

/** Secrets already opened, per master key (a box decrypts only under the key that sealed it). */
const openedSecrets = new WeakMap<Buffer, BoundedCache<string>>();

/**
 * {@link decryptSecret}, remembered per master key and box, for secrets used on every request of
 * a kind (a tenant's webhook secret, its signing key): the process holds them in memory while it
 * uses them anyway, and an AES-GCM decryption per request cost more than the lookup around it.
 * A box never changes (a new secret is a new box), so a remembered value is never stale.
 * @throws Error as decryptSecret does, for a box that does not open under this master key.
 */
export function decryptSecretRemembered(masterKey: Buffer, boxed: string): string {
  let opened = openedSecrets.get(masterKey);
  if (!opened) openedSecrets.set(masterKey, (opened = new BoundedCache(1000)));
  let secret = opened.get(boxed);
  if (secret === undefined) {
    secret = decryptSecret(masterKey, boxed);
    opened.set(boxed, secret);
  }
  return secret;
}
