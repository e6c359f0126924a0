import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root (the folder holding package.json), found by walking up from this module:
 * the same code runs from `src/` under tests and from `dist/src/` in production.
 */
export const PROJECT_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new TypeError('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

/** Resolves a path relative to the project root (e.g. `locales`, `drizzle`, `templates/certificate`). */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
