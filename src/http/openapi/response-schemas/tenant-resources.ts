import { z } from 'zod';

const localized = z.record(z.string(), z.string()).meta({ description: 'Text per language tag; `en` is always present.' });
const timestamp = z.string().meta({ format: 'date-time' });

/** A course as the API returns it. */
export const courseResponse = z
  .object({
    id: z.string(),
    name: localized,
    description: localized,
    criteria: localized,
    validityMonths: z.number().int().nullable().meta({ description: 'Certificates expire this many months after completion; `null` never.' }),
    image: z.string().nullable(),
    usage: z
      .object({ activities: z.array(z.string()), verbs: z.array(z.string()).optional(), halfLifeDays: z.number() })
      .nullable()
      .meta({ description: 'Which xAPI activities count as applying the skill; `null` measures no usage.' }),
    adoptionTarget: z.number(),
    minutesSavedPerActiveDay: z.number().nullable(),
    hourlyCost: z.number().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Course' });

const certificateLinks = z.object({
  verify: z.string().meta({ description: 'The public verify page (HTML, or JSON with `Accept: application/json`).' }),
  pdf: z.string(),
  credential: z.string().meta({ description: 'The signed Open Badges 3.0 credential (JSON-LD).' }),
  jwt: z.string().meta({ description: 'The same credential as a VC-JWT.' }),
  badge: z.string().meta({ description: 'A baked PNG badge carrying the credential.' }),
});

/** A certificate (an issued Open Badges 3.0 credential) as its tenant sees it. */
export const certificateResponse = z
  .object({
    number: z.string().meta({ description: 'The certificate number (a UUID), also its public id.' }),
    status: z.enum(['valid', 'expired', 'revoked']),
    issuedAt: timestamp,
    completedAt: timestamp,
    validUntil: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    revocationReason: z.string().nullable(),
    learner: z.object({ id: z.string(), name: z.string() }),
    course: z.object({ id: z.string(), name: z.string() }),
    eventId: z.string().nullable(),
    usageHidden: z.boolean(),
    version: z.number().int().meta({ description: 'Renewals re-issue the credential as a new version.' }),
    links: certificateLinks.extend({
      privacy: z.string().meta({ description: 'The learner’s secret privacy page: give it to the learner only.' }),
    }),
  })
  .meta({ id: 'Certificate' });

/** One page of a list: `nextCursor` is `null` on the last page. */
export function pageOf(item: z.ZodType) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` to get the next page.' }) });
}

/** The calling tenant's settings. */
export const tenantSettingsResponse = z
  .looseObject({
    slug: z.string(),
    name: z.string(),
    displayName: z.string().nullable(),
    primaryColor: z.string().nullable(),
    accentColor: z.string().nullable(),
    linkedinOrganizationId: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    logo: z.object({ url: z.string(), mediaType: z.string(), bytes: z.number().int() }).nullable(),
    usagePublic: z.boolean(),
    issuerProfile: z.string().meta({ description: 'URL of the tenant’s Open Badges issuer profile.' }),
    issuerIdentifier: z.enum(['did:web', 'did:key']).meta({ description: 'Which of `issuerIds` new credentials carry as issuer.' }),
    issuerIds: z.object({ didWeb: z.string(), didKey: z.string() }).meta({ description: 'Both identifiers of the tenant’s active signing key.' }),
    storeIssuedSubjects: z.boolean().meta({ description: 'Whether the VC-API issuance log keeps each credential’s subject.' }),
  })
  .meta({ id: 'TenantSettings' });

/** What happened to a batch of xAPI statements. */
export const ingestResponse = z.object({
  accepted: z.number().int().meta({ description: 'New statements that matched a learner and a course’s usage rule.' }),
  duplicates: z.number().int().meta({ description: 'Statements seen before: replays change nothing.' }),
  unmatched: z.number().int().meta({ description: 'Valid statements for no known learner or course rule (not an error).' }),
  rejected: z
    .array(z.object({ index: z.number().int(), errors: z.array(z.looseObject({ path: z.string(), message: z.string() })) }))
    .meta({ description: 'Invalid statements by position; the others are still processed.' }),
});

/** A usage source (one sender of statements). */
export const usageSourceResponse = z.object({ id: z.string(), name: z.string(), createdAt: timestamp });
