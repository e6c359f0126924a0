import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMasterKey } from '../credentials/secret-box.js';

/**
 * Returns the 32-byte master key that encrypts tenant secrets at rest: from
 * `CREDENCE_MASTER_KEY` when set, else from `<dataDir>/master.key`, generating that file
 * (mode 0600) on first start. `onGenerated` is told when a new key file was written.
 */
export function loadOrCreateMasterKey(options: {
  masterKeyText: string | undefined;
  dataDir: string;
  onGenerated?: (path: string) => void;
}): Buffer {
  if (options.masterKeyText) return parseMasterKey(options.masterKeyText);
  const path = join(options.dataDir, 'master.key');
  if (existsSync(path)) return parseMasterKey(readFileSync(path, 'utf8').trim());
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  options.onGenerated?.(path);
  return key;
}
