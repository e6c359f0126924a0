/**
 * The permission vocabulary of tenant routes. OAuth 2.0 clients are granted a subset of these
 * scopes; an `admin` API key holds all of them, a usage-source key only `usage:write`.
 */
export const SCOPES = [
  'courses:read',
  'courses:write',
  'completions:write',
  'certificates:read',
  'certificates:revoke',
  'tenant:read',
  'tenant:write',
  'analytics:read',
  'usage:write',
  'usage-sources:manage',
  'credentials:issue',
  'credentials:status',
  'credentials:verify',
] as const;

/** One permission a route requires. */
export type Scope = (typeof SCOPES)[number];

/** True for a string that names one of {@link SCOPES}. */
export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** The scopes an API key of the given kind holds. */
export function scopesOfApiKey(kind: 'admin' | 'usage'): readonly Scope[] {
  return kind === 'admin' ? SCOPES : ['usage:write'];
}
