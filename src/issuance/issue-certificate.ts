import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { inGroupCommit } from '../db/group-commit.js';
import { findCertificateForLearner, insertCertificateOnce, type CertificateRecord } from '../db/certificates-repository.js';
import pLimit, { type LimitFunction } from 'p-limit';
import { findRecentCourse, type Course } from '../db/courses-repository.js';
import { upsertLearner, type Learner } from '../db/learners-repository.js';
import { countAllocatedSlot } from '../db/status-lists-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import { AppError, notFound } from '../errors.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { composeAchievementCredential, initialValidity } from './compose-credential.js';
import { allocateStatusSlot, assertStatusSlotFree, StatusSlotTaken } from './allocate-status-slot.js';
import { loadIssuingKey } from './tenant-signing-key.js';
import { buildIssuerProfile } from '../credentials/issuer-profile.js';
import { sha1Hex } from '../security/hashes.js';

/** Dependencies of issuance. */
export interface IssuanceDeps {
  db: Db;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
  /**
   * Bounds how many issuances sign and store at once (see createIssuanceLimit). Waiting costs no
   * CPU, so a burst of completions cannot crowd the request thread out of serving verifications.
   */
  issuanceLimit?: LimitFunction;
}

/** A limit of `concurrency` issuances signing at once. */
export function createIssuanceLimit(concurrency: number): LimitFunction {
  return pLimit(concurrency);
}

/** A completion reported by an LMS, already validated at the edge. */
export interface CompletionInput {
  courseId: string;
  learner: { id: string; name: string; email?: string; locale?: string; team?: string; managerId?: string };
  completedAt: string;
  eventId?: string;
}

/** Clock skew tolerated between the LMS and Credence before a completion counts as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** Retries when two issuances race for the same random status slot (vanishingly rare). */
const SLOT_ATTEMPTS = 3;

/**
 * Issues the certificate and signed Open Badges credential for a completion, exactly once per
 * tenant, course and learner: a replay returns the existing certificate with `created: false`.
 * Signing happens before the insert; the unique index on (tenant, course, learner) decides which
 * of several concurrent requests wins, so there is never a second certificate or a half-written one.
 */
