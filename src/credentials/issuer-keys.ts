/**
 * Issuer key material and identity: Ed25519 Multikey generation, JWK export, the per-tenant
 * `did:web` identifier and its DID document.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { CONTEXT_URLS } from './document-loader.js';
import { decodeEd25519PublicKey, encodeEd25519PublicKey, encodeEd25519SecretKey } from './multibase.js';

/** An Ed25519 key pair as Multikey strings. The secret must be stored encrypted (secret-box). */
export interface SigningKeyPair {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** Generates a fresh Ed25519 signing key (Multikey encoded). */
export async function generateSigningKey(): Promise<SigningKeyPair> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.d) throw new TypeError('node:crypto returned an Ed25519 JWK without x/d');
  return {
    publicKeyMultibase: encodeEd25519PublicKey(Buffer.from(jwk.x, 'base64url')),
    secretKeyMultibase: encodeEd25519SecretKey(Buffer.from(jwk.d, 'base64url')),
  };
}

/** The public JWK (`kty: OKP`, `crv: Ed25519`) of a `publicKeyMultibase`; never private parts. */
export function publicKeyJwk(publicKeyMultibase: string): JWK {
  const raw = decodeEd25519PublicKey(publicKeyMultibase);
  return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') };
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const KEY_ID = /^[A-Za-z0-9._-]+$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The tenant's issuer DID: `did:web:HOST(%3APORT):[PATH:]issuers:SLUG` for a public URL such
 * as `https://credence.example` or `http://localhost:3000`.
 * @throws TypeError for a non-http(s) URL, an IPv6 host or a slug outside `[a-z0-9-]`.
 */
export function didWebForIssuer(publicUrl: string, slug: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new TypeError(`publicUrl must be an absolute URL, got ${String(publicUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('publicUrl must be http(s)');
  if (url.hostname.startsWith('[')) throw new TypeError('did:web does not support IPv6 hosts here');
  if (typeof slug !== 'string' || !SLUG.test(slug)) throw new TypeError(`invalid issuer slug: ${String(slug)}`);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path, 'issuers', slug].join(':');
}

/**
 * Where a `did:web` DID document is served: `https://HOST/PATH/did.json`, or
 * `https://HOST/.well-known/did.json` for a bare host; `http` for localhost / 127.0.0.1.
 * @throws TypeError when `did` is not a did:web.
 */
export function didWebToUrl(did: string): string {
  const match = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!match?.[1]) throw new TypeError(`not a did:web DID: ${String(did)}`);
  const host = decodeURIComponent(match[1]);
  const hostname = host.replace(/:\d+$/, '');
  const scheme = LOCAL_HOSTS.has(hostname) ? 'http' : 'https';
  const segments = (match[2] ?? '').split(':').filter(Boolean).map((s) => encodeURIComponent(decodeURIComponent(s)));
  const path = segments.length ? `/${segments.join('/')}/did.json` : '/.well-known/did.json';
  return `${scheme}://${host}${path}`;
}

/** Input of {@link buildIssuerDidDocument}. */
export interface IssuerDidDocumentInput {
  did: string;
  /** Active public keys; `keyId` is a fragment such as `key-1`. */
  keys: Array<{ keyId: string; publicKeyMultibase: string }>;
}

/** A verification method of the issuer DID document. */
export type IssuerVerificationMethod =
  | { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }
  | { id: string; type: 'JsonWebKey'; controller: string; publicKeyJwk: JWK };

/** The issuer DID document served at {@link didWebToUrl}. */
export interface IssuerDidDocument {
  '@context': string[];
  id: string;
  verificationMethod: IssuerVerificationMethod[];
  assertionMethod: string[];
}

/** Id of the JsonWebKey verification method paired with Multikey `keyId`: `DID#keyId-jwk`. */
export function jwkVerificationMethodId(did: string, keyId: string): string {
  return `${did}#${keyId}-jwk`;
}

/**
 * Builds the issuer's DID document: per key, a `Multikey` method `DID#keyId` (used by Data
 * Integrity proofs) and a `JsonWebKey` method `DID#keyId-jwk` (same key, for JOSE
 * verifiers), all listed in `assertionMethod`.
 * @throws TypeError for a bad DID, a bad or duplicate key id, or a non-Ed25519 key.
 */
export function buildIssuerDidDocument(input: IssuerDidDocumentInput): IssuerDidDocument {
  const { did, keys } = input;
  didWebToUrl(did);
  if (!Array.isArray(keys)) throw new TypeError('keys must be an array');
  const seen = new Set<string>();
  const verificationMethod: IssuerVerificationMethod[] = [];
  for (const { keyId, publicKeyMultibase } of keys) {
    if (typeof keyId !== 'string' || !KEY_ID.test(keyId) || keyId.endsWith('-jwk')) throw new TypeError(`invalid key id: ${String(keyId)}`);
    if (seen.has(keyId)) throw new TypeError(`duplicate key id: ${keyId}`);
    seen.add(keyId);
    verificationMethod.push(
      { id: `${did}#${keyId}`, type: 'Multikey', controller: did, publicKeyMultibase },
      { id: jwkVerificationMethodId(did, keyId), type: 'JsonWebKey', controller: did, publicKeyJwk: publicKeyJwk(publicKeyMultibase) },
    );
  }
  return {
    '@context': [CONTEXT_URLS.didV1, CONTEXT_URLS.multikeyV1, CONTEXT_URLS.jwkV1],
    id: did,
    verificationMethod,
    assertionMethod: verificationMethod.map((vm) => vm.id),
  };
}
