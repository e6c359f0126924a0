import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Tenant branding shown on verify pages, PDFs and images. */
export interface TenantBranding {
  displayName?: string;
  logoUrl?: string;
  primaryColor?: string;
  accentColor?: string;
  linkedinOrganizationId?: string;
  websiteUrl?: string;
}

/** Per-language text map; `en` is always present. */
export type LocalizedText = { en: string } & Record<string, string>;

/** How usage telemetry counts as applying a course's skill (see conventions §5). */
export interface CourseUsageRule {
  activities: string[];
  verbs?: string[];
  halfLifeDays: number;
}

/** An issuing organisation. Every other row belongs to exactly one tenant. */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Webhook HMAC secret, encrypted with the master key (it must be recoverable to verify HMACs). */
  webhookSecretEnc: text('webhook_secret_enc').notNull(),
  branding: text('branding', { mode: 'json' }).$type<TenantBranding>().notNull().default({}),
  /** Logo image (PNG or JPEG) drawn on PDFs and link-preview images. */
  logo: blob('logo', { mode: 'buffer' }),
  logoType: text('logo_type'),
  /** Tenant-wide switch: when false, usage evidence is never shown on public pages. */
  usagePublic: integer('usage_public', { mode: 'boolean' }).notNull().default(true),
  /** Which identifier of the tenant's key new credentials carry as `issuer`. */
  issuerIdentifier: text('issuer_identifier', { enum: ['did:web', 'did:key'] }).notNull().default('did:web'),
  /** Opt-in: keep the `credentialSubject` of credentials issued through the VC-API in the issuance log. */
  storeIssuedSubjects: integer('store_issued_subjects', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

/** API keys: only a SHA-256 hash of the secret is stored, beside a visible prefix. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    /** `admin` may do everything for its tenant; `usage` may only write usage statements. */
    scope: text('scope', { enum: ['admin', 'usage'] }).notNull(),
    usageSourceId: text('usage_source_id'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId)],
);

/** Ed25519 signing keys per tenant; the newest unretired one signs, all keep verifying. */
export const signingKeys = sqliteTable(
  'signing_keys',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    keyId: text('key_id').notNull(),
    publicKeyMultibase: text('public_key_multibase').notNull(),
    secretKeyEnc: text('secret_key_enc').notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.keyId] })],
);

/** A course whose completion earns a certificate; `id` is a tenant-chosen slug. */
export const courses = sqliteTable(
  'courses',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    id: text('id').notNull(),
    name: text('name', { mode: 'json' }).$type<LocalizedText>().notNull(),
    description: text('description', { mode: 'json' }).$type<LocalizedText>().notNull(),
    criteria: text('criteria', { mode: 'json' }).$type<LocalizedText>().notNull(),
    validityMonths: integer('validity_months'),
    image: text('image'),
    usage: text('usage', { mode: 'json' }).$type<CourseUsageRule>(),
    /** Adoption target: share of completers weekly-active 90 days after completion (default 0.4). */
    adoptionTarget: real('adoption_target'),
    /** Optional inputs of the value estimate in adoption reports. */
    minutesSavedPerActiveDay: real('minutes_saved_per_active_day'),
    hourlyCost: real('hourly_cost'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Learners as last described by the LMS, keyed by the LMS's learner id. */
export const learners = sqliteTable(
  'learners',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    emailSha1: text('email_sha1'),
    locale: text('locale'),
    team: text('team'),
    managerId: text('manager_id'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Ingest matches xAPI actors by email or its SHA-1: covering indexes answer without the row.
    // Team and manager have no index: analytics reach learners by primary key from adoption_facts.
    index('learners_email_id_idx').on(t.tenantId, t.email, t.id),
    index('learners_email_sha1_id_idx').on(t.tenantId, t.emailSha1, t.id),
  ],
);

/** One certificate per (tenant, course, learner), numbered by a random UUID. */
export const certificates = sqliteTable(
  'certificates',
  {
    number: text('number').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    courseId: text('course_id').notNull(),
    learnerId: text('learner_id').notNull(),
    /** The learner's name and locale as issued (the learner row may change later). */
    learnerName: text('learner_name').notNull(),
    learnerLocale: text('learner_locale'),
    /** The course name as issued (a later rename does not alter issued certificates). */
    courseName: text('course_name', { mode: 'json' }).$type<LocalizedText>().notNull(),
    completedAt: text('completed_at').notNull(),
    issuedAt: text('issued_at').notNull(),
    validUntil: text('valid_until'),
    eventId: text('event_id'),
    revokedAt: text('revoked_at'),
    revocationReason: text('revocation_reason'),
    statusListId: text('status_list_id').notNull(),
    statusIndex: integer('status_index').notNull(),
    /** The signed OB 3.0 credential exactly as issued (served byte for byte). */
    credentialJson: text('credential_json').notNull(),
    credentialJwt: text('credential_jwt').notNull(),
    signingKeyId: text('signing_key_id').notNull(),
    /** Version of the current credential: renewals re-sign the same certificate as version 2, 3, ... */
    version: integer('version').notNull().default(1),
    /** Learner-controlled: hide usage evidence on the public verify page. */
    usageHidden: integer('usage_hidden', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('certificates_once_per_learner').on(t.tenantId, t.courseId, t.learnerId),
    uniqueIndex('certificates_status_slot').on(t.tenantId, t.statusListId, t.statusIndex),
    // Certificates API pages (tenant, in issue order): read in index order, no sort; appends stay local.
    index('certificates_tenant_issued_idx').on(t.tenantId, t.issuedAt, t.number),
    index('certificates_tenant_learner_idx').on(t.tenantId, t.learnerId),
    // Renewal looks for credentials that expire; most courses set no validity, and their rows stay out.
    index('certificates_valid_until_idx').on(t.validUntil).where(sql`${t.validUntil} IS NOT NULL`),
  ],
);

/**
 * Idempotency-Key records: the same key with a different body is refused. A key is reserved before
 * its request is issued, so of several concurrent requests with one key only one body is issued.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** The certificate the key's request was answered with; null while that request is still being issued. */
    certificateNumber: text('certificate_number'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** Rendered PDFs, keyed by certificate, language and template version (bytes are deterministic). */
export const pdfCache = sqliteTable(
  'pdf_cache',
  {
    number: text('number').notNull(),
    language: text('language').notNull(),
    templateVersion: text('template_version').notNull(),
    etag: text('etag').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.number, t.language, t.templateVersion] })],
);

/** Each tenant's signed status-list credentials, re-signed whenever a bit changes. */
export const statusLists = sqliteTable(
  'status_lists',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    listId: text('list_id').notNull(),
    size: integer('size').notNull(),
    /** Slots handed out so far; a list is closed at half full to keep indexes unguessable. */
    allocated: integer('allocated').notNull().default(0),
    credentialJson: text('credential_json'),
    /** Incremented on every re-signing, so readers can cache the decoded list until it changes. */
    revision: integer('revision').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.listId] })],
);

