import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fontPackageVersions } from '../fonts.js';
import { SUPPORTED_LANGUAGES } from '../i18n.js';
import { packageVersion } from '../pdf/layout.js';
import { projectPath } from '../paths.js';

/** Bump when a change to the image rendering code changes the PNG bytes for the same input. */
const IMAGE_RENDERER_REVISION = '1';

function imageVersion(): string {
  const hash = createHash('sha256').update(`images ${IMAGE_RENDERER_REVISION}\n`);
  for (const lng of SUPPORTED_LANGUAGES) hash.update(readFileSync(projectPath('locales', lng, 'image.json')));
  for (const pkg of ['@resvg/resvg-js', 'fontkit']) hash.update(`${pkg}@${packageVersion(pkg)}\n`);
  for (const [pkg, version] of Object.entries(fontPackageVersions())) hash.update(`${pkg}@${version}\n`);
  return `${IMAGE_RENDERER_REVISION}-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Identifies everything besides the input that shapes badge and Open Graph PNG bytes (wording,
 * renderer revision, rasteriser and font versions). Key image caches on it.
 */
export const IMAGE_RENDER_VERSION: string = imageVersion();
