import type { Db } from '../db/client.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { decodeStatusList, getStatusBit } from '../credentials/status-list.js';
import { didWebForIssuer } from '../credentials/issuer-keys.js';
import { StatusListIssuerMismatch, type StatusChecker } from '../credentials/verification-checks.js';
import { listRecentSigningKeys } from '../db/signing-keys-repository.js';
import { statusListRevision } from '../db/status-lists-repository.js';
import { currentStatusList } from '../issuance/publish-status-list.js';
import { cachedTenantBySlug } from '../tenants/tenant-cache.js';
import { didKeyOf } from '../vc-api/issuer-identifiers.js';
import { BoundedCache } from './bounded-cache.js';

/** Dependencies for reading this instance's status lists. */
export interface StatusCheckDeps {
  db: Db;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
}

/** `SLUG/LIST`, or `SLUG/LIST/z6Mk…` (the same bits signed as a did:key), after `…/status/`. */
const LIST_PATH = /^([a-z0-9-]+)\/(\d+)(?:\/(z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}))?$/;

/**
 * Returns a function that reads a `BitstringStatusListEntry`'s bit from this instance's signed
 * status lists (as currently published, so a revocation shows at once). Lists served by other
 * hosts are not fetched: the lookup throws, which verification reports as a failed status check.
 *
 * The list must be issued by the credential's own issuer, compared as exact ids
 * ({@link StatusListIssuerMismatch} otherwise, so the check fails with `status check failed:
 * status list issuer mismatch (…)`): `…/status/SLUG/LIST` is issued by the tenant's did:web,
 * `…/status/SLUG/LIST/z6Mk…` by `did:key:z6Mk…` (one of the tenant's keys, retired ones
 * included). Without this, anyone could sign a credential with a fresh key, point it at an unset
 * index of one of our lists and have it show "not revoked".
 *
 * W3C Bitstring Status List v1.0 (Recommendation, 15 May 2025), §3.2 Validate Algorithm, note
 * "Issuer validation is use case dependent": a verifier is expected to ensure that it trusts the
 * issuer of the credential *as well as* the issuer of the associated
 * BitstringStatusListCredential, and the issuers might differ. (The algorithm's steps themselves
 * only verify the list's proofs and status purpose.) This verifier's rule is the strict one that
 * Digital Bazaar's `checkStatus` applies by default (`verifyMatchingIssuers: true`, "Issuers of
 * the status list credential and verifiable credential do not match."): only the credential's
 * issuer is trusted for its status. No "same tenant, either identifier" leniency is needed,
 * because every credential this app issues points at the copy of its list signed as its own
 * issuer id: did:web credentials at `…/LIST`, did:key ones at `…/LIST/<their key>`
 * (`statusListUrl`, used by certificate issuance, renewal and VC-API `/credentials/issue`); a
 * rotation leaves did:web lists' issuer unchanged and keeps serving old keys' copies. Accepting the
 * tenant's other identifier would pass credentials that external verifiers refuse.
 */
export function createLocalStatusCheck(deps: StatusCheckDeps): StatusChecker {
  const decoded = new BoundedCache<{ revision: number; bits: Uint8Array }>(1000);
  const prefix = `${deps.publicUrl}/status/`;
  return async (entry, { issuerId }) => {
    const url = String(entry.statusListCredential ?? '');
    const index = Number(entry.statusListIndex);
    const match = url.startsWith(prefix) ? LIST_PATH.exec(url.slice(prefix.length)) : null;
    if (!match || !Number.isInteger(index) || index < 0) throw new Error('status list not resolvable offline');
    const tenant = cachedTenantBySlug(deps.db, match[1]!);
    const listId = match[2]!;
    const keyMultibase = match[3];
    const current = tenant && statusListRevision(deps.db, tenant.id, listId);
    if (!tenant || !current) throw new Error('status list not found');
    // Who signs the list this URL serves: the same answer as GET /status/… would give.
    const listIssuer = keyMultibase ? didKeyOf(keyMultibase) : didWebForIssuer(deps.publicUrl, tenant.slug);
    if (keyMultibase && !listRecentSigningKeys(deps.db, tenant.id).some((key) => key.publicKeyMultibase === keyMultibase)) {
      throw new Error('status list not found');
    }
    if (listIssuer !== issuerId) throw new StatusListIssuerMismatch(listIssuer, issuerId);
    // The decoded list is reused until the list is re-signed (every revocation re-signs it).
    let cached = current.signed ? decoded.get(url) : undefined;
    if (!cached || cached.revision !== current.revision) {
      const json = await currentStatusList(deps, { tenant, listId });
      if (!json) throw new Error('status list not found');
      const list = JSON.parse(json) as { credentialSubject: { encodedList: string } };
      // Read before the JSON when it was already signed, so a concurrent re-signing is never missed.
      const revision = current.signed ? current.revision : statusListRevision(deps.db, tenant.id, listId)!.revision;
      cached = { revision, bits: decodeStatusList(list.credentialSubject.encodedList) };
      decoded.set(url, cached);
    }
    if (index >= cached.bits.length * 8) throw new Error('status index out of range');
    return { revoked: getStatusBit(cached.bits, index) };
  };
}
