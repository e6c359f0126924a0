import { createHash } from 'node:crypto';
import { IMAGE_RENDER_VERSION } from '../../../src/images/image-version.js';
import { OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH, renderOgImage, type OgImageInput } from '../../../src/images/render-og-image.js';
import { solidPng } from '../../helpers/pdf-tools.js';
import { inspectPng, pixelAt } from './png-tools.js';

const base: OgImageInput = {
  learnerName: 'Zoë Łukasiewicz',
  courseName: 'Safe Lifting in the Warehouse',
  issuerName: 'Nordlys Læring AS',
  status: 'valid',
  issuedAt: '2026-11-23T10:15:00Z',
  language: 'en',
};
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('renderOgImage', () => {
  test('is a 1200×627 PNG with visible content', async () => {
    const info = inspectPng(await renderOgImage(base));
    expect([info.width, info.height]).toEqual([OG_IMAGE_WIDTH, OG_IMAGE_HEIGHT]);
    expect(info.inked).toBeGreaterThan(20_000);
  });

  test.each(['Åse Ødegård', '王芳', 'Αλέξανδρος Παπαδόπουλος'])('gives the same bytes for the same input (%s)', async (learnerName) => {
    const input = { ...base, learnerName };
    expect(sha256(await renderOgImage(input))).toBe(sha256(await renderOgImage(input)));
  });

  test('the status label and its colour follow the status and language', async () => {
    const valid = await renderOgImage(base);
    const revoked = await renderOgImage({ ...base, status: 'revoked' });
    const expired = await renderOgImage({ ...base, status: 'expired' });
    const norwegian = await renderOgImage({ ...base, language: 'nb' });
    expect(new Set([valid, revoked, expired, norwegian].map(sha256)).size).toBe(4);
    // The pill's right end is at x = 1136, vertically centred on y = 76.
    expect(pixelAt(valid, 1120, 76)).toEqual([0x1e, 0x7a, 0x46, 255]);
    expect(pixelAt(revoked, 1120, 76)).toEqual([0xb3, 0x26, 0x1e, 255]);
  });

  test('shows a tenant logo and colour', async () => {
    const logo = solidPng(80, 40, [200, 30, 30]);
    const png = await renderOgImage({ ...base, logo, primaryColor: '#0b6e4f' });
    expect(pixelAt(png, 120, 80)).toEqual([200, 30, 30, 255]);
    expect(pixelAt(png, 10, 300)).toEqual([0x0b, 0x6e, 0x4f, 255]);
  });

  test('fits very long names and rejects malformed input with a TypeError', async () => {
    const long = await renderOgImage({ ...base, learnerName: 'Maximiliane '.repeat(20), courseName: '课程'.repeat(80) });
    expect(inspectPng(long).width).toBe(OG_IMAGE_WIDTH);
    await expect(renderOgImage({ ...base, logo: Buffer.from('<svg/>') })).rejects.toThrow(TypeError);
    await expect(renderOgImage({ ...base, issuedAt: 'soon' })).rejects.toThrow(TypeError);
    await expect(renderOgImage({ ...base, status: 'pending' as OgImageInput['status'] })).rejects.toThrow(TypeError);
  });

  test('exports a render version to key image caches on', () => {
    expect(IMAGE_RENDER_VERSION).toMatch(/^1-[0-9a-f]{12}$/);
  });
});
