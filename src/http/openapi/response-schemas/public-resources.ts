import { z } from 'zod';

const checkResult = z.object({
  check: z.string().meta({ description: 'What was checked, e.g. `signature`, `status`, `validity`, `issuer`.' }),
  ok: z.boolean(),
  detail: z.string().optional(),
});

/** The answer of `POST /v1/verify`. */
export const submittedVerificationResponse = z
  .object({
    verified: z.boolean().meta({ description: '`true` only when every check passed.' }),
    format: z.enum(['json-ld', 'vc-jwt']),
    checks: z.array(checkResult),
    credential: z.looseObject({}).meta({ description: 'A summary: `id`, `issuer`, `name`, `validFrom`, `validUntil`.' }),
  })
  .meta({ id: 'SubmittedVerification' });

/** The JSON form of the public verify page (no email, no learner id). */
export const certificateVerificationResponse = z
  .looseObject({
    number: z.string(),
    status: z.enum(['valid', 'expired', 'revoked']),
    learner: z.object({ name: z.string() }),
    course: z.object({ id: z.string(), name: z.string() }),
    issuer: z.object({ name: z.string(), id: z.string() }),
    issuedAt: z.string(),
    validUntil: z.string().nullable(),
    revocation: z.object({ revokedAt: z.string(), reason: z.string().nullable() }).nullable(),
    checks: z.array(checkResult),
    usage: z.looseObject({}).nullable().meta({ description: 'Recent-usage evidence, or `null` when not measured or hidden by the learner.' }),
    version: z.number().int(),
  })
  .meta({ id: 'CertificateVerification' });

/** A signed verifiable credential, returned byte for byte as issued. */
export const verifiableCredential = z
  .looseObject({
    '@context': z.array(z.unknown()),
    type: z.array(z.string()),
    issuer: z.unknown(),
    credentialSubject: z.unknown(),
    proof: z.unknown(),
  })
  .meta({ id: 'VerifiableCredential', description: 'A W3C verifiable credential with its proof.' });

/** A compact JWT (VC-JWT) as text. */
export const compactJwt = z.string().meta({ description: 'A compact JWS: `header.payload.signature`.' });

/** Binary content (PDF, PNG). */
export const binary = z.string().meta({ contentMediaType: 'application/octet-stream' });

/** An HTML page. */
export const htmlPage = z.string().meta({ description: 'A server-rendered HTML page.' });
