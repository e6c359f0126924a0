import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { tokenRequestBody } from '../../schemas/oauth-input.js';
import { contentResponse } from '../operation-helpers.js';
import { problemResponses, problemSchema, RATE_LIMIT_PROBLEMS, refusalResponse } from '../problem-responses.js';

const tags = ['Getting a token'];

/** RFC 6749 §5.2 error body, with the problem-details members beside it. */
const oauthErrorSchema = problemSchema
  .extend({
    error: z.string().meta({ description: 'The RFC 6749 error code (same as `code`).', example: 'invalid_client' }),
    error_description: z.string().meta({ description: 'What went wrong, in plain words.' }),
  })
  .meta({ id: 'OAuthError' });

const oauthErrorResponse = (summary: string, codes: string[]) => refusalResponse({ summary, codes, schema: oauthErrorSchema, mediaType: 'application/json' });

const tokenResponse = z.object({
  access_token: z.string().meta({ description: 'A signed JWT; send it as `Authorization: Bearer <access_token>`.' }),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().meta({ description: 'Seconds until the token expires; then request a new one.' }),
  scope: z.string().meta({ description: 'The granted scopes, space-separated.' }),
});

/** The OAuth 2.0 authorization server: token endpoint, token keys and metadata. */
export const oauthPaths: ZodOpenApiPathsObject = {
  '/oauth/token': {
    post: {
      tags,
      operationId: 'requestToken',
      summary: 'Get an access token (client credentials)',
      description:
        'RFC 6749 §4.4. Authenticate the client with HTTP Basic (`client_id:client_secret`, `client_secret_basic`) or with ' +
        '`client_id` and `client_secret` in the form (`client_secret_post`), not both. Ask for a subset of the client’s scopes ' +
        'with `scope`, or leave it out for all of them. Create a client with `credence client create --tenant <slug> --scopes "…"`.',
      security: [{ oauthClient: [] }, {}],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: tokenRequestBody } } },
      responses: {
        200: contentResponse('The access token.', tokenResponse),
        400: oauthErrorResponse('The request is invalid', ['invalid_request', 'unsupported_grant_type', 'invalid_scope', 'invalid_grant']),
        401: oauthErrorResponse('Client authentication failed', ['invalid_client']),
        ...problemResponses(RATE_LIMIT_PROBLEMS),
      },
    },
  },
  '/oauth/jwks.json': {
    get: {
      tags,
      operationId: 'getTokenKeys',
      summary: 'Public keys of access tokens (JWK Set)',
      description: 'For resource servers that verify Credence access tokens themselves.',
      security: [],
      responses: { 200: contentResponse('The JWK Set.', z.object({ keys: z.array(z.looseObject({})) }), 'application/jwk-set+json'), ...problemResponses(RATE_LIMIT_PROBLEMS) },
    },
  },
  '/.well-known/oauth-authorization-server': {
    get: {
      tags,
      operationId: 'getAuthorizationServerMetadata',
      summary: 'Authorization server metadata (RFC 8414)',
      security: [],
      responses: {
        200: contentResponse(
          'Issuer, token endpoint, JWKS URI, supported grants, client authentication methods and scopes.',
          z.looseObject({ issuer: z.string(), token_endpoint: z.string(), jwks_uri: z.string(), scopes_supported: z.array(z.string()) }),
        ),
        ...problemResponses(RATE_LIMIT_PROBLEMS),
      },
    },
  },
};
