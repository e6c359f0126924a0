import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { pdfText, solidPng } from '../helpers/pdf-tools.js';
import { createTestContext, type TestContext, type TestTenant } from '../helpers/test-app.js';
import { binaryBody } from '../helpers/binary-body.js';

let ctx: TestContext;
let acmeNumber: string;
let globexNumber: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
  await createCourseVia(ctx, ctx.globex);
  acmeNumber = (await postCompletion(ctx, ctx.acme, { learner: { id: 'a1', name: 'Åse Ødegård', locale: 'en' } })).body.number;
  globexNumber = (await postCompletion(ctx, ctx.globex, { learner: { id: 'g1', name: 'Zoë Łukasiewicz', locale: 'en' } })).body.number;
});
afterAll(() => ctx.close());

const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;
const LOGO = solidPng(160, 48, [200, 30, 40]);
const patch = (tenant: TestTenant, body: unknown) => request(ctx.app).patch('/v1/tenant').set('Authorization', `Bearer ${tenant.apiKey}`).send(body as object);
const get = (tenant: TestTenant) => request(ctx.app).get('/v1/tenant').set('Authorization', `Bearer ${tenant.apiKey}`);
const binary = (path: string) =>
  binaryBody(request(ctx.app).get(path));
const pdf = async (number: string) => (await binary(`/certificates/${number}.pdf`).expect(200)).body as Buffer;

describe('GET /v1/tenant', () => {
  it('needs an API key', async () => {
    const res = await request(ctx.app).get('/v1/tenant').expect(401);
    expect(res.type).toBe('application/problem+json');
  });

  it('shows the calling tenant\'s settings, defaults unset', async () => {
    const res = await get(ctx.globex).expect(200);
    expect(res.body).toEqual({
      slug: 'globex',
      name: 'Globex Learning',
      displayName: null,
      primaryColor: null,
      accentColor: null,
      linkedinOrganizationId: null,
      websiteUrl: null,
      logo: null,
      usagePublic: true,
      issuerProfile: `${ctx.publicUrl}/issuers/globex`,
      issuerIdentifier: 'did:web',
      issuerIds: { didWeb: 'did:web:credence.test:issuers:globex', didKey: expect.stringMatching(/^did:key:z6Mk/) },
      storeIssuedSubjects: false,
    });
  });
});

