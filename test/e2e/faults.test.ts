// End-to-end: faults of the extension's own database and of imports, in real headless Chromium
// with the real IndexedDB. The database is damaged from the options page, which belongs to the
// extension's origin and so opens the same database (the extension itself has no test hooks), or on
// disk between two browser starts. Each fault is followed by what a reader does: open an article.
// Firefox cannot open extension pages over WebDriver BiDi (test/e2e/README.md): there the same
// faults are covered by test/unit/background/service.test.ts, and only the extension reload is
// checked here.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION } from '../../src/background/database';
import { compileBundle } from '../../src/dataset/dataset';
import { MAX_NAME_LENGTH } from '../../src/shared/limits';
import type { DatasetBundle } from '../../src/shared/types';
import {
  askBackground,
  type ChromiumBrowser,
  chromiumTestPage,
  type FirefoxBrowser,
  launchChromium,
  launchFirefox,
  poll,
  type TestPage,
} from './browsers';
import { type FixtureServer, startServer } from './server.mjs';
import { DIST } from './suite-browser';

const SCREENSHOTS = resolve('test-results/screenshots');
const SEED = 'https://tass.com/politics/1387519';

interface PageState {
  mentions: number;
  host: boolean;
  toggle: boolean;
  panel: boolean;
  /** The toggle says there is a problem (no context, or the cards' data never came). */
  problem: boolean;
}

/** Runs in the article page (through TestPage.evaluate, which reaches Backstory's closed roots). */
function readPage(): PageState {
  const host = document.querySelector('backstory-sidebar');
  const root = host?.shadowRoot ?? null;
  return {
    mentions: document.querySelectorAll('backstory-mention').length,
    host: host !== null,
    toggle: root?.querySelector('[data-backstory="toggle"]') != null,
    panel: root?.querySelector('.bs-panel') != null,
    problem: root?.querySelector('.bs-warn') != null,
  };
}

// ---- Functions evaluated in the options page, on the extension's own database (self-contained) ----

type Damage = 'outlines' | 'entities' | 'cards' | 'compiled' | 'missing-store';

/** Damages the database the way `damage` says. */
async function damageDatabase({ damage, schema }: { damage: Damage; schema: number }): Promise<void> {
  const done = (request: IDBRequest | IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      if ('oncomplete' in request) {
        request.oncomplete = () => resolve();
        request.onerror = () => reject(request.error);
      } else {
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }
    });
  const open = (version?: number, upgrade?: (db: IDBDatabase) => void) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('backstory', version);
      if (upgrade) request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked'));
    });
  if (damage === 'missing-store') {
    const deleting = indexedDB.deleteDatabase('backstory');
    await done(deleting);
    const db = await open(schema, (created) => {
      created.createObjectStore('entities', { keyPath: 'id' });
      created.createObjectStore('meta');
    });
    db.close();
    return;
  }
  const db = await open();
  const tx = db.transaction('compiled', 'readwrite');
  const store = tx.objectStore('compiled');
  /** Rewrites the stored record `key` as `change` makes it. */
  const rewrite = <T>(key: string, change: (value: T) => unknown) => {
    const get = store.get(key);
    get.onsuccess = () => store.put(change(get.result), key);
  };
  /** Rewrites each item of texts stored one JSON text per line in UTF-8 (MATCHING_LIST). */
  const rewriteLines = (key: string, change: (item: { id: string }) => unknown) =>
    rewrite(key, (bytes: Uint8Array) => {
      const lines = new TextDecoder().decode(bytes).split('\n');
      return new TextEncoder().encode(
        lines.map((text) => JSON.stringify(change(JSON.parse(text)))).join('\n'),
      );
    });
  if (damage === 'outlines') {
    // The outlines of all entities, one JSON text (database.ts OUTLINE_LIST), read and checked when
    // the worker starts: two of them damaged.
    rewrite('outlines', (text: string) =>
      JSON.stringify(
        (JSON.parse(text) as { id: string }[]).map((o) =>
          o.id === 'nato' ? { id: 'nato', timeline: 5 } : o.id === 'osce' ? { ...o, type: 'alien' } : o,
        ),
      ),
    );
  } else if (damage === 'entities') {
    // Each entity's matcher fields (database.ts MATCHING_LIST), read when an article first needs the
    // entity: NATO's and the OSCE's damaged, their outlines whole.
    rewriteLines('matching', (e) =>
      e.id === 'nato' ? { ...e, name: 5 } : e.id === 'osce' ? { ...e, aliases: null } : e,
    );
  } else if (damage === 'cards') {
    // NATO's card fields (a record of their own, stored-entities.ts cardKey), read when an article
    // names NATO, after its mentions: its summary damaged.
    rewrite('card/nato', (card: object) => ({ ...card, summary: 5 }));
  } else {
    rewrite('matcher', (stored: { aliases: { laterChildren: Int32Array; ends: Int32Array } }) => {
      stored.aliases.laterChildren = stored.aliases.laterChildren.slice(0, 3);
      stored.aliases.ends[5] = 1e9;
      return stored;
    });
  }
  await done(tx);
  db.close();
}

