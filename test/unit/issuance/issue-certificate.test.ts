import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import type { CredentialSigner } from '../../../src/credentials/credential-signer.js';
import { issueCertificate, type CompletionInput, type IssuanceDeps } from '../../../src/issuance/issue-certificate.js';
import { createCourseVia } from '../../fixtures/factories.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

describe('issueCertificate with concurrent identical completions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await createCourseVia(ctx, ctx.acme);
  });
  afterAll(() => ctx.close());

  /** The real signer, but slow to answer (as under load) and failing while `failing` is set. */
  function slowSigner(): { signer: CredentialSigner; signings: () => number; failNext: () => void } {
    let signings = 0;
    let failing = false;
    const signer: CredentialSigner = {
      ...ctx.signer,
      signForIssuance: async (job) => {
        signings++;
        await delay(30);
        if (failing) {
          failing = false;
          throw new Error('signer crashed');
        }
        return ctx.signer.signForIssuance(job);
      },
    };
    return { signer, signings: () => signings, failNext: () => (failing = true) };
  }

  const depsWith = (signer: CredentialSigner): IssuanceDeps => ({ db: ctx.database.db, now: ctx.clock.now, masterKey: ctx.masterKey, signer, publicUrl: ctx.publicUrl });
  const completion = (learnerId: string): CompletionInput => ({ courseId: 'py-101', learner: { id: learnerId, name: 'Åse Ødegård' }, completedAt: '2026-11-01T12:00:00Z' });

  it('signs once: replays arriving while the first is being signed wait for it', async () => {
    const { signer, signings } = slowSigner();
    const results = await Promise.all(Array.from({ length: 5 }, () => issueCertificate(depsWith(signer), ctx.acme.tenant, completion('learner-waits'))));
    expect(signings()).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.certificate.number)).size).toBe(1);
  });

  it('lets a waiting replay sign when the first attempt fails', async () => {
    const { signer, signings, failNext } = slowSigner();
    failNext();
    const [first, replay] = await Promise.allSettled([
      issueCertificate(depsWith(signer), ctx.acme.tenant, completion('learner-retries')),
      issueCertificate(depsWith(signer), ctx.acme.tenant, completion('learner-retries')),
    ]);
    expect(first.status).toBe('rejected');
    expect(replay.status === 'fulfilled' && replay.value.created).toBe(true);
    expect(signings()).toBe(2);
    const stored = ctx.database.sqlite.prepare("select count(*) as n from certificates where learner_id = 'learner-retries'").get() as { n: number };
    expect(stored.n).toBe(1);
  });
});
