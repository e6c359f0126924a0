/**
 * LinkedIn link builders (pure). LinkedIn documents two public entry points a page may link to
 * without an API key: the add-to-profile form and the share dialog. Both take everything in
 * the query string, so the only work is getting the parameters and their encoding right.
 */

/** What LinkedIn's "Add licence or certification" form is pre-filled with. */
export interface AddToProfileInput {
  /** The certification's name (the course name in the page's language). */
  name: string;
  /** The issuer as LinkedIn shows it when it has no organisation id. */
  organizationName: string;
  /** LinkedIn's numeric company id; when set, LinkedIn links the issuer's page and logo. */
  organizationId?: string;
  /** ISO 8601 issuance time. */
  issuedAt: string;
  /** ISO 8601 expiry time, or null when the credential does not expire. */
  validUntil: string | null;
  /** The public verify URL LinkedIn links the certification to. */
  certUrl: string;
  /** The credential id LinkedIn shows (the certificate number). */
  certId: string;
}

const ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';
const SHARE_OFFSITE = 'https://www.linkedin.com/sharing/share-offsite/';

/** Year and 1-based month of an ISO date, in UTC (the date the verify page shows). */
function yearMonth(iso: string, field: string): { year: string; month: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TypeError(`${field} must be an ISO 8601 date, got ${JSON.stringify(iso)}`);
  return { year: String(date.getUTCFullYear()), month: String(date.getUTCMonth() + 1) };
}

// encodeURIComponent rather than URLSearchParams: spaces become %20, not '+', which every
// LinkedIn client decodes the same way; non-ASCII letters become UTF-8 percent escapes.
function query(params: [string, string][]): string {
  return params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}

/**
 * The add-to-profile URL: `startTask=CERTIFICATION_NAME`, `name`, `organizationId` when known
 * (else `organizationName`), `issueYear`/`issueMonth`, `expirationYear`/`expirationMonth` when
 * the credential expires, `certUrl` and `certId`. Months are 1–12.
 */
export function linkedinAddToProfileUrl(input: AddToProfileInput): string {
  const issued = yearMonth(input.issuedAt, 'issuedAt');
  const params: [string, string][] = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', input.name],
    input.organizationId ? ['organizationId', input.organizationId] : ['organizationName', input.organizationName],
    ['issueYear', issued.year],
    ['issueMonth', issued.month],
  ];
  if (input.validUntil) {
    const expires = yearMonth(input.validUntil, 'validUntil');
    params.push(['expirationYear', expires.year], ['expirationMonth', expires.month]);
  }
  params.push(['certUrl', input.certUrl], ['certId', input.certId]);
  return `${ADD_TO_PROFILE}?${query(params)}`;
}

/** The "Share on LinkedIn" dialog URL for a page (LinkedIn reads the page's Open Graph tags). */
export function linkedinShareUrl(url: string): string {
  return `${SHARE_OFFSITE}?${query([['url', url]])}`;
}
