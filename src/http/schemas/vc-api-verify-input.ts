import { z } from 'zod';
import { COMPACT_JWS } from '../../vc-api/verify-credential-request.js';

/** A JSON object (the credential or presentation itself is checked by the verifier). */
const jsonObject = z.record(z.string(), z.unknown());

/** `options.challenge` / `options.domain` as the VC-API defines them. */
const verifyOptions = z.object({
  challenge: z.string().min(1).max(512).optional(),
  domain: z.string().min(1).max(512).optional(),
});

/**
 * Body of `POST /credentials/verify`: `verifiableCredential` is a JSON-LD credential object
 * (possibly an `EnvelopedVerifiableCredential`) or a compact VC-JWT; a credential sent as
 * JSON text inside a string is refused.
 */
export const verifyCredentialBody = z.object({
  verifiableCredential: z.union([jsonObject, z.string().regex(COMPACT_JWS)], {
    error: 'must be a credential object or a compact VC-JWT (not JSON text in a string)',
  }),
  options: verifyOptions.optional(),
});

/** Body of `POST /presentations/verify`: a presentation object, with the verifier's challenge and domain. */
export const verifyPresentationBody = z.object({
  verifiablePresentation: jsonObject,
  options: verifyOptions.optional(),
});
