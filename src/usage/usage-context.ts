import { readFileSync } from 'node:fs';
import { registerContext } from '../credentials/document-loader.js';
import { projectPath } from '../paths.js';

/** The usage-attestation JSON-LD context, as bundled and served under `/contexts/`. */
export const USAGE_CONTEXT: object = JSON.parse(
  readFileSync(projectPath('src', 'credentials', 'contexts', 'usage-attestation-v1.json'), 'utf8'),
) as object;

/** The URL this instance serves the usage-attestation context at. */
export function usageContextUrl(publicUrl: string): string {
  return `${publicUrl}/contexts/usage-attestation-v1.json`;
}

/**
 * Adds the usage-attestation context to the closed document loaders of this process (and of
 * signer workers started later or receiving their next job), so attestations sign and verify offline.
 */
export function registerUsageContext(publicUrl: string): void {
  registerContext(usageContextUrl(publicUrl), USAGE_CONTEXT);
}
