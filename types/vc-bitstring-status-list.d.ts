// Digital Bazaar's BitstringStatusList checker (tests only: an independent status check).
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: {
    credential: object;
    documentLoader: (url: string) => Promise<unknown>;
    suite: object;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; results?: Array<{ verified: boolean; status?: boolean }>; error?: unknown }>;
}
