import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { issueCredentialBody, updateCredentialStatusBody } from '../../schemas/vc-api-issue-input.js';
import { contentResponse } from '../operation-helpers.js';
import { JSON_BODY_PROBLEMS, problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { verifiableCredential } from '../response-schemas/public-resources.js';
import { AUTH_PROBLEMS, requireScope } from '../security-schemes.js';
import { ISSUE_VC1_EXAMPLE, ISSUE_VC2_EXAMPLE, REVOKE_EXAMPLE } from './vc-api-examples.js';

const tags = ['Issuing (VC-API)'];

/** Refusals of a credential that breaks the VC data model or JSON-LD safe mode (each names the field). */
const CREDENTIAL_RULE_CODES = [
  'invalid_context',
  'invalid_issuer',
  'invalid_id',
  'invalid_type',
  'missing_type',
  'missing_credential_subject',
  'invalid_credential_subject',
  'invalid_date_time',
  'invalid_validity_period',
  'invalid_credential_schema',
  'invalid_related_resource',
  'duplicate_related_resource',
  'missing_resource_digest',
  'invalid_resource_digest',
  'unexpected_proof',
  'jsonld_unknown_context',
  'jsonld_relative_context',
  'jsonld_undefined_term',
  'jsonld_undefined_type',
  'jsonld_relative_iri',
  'jsonld_invalid',
  'credential_too_deep',
];

/** The W3C VC-API issuer endpoints, per tenant. */
export const vcApiIssuePaths: ZodOpenApiPathsObject = {
  '/credentials/issue': {
    post: {
      tags,
      operationId: 'issueCredential',
      summary: 'Issue a verifiable credential (VC-API)',
      description:
        'Signs your credential as your tenant with an `eddsa-rdfc-2022` Data Integrity proof. Send a VC Data Model 2.0 ' +
        '(`https://www.w3.org/ns/credentials/v2`) or 1.1 (`https://www.w3.org/2018/credentials/v1`) credential without a proof. ' +
        'Leave `issuer` out to sign as the tenant’s chosen identifier (`PATCH /v1/tenant` `issuerIdentifier`: `did:web` or ' +
        '`did:key`), or set it to either of the tenant’s identifiers (`GET /v1/tenant` `issuerIds`). Ask for ' +
        '`options.credentialStatus` to be able to revoke it later. Every term must be defined by the credential’s contexts ' +
        '(JSON-LD safe mode); contexts are never fetched, so only bundled ones are accepted.',
      security: requireScope('credentials:issue'),
      requestBody: {
        required: true,
        description:
          '`credential` is the unsigned credential (`@context`, `type`, `credentialSubject`, optional `id`, `issuer`, dates); ' +
          '`options.credentialStatus` asks for a revocation entry in the tenant’s status list.',
        content: {
          'application/json': {
            schema: issueCredentialBody,
            examples: { vc2: { summary: 'A VC 2.0 credential, revocable', value: ISSUE_VC2_EXAMPLE }, vc11: { summary: 'A VC 1.1 credential', value: ISSUE_VC1_EXAMPLE } },
          },
        },
      },
      responses: {
        201: contentResponse('The signed credential.', z.object({ verifiableCredential })),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 403: ['issuer_not_allowed'], 422: CREDENTIAL_RULE_CODES }),
      },
    },
  },
  '/credentials/status': {
    post: {
      tags,
      operationId: 'updateCredentialStatus',
      summary: 'Revoke a credential (VC-API)',
      description:
        'Revokes a credential this tenant issued with `options.credentialStatus`: its status list is re-signed at once, so every ' +
        'verifier sees it revoked. Revocation is final; revoking again changes nothing.',
      security: requireScope('credentials:status'),
      requestBody: { required: true, content: { 'application/json': { schema: updateCredentialStatusBody, examples: { revoke: { value: REVOKE_EXAMPLE } } } } },
      responses: {
        200: contentResponse('The new status.', z.object({ credentialId: z.string(), status: z.literal('revoked'), revokedAt: z.string().meta({ format: 'date-time' }) })),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, { 404: ['credential_not_found'], 422: ['credential_without_status'] }),
      },
    },
  },
};
