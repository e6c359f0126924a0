import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature timestamp may be from now, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Why a `Credence-Signature` header was refused. */
export type SignatureFailure = 'malformed' | 'expired' | 'mismatch';

/** Computes the `v1` HMAC-SHA256 hex signature of `t.rawBody`. */
export function computeWebhookSignature(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Builds a `Credence-Signature` header value (used by the demo, docs and tests). */
export function signWebhook(secret: string, rawBody: Buffer | string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${computeWebhookSignature(secret, t, rawBody)}`;
}

/**
 * Checks a `Credence-Signature: t=<unix seconds>,v1=<hex>` header against the raw body: the
 * timestamp must be within the tolerance window and one `v1` value must match in constant time.
 */
export function verifyWebhookSignature(options: {
  header: string;
  secret: string;
  rawBody: Buffer;
  now: Date;
  toleranceSeconds?: number;
}): { ok: true } | { ok: false; reason: SignatureFailure } {
  const parts = options.header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = Number(t);
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(options.now.getTime() / 1000 - timestamp) > tolerance) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(computeWebhookSignature(options.secret, timestamp, options.rawBody), 'hex');
  const matches = signatures.some((sig) => {
    const presented = Buffer.from(sig, 'hex');
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}
