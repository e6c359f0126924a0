import { PNG } from 'pngjs';
import request from 'supertest';
import { unbakePng } from '../../src/credentials/bake-png.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { independentVerifier } from '../helpers/independent-verifier.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { binaryBody } from '../helpers/binary-body.js';

/**
 * Courses without an image of their own still give their credentials an `Achievement.image`: the
 * course's badge artwork, served publicly by the issuer.
 */
let ctx: TestContext;
let credential: { credentialSubject: { achievement: { id: string; image?: { id: string; type: string } } } };

const IMAGE_PATH = '/issuers/acme/achievements/py-101/image.png';

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme); // no image
  const { number } = (await postCompletion(ctx, ctx.acme).expect(201)).body as { number: string };
  credential = (await request(ctx.app).get(`/credentials/${number}`).expect(200)).body;
});
afterAll(() => ctx.close());

describe('the default achievement image', () => {
  it('is named by credentials of courses without an image, and the credential still verifies', async () => {
    expect(credential.credentialSubject.achievement.id).toBe(`${ctx.publicUrl}/issuers/acme/achievements/py-101`);
    expect(credential.credentialSubject.achievement.image).toEqual({ id: `${ctx.publicUrl}${IMAGE_PATH}`, type: 'Image' });
    const result = await independentVerifier(ctx.app, 'credence.test')(credential, ctx.clock.now());
    expect(result.verified).toBe(true);
  });

  it('is the course badge as a 600×600 PNG, the same bytes every time, with no credential baked in', async () => {
    const first = await binaryBody(request(ctx.app).get(IMAGE_PATH)).expect(200).expect('Content-Type', 'image/png');
    const second = await binaryBody(request(ctx.app).get(IMAGE_PATH)).expect(200);
    const bytes = first.body as Buffer;
    expect(Buffer.compare(bytes, second.body as Buffer)).toBe(0);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([600, 600]);
    expect(unbakePng(bytes)).toBeNull();
    expect(first.headers['access-control-allow-origin']).toBe('*');
    await request(ctx.app).get(IMAGE_PATH).set('If-None-Match', first.headers.etag!).expect(304);
  });

  it('shows the course’s current name and the issuer’s current brand colour', async () => {
    const image = async () => (await binaryBody(request(ctx.app).get(IMAGE_PATH)).expect(200)).body as Buffer;
    const original = await image();
    await request(ctx.app).patch('/v1/courses/py-101').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ name: { en: 'Python 102' } }).expect(200);
    const renamed = await image();
    await request(ctx.app).patch('/v1/tenant').set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ primaryColor: '#8a1538' }).expect(200);
    const rebranded = await image();
    expect(new Set([original, renamed, rebranded].map((bytes) => bytes.toString('base64'))).size).toBe(3);
  });

  it.each([
    ['an unknown course', '/issuers/acme/achievements/nope-101/image.png', 'course_not_found'],
    ['another issuer’s course', '/issuers/globex/achievements/py-101/image.png', 'course_not_found'],
    ['an unknown issuer', '/issuers/nobody/achievements/py-101/image.png', 'issuer_not_found'],
  ])('is a 404 problem for %s', async (_, path, code) => {
    const res = await request(ctx.app).get(path).expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
  });
});
