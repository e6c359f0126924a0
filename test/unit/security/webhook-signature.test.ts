import { computeWebhookSignature, signWebhook, verifyWebhookSignature } from '../../../src/security/webhook-signature.js';

const secret = 'whsec_test';
const body = Buffer.from('{"courseId":"py-101"}');
const now = new Date('2026-11-02T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('webhook signatures', () => {
  it('accepts its own signature', () => {
    expect(verifyWebhookSignature({ header: signWebhook(secret, body, now), secret, rawBody: body, now })).toEqual({ ok: true });
  });

  it('accepts when any of several v1 values matches (secret rotation)', () => {
    const header = `t=${t},v1=${'0'.repeat(64)},v1=${computeWebhookSignature(secret, t, body)}`;
    expect(verifyWebhookSignature({ header, secret, rawBody: body, now }).ok).toBe(true);
  });

  it.each([
    ['garbage', 'malformed'],
    [`t=${t}`, 'malformed'],
    [`v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=abc,v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=${t},v1=${'a'.repeat(64)}`, 'mismatch'],
    [`t=${t - 301},v1=${computeWebhookSignature(secret, t - 301, body)}`, 'expired'],
    [`t=${t + 301},v1=${computeWebhookSignature(secret, t + 301, body)}`, 'expired'],
  ])('refuses %s as %s', (header, reason) => {
    expect(verifyWebhookSignature({ header, secret, rawBody: body, now })).toEqual({ ok: false, reason });
  });

  it('binds the timestamp: a signature moved to another t does not match', () => {
    const header = `t=${t + 10},v1=${computeWebhookSignature(secret, t, body)}`;
    expect(verifyWebhookSignature({ header, secret, rawBody: body, now })).toEqual({ ok: false, reason: 'mismatch' });
  });
});
