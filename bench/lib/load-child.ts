/**
 * Child-process entry of `runLoadApart` (load.ts): reads a `SerializableLoad` as JSON on stdin,
 * runs it with autocannon in this process (paths taken in turn) and writes the LoadResult as JSON
 * on stdout.
 */
import { runLoad, type SerializableLoad } from './load.js';

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const { paths, ...options } = JSON.parse(input) as SerializableLoad;
let next = 0;
const result = await runLoad({
  ...options,
  ...(paths && paths.length > 0 && { setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }),
});
process.stdout.write(JSON.stringify(result));
