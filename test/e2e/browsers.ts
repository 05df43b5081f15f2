// Launch headless Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi)
// with an unpacked extension, behind one small interface so each end-to-end test is written once.
// Recipes and their reasons: test/e2e/README.md.
//
// Backstory's hosts (<backstory-sidebar>, <backstory-card>) hold closed shadow roots (on a plain
// element inside them): the page's scripts cannot reach inside, and neither can a test's page
// functions. A test reaches them the way only a browser's automation protocol can: before each page
// function runs, every Backstory host in the page gets its closed root as an own `shadowRoot`
// property (CDP DOM.describeNode with pierce in Chromium; a WebDriver BiDi
// node serialized with includeShadowTree "all" in Firefox). Page functions then read
// `host.shadowRoot` as before. All of that happens in a world of the test's own (a CDP isolated
// world in Chromium, a BiDi sandbox in Firefox): the page's scripts share the DOM but not those
// properties, so a hostile page under test sees nothing the test exposed to itself.
// `evaluateAsPage` runs in the page's main world: it sees exactly what the page's own scripts see.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
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
  /** Runs `fn` in the page's main world, Backstory's closed shadow roots exposed to it (see above). */
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>;
  /** Runs `fn` in the page's main world exactly as the page's own scripts would (no roots exposed). */
  evaluateAsPage<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>;
  /**
   * Polls `fn` in the page until `until` (checked here, in Node) accepts its value, which is returned.
   * Page functions cannot close over test code, so conditions on their results live in `until`.
   */
  waitFor<A, R>(fn: PageFunction<A, R>, arg: A, wait: WaitOptions<R>): Promise<R>;
  /** Real mouse click on the first visible match, in the page or inside Backstory's shadow roots. */
  click(selector: string): Promise<void>;
  /** Real mouse hover over the first visible match, in the page or inside Backstory's shadow roots. */
  hover(selector: string): Promise<void>;
  press(key: string): Promise<void>;
  /**
   * Errors of Backstory's seen since the page opened (console errors and uncaught exceptions whose
   * source is the extension or that name it), as far as the browser's protocol reports them; clear
   * it with `errors().length = 0`.
   */
  errors(): string[];
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

/** Whether a console error or an exception comes from Backstory (its source URL, or its "[Backstory]" prefix). */
const isOurs = (text: string) => /chrome-extension:\/\/|moz-extension:\/\/|\[Backstory\]/.test(text);

/** Backstory's hosts whose closed root the test has not exposed yet (evaluated in the page). */
const UNEXPOSED_HOSTS = `Array.from(document.querySelectorAll('body > *, html > *')).filter(
  (host) => host.localName.startsWith('backstory-') && !Object.getOwnPropertyDescriptor(host, 'shadowRoot'))`;
/** Gives a host (and the element inside it that holds the root) its closed root as an own `shadowRoot` property. */
const EXPOSE_ROOT = `function (host, root) {
  for (const element of [host, root.host])
    Object.defineProperty(element, 'shadowRoot', { get: () => root, configurable: true });
}`;

/**
 * Runs in the page (roots exposed): the centre of the first visible match of `selector` in the
 * document or in a Backstory shadow root, scrolled into view, or null.
 */
function pointAt(selector: string): { x: number; y: number } | null {
  const roots: ParentNode[] = [document];
  for (const host of Array.from(document.querySelectorAll('body > *, html > *')))
    if (host.localName.startsWith('backstory-') && host.shadowRoot) roots.push(host.shadowRoot);
  for (const root of roots) {
    for (const el of Array.from(root.querySelectorAll(selector))) {
      let r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.bottom < 0 || r.top > window.innerHeight) {
        el.scrollIntoView({ block: 'center' });
        r = el.getBoundingClientRect();
      }
      // A mention that wraps: the middle of its first line.
      const first = el.getClientRects()[0] ?? r;
      return { x: first.left + first.width / 2, y: first.top + first.height / 2 };
    }
  }
  return null;
}

async function pointFor(page: Pick<TestPage, 'waitFor'>, selector: string) {
  const at = await page.waitFor(pointAt, selector, {
    what: `a visible ${selector}`,
    until: (p) => p !== null,
  });
  return at!;
}

