// TypeScript modules of a checkout as one JavaScript module, bundled in memory by esbuild (one
// bundle: modules that share a class see the same one), so that the evaluation, the benchmarks and
// the engine comparison run the code the extension ships without a TypeScript loader. build.mjs does
// the same for the build, which does not depend on test/.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repository = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundle of `contents`, a module whose imports resolve from `root`, as JavaScript text. */
export async function bundleTs(contents, root = repository) {
  const out = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** The bundle of `contents` (see bundleTs), imported from a data: URL. */
export async function importTs(contents, root = repository) {
  const code = await bundleTs(contents, root);
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
