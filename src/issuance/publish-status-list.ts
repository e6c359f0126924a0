import type { Db } from '../db/client.js';
import { findStatusList, saveStatusListCredential, type StatusListRecord } from '../db/status-lists-repository.js';
import { revokedStatusIndexes } from '../db/status-slots-repository.js';
import type { Tenant } from '../db/tenants-repository.js';
import type { CredentialSigner } from '../credentials/credential-signer.js';
import { buildIssuerProfile } from '../credentials/issuer-profile.js';
import { buildStatusListCredential, createStatusList, encodeStatusList, setStatusBit } from '../credentials/status-list.js';
import { loadActiveSigningKey } from './tenant-signing-key.js';

/** Dependencies for signing status lists. */
export interface StatusListDeps {
  db: Db;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  publicUrl: string;
}

/**
 * The public URL of one of a tenant's status-list credentials, for credentials issued as
 * `issuerId`. Lists are signed as the tenant's did:web; a credential issued as a `did:key` points
 * at a copy of the same list signed as that did:key (`…/LIST/z6Mk…`), because common verifiers
 * require a status list to come from the credential's own issuer.
 */
export function statusListUrl(publicUrl: string, slug: string, listId: string, issuerId?: string): string {
  const base = `${publicUrl}/status/${slug}/${listId}`;
  return issuerId?.startsWith(DID_KEY_PREFIX) ? `${base}/${issuerId.slice(DID_KEY_PREFIX.length)}` : base;
}

const DID_KEY_PREFIX = 'did:key:';

/** Attempts before giving up when other processes keep publishing the same list meanwhile. */
const PUBLISH_ATTEMPTS = 5;

/**
 * Signs the list from the revocations stored now and saves it unless another publisher saved a
 * newer one meanwhile (then starts over from the newer state).
 */
async function signAndSave(deps: StatusListDeps, options: { tenant: Tenant; listId: string }): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const list = findStatusList(deps.db, options.tenant.id, options.listId);
    if (!list) throw new TypeError(`status list ${options.listId} of tenant ${options.tenant.id} does not exist`);
    const json = await signStatusList(deps, { tenant: options.tenant, list });
    const saved = saveStatusListCredential(deps.db, {
      tenantId: options.tenant.id,
      listId: list.listId,
      credentialJson: json,
      at: deps.now().toISOString(),
      expectedRevision: list.revision,
    });
    if (saved) return json;
    if (attempt >= PUBLISH_ATTEMPTS) throw new Error(`status list ${list.listId} kept changing while it was being published`);
  }
}

/** Per database: the publish of each list that is running, and the one waiting to start. */
const publishes = new WeakMap<Db, { running: Map<string, Promise<string>>; waiting: Map<string, Promise<string>> }>();

/**
 * Rebuilds a tenant's status list from the revoked certificates and VC-API credentials, signs it
 * as a `BitstringStatusListCredential` with the tenant's active key, stores and returns it.
 * Publishes of one list run one after another, each reading the revocations when it starts, so
 * the list saved last always holds every revocation stored before it; callers arriving while a
 * publish waits to start share it. Across processes, a compare-and-set on the list's revision
 * keeps an older list from overwriting a newer one.
 */
export function publishStatusList(deps: StatusListDeps, options: { tenant: Tenant; list: StatusListRecord }): Promise<string> {
  let state = publishes.get(deps.db);
  if (!state) publishes.set(deps.db, (state = { running: new Map(), waiting: new Map() }));
  const { running, waiting } = state;
  const key = `${options.tenant.id}/${options.list.listId}`;
  const queued = waiting.get(key);
  if (queued) return queued;
  const previous = running.get(key) ?? Promise.resolve('');
  const next = previous
    .catch(() => '')
    .then(() => {
      waiting.delete(key);
      return signAndSave(deps, { tenant: options.tenant, listId: options.list.listId });
    });
  waiting.set(key, next);
  running.set(key, next);
  const forget = () => {
    if (running.get(key) === next) running.delete(key);
  };
  next.then(forget, forget);
  return next;
}

/** Signs the list's current bits (revoked certificates and VC-API credentials). */
async function signStatusList(deps: StatusListDeps, options: { tenant: Tenant; list: StatusListRecord }): Promise<string> {
  const { tenant, list } = options;
  const bits = createStatusList(list.size);
  for (const index of revokedStatusIndexes(deps.db, tenant.id, list.listId)) setStatusBit(bits, index, true);
  // Always the did:web, whatever identifier the tenant's credentials carry: the list is served
  // from this instance, the did:web ties it to that host, and rotations never change its issuer.
  const issuer = buildIssuerProfile(deps.publicUrl, tenant);
  const now = deps.now();
  const unsigned = buildStatusListCredential({
    id: statusListUrl(deps.publicUrl, tenant.slug, list.listId),
    issuerId: issuer.id,
    validFrom: now.toISOString(),
    encodedList: encodeStatusList(bits),
    statusPurpose: 'revocation',
  });
  const key = loadActiveSigningKey(deps.db, { tenantId: tenant.id, issuerDid: issuer.id, masterKey: deps.masterKey });
  const signed = await deps.signer.signCredential({ credential: unsigned, key, created: now });
  return JSON.stringify(signed);
}

/** The signed status list as last published, signing it first if it never was. */
export async function currentStatusList(
  deps: StatusListDeps,
  options: { tenant: Tenant; listId: string },
): Promise<string | undefined> {
  const list = findStatusList(deps.db, options.tenant.id, options.listId);
  if (!list) return undefined;
  return list.credentialJson ?? publishStatusList(deps, { tenant: options.tenant, list });
}
