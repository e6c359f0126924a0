import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The secret in a learner's privacy link for one certificate: an HMAC of the number under the
 * master key, so it needs no storage, is the same in every webhook response, and cannot be
 * guessed from the public number.
 */
export function privacyToken(masterKey: Buffer, number: string): string {
  return createHmac('sha256', masterKey).update(`privacy-link:${number}`).digest('base64url').slice(0, 32);
}

/** Checks a presented privacy token in constant time. */
export function isPrivacyTokenValid(masterKey: Buffer, number: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(privacyToken(masterKey, number));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
