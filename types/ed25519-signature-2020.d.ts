/** Minimal typings for the untyped Ed25519Signature2020 suite (verification only). */
declare module '@digitalcredentials/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: object);
  }
}