export async function issueCertificate(
  deps: IssuanceDeps,
  tenant: Tenant,
  input: CompletionInput,
): Promise<{ certificate: CertificateRecord; created: boolean }> {
  const course = findRecentCourse(deps.db, tenant.id, input.courseId);
  if (!course) throw notFound('course_not_found', `no course with id "${input.courseId}"`, 'courseId');
  const now = deps.now();
  if (Date.parse(input.completedAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('completed_at_in_future', 400, 'completedAt must not be in the future', { field: 'completedAt' });
  }
  const learner = learnerRow(tenant, input, now);
  const key = { tenantId: tenant.id, courseId: course.id, learnerId: input.learner.id };
  const stored = findCertificateForLearner(deps.db, key);
  // A replay that arrives while the first request is being signed waits for it (if that attempt
  // fails, this one signs). No await unless one is running: the check and the tracking below
  // happen in one synchronous step.
  const running = stored ? undefined : inFlight.get(deps.db)?.get(inFlightKey(key));
  const existing = stored ?? (running && (await running.then(({ certificate }) => certificate, () => undefined)));
  if (existing) {
    upsertLearner(deps.db, learner);
    return { certificate: existing, created: false };
  }
  const sign = () => signAndStore(deps, { tenant, course, input, learner, key, now });
  const issuance = deps.issuanceLimit ? deps.issuanceLimit(sign) : sign();
  return trackInFlight(deps.db, key, issuance);
}

type IssuanceKey = { tenantId: string; courseId: string; learnerId: string };
type Issuance = Promise<{ certificate: CertificateRecord; created: boolean }>;

/** Issuances being signed and stored by this process, by database and (tenant, course, learner). */
const inFlight = new WeakMap<Db, Map<string, Issuance>>();
const inFlightKey = (key: IssuanceKey) => `${key.tenantId}\n${key.courseId}\n${key.learnerId}`;

function trackInFlight(db: Db, key: IssuanceKey, issuance: Issuance): Issuance {
  let running = inFlight.get(db);
  if (!running) inFlight.set(db, (running = new Map()));
  const id = inFlightKey(key);
  running.set(id, issuance);
  const forget = () => {
    if (running.get(id) === issuance) running.delete(id);
  };
  issuance.then(forget, forget);
  return issuance;
}

/** The learner as the LMS describes them now (emails normalised; the SHA-1 matches xAPI mbox_sha1sum). */
function learnerRow(tenant: Tenant, input: CompletionInput, now: Date): Learner {
  const email = input.learner.email?.trim().toLowerCase();
  return {
    tenantId: tenant.id,
    id: input.learner.id,
    name: input.learner.name,
    email: email ?? null,
    emailSha1: email ? sha1Hex(`mailto:${email}`) : null,
    locale: input.learner.locale ?? null,
    team: input.learner.team ?? null,
    managerId: input.learner.managerId ?? null,
    updatedAt: now.toISOString(),
  };
}

/**
 * Signs the credential and stores the certificate unless a concurrent request stored one first
 * (another process, or this one before the issuance was tracked): the unique index decides.
 */
async function signAndStore(
  deps: IssuanceDeps,
  options: {
    tenant: Tenant;
    course: Course;
    input: CompletionInput;
    learner: Learner;
    key: IssuanceKey;
    now: Date;
  },
): Promise<{ certificate: CertificateRecord; created: boolean }> {
  const { tenant, course, input, learner, key, now } = options;
  const email = learner.email ?? undefined;
  const { issuerId, key: signingKey } = loadIssuingKey(deps.db, { tenant, publicUrl: deps.publicUrl, masterKey: deps.masterKey });
  const issuer = { ...buildIssuerProfile(deps.publicUrl, tenant), id: issuerId };
  for (let attempt = 1; ; attempt++) {
    const issuedAt = now.toISOString();
    const number = randomUUID();
    const slot = allocateStatusSlot(deps.db, { tenantId: tenant.id, at: issuedAt, refresh: attempt > 1 });
    const credential = composeAchievementCredential({
      publicUrl: deps.publicUrl,
      tenant,
      issuer,
      course,
      number,
      learner: { id: input.learner.id, name: input.learner.name, email },
      validity: initialValidity(course, input.completedAt),
      slot,
    });
    const { credentialJson, jwt } = await deps.signer.signForIssuance({ credential, key: signingKey, created: now });
    const record: CertificateRecord = {
      number,
      ...key,
      learnerName: input.learner.name,
      learnerLocale: input.learner.locale ?? null,
      courseName: course.name,
      completedAt: credential.validFrom,
      issuedAt,
      validUntil: credential.validUntil ?? null,
      eventId: input.eventId ?? null,
      revokedAt: null,
      revocationReason: null,
      statusListId: slot.listId,
      statusIndex: slot.index,
      credentialJson,
      credentialJwt: jwt,
      signingKeyId: signingKey.keyId,
      usageHidden: false,
      version: 1,
    };
    try {
      // The learner and the certificate are stored together, in a commit shared with the
      // other issuances whose signatures arrived in the same turn of the event loop.
      const created = await inGroupCommit(deps.db, (tx) => {
        assertStatusSlotFree(tx, tenant.id, slot);
        upsertLearner(tx, learner);
        const inserted = insertCertificateOnce(tx, record);
        if (inserted) countAllocatedSlot(tx, tenant.id, slot.listId);
        return inserted;
      });
      if (created) return { certificate: record, created: true };
      return { certificate: findCertificateForLearner(deps.db, key)!, created: false };
    } catch (error) {
      const slotTaken = error instanceof StatusSlotTaken || (error instanceof Error && /certificates\.status_list_id|certificates_status_slot/.test(error.message));
      if (!slotTaken || attempt >= SLOT_ATTEMPTS) throw error;
    }
  }
}
