// Launch headless Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi)
// with an unpacked extension, behind one small interface so each end-to-end test is written once.
// Recipes and their reasons: test/e2e/README.md.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PptrBrowser, type Page as PptrPage } from 'puppeteer-core';
import { chromiumArgs, firefoxProxyPrefs } from './server.mjs';

export type BrowserName = 'chromium' | 'firefox';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const VIEWPORT = { width: 1280, height: 800 };

/** A function evaluated in the page's main world; it must not close over anything. */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

export interface WaitOptions<R> {
  /** What is awaited, for the timeout message. */
  what: string;
  until?: (value: R) => boolean;
  timeoutMs?: number;
}

export interface TestPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>;
  /**
   * Polls `fn` in the page until `until` (checked here, in Node) accepts its value, which is returned.
   * Page functions cannot close over test code, so conditions on their results live in `until`.
   */
  waitFor<A, R>(fn: PageFunction<A, R>, arg: A, wait: WaitOptions<R>): Promise<R>;
  /** Real mouse click on the first visible match; the selector pierces open shadow roots. */
  click(selector: string): Promise<void>;
  /** Real mouse hover over the first visible match; the selector pierces open shadow roots. */
  hover(selector: string): Promise<void>;
  press(key: string): Promise<void>;
  /** Resizes the page's viewport (the window the page lays itself out in). */
  setViewport(width: number, height: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  readonly name: BrowserName;
  newPage(): Promise<TestPage>;
  close(): Promise<void>;
}

export interface ChromiumBrowser extends TestBrowser {
  readonly name: 'chromium';
  readonly context: BrowserContext;
  /** The extension's service worker (waits for it if it was stopped and restarts on demand). */
  serviceWorker(): Promise<Worker>;
}

export interface FirefoxBrowser extends TestBrowser {
  readonly name: 'firefox';
  readonly browser: PptrBrowser;
  readonly extensionId: string;
}

/**
 * Runs `body` on a fresh page and always leaves a screenshot at `screenshot`, pass or fail; when it
 * fails, prints the last requests the fixture server saw (a misrouted page shows up there first).
 */
export async function withPage(
  browser: TestBrowser | undefined,
  screenshot: string,
  requests: () => readonly { status: number; method: string; host: string; path: string }[],
  body: (page: TestPage) => Promise<void>,
): Promise<void> {
  if (!browser) throw new Error('the browser did not start');
  const page = await browser.newPage();
  try {
    await body(page);
  } catch (err) {
    const recent = requests()
      .slice(-8)
      .map((r) => `${r.status} ${r.method} ${r.host}${r.path}`);
    console.error(
      `${browser.name} ${screenshot}: last requests to the fixture server:\n  ${recent.join('\n  ')}`,
    );
    throw err;
  } finally {
    await page.screenshot(screenshot).catch(() => {});
    await page.close().catch(() => {});
  }
}

