/** Key material a signer needs: the verification method (DID URL) and the Ed25519 key pair. */
export interface SigningKeyMaterial {
  verificationMethod: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/**
 * Signs credentials. Implemented in-process for tests and tools, and by the worker-thread pool
 * in the server so signing never stalls request handling.
 */
export interface CredentialSigner {
  /** Adds an eddsa-rdfc-2022 DataIntegrityProof (serialised as an array) to `credential`. */
  signCredential<T extends object>(job: { credential: T; key: SigningKeyMaterial; created?: Date }): Promise<T & { proof: object[] }>;
  /**
   * Signs one credential both ways (Data Integrity proof and VC-JWT, `kid` = the verification
   * method) and returns the signed JSON text exactly as it is to be stored and served.
   */
  signForIssuance(job: { credential: object; key: SigningKeyMaterial; created?: Date }): Promise<{ credentialJson: string; jwt: string }>;
  /** Releases threads, if any. */
  close(): Promise<void>;
}
