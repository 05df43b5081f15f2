// Runs the evaluation (test/eval/cli-entry.ts) without a TypeScript loader: esbuild bundles it in
// memory and Node imports the bundle from a data: URL, as build.mjs does for the dataset validator.
// Usage: node test/eval/run.mjs

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

let out;
try {
  out = await esbuild.build({
    entryPoints: [join(root, 'test/eval/cli-entry.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
} catch (error) {
  console.error('Cannot build the evaluation:');
  for (const e of error.errors ?? [error]) console.error(`  ${e.text ?? e.message}`);
  process.exit(1);
}
const code = out.outputFiles[0].text;
const { main } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
process.exitCode = main(root);
