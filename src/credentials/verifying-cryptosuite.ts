/**
 * The eddsa-rdfc-2022 cryptosuite every verification in Credence uses: template expansion
 * (identical canonical N-Quads, much faster than the stock pipeline) and node:crypto Ed25519
 * verification with cached key objects for Multikey verification methods.
 */
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { BoundedCache } from '../verification/bounded-cache.js';
import { publicKeyJwk } from './issuer-keys.js';
import { templatedCryptosuite } from './sign-data-integrity.js';

/** Public keys as node:crypto objects: importing one costs more than the verification itself. */
const publicKeys = new BoundedCache<KeyObject>(1000);

function publicKeyObject(publicKeyMultibase: string): KeyObject {
  let key = publicKeys.get(publicKeyMultibase);
  if (!key) {
    key = createPublicKey({ key: publicKeyJwk(publicKeyMultibase), format: 'jwk' });
    publicKeys.set(publicKeyMultibase, key);
  }
  return key;
}

/**
 * eddsa-rdfc-2022 with template expansion (identical canonical N-Quads, much faster) and, for
 * Multikey verification methods, node:crypto verification with cached key objects.
 */
export const verifyingCryptosuite = {
  ...templatedCryptosuite,
  async createVerifier(options: { verificationMethod: object }): Promise<object> {
    const method = options.verificationMethod as { id?: unknown; type?: unknown; publicKeyMultibase?: unknown };
    if (method.type !== 'Multikey' || typeof method.publicKeyMultibase !== 'string') return templatedCryptosuite.createVerifier(options);
    const key = publicKeyObject(method.publicKeyMultibase);
    return {
      id: method.id,
      algorithm: 'Ed25519',
      verify: async ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => cryptoVerify(null, data, key, signature),
    };
  },
};
