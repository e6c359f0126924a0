import { createHash } from 'node:crypto';

/** SHA-1 hex digest, as xAPI's `mbox_sha1sum` uses (of the full `mailto:` IRI). */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** SHA-256 hex digest. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
