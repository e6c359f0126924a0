/**
 * Development-only support for worker threads (the signer pool, the usage fold thread) when
 * Credence runs from TypeScript sources (Jest, tsx). Node 20 does not apply ESM loader hooks inside
 * worker threads, so a worker cannot import `.ts` files; instead we transpile the worker's source
 * directory and `src/paths.ts` once with SWC (a dev dependency) into
 * `node_modules/.cache/credence-workers/<source dir>/<hash>/src/`, keeping the layout so relative imports and
 * `projectPath()` resolve as in `dist/`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from './paths.js';

interface SwcLike {
  transformSync(code: string, options: object): { code: string };
}

const built = new Map<string, string>();
const STALE_MS = 24 * 60 * 60 * 1000;

/** Removes transpiled trees of older sources (a day old, so no running process still uses them). */
function pruneStale(parent: string, keep: string): void {
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const dir = join(parent, name);
    try {
      if (dir !== keep && Date.now() - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: another process may be pruning too.
    }
  }
}

function sources(sourceDir: string): Array<{ relative: string; code: string }> {
  const dir = projectPath('src', sourceDir);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  return [
    { relative: join('src', 'paths.ts'), code: readFileSync(projectPath('src', 'paths.ts'), 'utf8') },
    ...files.map((f) => ({ relative: join('src', sourceDir, f), code: readFileSync(join(dir, f), 'utf8') })),
  ];
}

/**
 * Transpiles a worker's sources, the `.ts` files of `src/<sourceDir>` (once per process and content
 * hash), and returns the file URL of the compiled `src/<sourceDir>/<entry>.js`. The worker may
 * import only those files, `src/paths.ts` and packages.
 */
export function buildWorkerFromSources(sourceDir: string, entry: string): string {
  const done = built.get(`${sourceDir}/${entry}`);
  if (done) return done;
  const files = sources(sourceDir);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.relative).update('\0').update(file.code).update('\0');
  // One folder per worker: pruning one worker's old trees never touches the other's current one.
  const root = projectPath('node_modules', '.cache', 'credence-workers', sourceDir, hash.digest('hex').slice(0, 16));
  const entryFile = join(root, 'src', sourceDir, `${entry}.js`);
  if (!existsSync(entryFile)) {
    const swc = createRequire(import.meta.url)('@swc/core') as SwcLike;
    // Build in a private directory, then rename: concurrent test workers never see half a tree.
    const staging = `${root}.tmp-${process.pid}-${Date.now()}`;
    for (const file of files) {
      const out = join(staging, file.relative.replace(/\.ts$/, '.js'));
      const { code } = swc.transformSync(file.code, {
        filename: file.relative,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      });
      mkdirSync(join(out, '..'), { recursive: true });
      writeFileSync(out, code);
    }
    pruneStale(join(root, '..'), root);
    try {
      renameSync(staging, root);
    } catch (error) {
      // Another process won the race: its tree has the same content.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(entryFile)) throw error;
    }
  }
  const url = pathToFileURL(entryFile).href;
  built.set(`${sourceDir}/${entry}`, url);
  return url;
}