/** One TestPage per browser page, made on first use (so, in Chromium, its isolated world is made once). */
function oncePerPage<P extends object>(make: (page: P) => TestPage): (page: P) => TestPage {
  const made = new WeakMap<P, TestPage>();
  return (page) => {
    let testPage = made.get(page);
    if (!testPage) {
      testPage = make(page);
      made.set(page, testPage);
    }
    return testPage;
  };
}

/** The TestPage of a playwright page (Chromium). */
export const chromiumTestPage = oncePerPage<Page>((page) => chromiumPage(page));

function chromiumPage(page: Page): TestPage {
  const errors: string[] = [];
  page.on('console', (message) => {
    const text = `${message.text()} (${message.location().url})`;
    if (message.type() === 'error' && isOurs(text)) errors.push(text);
  });
  page.on('pageerror', (error) => {
    if (isOurs(`${error.message}\n${error.stack}`)) errors.push(error.stack ?? error.message);
  });
  let cdp: CDPSession | undefined;
  /** The test's own isolated world in the page (CDP Page.createIsolatedWorld), made again after a navigation. */
  let world: number | undefined;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) world = undefined;
  });
  const session = async () => {
    cdp ??= await page.context().newCDPSession(page);
    return cdp;
  };
  const worldId = async () => {
    if (world !== undefined) return world;
    const cdp = await session();
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'backstory-e2e',
    });
    world = executionContextId;
    return world;
  };
  /** Exposes, in the test's world, the closed roots of hosts not yet exposed there (see the header). */
  const expose = async () => {
    const cdp = await session();
    const contextId = await worldId();
    const group = 'backstory-e2e';
    try {
      const { result } = await cdp.send('Runtime.evaluate', {
        expression: UNEXPOSED_HOSTS,
        contextId,
        objectGroup: group,
      });
      if (!result.objectId) return;
      const { result: items } = await cdp.send('Runtime.getProperties', {
        objectId: result.objectId,
        ownProperties: true,
      });
      for (const item of items) {
        const hostId = item.value?.objectId;
        if (!/^\d+$/.test(item.name) || !hostId) continue;
        // The UI's root is on the plain element inside the host (see shadow-host.ts).
        const { result: inner } = await cdp.send('Runtime.callFunctionOn', {
          objectId: hostId,
          functionDeclaration: 'function () { return this.querySelector(":scope > div") ?? this; }',
          objectGroup: group,
        });
        if (!inner.objectId) continue;
        const { node } = await cdp.send('DOM.describeNode', {
          objectId: inner.objectId,
          pierce: true,
          depth: 1,
        });
        const root = node.shadowRoots?.[0];
        if (!root) continue;
        const { object } = await cdp.send('DOM.resolveNode', {
          backendNodeId: root.backendNodeId,
          executionContextId: contextId,
          objectGroup: group,
        });
        await cdp.send('Runtime.callFunctionOn', {
          objectId: hostId,
          functionDeclaration: EXPOSE_ROOT,
          arguments: [{ objectId: hostId }, { objectId: object.objectId }],
        });
      }
    } finally {
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => {});
    }
  };
  const evaluateOnce = async <A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> => {
    await expose();
    const cdp = await session();
    const reply = await cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: fn.toString(),
      executionContextId: await worldId(),
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (reply.exceptionDetails)
      throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value as R;
  };
  const evaluate = async <A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> => {
    try {
      return await evaluateOnce(fn, arg);
    } catch (err) {
      // The world went with a navigation that the event had not reported yet: once more in a new one.
      if (!/context|Execution|destroyed/i.test(String(err))) throw err;
      world = undefined;
      return evaluateOnce(fn, arg);
    }
  };
  const self: TestPage = {
    async goto(url) {
      expectOk(url, (await page.goto(url, { waitUntil: 'load' }))?.status());
    },
    async reload() {
      expectOk('reload', (await page.reload({ waitUntil: 'load' }))?.status());
    },
    evaluate,
    evaluateAsPage: <A, R>(fn: PageFunction<A, R>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    waitFor: <A, R>(fn: PageFunction<A, R>, arg: A, wait: WaitOptions<R>) =>
      poll(() => evaluate(fn, arg), wait),
    async click(selector) {
      const { x, y } = await pointFor(self, selector);
      await page.mouse.click(x, y);
    },
    async hover(selector) {
      const { x, y } = await pointFor(self, selector);
      await page.mouse.move(x, y);
    },
    press: (key) => page.keyboard.press(key),
    errors: () => errors,
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
  return self;
}

/** The part of puppeteer's BiDi realm (not public API) that sends script.callFunction as is. */
interface BidiRealm {
  callFunction(
    declaration: string,
    awaitPromise: boolean,
    options: Record<string, unknown>,
  ): Promise<{ type: string; result?: BidiValue; exceptionDetails?: { text?: string } }>;
}
interface BidiValue {
  type: string;
  sharedId?: string;
  value?: BidiValue[] | BidiNode;
}
interface BidiNode {
  shadowRoot?: BidiValue | null;
  children?: BidiValue[];
}

/** The TestPage of a puppeteer page (Firefox). */
export const firefoxTestPage = oncePerPage<PptrPage>((page) => firefoxPage(page));

function firefoxPage(page: PptrPage): TestPage {
  const errors: string[] = [];
  page.on('console', (message) => {
    const text = `${message.text()} (${message.location().url ?? ''})`;
    if (message.type() === 'error' && isOurs(text)) errors.push(text);
  });
  page.on('pageerror', (error) => {
    const text = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
    if (isOurs(text)) errors.push(text);
  });
  /** Puppeteer's own sandbox in the page (a WebDriver BiDi sandbox realm): the test's world. */
  const sandbox = () =>
    (
      page.mainFrame() as unknown as {
        isolatedRealm(): { realm: BidiRealm; evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<R> };
      }
    ).isolatedRealm();
  /** Exposes, in the test's world, the closed roots of hosts not yet exposed there (see the header). */
  const expose = async () => {
    const realm = sandbox().realm;
    const found = await realm.callFunction(`() => ${UNEXPOSED_HOSTS}`, false, {
      serializationOptions: { maxDomDepth: 2, includeShadowTree: 'all' },
    });
    const hosts = found.type === 'success' && Array.isArray(found.result?.value) ? found.result.value : [];
    for (const host of hosts) {
      // The UI's root is on the plain element inside the host (see shadow-host.ts).
      const node = host.value as BidiNode | undefined;
      const root =
        node?.children?.map((child) => (child.value as BidiNode | undefined)?.shadowRoot).find(Boolean) ??
        node?.shadowRoot;
      if (!host.sharedId || !root?.sharedId) continue;
      const done = await realm.callFunction(EXPOSE_ROOT, false, {
        arguments: [{ sharedId: host.sharedId }, { sharedId: root.sharedId }],
      });
      if (done.type !== 'success')
        throw new Error(`could not expose a shadow root: ${done.exceptionDetails?.text}`);
    }
  };
  const evaluate = async <A, R>(fn: PageFunction<A, R>, arg: A) => {
    await expose();
    return (await sandbox().evaluate(fn as (arg: A) => R, arg)) as R;
  };
  const self: TestPage = {
    async goto(url) {
      expectOk(url, (await page.goto(url, { waitUntil: 'load' }))?.status());
    },
    async reload() {
      expectOk('reload', (await page.reload({ waitUntil: 'load' }))?.status());
    },
    evaluate,
    evaluateAsPage: <A, R>(fn: PageFunction<A, R>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    waitFor: <A, R>(fn: PageFunction<A, R>, arg: A, wait: WaitOptions<R>) =>
      poll(() => evaluate(fn, arg), wait),
    async click(selector) {
      const { x, y } = await pointFor(self, selector);
      await page.mouse.click(x, y);
    },
    async hover(selector) {
      const { x, y } = await pointFor(self, selector);
      await page.mouse.move(x, y);
    },
    press: (key) => page.keyboard.press(key as Parameters<PptrPage['keyboard']['press']>[0]),
    errors: () => errors,
    setViewport: (width, height) => page.setViewport({ width, height }),
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close: () => page.close(),
  };
  return self;
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
    // The fixture server's certificate is self-signed (server.mjs); only test launches accept it.
    ignoreHTTPSErrors: true,
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
    newPage: async () => chromiumTestPage(await context.newPage()),
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
    // The fixture server's certificate is self-signed (server.mjs); only test launches accept it.
    acceptInsecureCerts: true,
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
