// Runs the evaluation (test/eval/cli-entry.ts) without a TypeScript loader (import-ts.mjs).
// Usage: node test/eval/run.mjs

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './import-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

let main;
try {
  ({ main } = await importTs("export * from './test/eval/cli-entry';"));
} catch (error) {
  console.error('Cannot build the evaluation:');
  for (const e of error.errors ?? [error]) console.error(`  ${e.text ?? e.message}`);
  process.exit(1);
}
process.exitCode = main(root);
