/**
 * Runs every HTTP benchmark one after the other, each in its own process, so one's memory and
 * JIT state cannot colour the next: core (issue 3), issuance (issue 4), usage (issue 5), vc-api (issue 9).
 * Run: `npm run bench` (builds the server into bench/.data/dist first). Pass names to run a subset:
 * `npm run bench -- usage`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/processes.js';

const ALL = ['core', 'issuance', 'usage', 'vc-api'];
const wanted = process.argv.slice(2).filter((a) => ALL.includes(a));
let failed = 0;
for (const name of wanted.length > 0 ? wanted : ALL) {
  console.log(`\n=== bench/${name}.ts ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', `${name}.ts`)], { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
  console.log(`=== ${name}: exit ${result.status ?? result.signal} after ${Math.round((Date.now() - started) / 1000)}s ===`);
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