describe('PATCH /v1/tenant validation', () => {
  it.each([
    ['a named colour', { primaryColor: 'red' }, 'primaryColor', /#rrggbb/],
    ['a colour unreadable under white text', { primaryColor: '#FFD700' }, 'primaryColor', /contrast with white is 1\.\d\d:1/],
    ['a short accent colour', { accentColor: '#abc' }, 'accentColor', /#rrggbb/],
    ['a non-numeric LinkedIn id', { linkedinOrganizationId: 'acme-corp' }, 'linkedinOrganizationId', /digits/],
    ['a javascript: website', { websiteUrl: 'javascript:alert(1)' }, 'websiteUrl', /./],
    ['an empty display name', { displayName: '  ' }, 'displayName', /./],
    ['a non-boolean usagePublic', { usagePublic: 'yes' }, 'usagePublic', /./],
    ['a logo that is not an image', { logo: dataUrl(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')) }, 'logo', /not a PNG or JPEG/],
    ['an SVG logo', { logo: dataUrl(Buffer.from('<svg/>'), 'image/svg+xml') }, 'logo', /data URL/],
    ['a logo URL instead of data', { logo: 'https://example.com/logo.png' }, 'logo', /data URL/],
    ['an oversized logo', { logo: dataUrl(Buffer.concat([LOGO, Buffer.alloc(300_000)])) }, 'logo', /limit is 262144 bytes/],
    ['a PNG declared as JPEG', { logo: dataUrl(LOGO, 'image/jpeg') }, 'logo', /declared as image\/jpeg/],
    ['an unknown field', { name: 'Evil Corp' }, 'name', /is not a tenant setting/],
    ['nothing to change', {}, 'body', /at least one/],
  ])('refuses %s with a 400 problem naming the field', async (_label, body, field, message) => {
    const res = await patch(ctx.acme, body).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('changes nothing when any field is invalid', async () => {
    await patch(ctx.acme, { displayName: 'Acme Academy', primaryColor: 'blue' }).expect(400);
    expect((await get(ctx.acme).expect(200)).body.displayName).toBeNull();
  });

  it('needs JSON', async () => {
    await request(ctx.app).patch('/v1/tenant').set('Authorization', `Bearer ${ctx.acme.apiKey}`).type('form').send('displayName=x').expect(415);
  });
});

describe('PATCH /v1/tenant branding', () => {
  afterAll(async () => {
    const reset = { displayName: null, primaryColor: null, accentColor: null, websiteUrl: null, logo: null, usagePublic: true };
    await patch(ctx.acme, reset).expect(200);
  });

  it('stores the settings, serves the logo, and names it in the issuer profile', async () => {
    const res = await patch(ctx.acme, {
      displayName: 'Acme Academy',
      primaryColor: '#0B5D1E',
      accentColor: '#F2C14E',
      websiteUrl: 'https://acme.example/academy',
      logo: dataUrl(LOGO),
      usagePublic: false,
    }).expect(200);
    const logoUrl = `${ctx.publicUrl}/issuers/acme/logo`;
    expect(res.body).toMatchObject({
      displayName: 'Acme Academy',
      primaryColor: '#0b5d1e',
      accentColor: '#f2c14e',
      websiteUrl: 'https://acme.example/academy',
      logo: { url: logoUrl, mediaType: 'image/png', bytes: LOGO.length },
      usagePublic: false,
    });
    expect((await get(ctx.acme).expect(200)).body).toEqual(res.body);

    const logo = await binary('/issuers/acme/logo').expect(200);
    expect(logo.type).toBe('image/png');
    expect((logo.body as Buffer).equals(LOGO)).toBe(true);
    await request(ctx.app).get('/issuers/acme/logo').set('If-None-Match', logo.headers.etag!).expect(304);
    await request(ctx.app).get('/issuers/globex/logo').expect(404);

    const profile = await request(ctx.app).get('/issuers/acme').expect(200);
    expect(JSON.parse(profile.text)).toMatchObject({ name: 'Acme Academy', url: 'https://acme.example/academy', image: { id: logoUrl, type: 'Image' } });
  });

  it('shows the branding on the verify page', async () => {
    const page = (await request(ctx.app).get(`/verify/${acmeNumber}`).expect(200)).text;
    expect(page).toContain(':root{--accent:#0b5d1e}');
    expect(page).toContain('border-top:6px solid #f2c14e');
    expect(page).toContain(`<img class="logo" src="${ctx.publicUrl}/issuers/acme/logo" alt="Acme Academy logo">`);
    expect(page).toContain('<a href="https://acme.example/academy">Acme Academy</a>');
  });

  it('changes the PDF when a colour or the logo changes, keeping its text extractable', async () => {
    await patch(ctx.acme, { primaryColor: null, logo: null }).expect(200);
    const plain = await pdf(acmeNumber);
    await patch(ctx.acme, { primaryColor: '#5b2a86' }).expect(200);
    const coloured = await pdf(acmeNumber);
    await patch(ctx.acme, { logo: dataUrl(LOGO) }).expect(200);
    const withLogo = await pdf(acmeNumber);
    await patch(ctx.acme, { logo: dataUrl(solidPng(160, 48, [20, 30, 200])) }).expect(200);
    const otherLogo = await pdf(acmeNumber);
    expect(coloured.equals(plain)).toBe(false);
    expect(withLogo.equals(coloured)).toBe(false);
    expect(otherLogo.equals(withLogo)).toBe(false);
    for (const file of [coloured, withLogo, otherLogo]) {
      expect(pdfText(file)).toContain('Åse Ødegård');
      expect(pdfText(file)).toContain('Acme Academy');
    }
    expect((await pdf(acmeNumber)).equals(otherLogo)).toBe(true);
  });

  it('changes the Open Graph image when the branding does', async () => {
    const before = await binary(`/verify/${acmeNumber}/og.png`).expect(200);
    await patch(ctx.acme, { primaryColor: '#1a237e' }).expect(200);
    const after = await binary(`/verify/${acmeNumber}/og.png`).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('never touches another tenant', async () => {
    const globexPdf = await pdf(globexNumber);
    await patch(ctx.acme, { displayName: 'Acme Again', primaryColor: '#3e2723', logo: dataUrl(LOGO) }).expect(200);
    expect((await get(ctx.globex).expect(200)).body).toMatchObject({ name: 'Globex Learning', displayName: null, primaryColor: null, logo: null, usagePublic: true });
    const page = (await request(ctx.app).get(`/verify/${globexNumber}`).expect(200)).text;
    expect(page).not.toContain(':root{--accent:');
    expect(page).not.toContain('class="logo"');
    expect(page).toContain('Globex Learning');
    expect((await pdf(globexNumber)).equals(globexPdf)).toBe(true);
  });
});
