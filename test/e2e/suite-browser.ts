// One browser with the built extension for a describe block: launched before its tests, closed
// after them. Kept apart from browsers.ts, which the benches bundle without vitest.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type BrowserName, type LaunchOptions, launch, type TestBrowser } from './browsers';

/** The build the end-to-end tests load (`BACKSTORY_E2E_DIST`, dist/ by default). */
export const DIST = resolve(process.env.BACKSTORY_E2E_DIST ?? 'dist');

/**
 * Registers the hooks that launch browser `name` with the built extension, the fixture server on
 * `port()` and `options` (such as a system colour scheme), and close it. The returned getter gives
 * undefined until the launch is done, or when it failed (the hook's error then fails the suite).
 */
export function browserForSuite(
  name: BrowserName,
  port: () => number,
  options: Omit<LaunchOptions, 'port'> = {},
): () => TestBrowser | undefined {
  const extDir = join(DIST, name === 'chromium' ? 'chrome' : 'firefox');
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    if (!existsSync(join(extDir, 'manifest.json')))
      throw new Error(
        `${extDir}/manifest.json is missing: build the extension first (\`node build.mjs\`; \`npm test\` does this).`,
      );
    const started = Date.now();
    browser = await launch(name, extDir, { ...options, port: port() });
    const scheme = options.colorScheme ? ` (${options.colorScheme})` : '';
    console.info(`${name}${scheme}: launched with the extension in ${Date.now() - started} ms`);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser;
}