/** What the database holds now, read from the options page. */
async function inspectDatabase(): Promise<{
  stores: string[];
  nato: unknown;
  natoSummary: unknown;
  trieSize: number;
}> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('backstory');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const stores = Array.from(db.objectStoreNames).sort();
    const read = (store: string, key: string) =>
      new Promise<unknown>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    // Stored texts: one JSON text per line, in UTF-8.
    const lines = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split('\n');
    const list = await read('compiled', 'matching');
    const entities =
      list instanceof Uint8Array
        ? lines(list).map((text) => JSON.parse(text) as { id: string; name?: { en?: string } })
        : [];
    const nato = entities.find((e) => e.id === 'nato');
    const natoCard = (await read('compiled', 'card/nato')) as { summary?: { en?: string } } | undefined;
    const compiled = (await read('compiled', 'matcher')) as
      | { aliases?: { laterChildren?: unknown[] } }
      | undefined;
    return {
      stores,
      nato: nato?.name?.en,
      natoSummary: natoCard?.summary?.en,
      trieSize: compiled?.aliases?.laterChildren?.length ?? 0,
    };
  } finally {
    db.close();
  }
}

// ---- Helpers ----

let server: FixtureServer;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

async function contextOn(page: Page, what: string): Promise<PageState> {
  return poll(() => chromiumTestPage(page).evaluate(readPage, undefined), {
    what: `${what}: marks and the sidebar's toggle`,
    until: (s) => s.mentions > 0 && s.toggle,
    timeoutMs: 20_000,
  });
}

