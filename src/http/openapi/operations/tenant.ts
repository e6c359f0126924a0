import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { updateTenantBody } from '../../schemas/tenant-input.js';
import { contentResponse, jsonBody } from '../operation-helpers.js';
import { JSON_BODY_PROBLEMS, problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { tenantSettingsResponse } from '../response-schemas/tenant-resources.js';
import { AUTH_PROBLEMS, requireScope } from '../security-schemes.js';

const tags = ['Tenant settings'];

/**
 * `PATCH /v1/tenant` validates in two steps (unknown fields are named one by one, then the known
 * ones are checked): describe the second step, which lists the settings.
 */
const tenantSettingsBody = updateTenantBody.out.meta({ description: 'Any subset of the settings; `null` clears one. Unknown fields are refused.' });

/** `/v1/tenant`: the calling tenant's settings. */
export const tenantPaths: ZodOpenApiPathsObject = {
  '/v1/tenant': {
    get: {
      tags,
      operationId: 'getTenant',
      summary: 'Read the tenant’s settings',
      description: 'Branding, usage visibility, the issuer profile URL and how the tenant signs credentials.',
      security: requireScope('tenant:read'),
      responses: {
        200: contentResponse('The settings.', tenantSettingsResponse),
        ...problemResponses(AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
      },
    },
    patch: {
      tags,
      operationId: 'updateTenant',
      summary: 'Change the tenant’s settings',
      description:
        'Branding (display name, colours, logo as a PNG or JPEG data URL, LinkedIn organisation id, website), whether usage ' +
        'evidence is public, and the issuer identifier credentials are signed as: `did:web` (resolvable at this server, the ' +
        'default) or `did:key` (self-contained, nothing to host).',
      security: requireScope('tenant:write'),
      requestBody: jsonBody(tenantSettingsBody),
      responses: {
        200: contentResponse('The changed settings.', tenantSettingsResponse),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
      },
    },
  },
};
