// What the benches share: the median, and real headless browsers on a fresh profile, with the built
// extension loaded or without it, pointed at the fixture server (test/e2e/server.mjs). The e2e tests
// have their own launcher (browsers.ts), which the .mjs benches cannot import.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, firefoxProxyPrefs } from '../e2e/server.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1] : 0;
}

/**
 * Chromium with dist/chrome loaded when `extension` is true (and its service worker running), on a
 * fresh profile removed again by close(). `viewport` as Playwright takes it; its default otherwise.
 */
export async function launchChromium(port, { extension = true, viewport } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ...(viewport ? { viewport } : {}),
    args: chromiumArgs(port, extension ? join(root, 'dist/chrome') : undefined),
  });
  const worker = extension
    ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 })))
    : null;
  return {
    context,
    worker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Firefox ESR with dist/firefox installed when `extension` is true, on a fresh profile removed by close(). */
export async function launchFirefox(port, { extension = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: firefoxProxyPrefs(port),
    // The fixture server's certificate is self-signed (test/e2e/server.mjs).
    acceptInsecureCerts: true,
  });
  if (extension) await browser.installExtension(join(root, 'dist/firefox'));
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