export async function poll<R>(
  probe: () => Promise<R>,
  { what, until = Boolean, timeoutMs = 10_000 }: WaitOptions<R>,
  intervalMs = 100,
): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (until(value)) return value;
      last = value;
    } catch (err) {
      // Navigation in progress destroys the execution context; try again.
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A fixture that is missing or misrouted should fail as such, not as a timeout later. */
function expectOk(url: string, status: number | undefined): void {
  if (status !== undefined && (status < 200 || status > 299))
    throw new Error(`${url} answered HTTP ${status} (is the fixture page there?)`);
}

function chromiumPage(page: Page): TestPage {
  return {
    async goto(url) {
      expectOk(url, (await page.goto(url, { waitUntil: 'load' }))?.status());
    },
    async reload() {
      expectOk('reload', (await page.reload({ waitUntil: 'load' }))?.status());
    },
    evaluate: <A, R>(fn: PageFunction<A, R>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    waitFor: <A, R>(fn: PageFunction<A, R>, arg: A, wait: WaitOptions<R>) =>
      poll(() => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>, wait),
    async click(selector) {
      await page.locator(selector).first().click({ timeout: 10_000 });
    },
    async hover(selector) {
      await page.locator(selector).first().hover({ timeout: 10_000 });
    },
    press: (key) => page.keyboard.press(key),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

function firefoxPage(page: PptrPage): TestPage {
  // puppeteer's `>>>` combinator searches through open shadow roots, like playwright's CSS engine.
  const deep = (selector: string) => `>>> ${selector}`;
  return {
    async goto(url) {
      expectOk(url, (await page.goto(url, { waitUntil: 'load' }))?.status());
    },
    async reload() {
      expectOk('reload', (await page.reload({ waitUntil: 'load' }))?.status());
    },
    evaluate: <A, R>(fn: PageFunction<A, R>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    waitFor: <A, R>(fn: PageFunction<A, R>, arg: A, wait: WaitOptions<R>) =>
      poll(() => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>, wait),
    async click(selector) {
      await page.locator(deep(selector)).setTimeout(10_000).click();
    },
    async hover(selector) {
      await page.locator(deep(selector)).setTimeout(10_000).hover();
    },
    press: (key) => page.keyboard.press(key as Parameters<PptrPage['keyboard']['press']>[0]),
    setViewport: (width, height) => page.setViewport({ width, height }),
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close: () => page.close(),
  };
}

export interface LaunchOptions {
  /** Port of the fixture server (server.mjs) that stands in for the TASS sites. */
  port: number;
  headless?: boolean;
  /**
   * The system colour scheme the pages see (prefers-color-scheme); the browser's default when absent.
   * Set at launch: Firefox over BiDi has no media emulation (puppeteer's emulateMediaFeatures needs
   * CDP), so there it is the ui.systemUsesDarkTheme pref, which only applies at startup.
   */
  colorScheme?: 'light' | 'dark';
  /**
   * Chromium only: this profile folder instead of a fresh one, kept on close, so that a test can
   * start the browser again on it (a browser restart with the extension installed).
   */
  profile?: string;
}

export async function launchChromium(extDir: string, options: LaunchOptions): Promise<ChromiumBrowser> {
  const ext = resolve(extDir);
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'backstory-chromium-'));
  const removeProfile = () => {
    if (!options.profile) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: VIEWPORT,
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    args: chromiumArgs(options.port, ext),
  });
  const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
  const serviceWorker = async () =>
    context.serviceWorkers().find(isExtensionWorker) ??
    (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 }));
  try {
    await serviceWorker();
  } catch (err) {
    await context.close().catch(() => {});
    removeProfile();
    throw new Error(`Chromium started no service worker for the extension in ${ext}: ${err}`);
  }
  return {
    name: 'chromium',
    context,
    serviceWorker,
    newPage: async () => chromiumPage(await context.newPage()),
    async close() {
      await context.close();
      removeProfile();
    },
  };
}

export async function launchFirefox(extDir: string, options: LaunchOptions): Promise<FirefoxBrowser> {
  const ext = resolve(extDir);
  const profile = mkdtempSync(join(tmpdir(), 'backstory-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless ?? true,
    userDataDir: profile,
    defaultViewport: VIEWPORT,
    extraPrefsFirefox: {
      ...firefoxProxyPrefs(options.port),
      ...(options.colorScheme ? { 'ui.systemUsesDarkTheme': options.colorScheme === 'dark' ? 1 : 0 } : {}),
    },
  });
  let extensionId: string;
  try {
    // Not `enableExtensions`: puppeteer does not await those installs (see README.md).
    extensionId = await browser.installExtension(ext);
  } catch (err) {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Firefox refused to install the extension in ${ext}: ${err}`);
  }
  return {
    name: 'firefox',
    browser,
    extensionId,
    newPage: async () => firefoxPage(await browser.newPage()),
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Sends `request` to the background from an extension page (the options page), as that page's own
 * code does: how tests ask what the background holds, with no test hook in the build.
 */
export async function askBackground(page: Page, request: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(
    (message) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<Record<string, unknown>> } };
        }
      ).chrome.runtime.sendMessage(message),
    request,
  );
}

export function launch(name: BrowserName, extDir: string, options: LaunchOptions): Promise<TestBrowser> {
  return name === 'chromium' ? launchChromium(extDir, options) : launchFirefox(extDir, options);
}
