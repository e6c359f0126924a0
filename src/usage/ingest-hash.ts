import * as crypto from 'node:crypto';

/**
 * SHA-256 hex digest of a string, for the hashes ingest computes per statement (content and id).
 * The one-shot `crypto.hash` (Node 20.12 and later) takes about half the time of a `createHash`
 * object for inputs this short; on older Node 20 releases, which package.json still allows, the
 * same digest comes from `createHash`.
 */
export const ingestSha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');
