import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../helpers/pdf-tools.js';
import { startServer, type RunningServer } from '../helpers/spawn.js';

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-e2e-'));
  server = await startServer({ DATABASE_URL: join(dir, 'data', 'credence.db') });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a real started server (first start is a demo)', () => {
  it('prints the demo banner, then walks webhook → verify → PDF', async () => {
    const out = server.output();
    expect(out).toContain('Credence demo is ready');
    const apiKey = /Demo API key:\s+(\S+)/.exec(out)![1]!;
    const demoVerify = /Verify URL:\s+(\S+)/.exec(out)![1]!;
    expect((await fetch(demoVerify)).status).toBe(200);
    const demo = (await (await fetch(demoVerify, { headers: { Accept: 'application/json' } })).json()) as { usage: { state: string; sources: string[] } };
    expect(demo.usage.state).toBe('current');
    expect(demo.usage.sources).toEqual(['Credential Studio telemetry']);

    const body = JSON.stringify({
      courseId: 'verifiable-credentials-101',
      learner: { id: 'e2e-learner', name: 'Zoë Łukasiewicz', email: 'zoe@example.com' },
      completedAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    const post = () =>
      fetch(`${server.baseUrl}/v1/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body,
      });
    const first = await post();
    expect(first.status).toBe(201);
    const { number, links } = (await first.json()) as { number: string; links: { verify: string; pdf: string } };
    const second = await post();
    expect(second.status).toBe(200);
    expect(((await second.json()) as { number: string }).number).toBe(number);

    const verify = await fetch(links.verify, { headers: { Accept: 'application/json' } });
    const verification = (await verify.json()) as { status: string; checks: Array<{ ok: boolean }> };
    expect(verification.status).toBe('valid');
    expect(verification.checks.every((c) => c.ok)).toBe(true);

    const pdfA = Buffer.from(await (await fetch(`${links.pdf}?lang=nb`)).arrayBuffer());
    const pdfB = Buffer.from(await (await fetch(`${links.pdf}?lang=nb`)).arrayBuffer());
    expect(pdfA.equals(pdfB)).toBe(true);
    expect(pdfText(pdfA)).toContain('Zoë Łukasiewicz');
  });

  it('answers unknown routes with problem+json and no stack trace', async () => {
    const res = await fetch(`${server.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });
});
