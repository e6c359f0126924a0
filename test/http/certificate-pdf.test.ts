import request from 'supertest';
import { createCourseVia, postCompletion } from '../fixtures/factories.js';
import { pdfText } from '../helpers/pdf-tools.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { binaryBody } from '../helpers/binary-body.js';

let ctx: TestContext;
const numbers: Record<string, string> = {};
const names = ['Åse Ødegård', 'Zoë Łukasiewicz', '王芳'];

beforeAll(async () => {
  ctx = await createTestContext();
  await createCourseVia(ctx, ctx.acme);
  for (const [i, name] of names.entries()) {
    numbers[name] = (await postCompletion(ctx, ctx.acme, { learner: { id: `l${i}`, name } })).body.number;
  }
});
afterAll(() => ctx.close());

const download = (number: string, query = '') =>
  binaryBody(request(ctx.app).get(`/certificates/${number}.pdf${query}`));

describe('GET /certificates/:number.pdf', () => {
  it.each(names)('renders %s with course, issuer and number extractable as text', async (name) => {
    const res = await download(numbers[name]!);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain(name);
    expect(text).toContain('Python 101');
    expect(text).toContain('Acme Corp');
    expect(text).toContain(numbers[name]);
    expect(text).toContain('1 November 2026');
  });

  it('renders Norwegian with ?lang=nb', async () => {
    const res = await download(numbers['Åse Ødegård']!, '?lang=nb');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Python 101 på norsk');
    expect(text).toContain('1. november 2026');
  });

  it("picks the language as the verify page does: ?lang=, then the learner's locale, then Accept-Language", async () => {
    const number = (await postCompletion(ctx, ctx.acme, { learner: { id: 'l-nb', name: 'Kari Nordmann', locale: 'nb' } })).body.number as string;
    // The webhook's links.pdf carries no lang: a Norwegian learner gets Norwegian.
    expect(pdfText((await download(number)).body as Buffer)).toContain('1. november 2026');
    expect(pdfText((await download(number).set('Accept-Language', 'en')).body as Buffer)).toContain('1. november 2026');
    expect(pdfText((await download(number, '?lang=en')).body as Buffer)).toContain('1 November 2026');
    // Without a learner locale the header decides.
    const other = numbers['王芳']!;
    expect(pdfText((await download(other).set('Accept-Language', 'nb-NO,nb;q=0.9')).body as Buffer)).toContain('1. november 2026');
  });

  it('is byte-identical on every download, with ETag, Content-Disposition and 304 revalidation', async () => {
    const number = numbers['Zoë Łukasiewicz']!;
    const a = await download(number, '?lang=en');
    const b = await download(number, '?lang=en');
    expect(Buffer.compare(a.body as Buffer, b.body as Buffer)).toBe(0);
    expect(a.headers.etag).toBeTruthy();
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(a.headers['content-disposition']).toBe(`inline; filename="certificate-${number}-en.pdf"`);
    const nb = await download(number, '?lang=nb');
    expect(nb.headers.etag).not.toBe(a.headers.etag);
    const notModified = await request(ctx.app).get(`/certificates/${number}.pdf?lang=en`).set('If-None-Match', a.headers.etag!);
    expect(notModified.status).toBe(304);
  });

  it('answers 404 problem+json for unknown and malformed numbers', async () => {
    const unknown = await request(ctx.app).get('/certificates/0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f.pdf');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('application/problem+json');
    expect((await request(ctx.app).get('/certificates/zzz.pdf')).status).toBe(404);
  });
});
