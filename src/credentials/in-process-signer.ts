import type { CredentialSigner } from './credential-signer.js';
import { createDocumentLoader } from './document-loader.js';
import { signCredential } from './sign-data-integrity.js';
import { signBoth } from './signer-worker.js';

/**
 * A signer on the calling thread: for tests, the CLI and tools. The server uses the
 * worker-thread pool (`createSignerPool`) so signing never blocks request handling.
 */
export function createInProcessSigner(): CredentialSigner {
  const documentLoader = createDocumentLoader();
  return {
    signCredential: ({ credential, key, created }) => signCredential({ credential, key, created, documentLoader }),
    signForIssuance: (job) => signBoth(job, documentLoader),
    close: async () => undefined,
  };
}
