// The DCC security document loader ships no type declarations; this covers what Credence's tests use.
declare module '@digitalcredentials/security-document-loader' {
  export interface JsonLdDocumentLoader {
    addStatic(url: string, document: object): void;
    setProtocolHandler(options: { protocol: string; handler: { get(params: { url: string }): Promise<object> } }): void;
    build(): (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: object }>;
  }
  export function securityLoader(options?: { fetchRemoteContexts?: boolean; useOBv3BetaContext?: boolean }): JsonLdDocumentLoader;
}
