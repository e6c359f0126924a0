/** Reads a token request off the wire: form body, grant type and client authentication. */
import type { Request } from 'express';
import { oauthError } from '../../oauth/oauth-error.js';
import type { ClientCredentialsRequest } from '../../oauth/token-request.js';
import { tokenRequestBody, type TokenRequestBody } from '../schemas/oauth-input.js';

/** Parameters sent without a value count as omitted (RFC 6749 §3.1). */
function withoutEmptyValues(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ''));
}

/** RFC 6749 §2.3.1: Basic user and password are form-encoded client id and secret. */
function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** Client id and secret from `Authorization: Basic`, or undefined when another scheme or none is used. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = header ? /^basic\s+(\S*)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  try {
    if (colon > 0) return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    // A malformed percent-escape: refused below like any other unreadable Basic credential.
  }
  throw oauthError('invalid_client', 'The HTTP Basic client credentials are malformed.', 'Authorization');
}

function parseBody(req: Request): TokenRequestBody {
  if (!req.is('application/x-www-form-urlencoded') || typeof req.body !== 'object' || req.body === null) {
    throw oauthError('invalid_request', 'Send the token request as an application/x-www-form-urlencoded body.', 'Content-Type');
  }
  const body = withoutEmptyValues(req.body as Record<string, unknown>);
  if (body.grant_type === undefined) throw oauthError('invalid_request', 'grant_type is required.', 'grant_type');
  if (typeof body.grant_type === 'string' && body.grant_type !== 'client_credentials') {
    throw oauthError('unsupported_grant_type', 'Only the client_credentials grant is supported.', 'grant_type');
  }
  const result = tokenRequestBody.safeParse(body);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0] ?? 'body');
  throw oauthError('invalid_request', `${field} is malformed or repeated.`, field);
}

/**
 * The client credentials request in `req`. A client authenticates with HTTP Basic
 * (`client_secret_basic`) or with `client_id` and `client_secret` in the body
 * (`client_secret_post`); with Basic, the body may repeat the same `client_id` but no secret.
 * @throws `invalid_request`, `unsupported_grant_type` or `invalid_client` (no or malformed credentials).
 */
export function readTokenRequest(req: Request): ClientCredentialsRequest {
  const body = parseBody(req);
  const basic = basicCredentials(req.headers.authorization);
  const { scope, audience } = body;
  if (basic) {
    if (body.client_secret !== undefined || (body.client_id !== undefined && body.client_id !== basic.clientId)) {
      throw oauthError('invalid_request', 'Authenticate the client one way only: HTTP Basic or client_id and client_secret in the body.', 'client_secret');
    }
    return { ...basic, scope, audience };
  }
  if (body.client_id === undefined || body.client_secret === undefined) {
    throw oauthError('invalid_client', 'Authenticate the client with HTTP Basic or with client_id and client_secret.', 'client_id');
  }
  return { clientId: body.client_id, clientSecret: body.client_secret, scope, audience };
}
