import { readFileSync, rmSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { browserTestOutput, launchChromium, startAppServer, type RunningServer } from '../helpers/browser.js';
import { createTestContext, type TestContext, type TestTenant } from '../helpers/test-app.js';

// Completed in December 2026 (the profile's issue date), issued in January, expiring in December 2027:
// a 0-based month would show 11 at both ends.
const NOW = '2027-01-04T09:00:00.000Z';
const COMPLETED_AT = '2026-12-30T12:00:00Z';
const COURSE_NAME = { en: 'Øresund Café Safety', nb: 'Øresund kafésikkerhet' };
const LINKEDIN_ORGANIZATION_ID = '2414183';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let ctx: TestContext;
let running: RunningServer;
let browser: Browser;
let baseUrl: string;
/** Acme (LinkedIn organisation id set), course expiring after 12 months. */
let expiring: string;
/** Globex (no organisation id), course that never expires. */
let lasting: string;
/** Acme, revoked. */
let revoked: string;

/** Calls the real API of the running server with a tenant's admin key; fails on an unexpected status. */
async function api(tenant: TestTenant, method: string, path: string, body: unknown, expected: number): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${tenant.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function issue(tenant: TestTenant, courseId: string, learnerId: string): Promise<string> {
  const body = {
    courseId,
    learner: { id: learnerId, name: 'Åse Ødegård', email: `${learnerId}@example.com`, locale: 'en' },
    completedAt: COMPLETED_AT,
  };
  const created = await api(tenant, 'POST', '/v1/completions', body, 201);
  return created.number as string;
}

const verifyUrl = (number: string) => `${baseUrl}/verify/${number}`;

/** A fresh page that records console errors (CSP violations, failed loads) other than the favicon probe. */
async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1024, height: 768 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
  });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { page, problems };
}

/** Saves a full-page screenshot and checks a non-empty PNG really landed on disk. */
async function screenshot(page: Page, fileName: string): Promise<string> {
  const path = browserTestOutput(fileName);
  rmSync(path, { force: true });
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(1000);
  expect(readFileSync(path).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  return path;
}

beforeAll(async () => {
  browser = await launchChromium();
  ctx = await createTestContext({ now: NOW });
  // publicUrl is the server itself, so certUrl is a link the browser can follow.
  running = await startAppServer(ctx, { publicUrl: (url) => url });
  baseUrl = running.baseUrl;

  await api(ctx.acme, 'PATCH', '/v1/tenant', { linkedinOrganizationId: LINKEDIN_ORGANIZATION_ID }, 200);
  const course = { description: 'Safe handling in the café.', criteria: { en: 'Pass the test.', nb: 'Bestå testen.' } };
  await api(ctx.acme, 'POST', '/v1/courses', { ...course, id: 'cafe-safety', name: COURSE_NAME, validityMonths: 12 }, 201);
  await api(ctx.globex, 'POST', '/v1/courses', { ...course, id: 'cafe-basics', name: { en: 'Café Basics', nb: 'Kafé grunnkurs' } }, 201);
  expiring = await issue(ctx.acme, 'cafe-safety', 'learner-1');
  lasting = await issue(ctx.globex, 'cafe-basics', 'learner-2');
  revoked = await issue(ctx.acme, 'cafe-safety', 'learner-3');
  await api(ctx.acme, 'POST', `/v1/certificates/${revoked}/revoke`, { reason: 'Issued in error' }, 200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await ctx?.close();
});

describe('the verify page in headless Chromium', () => {
  it('links "Add to LinkedIn profile" to the exact add-to-profile URL, with the organisation id and expiry', async () => {
    const { page, problems } = await openPage(verifyUrl(expiring));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toContain(COURSE_NAME.en);

    const add = page.getByRole('link', { name: /^Add to LinkedIn profile/ });
    await expect(add.count()).resolves.toBe(1);
    await expect(add.isVisible()).resolves.toBe(true);
    await expect(add.getAttribute('id')).resolves.toBe('linkedin-add');
    const href = (await add.getAttribute('href'))!;
    expect(href.startsWith('https://www.linkedin.com/profile/add?')).toBe(true);
    expect([...new URL(href).searchParams.entries()]).toEqual([
      ['startTask', 'CERTIFICATION_NAME'],
      ['name', COURSE_NAME.en],
      ['organizationId', LINKEDIN_ORGANIZATION_ID],
      ['issueYear', '2026'],
      ['issueMonth', '12'],
      ['expirationYear', '2027'],
      ['expirationMonth', '12'],
      ['certUrl', verifyUrl(expiring)],
      ['certId', expiring],
    ]);
    // UTF-8 percent escapes for Ø (C3 98) and é (C3 A9); spaces as %20.
    expect(href).toContain('&name=%C3%98resund%20Caf%C3%A9%20Safety&');
    expect(href).toContain(`&certUrl=${encodeURIComponent(verifyUrl(expiring))}&`);

    const share = page.getByRole('link', { name: /^Share on LinkedIn/ });
    await expect(share.isVisible()).resolves.toBe(true);
    await expect(share.getAttribute('href')).resolves.toBe(
      `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(verifyUrl(expiring))}`,
    );

    await screenshot(page, 'verify-page-valid.png');
    expect(problems).toEqual([]);

    // certUrl is a page that works: following it shows the same certificate.
    await page.goto(new URL(href).searchParams.get('certUrl')!);
    await expect(page.locator('code').first().textContent()).resolves.toBe(expiring);
    await page.close();
  }, 60_000);

  it('uses the Norwegian course name, correctly encoded, on the Norwegian page', async () => {
    const { page, problems } = await openPage(`${verifyUrl(expiring)}?lang=nb`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
    const href = (await page.locator('#linkedin-add').getAttribute('href'))!;
    expect(new URL(href).searchParams.get('name')).toBe(COURSE_NAME.nb);
    expect(href).toContain('&name=%C3%98resund%20kaf%C3%A9sikkerhet&');
    // The link to LinkedIn never carries the page's ?lang: LinkedIn gets the canonical URL.
    expect(new URL(href).searchParams.get('certUrl')).toBe(verifyUrl(expiring));
    await expect(page.locator('#linkedin-share').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('names the organisation and leaves out the expiry when the tenant has no LinkedIn id and the course never expires', async () => {
    const { page, problems } = await openPage(verifyUrl(lasting));
    const href = (await page.locator('#linkedin-add').getAttribute('href'))!;
    expect([...new URL(href).searchParams.entries()]).toEqual([
      ['startTask', 'CERTIFICATION_NAME'],
      ['name', 'Café Basics'],
      ['organizationName', 'Globex Learning'],
      ['issueYear', '2026'],
      ['issueMonth', '12'],
      ['certUrl', verifyUrl(lasting)],
      ['certId', lasting],
    ]);
    await expect(page.locator('#linkedin-share').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows no add-to-profile button for a revoked credential, and says why', async () => {
    const { page, problems } = await openPage(verifyUrl(revoked));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('#linkedin-add').count()).resolves.toBe(0);
    await expect(page.locator('a[href*="linkedin.com/profile/add"]').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /Add to LinkedIn profile/ }).count()).resolves.toBe(0);
    await expect(page.locator('#linkedin-share').count()).resolves.toBe(0);
    await expect(page.locator('.not-shareable').textContent()).resolves.toContain('cannot be added to a LinkedIn profile or shared because it was revoked on 4 January 2027.');
    await screenshot(page, 'verify-page-revoked.png');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
