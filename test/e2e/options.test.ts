// End-to-end: the options page of the built extension in headless Chromium, changing what an open
// TASS article shows. Chromium only: Firefox refuses to navigate a tab to moz-extension:// pages over
// WebDriver BiDi ("Navigation ... is not allowed in this context", see test/e2e/README.md),
// so on Firefox the options page is covered by the unit tests (test/unit/options.test.tsx) and the
// database semantics by test/unit/database.test.ts.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBundle } from '../../src/dataset/dataset';
import type { DatasetBundle } from '../../src/shared/types';
import { type ChromiumBrowser, chromiumTestPage, launchChromium, poll } from './browsers';
import { type FixtureServer, startServer } from './server.mjs';
import { DIST } from './suite-browser';

const EXT = join(DIST, 'chrome');
const SCREENSHOTS = resolve('test-results/screenshots');
const SEED = 'https://tass.com/politics/1387519';
const RENAMED = 'New START (imported copy)';

interface ArticleState {
  mentions: number;
  marksOff: boolean;
  /** Computed underline of the first mention: 'none' when marks are off. */
  underline: string | null;
  dataset: string | null;
  cards: string[];
  newStart: string | null;
}

/** Runs in the article page. */
function readArticle(): ArticleState {
  // Off, a mark is still there but drawn in transparent colours: nothing shows.
  const underlineOf = (style: CSSStyleDeclaration) =>
    style.textDecorationColor === 'rgba(0, 0, 0, 0)' && style.backgroundColor === 'rgba(0, 0, 0, 0)'
      ? 'none'
      : style.textDecorationStyle;
  const mention = document.querySelector('backstory-mention');
  const host = document.querySelector('backstory-sidebar');
  const root = host?.shadowRoot ?? null;
  // The panel draws its cards over a few tasks and is aria-busy until all are there, whole.
  const drawn = root && !root.querySelector('[aria-busy="true"]');
  const card = drawn ? (root.querySelector('[data-entity-id="new-start"]') as HTMLElement | null) : null;
  return {
    mentions: document.querySelectorAll('backstory-mention').length,
    marksOff: document.documentElement.classList.contains('backstory-marks-off'),
    underline: mention ? underlineOf(getComputedStyle(mention)) : null,
    // The dataset line of the open panel's header: the page itself is told nothing of it.
    dataset:
      /(\d{4}-\d{2}-\d{2}\+\w+)/.exec(
        Array.from(root?.querySelectorAll('.bs-head .bs-meta') ?? [])
          .map((p) => p.textContent ?? '')
          .join(' '),
      )?.[1] ?? null,
    cards: drawn
      ? Array.from(root.querySelectorAll('[data-entity-id]')).map(
          (c) => c.getAttribute('data-entity-id') ?? '',
        )
      : [],
    // biome-ignore lint/performance/useDomNodeTextContent: what the reader sees.
    newStart: card ? card.innerText : null,
  };
}

async function article(page: Page, what: string, until: (s: ArticleState) => boolean): Promise<ArticleState> {
  // Through the test's own world, where Backstory's closed roots are exposed (browsers.ts).
  return poll(() => chromiumTestPage(page).evaluate(readArticle, undefined), {
    what,
    until,
    timeoutMs: 15_000,
  });
}

/** The text of the options page's status line and problem list. */
async function outcome(page: Page): Promise<{ status: string; problems: string }> {
  return page.evaluate(() => ({
    status: document.querySelector('[role="status"]')?.textContent ?? '',
    problems: document.querySelector('.problems')?.textContent ?? '',
  }));
}

let server: FixtureServer;
let browser: ChromiumBrowser;
let optionsUrl: string;
let articlePage: Page;
let optionsPage: Page;
const bundled = JSON.parse(readFileSync(join(EXT, 'dataset.json'), 'utf8')) as DatasetBundle;

beforeAll(async () => {
  if (!existsSync(join(EXT, 'manifest.json')))
    throw new Error(`${EXT}/manifest.json is missing: build the extension first (\`node build.mjs\`).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium(EXT, { port: server.port });
  // The unpacked extension's id is the host of its service worker's URL.
  const id = new URL((await browser.serviceWorker()).url()).host;
  optionsUrl = `chrome-extension://${id}/options.html`;
  articlePage = await browser.context.newPage();
  optionsPage = await browser.context.newPage();
  await optionsPage.goto(optionsUrl);
  await optionsPage.getByRole('heading', { level: 1 }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `chromium-${name}.png`), fullPage: true }).catch(() => {});
}