/** Sources of usage telemetry registered by a tenant (each has its own usage-only API key). */
export const usageSources = sqliteTable(
  'usage_sources',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('usage_sources_tenant_idx').on(t.tenantId)],
);

/**
 * Usage evidence reduced to what the model needs: one row per tenant, learner, course and UTC
 * day on which the learner applied the course's skill, with a count. Raw statements are never kept.
 */
export const usageDays = sqliteTable(
  'usage_days',
  {
    tenantId: text('tenant_id').notNull(),
    learnerId: text('learner_id').notNull(),
    courseId: text('course_id').notNull(),
    /** UTC calendar day, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    statements: integer('statements').notNull(),
    /** The usage source that first reported this day (for the verify page's source names). */
    sourceId: text('source_id'),
  },
  // The primary key is the only index: every query (verify, analytics) seeks by learner and course.
  // A (tenant, course, day) index was dropped (0005): nothing read it, and it cost ingest one
  // more random page write per new active day (about 45% of the commit time with 1M rows).
  // Migration 0016 makes it a WITHOUT ROWID table, so the key is the table: one B-tree insert per
  // new day. drizzle-kit's snapshot does not record WITHOUT ROWID (as for usage_statements).
  (t) => [primaryKey({ columns: [t.tenantId, t.learnerId, t.courseId, t.day] })],
);

/**
 * Adoption facts: one row per certificate with what the adoption reports need of its learner's
 * active days on or after the completion day, so a report reads one row per completion instead
 * of scanning usage_days. Offsets are whole days after the completion day (0 = that day).
 * Kept exact by triggers in migration 0007, because usage days and certificates are never deleted
 * and each field moves one way as days are added (first use only earlier, the rest only up): a
 * certificate insert creates the row from the days already stored, a new usage day updates it,
 * and revoking the certificate sets `revoked`.
 * The primary key leads with tenant and course, so a course's report is one range scan.
 */
export const adoptionFacts = sqliteTable(
  'adoption_facts',
  {
    tenantId: text('tenant_id').notNull(),
    courseId: text('course_id').notNull(),
    learnerId: text('learner_id').notNull(),
    /** UTC day of the completion, `YYYY-MM-DD` (the certificate's `completed_at`). */
    completedDay: text('completed_day').notNull(),
    /** Whether the certificate is revoked (revoked completions are left out of every report). */
    revoked: integer('revoked', { mode: 'boolean' }).notNull(),
    /** Offsets of the first and last active day on or after completion; null without any. */
    firstUse: integer('first_use'),
    lastUse: integer('last_use'),
    /** Whether an active day falls in the week ending at day 30, 60 and 90 (offsets 24–30, 54–60, 84–90). */
    hit30: integer('hit30', { mode: 'boolean' }).notNull(),
    hit60: integer('hit60', { mode: 'boolean' }).notNull(),
    hit90: integer('hit90', { mode: 'boolean' }).notNull(),
    /** Active days on or after the completion day. */
    activeDays: integer('active_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.courseId, t.learnerId] })],
);

/**
 * Fingerprints of ingested statements: replays are recognised, conflicts refused. Each is the first
 * 128 bits of a SHA-256, as a 16-byte blob: the table grows with every statement ever ingested, and
 * at a quarter of the hex text's size it stays small (and ingest writes fewer pages). Migration 0013
 * makes it a WITHOUT ROWID table: the primary key is its only B-tree. drizzle-kit's snapshot does
 * not record WITHOUT ROWID: a generated migration that rebuilds this table must add it again.
 */
export const usageStatements = sqliteTable(
  'usage_statements',
  {
    tenantId: text('tenant_id').notNull(),
    /** SHA-256 of the statement id, first 16 bytes. */
    idHash: blob('id_hash', { mode: 'buffer' }).notNull(),
    /** SHA-256 of the statement's canonical content, first 16 bytes. */
    contentHash: blob('content_hash', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.idHash] })],
);

