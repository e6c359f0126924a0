/**
 * `did:key` resolution for Ed25519 keys (https://w3c-ccg.github.io/did-key-spec/), offline.
 */
import { decodeEd25519PublicKey } from './multibase.js';

/**
 * Builds the DID document of an Ed25519 `did:key` (`did:key:z6Mk...`), with one Multikey
 * verification method `did:key:z6Mk...#z6Mk...`.
 * @returns `null` when the DID is not an Ed25519 did:key.
 */
export function resolveDidKey(did: string): Record<string, unknown> | null {
  const match = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  const multibase = match?.[1];
  if (!multibase) return null;
  try {
    decodeEd25519PublicKey(multibase);
  } catch {
    return null;
  }
  const vmId = `${did}#${multibase}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}