async function chooseFile(name: string, contents: string): Promise<void> {
  await optionsPage
    .locator('#dataset-file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

describe('chromium: the options page', () => {
  it('turning marks off removes the marks on an open article, and on turns them back', async () => {
    await articlePage.goto(SEED);
    const before = await article(articlePage, 'marked mentions', (s) => s.mentions > 0 && !s.marksOff);
    expect(before.underline).not.toBe('none');

    const marks = optionsPage.getByLabel('Underline the things the article mentions');
    expect(await marks.isChecked()).toBe(true);
    await marks.uncheck();
    await shot(optionsPage, 'options-light');
    const off = await article(articlePage, 'the marks to go', (s) => s.marksOff);
    expect(off.underline).toBe('none');

    await marks.check();
    await article(articlePage, 'the marks to come back', (s) => !s.marksOff && s.underline !== 'none');
  });

  it('shows the dark theme when chosen', async () => {
    await optionsPage.getByLabel('Dark', { exact: true }).check();
    const colors = await optionsPage.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
    expect(colors).toEqual({ theme: 'dark', background: 'rgb(20, 20, 20)' });
    await shot(optionsPage, 'options-dark');
    await optionsPage.getByLabel('As the system').check();
  });

  it('refuses an invalid file with a list of problems, and the article keeps its context', async () => {
    // Open the sidebar on every article so its cards can be read.
    await optionsPage.getByLabel('Always open').check();
    await articlePage.goto(SEED);
    const before = await article(articlePage, 'the sidebar cards', (s) => s.cards.length > 0 && !!s.dataset);
    expect(before.dataset).toBe(bundled.version);

    const edited = structuredClone(bundled);
    const entity = edited.entities.find((e) => e.id === 'new-start')!;
    entity.name.en = RENAMED; // edited by hand, not recompiled: its version no longer fits
    await chooseFile('edited.json', JSON.stringify(edited));
    const refused = await poll(() => outcome(optionsPage), {
      what: 'the problems of edited.json',
      until: (o) => o.problems.includes('edited.json was not imported'),
    });
    expect(refused.problems).toContain('The file was changed after it was compiled');
    await shot(optionsPage, 'options-import-refused');

    await chooseFile('broken.json', '{"format": 1, "entities": [');
    await poll(() => outcome(optionsPage), {
      what: 'the JSON error of broken.json',
      until: (o) =>
        o.problems.includes('broken.json was not imported') && o.problems.includes('not valid JSON'),
    });
    expect(await optionsPage.locator('[data-field="version"]').textContent()).toBe(bundled.version);

    await articlePage.reload();
    const after = await article(articlePage, 'the sidebar cards after reload', (s) => s.cards.length > 0);
    expect(after.dataset).toBe(before.dataset);
    expect(after.cards).toEqual(before.cards);
    expect(after.newStart).toBe(before.newStart);
  });

  it('imports a valid modified dataset, which the article then shows', async () => {
    const entities = structuredClone(bundled.entities);
    entities.find((e) => e.id === 'new-start')!.name.en = RENAMED;
    const modified = compileBundle(entities, '2026-12-01');
    await chooseFile('modified.json', JSON.stringify(modified));
    await poll(() => outcome(optionsPage), {
      what: 'the import of modified.json',
      until: (o) => o.status.includes(`Imported dataset ${modified.version}`),
    });
    expect(await optionsPage.locator('[data-field="source"]').textContent()).toBe('Imported from a file');

    await articlePage.reload();
    const after = await article(articlePage, 'the imported dataset in the article', (s) =>
      Boolean(s.newStart?.includes(RENAMED)),
    );
    expect(after.dataset).toBe(modified.version);

    // A restarted service worker reads the imported dataset back instead of reseeding the bundled one.
    await (await browser.serviceWorker()).evaluate(() => {
      (globalThis as { e2eBeforeRestart?: boolean }).e2eBeforeRestart = true;
    });
    const cdp = await browser.context.newCDPSession(optionsPage);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await articlePage.reload();
    const restarted = await article(
      articlePage,
      'the imported dataset after a worker restart',
      (s) => Boolean(s.dataset) && s.newStart !== null,
    );
    const fresh = await poll(
      async () =>
        (await browser.serviceWorker()).evaluate(
          () => (globalThis as { e2eBeforeRestart?: boolean }).e2eBeforeRestart ?? false,
        ),
      { what: 'a restarted service worker', until: (marked) => marked === false },
    );
    expect(fresh).toBe(false);
    expect(restarted.dataset).toBe(modified.version);
    expect(restarted.newStart).toContain(RENAMED);
  });

  it('resets to the bundled dataset', async () => {
    await optionsPage.getByRole('button', { name: 'Reset to the bundled dataset' }).click();
    await poll(() => outcome(optionsPage), {
      what: 'the reset',
      until: (o) => o.status.includes(`The bundled dataset ${bundled.version} is installed`),
    });
    expect(await optionsPage.locator('[data-field="source"]').textContent()).toBe(
      'Bundled with the extension',
    );
    await articlePage.reload();
    const after = await article(
      articlePage,
      'the bundled dataset in the article',
      (s) => s.dataset === bundled.version && s.newStart !== null,
    );
    expect(after.newStart).not.toContain(RENAMED);
    expect(after.newStart).toContain('New START');
  });
});
