// What the benches share: the median, and real headless browsers on a fresh profile, with the built
// extension loaded or without it, pointed at the fixture server (test/e2e/server.mjs). The e2e tests
// have their own launcher (browsers.ts); the benches borrow its way into Backstory's closed shadow
// roots (testPageOf), bundled from TypeScript on first use.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, firefoxProxyPrefs } from '../e2e/server.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let browsersModule;
/**
 * The e2e tests' TestPage of a playwright page (Chromium) or a puppeteer page (Firefox): clicks at
 * elements inside Backstory's closed roots, and page functions that see those roots (README, "How an
 * end-to-end test reaches Backstory").
 */
export async function testPageOf(page, browser) {
  if (!browsersModule) {
    const esbuild = await import('esbuild');
    // Inside node_modules, so that the bundle's own imports (playwright-core, puppeteer-core) resolve.
    const dir = join(root, 'node_modules/.cache/backstory-bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'browsers.mjs');
    await esbuild.build({
      entryPoints: [join(root, 'test/e2e/browsers.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      // The fixture server stays where it is: it reads its certificate next to itself.
      plugins: [
        {
          name: 'fixture-server',
          setup(build) {
            build.onResolve({ filter: /server\.mjs$/ }, () => ({
              path: pathToFileURL(join(root, 'test/e2e/server.mjs')).href,
              external: true,
            }));
          },
        },
      ],
      outfile: file,
      logLevel: 'silent',
    });
    browsersModule = await import(pathToFileURL(file).href);
  }
  return browser === 'firefox' ? browsersModule.firefoxTestPage(page) : browsersModule.chromiumTestPage(page);
}

/** Page function: whether the sidebar's toggle is there (run through a TestPage, which sees the root). */
export const sidebarHasToggle = () =>
  Boolean(
    document.querySelector('backstory-sidebar')?.shadowRoot?.querySelector('[data-backstory="toggle"]'),
  );

/** Page function: whether the sidebar shows an entity card (run through a TestPage, which sees the root). */
export const sidebarHasCard = () =>
  Boolean(document.querySelector('backstory-sidebar')?.shadowRoot?.querySelector('[data-entity-id]'));

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1] : 0;
}

/**
 * Chromium with an unpacked extension loaded when `extension` is true (dist/chrome, or `extensionDir`)
 * and its service worker running (unless `waitForWorker` is false). On a fresh profile removed again
 * by close(), or on `profile`, which close() keeps (a browser restarted on it is a browser start with
 * the extension already installed). `viewport` as Playwright takes it; its default otherwise.
 */
export async function launchChromium(
  port,
  {
    extension = true,
    extensionDir = join(root, 'dist/chrome'),
    viewport,
    profile,
    waitForWorker = true,
  } = {},
) {
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ...(viewport ? { viewport } : {}),
    args: chromiumArgs(port, extension ? extensionDir : undefined),
  });
  const worker =
    extension && waitForWorker
      ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 })))
      : null;
  return {
    context,
    worker,
    async close() {
      await context.close();
      if (!profile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Firefox add-on id (manifest.json's browser_specific_settings). */
export const FIREFOX_ADDON_ID = 'backstory@backstory-extension.org';

/**
 * A Firefox profile with the extension in `extensionDir` installed as a normal (sideloaded, unsigned)
 * add-on, which Firefox loads at every start, unlike a temporary add-on installed over WebDriver
 * BiDi (gone at the next start). See test/e2e/README.md.
 */
export function firefoxProfileWithExtension(extensionDir = join(root, 'dist/firefox')) {
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-ffp-'));
  const files = {};
  const walk = (rel) => {
    for (const entry of readdirSync(join(extensionDir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else files[path] = readFileSync(join(extensionDir, path));
    }
  };
  walk('');
  mkdirSync(join(profile, 'extensions'), { recursive: true });
  writeFileSync(join(profile, 'extensions', `${FIREFOX_ADDON_ID}.xpi`), zipSync(files));
  return profile;
}

/**
 * Firefox ESR with the extension installed when `extension` is true: dist/firefox (or `extensionDir`)
 * as a temporary add-on on a fresh profile removed by close(); or, with `profile` (from
 * firefoxProfileWithExtension), the add-on that profile holds, and close() keeps the profile.
 */
export async function launchFirefox(
  port,
  { extension = true, extensionDir = join(root, 'dist/firefox'), profile } = {},
) {
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'backstory-bench-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: dir,
    extraPrefsFirefox: {
      ...firefoxProxyPrefs(port),
      // A sideloaded unsigned add-on runs only with both (see test/e2e/README.md).
      ...(profile ? { 'xpinstall.signatures.required': false, 'extensions.autoDisableScopes': 0 } : {}),
    },
    // The fixture server's certificate is self-signed (test/e2e/server.mjs).
    acceptInsecureCerts: true,
  });
  if (extension && !profile) await browser.installExtension(extensionDir);
  return {
    browser,
    async close() {
      await browser.close();
      if (!profile) rmSync(dir, { recursive: true, force: true });
    },
  };
}
