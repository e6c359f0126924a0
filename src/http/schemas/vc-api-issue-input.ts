import { z } from 'zod';

/**
 * The credential to issue: any JSON object here; its detailed rules (contexts, subject, ids,
 * dates, typed entries, JSON-LD safe mode) run in the VC-API issuance use case, which names
 * the field at fault.
 */
const credentialObject = z.record(z.string(), z.unknown());

/** `options.credentialStatus`: a revocation entry in the tenant's BitstringStatusList. */
const credentialStatusOption = z.object({
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.literal('revocation'),
});

/**
 * Body of `POST /credentials/issue` (VC-API): `{"credential": {...}, "options": {...}}`. The
 * credential is a VC Data Model 2.0 or 1.1 credential without proof; `options.credentialStatus`
 * asks for a revocation entry.
 */
export const issueCredentialBody = z.object({
  credential: credentialObject,
  options: z
    .object({
      credentialStatus: credentialStatusOption.optional(),
    })
    .optional(),
});

/**
 * Body of `POST /credentials/status` (VC-API): revokes a credential issued through
 * `/credentials/issue`, e.g. `{"credentialId": "urn:uuid:…", "credentialStatus":
 * [{"type": "BitstringStatusListEntry", "status": "revoked"}]}`. Revocation is final.
 */
export const updateCredentialStatusBody = z.object({
  credentialId: z.string().min(1).max(2048),
  credentialStatus: z
    .array(
      z.object({
        type: z.literal('BitstringStatusListEntry'),
        status: z.literal('revoked'),
      }),
    )
    .length(1),
});
