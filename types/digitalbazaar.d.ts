/**
 * Minimal typings for the untyped Digital Bazaar / Digital Credentials JSON-LD signing stack.
 * Only what Credence calls is declared; shapes follow the libraries' JSDoc.
 */

declare module '@digitalcredentials/vc' {
  /** A jsonld document loader result. */
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

  export interface VerifyLogEntry {
    id: string;
    valid: boolean;
  }
  export interface VerifyCredentialResult {
    verified: boolean;
    results?: Array<{ verified: boolean; error?: Error; purposeResult?: { controller?: { id?: string } } }>;
    error?: Error & { errors?: Error[] };
    log?: VerifyLogEntry[];
  }

  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: object; date?: Date | string; maxTimestampDelta?: number });
  }

  export function issue(options: {
    credential: object;
    suite: object;
    purpose?: object;
    documentLoader?: DocumentLoader;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;

  export function verifyCredential(options: {
    credential: object;
    suite: object | object[];
    purpose?: object;
    documentLoader?: DocumentLoader;
    checkStatus?: (options: object) => Promise<{ verified: boolean }>;
    now?: Date | string;
  }): Promise<VerifyCredentialResult>;
}

declare module '@digitalcredentials/jsonld-signatures' {
  const jsigs: {
    purposes: {
      AssertionProofPurpose: new (options?: { controller?: object; date?: Date | string; maxTimestampDelta?: number }) => object;
      AuthenticationProofPurpose: new (options: { challenge: string; domain?: string; date?: Date | string; maxTimestampDelta?: number }) => object;
    };
    verify(document: object, options: { suite: object | object[]; purpose: object; documentLoader: (url: string) => Promise<unknown> }): Promise<{
      verified: boolean;
      results?: Array<{ proof: Record<string, unknown>; verified: boolean; error?: unknown; purposeResult?: { valid: boolean; error?: unknown } }>;
      error?: unknown;
    }>;
  };
  export default jsigs;
}

declare module '@digitalbazaar/data-integrity' {
  /** The signer interface a cryptosuite expects. */
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export class DataIntegrityProof {
    constructor(options: { signer?: Signer; date?: Date | string | number | null; cryptosuite: object; legacyContext?: boolean });
    verificationMethod?: string;
    /** Proof options (e.g. `id`, `previousProof`) copied into the next created proof. */
    proof?: Record<string, unknown>;
    /** Creates a proof over `document` exactly as given (any `proof` in it is signed too). */
    createProof(options: { document: object; purpose: object; proofSet: object[]; documentLoader: (url: string) => Promise<unknown> }): Promise<Record<string, unknown>>;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize(input: object, options: object): Promise<string>;
    createVerifier(options: { verificationMethod: object }): Promise<object>;
  };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { id: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: object): Promise<Ed25519KeyPair>;
}

declare module 'jsonld' {
  const jsonld: {
    toRDF(input: object, options: object): Promise<unknown>;
    expand(input: object, options: object): Promise<unknown[]>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export function canonize(input: unknown, options: object): Promise<string>;
}
