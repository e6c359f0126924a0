import { AppError } from '../errors.js';

/** The error codes of RFC 6749 §5.2 this token endpoint answers with. */
export const OAUTH_ERROR_CODES = ['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type', 'invalid_scope'] as const;

/** One RFC 6749 §5.2 error code. */
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

/**
 * A token-endpoint refusal: 400, except `invalid_client`, which is 401 with a `WWW-Authenticate`
 * challenge for the Basic scheme (RFC 6749 §5.2).
 */
export function oauthError(code: OAuthErrorCode, detail: string, field?: string): AppError {
  if (code === 'invalid_client') {
    return new AppError(code, 401, detail, { field, headers: { 'WWW-Authenticate': 'Basic realm="credence"' } });
  }
  return new AppError(code, 400, detail, { field });
}

/** True for an error raised by {@link oauthError}. */
export function isOAuthError(error: unknown): error is AppError {
  return error instanceof AppError && (OAUTH_ERROR_CODES as readonly string[]).includes(error.code);
}
