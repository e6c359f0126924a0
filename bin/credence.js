#!/usr/bin/env node
// Admin CLI entry point: runs the compiled CLI (built by `npm install` through the prepare script).
import { runCli } from '../dist/src/cli.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`credence: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
