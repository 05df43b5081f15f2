// Builds Backstory: validates the dataset, bundles every entry point with esbuild, and writes one
// loadable extension per browser (dist/chrome, dist/firefox) from the single source manifest.json,
// plus the Node CLI (dist/cli.mjs). `node build.mjs --zip` also writes the store zips.
// `node build.mjs --bench` writes dist-bench/ instead: the same extension with the latency bench's
// timings compiled in (src/shared/bench.ts); the shipped build has none of that code.
//
// Like Dark Reader, there is one manifest source; the per-browser differences are small patches below.

import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { zipSync } from 'fflate';

const root = dirname(fileURLToPath(import.meta.url));
/** The module that compiles a matcher and gives its stored form: what the stored matcher's stamp covers. */
const MATCHER_CODE_ENTRY = 'src/engine/matcher/stored.ts';
const forBench = process.argv.includes('--bench');
const dist = join(root, forBench ? 'dist-bench' : 'dist');
const browsers = ['chrome', 'firefox'];
const wantZip = process.argv.includes('--zip') && !forBench;

/**
 * Loads TypeScript modules from src/ as one module, bundled in memory, so the build runs the same
 * code as the tests (one bundle: modules that share a class see the same one).
 */
async function importTs(...entries) {
  const out = await esbuild.build({
    stdin: {
      contents: entries.map((entry) => `export * from './${entry}';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Reads and validates src/data (entities, series, places); exits with every problem listed when invalid. */
async function compileDataset() {
  const { validateDataset, compileBundle } = await importTs('src/dataset/dataset.ts');
  const { readDatasetSources } = await importTs('src/dataset/source-files.ts');
  const { files, errors: unreadable } = readDatasetSources(root);
  if (unreadable.length > 0) fail(unreadable);
  const { entities, errors } = validateDataset(files);
  if (errors.length > 0) fail(errors);
  const meta = JSON.parse(readFileSync(join(root, 'src/data/meta.json'), 'utf8'));
  return compileBundle(entities, meta.date);
}

function fail(errors) {
  console.error(
    `Build failed: the dataset is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):`,
  );
  for (const line of errors) console.error(`  ${line}`);
  process.exit(1);
}

/** The manifest each browser wants, derived from the one source. */
function manifestFor(browser, source, version) {
  const manifest = structuredClone(source);
  manifest.version = version;
  if (browser === 'chrome') {
    // Chromium warns about background.scripts in MV3 and ignores browser_specific_settings.
    manifest.background = { service_worker: source.background.service_worker };
    delete manifest.browser_specific_settings;
  } else {
    // Firefox MV3 has no service-worker background; it runs background.scripts as an event page.
    manifest.background = { scripts: source.background.scripts };
  }
  return manifest;
}

/**
 * A short hash of the code a stored compiled matcher depends on: every source file that the matcher's
 * compile-and-store module pulls in (esbuild's own import graph), and nothing else. A stored matcher
 * is valid only for the same code; editing the sidebar or a hover card must not make every install
 * compile its matcher again.
 */
async function matcherCodeHash() {
  const { metafile } = await esbuild.build({
    entryPoints: [join(root, MATCHER_CODE_ENTRY)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const input of Object.keys(metafile.inputs).sort())
    hash.update(input).update(readFileSync(join(root, input)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * The bundled dataset's matcher, compiled and in its stored form (matcher.bin): installing the
 * extension then loads it instead of compiling it. Stamped as the background stamps what it stores
 * (src/background/service.ts), so a build with other matcher code ships a matcher of its own.
 */
async function compiledMatcherFile(bundle, codeHash) {
  const { compileMatcher, serializeMatcher, encodeStoredMatcher } = await importTs(
    'src/engine/matcher/compile.ts',
    MATCHER_CODE_ENTRY,
    'src/engine/matcher/stored-file.ts',
  );
  const matcher = compileMatcher(bundle.entities);
  return encodeStoredMatcher(serializeMatcher(matcher, `${bundle.version}/${codeHash}`));
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundle = await compileDataset();
const datasetJson = JSON.stringify(bundle);
const codeHash = await matcherCodeHash();
const matcherFile = await compiledMatcherFile(bundle, codeHash);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['chrome120', 'firefox128'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  charset: 'utf8',
  logLevel: 'warning',
  define: {
    __DATASET_VERSION__: JSON.stringify(bundle.version),
    // The digest of the dataset.json this build validated: the background checks the file against
    // it instead of validating the same bytes again on every install (src/background/index.ts).
    __DATASET_SHA256__: JSON.stringify(createHash('sha256').update(datasetJson).digest('hex')),
    // Stamps the compiled matcher the background stores in IndexedDB (see matcherCodeHash).
    __MATCHER_CODE_HASH__: JSON.stringify(codeHash),
    // Only the bench build records timings; elsewhere the code is dropped as dead.
    __BENCH__: JSON.stringify(forBench),
  },
};

/**
 * The shipped bundles use the classic JSX transform, h(type, props, ...children): smaller than the
 * automatic runtime's jsx(type, { children: [...] }) plus its own module (about 700 B of content.js),
 * and the same vnodes. `h` and `Fragment` come from a virtual module that esbuild injects where used.
 * (Type checking and the tests keep the automatic runtime of tsconfig.json.)
 */
const classicJsx = {
  jsx: 'transform',
  jsxFactory: 'h',
  jsxFragment: 'Fragment',
  tsconfigRaw: { compilerOptions: { jsx: 'react', jsxFactory: 'h', jsxFragmentFactory: 'Fragment' } },
  inject: ['backstory:jsx'],
  plugins: [
    {
      // Preact's one innerHTML write is its dangerouslySetInnerHTML path, which Backstory never uses
      // (dataset text is always rendered as text). It is made a textContent write, so that not even a
      // future mistake can put HTML from the dataset into a page, and the add-on linter has no
      // UNSAFE_VAR_ASSIGNMENT to report. The build fails if Preact's code no longer has that shape.
      name: 'preact-no-inner-html',
      setup(build) {
        build.onLoad({ filter: /preact[\\/]dist[\\/]preact\.mjs$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          const pattern = /\.innerHTML=(\w+)\.__html/g;
          const writes = source.match(pattern)?.length ?? 0;
          if (writes !== 1) throw new Error(`expected one innerHTML write in ${args.path}, found ${writes}`);
          return { contents: source.replace(pattern, '.textContent=$1.__html'), loader: 'js' };
        });
      },
    },
    {
      name: 'preact-jsx',
      setup(build) {
        build.onResolve({ filter: /^backstory:jsx$/ }, () => ({ path: 'jsx', namespace: 'backstory' }));
        build.onLoad({ filter: /.*/, namespace: 'backstory' }, () => ({
          contents: "export { h, Fragment } from 'preact';",
          resolveDir: root,
        }));
      },
    },
  ],
};

const staging = join(dist, 'chrome');
// Classic scripts work both as a Chromium service worker and as a Firefox background page. The
// background has no JSX: built apart, so the injected `h` does not bring Preact into it.
await esbuild.build({
  ...common,
  entryPoints: { background: join(root, 'src/background/index.ts') },
  outdir: staging,
  format: 'iife',
});
await esbuild.build({
  ...common,
  ...classicJsx,
  entryPoints: {
    content: join(root, 'src/content/index.tsx'),
    options: join(root, 'src/options/options.tsx'),
  },
  outdir: staging,
  format: 'iife',
});

// The CLI embeds the dataset so it runs from dist/cli.mjs alone.
await esbuild.build({
  ...common,
  minify: false,
  entryPoints: [join(root, 'src/cli/cli.ts')],
  outfile: join(dist, 'cli.mjs'),
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  plugins: [
    {
      name: 'bundled-dataset',
      setup(build) {
        build.onResolve({ filter: /^backstory:dataset$/ }, () => ({
          path: 'dataset',
          namespace: 'backstory',
        }));
        build.onLoad({ filter: /.*/, namespace: 'backstory' }, () => ({
          contents: datasetJson,
          loader: 'json',
        }));
      },
    },
  ],
});

const sourceManifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
for (const browser of browsers) {
  const out = join(dist, browser);
  if (out !== staging) cpSync(staging, out, { recursive: true });
  writeFileSync(
    join(out, 'manifest.json'),
    `${JSON.stringify(manifestFor(browser, sourceManifest, pkg.version), null, 2)}\n`,
  );
  writeFileSync(join(out, 'dataset.json'), datasetJson);
  writeFileSync(join(out, 'matcher.bin'), matcherFile);
  cpSync(join(root, 'src/options/options.html'), join(out, 'options.html'));
  cpSync(join(root, 'src/locales'), join(out, '_locales'), { recursive: true });
  mkdirSync(join(out, 'icons'), { recursive: true });
  for (const name of readdirSync(join(root, 'icons'))) {
    if (name.endsWith('.png')) cpSync(join(root, 'icons', name), join(out, 'icons', name));
  }
}

if (wantZip) {
  // Fixed timestamps keep the zips byte-for-byte reproducible.
  const mtime = new Date('2026-01-01T00:00:00Z');
  for (const browser of browsers) {
    const dir = join(dist, browser);
    const files = {};
    const walk = (rel) => {
      for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(path);
        else files[path] = [readFileSync(join(dir, path)), { mtime }];
      }
    };
    walk('');
    const zipPath = join(dist, `backstory-${browser}-${pkg.version}.zip`);
    writeFileSync(zipPath, zipSync(files, { level: 9 }));
    console.log(`wrote ${zipPath}`);
  }
}

const size = (browser, file) => readFileSync(join(dist, browser, file)).length;
console.log(
  `built ${forBench ? 'dist-bench' : 'dist'}/chrome and /firefox: content.js ${size('chrome', 'content.js')} B, background.js ${size('chrome', 'background.js')} B, ` +
    `dataset ${bundle.entities.length} entities (${Buffer.byteLength(datasetJson)} B, version ${bundle.version}), ` +
    `matcher.bin ${matcherFile.length} B`,
);
