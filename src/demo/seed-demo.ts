import { randomUUID } from 'node:crypto';
import { createCourse } from '../courses/course-service.js';
import type { UsageLogStore } from '../usage/usage-log-store.js';
import { ingestStatements } from '../usage/ingest-statements.js';
import { createUsageSource } from '../usage/usage-sources.js';
import type { Db } from '../db/client.js';
import { countTenants, findTenantBySlug } from '../db/tenants-repository.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { issueCertificate } from '../issuance/issue-certificate.js';
import { provisionTenant } from '../tenants/provision-tenant.js';
import { MS_PER_DAY } from '../calendar.js';

/** What a fresh demo start prints: the secrets are shown this once only. */
export interface DemoSeed {
  apiKey: string;
  webhookSecret: string;
  courseId: string;
  certificateNumber: string;
}

export const DEMO_COURSE_ID = 'verifiable-credentials-101';
/** Activities (xAPI object ids) that count as applying the demo course's skill. */
export const DEMO_ACTIVITY_PREFIX = 'https://demo.credence.example/tools/credential-studio/';

/**
 * On an empty database, creates the `demo` tenant with one course and one issued certificate.
 * Returns undefined when the database already has tenants.
 */
export async function seedDemo(deps: {
  db: Db;
  usageLog: UsageLogStore;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
}): Promise<DemoSeed | undefined> {
  if (countTenants(deps.db) > 0) return undefined;
  const provisioned = await provisionTenant(deps, { slug: 'demo', name: 'Credence Demo Academy' });
  const tenant = findTenantBySlug(deps.db, 'demo')!;
  createCourse(deps, tenant.id, {
    id: DEMO_COURSE_ID,
    name: { en: 'Verifiable Credentials 101', nb: 'Verifiserbare bevis 101' },
    description: {
      en: 'How digital credentials are issued, signed and verified.',
      nb: 'Hvordan digitale bevis utstedes, signeres og verifiseres.',
    },
    criteria: {
      en: 'Completed all modules and passed the final quiz with at least 80%.',
      nb: 'Fullførte alle moduler og bestod avsluttende quiz med minst 80 %.',
    },
    validityMonths: 24,
    usage: { activities: [DEMO_ACTIVITY_PREFIX], halfLifeDays: 30 },
  });
  const now = deps.now().getTime();
  const completedAt = new Date(now - 42 * MS_PER_DAY).toISOString();
  const { certificate } = await issueCertificate(deps, tenant, {
    courseId: DEMO_COURSE_ID,
    learner: { id: 'learner-001', name: 'Åse Ødegård', email: 'ase@example.com', locale: 'nb' },
    completedAt,
  });
  const { source } = createUsageSource(deps, { tenantId: tenant.id, name: 'Credential Studio telemetry' });
  // Three sessions a week since completion: the demo badge shows "Current" recent usage.
  const statements = Array.from({ length: 18 }, (_, i) => ({
    id: randomUUID(),
    actor: { mbox: 'mailto:ase@example.com' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/interacted' },
    object: { id: `${DEMO_ACTIVITY_PREFIX}session/${i}` },
    timestamp: new Date(now - Math.floor(i * 2.3) * MS_PER_DAY).toISOString(),
  }));
  await ingestStatements(deps, { tenantId: tenant.id, sourceId: source.id, statements });
  return {
    apiKey: provisioned.apiKey,
    webhookSecret: provisioned.webhookSecret,
    courseId: DEMO_COURSE_ID,
    certificateNumber: certificate.number,
  };
}

/** The human-readable banner printed after a first demo start. */
export function demoBanner(publicUrl: string, seed: DemoSeed, now: Date): string {
  const body = JSON.stringify({
    courseId: seed.courseId,
    learner: { id: 'learner-002', name: 'Zoë Łukasiewicz', email: 'zoe@example.com', locale: 'en' },
    completedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  return [
    '',
    'Credence demo is ready (tenant "demo"; the secrets below are shown only this once).',
    `  Base URL:        ${publicUrl}`,
    `  Demo API key:    ${seed.apiKey}`,
    `  Webhook secret:  ${seed.webhookSecret}`,
    `  Verify URL:      ${publicUrl}/verify/${seed.certificateNumber}`,
    `  PDF:             ${publicUrl}/certificates/${seed.certificateNumber}.pdf?lang=nb`,
    '',
    'Post a completion (run it twice: the same certificate comes back):',
    `  curl -sS -X POST ${publicUrl}/v1/completions \\`,
    `    -H 'Authorization: Bearer ${seed.apiKey}' -H 'Content-Type: application/json' \\`,
    `    -d '${body}'`,
    '',
  ].join('\n');
}
