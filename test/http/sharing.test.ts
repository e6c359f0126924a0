import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import request from 'supertest';
import { ogImage, createOgImageCache } from '../../src/sharing/og-image.js';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { binaryBody } from '../helpers/binary-body.js';

let ctx: TestContext;
let expiring: string;
let lasting: string;
let hostile: string;
const HOSTILE_NAME = '</script><script>alert(1)</script>';

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme, { validityMonths: 12, name: { en: 'Safe lifting', nb: 'Sikker løfting' } });
  await createCourseVia(ctx, ctx.acme, { id: 'py-102' });
  expiring = (await postCompletion(ctx, ctx.acme, { courseId: 'py-101', learner: { id: 'l1', name: 'Åse Ødegård', locale: 'en' } })).body.number;
  lasting = (await postCompletion(ctx, ctx.acme, { courseId: 'py-102', learner: { id: 'l2', name: 'Ola Nordmann', locale: 'en' } })).body.number;
  hostile = (await postCompletion(ctx, ctx.acme, { courseId: 'py-102', learner: { id: 'l3', name: HOSTILE_NAME, locale: 'en' } })).body.number;
});
afterAll(() => ctx.close());

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const hrefOf = (page: string, id: string) => {
  const match = new RegExp(`<a [^>]*id="${id}" href="([^"]*)"`).exec(page);
  return match ? decode(match[1]!) : undefined;
};
const meta = (page: string, key: string) => {
  const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(page);
  return match ? decode(match[1]!) : undefined;
};
const jsonLd = (page: string) => {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
  return JSON.parse(match![1]!) as Record<string, unknown>;
};
const verifyUrl = (number: string) => `${ctx.publicUrl}/verify/${number}`;
const png = (path: string) =>
  binaryBody(request(ctx.app).get(path));

describe('verify page: LinkedIn and sharing', () => {
  it('offers "Add to LinkedIn profile" with the exact add-to-profile parameters', async () => {
    const page = (await request(ctx.app).get(`/verify/${expiring}?lang=nb`).expect(200)).text;
    const url = hrefOf(page, 'linkedin-add')!;
    expect(url.startsWith('https://www.linkedin.com/profile/add?')).toBe(true);
    expect([...new URL(url).searchParams.entries()]).toEqual([
      ['startTask', 'CERTIFICATION_NAME'],
      ['name', 'Sikker løfting'],
      ['organizationName', 'Acme Corp'],
      ['issueYear', '2026'],
      ['issueMonth', '11'],
      ['expirationYear', '2027'],
      ['expirationMonth', '11'],
      ['certUrl', verifyUrl(expiring)],
      ['certId', expiring],
    ]);
    expect(url).toContain('name=Sikker%20l%C3%B8fting&');
    expect(page).toContain('Legg til i LinkedIn-profilen');
  });

  it('leaves out the expiration for a credential that does not expire', async () => {
    const page = (await request(ctx.app).get(`/verify/${lasting}`).expect(200)).text;
    const params = new URL(hrefOf(page, 'linkedin-add')!).searchParams;
    expect(params.has('expirationYear')).toBe(false);
    expect(params.has('expirationMonth')).toBe(false);
    expect(params.get('name')).toBe('Python 101');
  });

  it('uses the tenant\'s LinkedIn organisation id instead of its name once set', async () => {
    const auth = `Bearer ${ctx.acme.apiKey}`;
    await request(ctx.app).patch('/v1/tenant').set('Authorization', auth).send({ linkedinOrganizationId: '2414183' }).expect(200);
    try {
      const page = (await request(ctx.app).get(`/verify/${lasting}`).expect(200)).text;
      const params = new URL(hrefOf(page, 'linkedin-add')!).searchParams;
      expect(params.get('organizationId')).toBe('2414183');
      expect(params.has('organizationName')).toBe(false);
    } finally {
      await request(ctx.app).patch('/v1/tenant').set('Authorization', auth).send({ linkedinOrganizationId: null }).expect(200);
    }
  });

  it('has a "Share on LinkedIn" link and a copy-link field whose script the CSP allows by hash', async () => {
    const res = await request(ctx.app).get(`/verify/${lasting}`).expect(200);
    expect(hrefOf(res.text, 'linkedin-share')).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(verifyUrl(lasting))}`);
    expect(res.text).toContain(`<input id="share-url" type="url" value="${verifyUrl(lasting)}" readonly>`);
    const scripts = [...res.text.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(res.text).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|fonts\.googleapis/);
  });

  it('shows no add-to-profile button for a revoked credential and says why', async () => {
    const number = (await postCompletion(ctx, ctx.acme, { courseId: 'py-102', learner: { id: 'l9', name: 'Kari', locale: 'en' } })).body.number;
    await request(ctx.app).post(`/v1/certificates/${number}/revoke`).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ reason: 'Issued in error' }).expect(200);
    const page = (await request(ctx.app).get(`/verify/${number}`).expect(200)).text;
    expect(page).not.toContain('linkedin.com/profile/add');
    expect(page).not.toContain('id="linkedin-share"');
    expect(page).toContain('cannot be added to a LinkedIn profile or shared because it was revoked on 2 November 2026.');
  });

  it('shows no add-to-profile button for an expired credential and says why', async () => {
    ctx.clock.set('2027-12-01T00:00:00Z');
    try {
      const page = (await request(ctx.app).get(`/verify/${expiring}`).expect(200)).text;
      expect(page).not.toContain('linkedin.com/profile/add');
      expect(page).toContain('because it expired on 1 November 2027.');
      const lastingPage = (await request(ctx.app).get(`/verify/${lasting}`).expect(200)).text;
      expect(hrefOf(lastingPage, 'linkedin-add')).toBeDefined();
    } finally {
      ctx.clock.set('2026-11-02T10:00:00Z');
    }
  });

  it('keeps every download and the credential alternate link', async () => {
    const page = (await request(ctx.app).get(`/verify/${lasting}`).expect(200)).text;
    for (const path of [`/certificates/${lasting}.pdf?lang=en`, `/certificates/${lasting}.pdf?lang=nb`, `/credentials/${lasting}/badge.png`, `/credentials/${lasting}"`, `/credentials/${lasting}.jwt`]) {
      expect(page).toContain(`${ctx.publicUrl}${path}`);
    }
    expect(page).toContain(`<link rel="alternate" type="application/ld+json" href="${ctx.publicUrl}/credentials/${lasting}">`);
  });
});

