import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { contentResponse } from '../operation-helpers.js';
import { problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { certificateVerificationResponse, compactJwt, htmlPage, submittedVerificationResponse, verifiableCredential } from '../response-schemas/public-resources.js';

const tags = ['Verifying'];
const upload = z.string().meta({ description: 'The credential as sent.' });

/** The public verifier (`POST /v1/verify`) and the verify pages of Credence's own certificates. */
export const verificationPaths: ZodOpenApiPathsObject = {
  '/v1/verify': {
    post: {
      tags,
      operationId: 'verifySubmittedCredential',
      summary: 'Verify any Open Badges 3.0 credential (public)',
      description:
        'Checks a credential from any issuer: signature, issuer key, validity dates, revocation status and the OB 3.0 schema. Send ' +
        'it as JSON-LD (optionally wrapped as `{"credential": …}`), as a VC-JWT (`application/vc+jwt` or `text/plain`) or as a baked ' +
        'PNG (`image/png`), up to 2 MB. A credential that fails a check is still a 200, with `verified: false` and the failed ' +
        '`checks`; only input that is not a credential at all is refused.',
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: z.union([verifiableCredential, z.object({ credential: z.union([verifiableCredential, compactJwt]) })]) },
          'application/ld+json': { schema: verifiableCredential },
          'application/vc+jwt': { schema: compactJwt },
          'text/plain': { schema: compactJwt },
          'image/png': { schema: upload },
        },
      },
      responses: {
        200: contentResponse('The verification: `verified` and each check.', submittedVerificationResponse),
        ...problemResponses(RATE_LIMIT_PROBLEMS, {
          400: ['malformed_json', 'not_a_credential', 'invalid_png', 'no_baked_credential'],
          413: ['payload_too_large'],
          415: ['unsupported_media_type'],
        }),
      },
    },
  },
  '/verify/{number}': {
    get: {
      tags,
      operationId: 'verifyCertificate',
      summary: 'The verify page of a certificate',
      description:
        'What a QR code or shared link opens. By `Accept`: an HTML page for people, the verification as JSON ' +
        '(`application/json`), or the credential itself (`application/ld+json`, `application/vc+jwt`).',
      security: [],
      requestParams: {
        path: z.object({ number: z.string().meta({ description: 'The certificate number (a UUID).' }) }),
        query: z.object({ lang: z.enum(['en', 'nb']).optional().meta({ description: 'Language of the HTML page.' }) }),
      },
      responses: {
        200: {
          description: 'The verification.',
          content: {
            'text/html': { schema: htmlPage },
            'application/json': { schema: certificateVerificationResponse },
            'application/ld+json': { schema: verifiableCredential },
            'application/vc+jwt': { schema: compactJwt },
          },
        },
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['certificate_not_found'] }),
      },
    },
  },
  '/verify': {
    get: {
      tags,
      operationId: 'lookUpCertificate',
      summary: 'Look up a certificate number',
      description: 'The home page’s lookup form: redirects to `/verify/<number>`.',
      security: [],
      requestParams: { query: z.object({ number: z.string().meta({ description: 'The certificate number.' }) }) },
      responses: { 303: { description: 'Redirect to the verify page.' }, ...problemResponses(RATE_LIMIT_PROBLEMS) },
    },
  },
};
