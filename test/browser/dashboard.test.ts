import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { seedAdoptionScenario } from '../fixtures/usage-days.js';
import { launchChromium, startAppServer, type RunningServer } from '../helpers/browser.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let running: RunningServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  ctx = await createTestContext();
  await seedAdoptionScenario(ctx, ctx.acme);
  // Plain http on loopback: the app must not mark the cookie Secure, or the browser would drop it.
  running = await startAppServer(ctx, { publicUrl: () => 'http://127.0.0.1' });
  baseUrl = running.baseUrl;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await ctx?.close();
});

describe('the dashboard in headless Chromium', () => {
  it('signs in, shows the adoption chart, downloads the follow-up CSV and signs out', async () => {
    const page = await browser.newPage({ acceptDownloads: true, locale: 'en-GB' });
    const problems: string[] = [];
    page.on('console', (message) => {
      // CSP violations and failed loads land here; the browser's own favicon probe is not ours.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
    });

    await page.goto(`${baseUrl}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    await page.fill('#apiKey', ctx.acme.apiKey);
    await Promise.all([page.waitForURL(/\/dashboard\?lang=en$/), page.click('button[type=submit]')]);

    const chart = page.locator('svg[role="img"]');
    await expect(chart.count()).resolves.toBe(1);
    await expect(chart.locator('title#chart-title').textContent()).resolves.toContain('Weekly-active learners');
    await expect(chart.locator('polyline').count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(page.locator('.legend').textContent()).resolves.toContain('2026-07: 40% at 90 days');
    await expect(page.locator('#courses-table').textContent()).resolves.toContain('Green: on target');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-csv="followUp"]')]);
    expect(download.suggestedFilename()).toBe('follow-up-all.csv');
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.learner_id)).toEqual(['a1', 'a2', 'a1', 'a3', 'a4', 'b2', 'a5']);

    await Promise.all([page.waitForURL(/\/dashboard\/sign-in/), page.click('form[action="/dashboard/sign-out"] button')]);
    await page.goto(`${baseUrl}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
