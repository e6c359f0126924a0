import type { oas31, ZodOpenApiComponentsObject } from 'zod-openapi';
import type { Scope } from '../scopes.js';
import type { ProblemCodes } from './problem-responses.js';

/** What each scope lets a caller do (shown in the OAuth 2.0 flow and on `/docs`). */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'courses:read': 'List and read the tenant’s courses.',
  'courses:write': 'Create and change courses.',
  'completions:write': 'Report course completions (issues certificates).',
  'certificates:read': 'List and read issued certificates.',
  'certificates:revoke': 'Revoke certificates.',
  'tenant:read': 'Read the tenant’s settings.',
  'tenant:write': 'Change branding, usage visibility and the issuer identifier.',
  'analytics:read': 'Read adoption analytics.',
  'usage:write': 'Send xAPI usage statements.',
  'usage-sources:manage': 'Create and list usage sources (usage API keys).',
  'credentials:issue': 'Issue verifiable credentials through the VC-API.',
  'credentials:status': 'Revoke or suspend VC-API credentials.',
  'credentials:verify': 'Verify credentials as the tenant.',
};

/** The security schemes of every route: API keys, OAuth 2.0 client credentials, signed webhooks, dashboard sessions. */
export const securitySchemes: NonNullable<ZodOpenApiComponentsObject['securitySchemes']> = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'Credence API key',
    description:
      'A tenant API key, sent as `Authorization: Bearer <key>` (xAPI clients may use HTTP Basic with the key as user name). ' +
      'An admin key holds every scope; a usage-source key only `usage:write`. Create keys with the `credence` CLI.',
  },
  oauth2: {
    type: 'oauth2',
    description:
      'OAuth 2.0 client credentials (RFC 6749 §4.4): exchange a client id and secret at `/oauth/token` for a short-lived ' +
      'access token, and send it as `Authorization: Bearer <token>`. A client gets only the scopes it was granted.',
    flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: SCOPE_DESCRIPTIONS } },
  },
  webhookSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Credence-Signature',
    description:
      'For LMS webhooks without an API key: `Credence-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">` with the ' +
      'tenant’s webhook secret, plus `Credence-Tenant: <slug>`. The timestamp must be within 5 minutes.',
  },
  oauthClient: {
    type: 'http',
    scheme: 'basic',
    description:
      'An OAuth client’s id and secret as HTTP Basic user and password (`client_secret_basic`), only at `/oauth/token`; ' +
      'or send `client_id` and `client_secret` in the form instead (`client_secret_post`).',
  },
  dashboardSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'credence_session',
    description: 'The session cookie set by signing in to `/dashboard` with an admin API key (browsers only).',
  },
};

/** The security of a tenant route: an API key or an OAuth 2.0 token that grants `scope`. */
export function requireScope(scope: Scope): oas31.SecurityRequirementObject[] {
  return [{ apiKey: [scope] }, { oauth2: [scope] }];
}

/** Refusals of the credentials themselves, before the route runs. */
export const AUTH_PROBLEMS: ProblemCodes = {
  401: ['unauthorized', 'invalid_api_key', 'invalid_token'],
  403: ['insufficient_scope'],
};