/** Earlier versions of renewed credentials, exactly as they were issued. */
export const credentialVersions = sqliteTable(
  'credential_versions',
  {
    number: text('number').notNull(),
    version: integer('version').notNull(),
    credentialJson: text('credential_json').notNull(),
    credentialJwt: text('credential_jwt').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    /** When this version was superseded by the next one. */
    supersededAt: text('superseded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.number, t.version] })],
);

/** OAuth 2.0 clients (client credentials grant) of a tenant; only a SHA-256 hash of the secret is kept. */
export const oauthClients = sqliteTable(
  'oauth_clients',
  {
    clientId: text('client_id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** The scopes this client may request (space-separated OAuth scope tokens, as a list). */
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('oauth_clients_tenant_idx').on(t.tenantId)],
);

/**
 * Keys of the service itself, never a tenant's credential key: e.g. the key that signs OAuth
 * access tokens. The private part is encrypted with the master key.
 */
export const serverKeys = sqliteTable('server_keys', {
  kid: text('kid').primaryKey(),
  /** What the key is for, e.g. `oauth-token`. */
  purpose: text('purpose').notNull(),
  /** Public JWK (JSON text). */
  publicJwk: text('public_jwk').notNull(),
  /** Private JWK (JSON text), encrypted with the master key. */
  privateJwkEnc: text('private_jwk_enc').notNull(),
  createdAt: text('created_at').notNull(),
  retiredAt: text('retired_at'),
});

/**
 * The issuance log of credentials issued through the VC-API (`POST /credentials/issue`): what was
 * issued and when, a digest of the subject, and the status entry. The subject itself is kept only
 * when the tenant opted in (`tenants.store_issued_subjects`).
 */
export const issuedCredentials = sqliteTable(
  'issued_credentials',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    /** The credential's `id`, when it has one. */
    credentialId: text('credential_id'),
    types: text('types', { mode: 'json' }).$type<string[]>().notNull(),
    /** SHA-256 (hex) of the canonical JSON of `credentialSubject`. */
    subjectDigest: text('subject_digest').notNull(),
    /** `credentialSubject` as issued: only when the tenant opted in, otherwise null. */
    subjectJson: text('subject_json'),
    issuer: text('issuer').notNull(),
    verificationMethod: text('verification_method').notNull(),
    statusListId: text('status_list_id'),
    statusIndex: integer('status_index'),
    issuedAt: text('issued_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('issued_credentials_status_slot').on(t.tenantId, t.statusListId, t.statusIndex),
    index('issued_credentials_tenant_credential_idx').on(t.tenantId, t.credentialId),
    index('issued_credentials_tenant_issued_idx').on(t.tenantId, t.issuedAt),
  ],
);

/**
 * Dashboard sign-in sessions. The browser's cookie carries a random session id; only its SHA-256
 * is stored, so a copy of this table opens no session. Sign-out deletes the row; a row whose API
 * key is revoked, or whose expiry has passed, opens nothing (and is deleted at a later sign-in).
 */
export const dashboardSessions = sqliteTable(
  'dashboard_sessions',
  {
    /** SHA-256 (hex) of the session id in the cookie. */
    idHash: text('id_hash').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    /** The admin API key that signed in: the session ends when it is revoked. */
    apiKeyId: text('api_key_id').notNull().references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
    /** ISO 8601 UTC, as `Date.toISOString()` writes it: compares as text. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('dashboard_sessions_expires_idx').on(t.expiresAt)],
);

/**
 * How far ingested usage has been folded from the usage log into `usage_days` and
 * `usage_statements` (see src/usage/fold-usage-log.ts): one row. A fold runs in slices, each its
 * own transaction that also records its progress here, so a fold cut short resumes where it
 * stopped and every batch is folded exactly once.
 */
export const usageLogFolds = sqliteTable('usage_log_folds', {
  id: integer('id').primaryKey(),
  /** Sequence number of the last log batch fully folded. */
  foldedThrough: integer('folded_through').notNull(),
  /** While a fold is under way: the last batch it folds (null otherwise). */
  foldingThrough: integer('folding_through'),
  /** While a fold is under way: how many of its sorted fingerprints and days are stored. */
  fingerprintsDone: integer('fingerprints_done').notNull().default(0),
  daysDone: integer('days_done').notNull().default(0),
});
