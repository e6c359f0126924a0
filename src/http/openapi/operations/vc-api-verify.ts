import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { verifyCredentialBody, verifyPresentationBody } from '../../schemas/vc-api-verify-input.js';
import { contentResponse, jsonBody } from '../operation-helpers.js';
import { JSON_BODY_PROBLEMS, problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { vcApiVerificationResult } from '../response-schemas/vc-api-results.js';

const tags = ['Verifying'];
const results = {
  200: contentResponse('Verified: every check passed.', vcApiVerificationResult),
  422: contentResponse('Not verified: `errors` has one problem detail (with a stable `code`) per failed check.', vcApiVerificationResult),
  ...problemResponses(JSON_BODY_PROBLEMS, RATE_LIMIT_PROBLEMS),
};

/** The W3C VC-API verifier endpoints (public). */
export const vcApiVerifyPaths: ZodOpenApiPathsObject = {
  '/credentials/verify': {
    post: {
      tags,
      operationId: 'verifyCredential',
      summary: 'Verify a credential (VC-API)',
      description:
        'Verifies a VC 2.0 or VC 1.1 credential from any issuer: Data Integrity proofs (`eddsa-rdfc-2022`, `Ed25519Signature2020`) ' +
        'or a VC-JWT, the issuer’s key (`did:key`, `did:web`), validity dates, Bitstring status lists and, for Open Badges, the ' +
        'OB 3.0 schema. Send the credential object, or a compact VC-JWT string, as `verifiableCredential`.',
      security: [],
      requestBody: jsonBody(verifyCredentialBody),
      responses: results,
    },
  },
  '/presentations/verify': {
    post: {
      tags,
      operationId: 'verifyPresentation',
      summary: 'Verify a presentation (VC-API)',
      description:
        'Verifies a holder’s presentation and every credential in it. Pass the `challenge` (and `domain`) you gave the holder in ' +
        '`options`: a presentation signed for another challenge or domain is not verified.',
      security: [],
      requestBody: jsonBody(verifyPresentationBody),
      responses: results,
    },
  },
};
