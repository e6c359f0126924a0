import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { revokeCertificateBody } from '../../schemas/certificate-input.js';
import { completionBody, idempotencyKeyHeader } from '../../schemas/completion-input.js';
import { certificateListQuery } from '../../schemas/list-queries.js';
import { contentResponse, jsonBody } from '../operation-helpers.js';
import { JSON_BODY_PROBLEMS, problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { certificateResponse, pageOf } from '../response-schemas/tenant-resources.js';
import { AUTH_PROBLEMS, requireScope } from '../security-schemes.js';

const tags = ['Completions and certificates'];
const certificatePath = { path: z.object({ number: z.string().meta({ description: 'The certificate number (a UUID).' }) }) };

/** `POST /v1/completions` (the LMS webhook) and `/v1/certificates`. */
export const certificatePaths: ZodOpenApiPathsObject = {
  '/v1/completions': {
    post: {
      tags,
      operationId: 'recordCompletion',
      summary: 'Report a course completion (issues a certificate)',
      description:
        'Your LMS calls this when a learner completes a course. Credence issues and signs an Open Badges 3.0 certificate and answers ' +
        'with its links (verify page, PDF, credential, baked badge). Sending the same completion again (same `eventId` or ' +
        '`Idempotency-Key`) returns the certificate already issued with 200 instead of 201. Authenticate with an API key, or sign ' +
        'the raw body with the tenant’s webhook secret (`Credence-Signature` and `Credence-Tenant` headers).',
      security: [...requireScope('completions:write'), { webhookSignature: ['completions:write'] }],
      requestParams: {
        header: z.object({
          'Idempotency-Key': idempotencyKeyHeader.meta({ description: 'Makes retries safe: the same key and body give the same certificate.' }),
          'Credence-Tenant': z.string().optional().meta({ description: 'The tenant slug, with a signed webhook only.' }),
        }),
      },
      requestBody: jsonBody(
        completionBody,
        '`courseId` is the id of a course created with `POST /v1/courses`; `learner.id` is your LMS’s learner id (with an optional ' +
          '`team` and `managerId` for analytics); `learner.email`, when sent, goes into the credential only as a salted hash; ' +
          '`completedAt` may not be in the future; `eventId` is your event’s id, which makes a resent event return the same certificate.',
      ),
      responses: {
        201: contentResponse('A certificate was issued; `Location` names it.', certificateResponse),
        200: contentResponse('This completion was reported before: the certificate already issued.', certificateResponse),
        ...problemResponses(
          JSON_BODY_PROBLEMS,
          AUTH_PROBLEMS,
          RATE_LIMIT_PROBLEMS,
          { 400: ['completed_at_in_future'], 401: ['invalid_signature', 'signature_expired'], 404: ['course_not_found'] },
          { 422: ['idempotency_key_reused'] },
        ),
      },
    },
  },
  '/v1/certificates': {
    get: {
      tags,
      operationId: 'listCertificates',
      summary: 'List certificates',
      description: 'The tenant’s certificates, newest first, optionally for one course or learner.',
      security: requireScope('certificates:read'),
      requestParams: { query: certificateListQuery },
      responses: {
        200: contentResponse('A page of certificates.', pageOf(certificateResponse)),
        ...problemResponses({ 400: ['validation_failed', 'invalid_cursor'] }, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
      },
    },
  },
  '/v1/certificates/{number}': {
    get: {
      tags,
      operationId: 'getCertificate',
      summary: 'Read a certificate',
      description: 'Another tenant’s certificate number is a 404, exactly like an unknown one.',
      security: requireScope('certificates:read'),
      requestParams: certificatePath,
      responses: {
        200: contentResponse('The certificate.', certificateResponse),
        ...problemResponses(AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 404: ['certificate_not_found'] }),
      },
    },
  },
  '/v1/certificates/{number}/revoke': {
    post: {
      tags,
      operationId: 'revokeCertificate',
      summary: 'Revoke a certificate',
      description:
        'Marks the certificate revoked in the tenant’s status list at once: every verifier sees “revoked” from now on, and the ' +
        'verify page shows the reason. Revoking again keeps the first revocation.',
      security: requireScope('certificates:revoke'),
      requestParams: certificatePath,
      requestBody: jsonBody(revokeCertificateBody),
      responses: {
        200: contentResponse('The revoked certificate.', certificateResponse),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 404: ['certificate_not_found'] }),
      },
    },
  },
};
