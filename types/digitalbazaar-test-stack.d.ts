/**
 * Minimal typings for the independent Digital Bazaar signing stack the tests use to make
 * credentials outside Credence (dev dependencies, untyped upstream).
 */
declare module '@digitalbazaar/vc' {
  /** The `assertionMethod` proof purpose of credential issuance. */
  export class CredentialIssuancePurpose {
    constructor();
  }
  export function issue(options: { credential: object; suite: object; documentLoader: (url: string) => Promise<unknown>; now?: Date | string }): Promise<Record<string, unknown>>;
  export function signPresentation(options: {
    presentation: object;
    suite: object;
    challenge: string;
    domain?: string;
    documentLoader: (url: string) => Promise<unknown>;
  }): Promise<Record<string, unknown>>;
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options: { key: object; date?: Date | string });
  }
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static generate(options?: { controller?: string; id?: string }): Promise<Ed25519VerificationKey2020>;
    id: string;
    controller: string;
    fingerprint(): string;
  }
}