describe('verify page: link previews and structured data', () => {
  it('has Open Graph and Twitter card tags with absolute URLs and the 1200×627 image', async () => {
    const page = (await request(ctx.app).get(`/verify/${expiring}`).expect(200)).text;
    const image = `${verifyUrl(expiring)}/og.png?lang=en`;
    expect(meta(page, 'og:title')).toBe('Åse Ødegård: Safe lifting');
    expect(meta(page, 'og:description')).toBe('Verified certificate from Acme Corp, issued 2 November 2026. Open to check it.');
    expect(meta(page, 'og:url')).toBe(verifyUrl(expiring));
    expect(meta(page, 'og:type')).toBe('website');
    expect(meta(page, 'og:site_name')).toBe('Acme Corp');
    expect(meta(page, 'og:image')).toBe(image);
    expect(meta(page, 'og:image:type')).toBe('image/png');
    expect(meta(page, 'og:image:width')).toBe('1200');
    expect(meta(page, 'og:image:height')).toBe('627');
    expect(meta(page, 'og:image:alt')).toBe('Åse Ødegård has completed Safe lifting. Issued by Acme Corp.');
    expect(meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(meta(page, 'twitter:image')).toBe(image);
    expect(page).toContain(`<link rel="canonical" href="${verifyUrl(expiring)}">`);
    const nb = (await request(ctx.app).get(`/verify/${expiring}?lang=nb`).expect(200)).text;
    expect(meta(nb, 'og:image')).toBe(`${verifyUrl(expiring)}/og.png?lang=nb`);
    expect(meta(nb, 'og:locale')).toBe('nb_NO');
  });

  it('embeds schema.org EducationalOccupationalCredential JSON-LD', async () => {
    const page = (await request(ctx.app).get(`/verify/${expiring}`).expect(200)).text;
    expect(jsonLd(page)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'EducationalOccupationalCredential',
      '@id': verifyUrl(expiring),
      url: verifyUrl(expiring),
      identifier: expiring,
      name: 'Safe lifting',
      description: 'Awarded to Åse Ødegård by Acme Corp',
      credentialCategory: 'certificate',
      inLanguage: 'en',
      dateCreated: '2026-11-02T10:00:00.000Z',
      expires: '2027-11-01T12:00:00Z',
      image: `${verifyUrl(expiring)}/og.png?lang=en`,
      recognizedBy: { '@type': 'Organization', name: 'Acme Corp', url: `${ctx.publicUrl}/issuers/acme` },
    });
  });

  it('cannot be broken out of by a learner named like a script tag', async () => {
    const page = (await request(ctx.app).get(`/verify/${hostile}`).expect(200)).text;
    expect(page).not.toContain(HOSTILE_NAME);
    expect(page).not.toContain('<script>alert(1)');
    expect(page.match(/<script/g)).toHaveLength(2); // the JSON-LD block and the copy-link helper
    expect(jsonLd(page).description).toBe(`Awarded to ${HOSTILE_NAME} by Acme Corp`);
    expect(meta(page, 'og:title')).toBe(`${HOSTILE_NAME}: Python 101`);
  });
});

describe('GET /verify/:number/og.png', () => {
  it('is a 1200×627 PNG, cacheable with an ETag', async () => {
    const res = await png(`/verify/${expiring}/og.png`).expect(200);
    expect(res.type).toBe('image/png');
    const decoded = PNG.sync.read(res.body as Buffer);
    expect([decoded.width, decoded.height]).toEqual([1200, 627]);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    await request(ctx.app).get(`/verify/${expiring}/og.png`).set('If-None-Match', res.headers.etag!).expect(304);
  });

  it('gives the same bytes every time, cached or freshly rendered', async () => {
    const first = (await png(`/verify/${expiring}/og.png?lang=nb`).expect(200)).body as Buffer;
    const second = (await png(`/verify/${expiring}/og.png?lang=nb`).expect(200)).body as Buffer;
    const fresh = await ogImage({ db: ctx.database.db, now: ctx.clock.now, cache: createOgImageCache() }, { number: expiring, language: () => 'nb' });
    expect(second.equals(first)).toBe(true);
    expect(fresh!.bytes.equals(first)).toBe(true);
    const english = (await png(`/verify/${expiring}/og.png?lang=en`).expect(200)).body as Buffer;
    expect(english.equals(first)).toBe(false);
  });

  it('changes when the status does', async () => {
    const number = (await postCompletion(ctx, ctx.acme, { courseId: 'py-102', learner: { id: 'l8', name: 'Per', locale: 'en' } })).body.number;
    const before = await png(`/verify/${number}/og.png`).expect(200);
    await request(ctx.app).post(`/v1/certificates/${number}/revoke`).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send({ reason: 'x' }).expect(200);
    const after = await png(`/verify/${number}/og.png`).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it.each(['0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f', 'not-a-number'])('is a 404 problem for %s, not a blank image', async (number) => {
    const res = await request(ctx.app).get(`/verify/${number}/og.png`).expect(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('certificate_not_found');
  });
});
