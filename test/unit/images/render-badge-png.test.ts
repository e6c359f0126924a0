import { createHash } from 'node:crypto';
import { BADGE_SIZE, renderBadgePng, type BadgeInput } from '../../../src/images/render-badge-png.js';
import { inspectPng, pixelAt } from './png-tools.js';

const base: BadgeInput = { courseName: 'Safe Lifting in the Warehouse', issuerName: 'Nordlys Læring AS', language: 'en' };
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('renderBadgePng', () => {
  test('is a 600×600 PNG with visible content', async () => {
    const info = inspectPng(await renderBadgePng(base));
    expect([info.width, info.height]).toEqual([BADGE_SIZE, BADGE_SIZE]);
    expect(info.inked).toBeGreaterThan(50_000);
    expect(info.distinctColors).toBeGreaterThan(10);
  });

  test('gives the same bytes for the same input', async () => {
    const input = { ...base, courseName: '数据保护基础', language: 'nb' as const };
    expect(sha256(await renderBadgePng(input))).toBe(sha256(await renderBadgePng(input)));
  });

  test('draws the text: another course, issuer or language changes the image', async () => {
    const original = sha256(await renderBadgePng(base));
    expect(sha256(await renderBadgePng({ ...base, courseName: 'Zoë Łukasiewicz 王芳 Курс' }))).not.toBe(original);
    expect(sha256(await renderBadgePng({ ...base, issuerName: 'Another Issuer' }))).not.toBe(original);
    expect(sha256(await renderBadgePng({ ...base, language: 'nb' }))).not.toBe(original);
  });

  test('uses the primary colour for the ring and is transparent outside it', async () => {
    const png = await renderBadgePng({ ...base, primaryColor: '#0b6e4f' });
    expect(pixelAt(png, 300, 20)).toEqual([0x0b, 0x6e, 0x4f, 255]);
    expect(pixelAt(png, 2, 2)[3]).toBe(0);
  });

  test('fits a very long course name and rejects a malformed colour', async () => {
    const long = inspectPng(await renderBadgePng({ ...base, courseName: 'Advanced '.repeat(30) }));
    expect(long.width).toBe(BADGE_SIZE);
    await expect(renderBadgePng({ ...base, primaryColor: 'url(#x)' })).rejects.toThrow(TypeError);
  });
});