/** Stops the extension's service worker: the next article starts it again, reading the database afresh. */
async function restartWorker(browser: ChromiumBrowser, page: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

describe('chromium: the database heals and the bundled dataset always serves', () => {
  let browser: ChromiumBrowser;
  let options: Page;
  let article: Page;
  const ext = join(DIST, 'chrome');

  beforeAll(async () => {
    if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`${ext} is missing: run node build.mjs`);
    browser = await launchChromium(ext, { port: server.port });
    const id = new URL((await browser.serviceWorker()).url()).host;
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.getByRole('heading', { level: 1 }).waitFor();
    article = await browser.context.newPage();
    await article.goto(SEED);
    await contextOn(article, 'the seed article');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each<[Damage, string]>([
    ['outlines', 'damaged outlines of the entities'],
    ['entities', 'damaged entities, their outlines whole'],
    ['cards', "damaged cards' fields"],
    ['compiled', 'a damaged compiled matcher'],
    ['missing-store', 'a database without one of its stores'],
  ])('%s: after %s, the next article has context and the database is whole again', async (damage) => {
    await options.evaluate(damageDatabase, { damage, schema: DB_SCHEMA_VERSION });
    await restartWorker(browser, options);
    await article.reload();
    const state = await contextOn(article, `the seed article after ${damage}`);
    expect(state.mentions).toBeGreaterThan(5);
    expect(state.problem).toBe(false);
    const healed = await poll(() => options.evaluate(inspectDatabase), {
      what: 'the database rebuilt',
      until: (db) =>
        db.stores.length === 3 &&
        db.trieSize > 3 &&
        typeof db.nato === 'string' &&
        typeof db.natoSummary === 'string',
    });
    expect(healed.stores).toEqual(['compiled', 'entities', 'meta']);
    const info = await askBackground(options, { type: 'dataset-info' });
    expect(info).toMatchObject({ ok: true, result: { stored: true, source: 'bundled' } });
    await article.screenshot({ path: join(SCREENSHOTS, `chromium-fault-${damage}.png`) });
  });

  it('refuses an import whose alias is 300,000 characters long, and the next worker still gives context', async () => {
    const bundled = await askBackground(options, { type: 'dataset-info' });
    const file = JSON.parse(
      await options.evaluate(() => fetch('/dataset.json').then((r) => r.text())),
    ) as DatasetBundle;
    file.entities.find((e) => e.id === 'nato')!.aliases.en.push(`A${'b'.repeat(299_999)}`);
    const compiled = compileBundle(file.entities, '2026-12-01');
    await options.locator('#dataset-file').setInputFiles({
      name: 'long.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(compiled)),
    });
    const problems = await poll(
      () => options.evaluate(() => document.querySelector('.problems')?.textContent ?? ''),
      {
        what: 'the problems of long.json',
        until: (text) => text.includes('long.json was not imported'),
        timeoutMs: 30_000,
      },
    );
    expect(problems).toContain(`300000 characters, more than ${MAX_NAME_LENGTH}`);
    await restartWorker(browser, options);
    await article.reload();
    await contextOn(article, 'the seed article after the refused import');
    const after = await askBackground(options, { type: 'dataset-info' });
    expect((after.result as { version: string }).version).toBe(
      (bundled.result as { version: string }).version,
    );
  });

  it('refuses a file nested 100,000 levels deep at once, with a clear reason', async () => {
    const deep = `{"format":1,"entities":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await options
      .locator('#dataset-file')
      .setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(deep) });
    const problems = await poll(
      () => options.evaluate(() => document.querySelector('.problems')?.textContent ?? ''),
      {
        what: 'the refusal of deep.json',
        until: (text) => text.includes('deep.json was not imported'),
      },
    );
    expect(problems).toContain('nests more than 32 levels deep');
    expect(await options.getByRole('button', { name: 'Repair' }).isEnabled()).toBe(true);
  });

  it('Repair rebuilds the database and keeps an imported dataset that reads back whole', async () => {
    const file = JSON.parse(
      await options.evaluate(() => fetch('/dataset.json').then((r) => r.text())),
    ) as DatasetBundle;
    const imported = compileBundle(file.entities, '2026-12-02');
    await options.locator('#dataset-file').setInputFiles({
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(imported)),
    });
    await poll(() => options.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? ''), {
      what: 'the import of mine.json',
      until: (text) => text.includes(`Imported dataset ${imported.version}`),
      timeoutMs: 30_000,
    });
    await options.getByRole('button', { name: 'Repair' }).click();
    const status = await poll(
      () => options.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? ''),
      { what: 'the repair', until: (text) => text.startsWith('Repaired'), timeoutMs: 30_000 },
    );
    expect(status).toContain(`Your imported dataset ${imported.version} was kept.`);
    await article.reload();
    await contextOn(article, 'the seed article after Repair');
    const info = await askBackground(options, { type: 'dataset-info' });
    expect((info.result as { version: string }).version).toBe(imported.version);
    await askBackground(options, { type: 'reset-dataset' });
  });

  it('after an extension reload, the open article keeps no dead toggle', async () => {
    await article.reload();
    await contextOn(article, 'the seed article before the reload');
    // The options page reloads its own extension, as an update does. Asked after the evaluation has
    // returned: the reload closes the options page, and an evaluation still running there then fails.
    await options.evaluate(() => {
      setTimeout(
        () => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
        50,
      );
    });
    if (!options.isClosed()) await options.waitForEvent('close', { timeout: 15_000 });
    await browser.serviceWorker();
    await article.bringToFront();
    // The reader clicks the toggle, which is in Backstory's closed shadow root.
    await chromiumTestPage(article)
      .click('[data-backstory="toggle"]')
      .catch(() => undefined);
    const after = await poll(() => article.evaluate(readPage), {
      what: 'our interface to leave the page whose extension went away',
      until: (s) => !s.host && s.mentions === 0,
    });
    expect(after).toMatchObject({ host: false, mentions: 0 });
  });
});

describe('chromium: a database that cannot be opened after a browser start', () => {
  it('the bundled dataset serves, and the options page says what happened to the imported one', async () => {
    const ext = join(DIST, 'chrome');
    const profile = mkdtempSync(join(tmpdir(), 'backstory-faults-'));
    try {
      let browser = await launchChromium(ext, { port: server.port, profile });
      const id = new URL((await browser.serviceWorker()).url()).host;
      let options = await browser.context.newPage();
      await options.goto(`chrome-extension://${id}/options.html`);
      const file = JSON.parse(
        await options.evaluate(() => fetch('/dataset.json').then((r) => r.text())),
      ) as DatasetBundle;
      const imported = compileBundle(file.entities, '2026-12-03');
      const reply = await askBackground(options, { type: 'import-dataset', bundle: imported });
      expect(reply).toMatchObject({ ok: true });
      await browser.close();

      // Scribble over every file of the extension's IndexedDB backing store (LevelDB).
      const idb = join(profile, 'Default', 'IndexedDB');
      const stores = readdirSync(idb).filter(
        (name) => name.startsWith(`chrome-extension_${id}`) && name.endsWith('.leveldb'),
      );
      expect(stores.length).toBeGreaterThan(0);
      for (const store of stores)
        for (const entry of readdirSync(join(idb, store), { withFileTypes: true }))
          if (entry.isFile()) writeFileSync(join(idb, store, entry.name), 'not a database'.repeat(64));

      browser = await launchChromium(ext, { port: server.port, profile });
      try {
        const article = await browser.context.newPage();
        await article.goto(SEED);
        await contextOn(article, 'the seed article on a corrupt database');
        options = await browser.context.newPage();
        await options.goto(`chrome-extension://${id}/options.html`);
        // The bundled dataset serves (from memory, or from a database the browser recreated).
        const info = await askBackground(options, { type: 'dataset-info' });
        expect(info).toMatchObject({ ok: true, result: { version: file.version, source: 'bundled' } });
        const notice = await poll(
          () =>
            options.evaluate(
              () => document.querySelector('[data-notice="replaced-import"]')?.textContent ?? '',
            ),
          { what: 'the notice of the replaced import', until: (text) => text !== '' },
        );
        expect(notice).toContain(`Your imported dataset ${imported.version} could not be read back`);
        await options.screenshot({
          path: join(SCREENSHOTS, 'chromium-fault-corrupt-disk.png'),
          fullPage: true,
        });
      } finally {
        await browser.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    }
  });
});

describe('firefox: after an extension reload', () => {
  let browser: FirefoxBrowser;
  beforeAll(async () => {
    browser = await launchFirefox(join(DIST, 'firefox'), { port: server.port });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the open article keeps no dead toggle', async () => {
    const page: TestPage = await browser.newPage();
    try {
      await page.goto(SEED);
      await page.waitFor(readPage, undefined, {
        what: 'context on the seed article',
        until: (s) => s.mentions > 0 && s.toggle,
        timeoutMs: 20_000,
      });
      await browser.browser.uninstallExtension(browser.extensionId);
      await browser.browser.installExtension(join(DIST, 'firefox'));
      // Either our interface left the page, or a live copy took over and its toggle works.
      await page.click('[data-backstory="toggle"]').catch(() => undefined);
      const after = await page.waitFor(readPage, undefined, {
        what: 'no dead toggle: no interface, or one whose toggle opens the panel',
        until: (s) => !s.host || s.panel,
        timeoutMs: 15_000,
      });
      expect(!after.host || after.panel).toBe(true);
      await page.screenshot(join(SCREENSHOTS, 'firefox-after-reload.png'));
    } finally {
      await page.close();
    }
  });
});
