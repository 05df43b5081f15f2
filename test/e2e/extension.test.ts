// End-to-end: the built extension (dist/chrome, dist/firefox) in real headless Chromium and Firefox ESR,
// on fixture pages served under the real TASS host names by server.mjs. Each test runs in both browsers;
// each browser is launched once for the file. Every test leaves a screenshot in test-results/screenshots/.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askBackground,
  type BrowserName,
  type ChromiumBrowser,
  type TestPage,
  withPage as withFreshPage,
} from './browsers';
import { DEFAULT_FIXTURES_DIR, type FixtureServer, ROUTES, startServer } from './server.mjs';
import { browserForSuite } from './suite-browser';

// Overridable so the harness can be exercised against another build or fixture set.
const FIXTURES = resolve(process.env.BACKSTORY_E2E_FIXTURES ?? DEFAULT_FIXTURES_DIR);
const SCREENSHOTS = resolve('test-results/screenshots');

const SEED = 'https://tass.com/politics/1387519';
const SEED_FILE = ROUTES['tass.com']!['/politics/1387519']!;
const SEED_ENTITIES = [
  'new-start',
  'us-russia-security-treaty-draft-2021',
  'russia-nato-security-agreement-draft-2021',
  'geneva-summit-2021',
  'russia-us-security-talks-geneva-2022',
  'nrc-meeting-2022-01-12',
  'nato-russia-council',
  'osce-pc-session-2022-01-13',
  'osce',
  'nato',
];
/** Containers that hold the article body, best first (tass.com 2019+, older tass.ru, generic). */
const ARTICLE_CONTAINERS = ['.text-content', '.b-material-text__l', '.news', 'article'];
const RUSSIAN_MONTHS = /января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря/;

// ---- Functions evaluated in the page (main world). They must be self-contained. ----

interface UiState {
  host: boolean;
  toggle: boolean;
  /** The dataset line of the open panel's header ("Dataset VERSION (date)"), or null. */
  dataset: string | null;
  mentions: number;
  /** The panel is in the page (open), perhaps still drawing its cards. */
  panel: boolean;
  /** The panel is still drawing its cards (a few per task). */
  busy: boolean;
  /** Entity cards the reader can see (rendered, inside the viewport horizontally); none while busy. */
  cards: { id: string; text: string }[];
}

function readUi(): UiState {
  const host = document.querySelector('backstory-sidebar');
  const root = host?.shadowRoot ?? null;
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    return (
      r.width > 0 &&
      r.height > 0 &&
      r.left < window.innerWidth &&
      r.right > 0 &&
      getComputedStyle(el).visibility !== 'hidden'
    );
  };
  // The panel draws its cards a few per task and is aria-busy until all are there.
  const busy = root?.querySelector('[aria-busy="true"]') != null;
  const cards = root && !busy ? Array.from(root.querySelectorAll('[data-entity-id]')) : [];
  return {
    host: host !== null,
    toggle: root?.querySelector('[data-backstory="toggle"]') != null,
    dataset:
      Array.from(root?.querySelectorAll('.bs-head .bs-meta') ?? [])
        .map((p) => p.textContent ?? '')
        .find((text) => /\d{4}-\d{2}-\d{2}\+/.test(text)) ?? null,
    mentions: document.querySelectorAll('backstory-mention').length,
    panel: root?.querySelector('.bs-panel') != null,
    busy,
    cards: cards
      .filter(shown)
      // biome-ignore lint/performance/useDomNodeTextContent: the test asserts what the reader sees.
      .map((c) => ({ id: c.getAttribute('data-entity-id') ?? '', text: (c as HTMLElement).innerText })),
  };
}

/** Visible text of the hover card(s), or '' when none is shown. */
function readHoverCard(): string {
  const sidebar = document.querySelector('backstory-sidebar')?.shadowRoot;
  const hosts = [
    ...Array.from(document.querySelectorAll('backstory-card')),
    ...(sidebar ? Array.from(sidebar.querySelectorAll('backstory-card')) : []),
  ];
  const texts: string[] = [];
  for (const host of hosts) {
    const root = host.shadowRoot;
    if (!root) continue;
    for (const el of Array.from(root.children)) {
      if (el.tagName === 'STYLE' || el.tagName === 'LINK' || el.tagName === 'SCRIPT') continue;
      // The card may be positioned (fixed/absolute) inside a zero-height mount: any box counts.
      const boxed = [el, ...Array.from(el.querySelectorAll('*'))].some((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      });
      if (!boxed) continue;
      // biome-ignore lint/performance/useDomNodeTextContent: only text the reader sees (no <style> text).
      const text = (el as HTMLElement).innerText.trim();
      if (text) texts.push(text);
    }
  }
  return texts.join('\n');
}

/** Marks the mention a user would hover to learn about New START; returns its text, or null. */
function markNewStartMention(): string | null {
  const mentions = Array.from(document.querySelectorAll('backstory-mention'));
  const target = mentions.find((m) => /New START|Strategic Arms Reduction Treaty/.test(m.textContent ?? ''));
  if (!target) return null;
  target.setAttribute('data-e2e-target', '');
  return target.textContent;
}

function articleText(selector: string): string | null {
  return document.querySelector(selector)?.textContent ?? null;
}

/** The container's text as parsed by this browser from the exact bytes the server sends. */
async function pristineArticleText(selector: string): Promise<string | null> {
  const html = await (await fetch(location.href, { cache: 'no-store' })).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.querySelector(selector)?.textContent ?? null;
}

// ---- Helpers ----

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

async function ready(page: TestPage, what: string, timeoutMs = 15_000): Promise<UiState> {
  return page.waitFor(readUi, undefined, {
    what: `${what}: <backstory-sidebar> with its toggle and at least one <backstory-mention>`,
    until: (s) => s.host && s.toggle && s.mentions > 0,
    timeoutMs,
  });
}

async function setOpen(page: TestPage, open: boolean): Promise<UiState> {
  // A panel still drawing its cards is open already.
  if ((await page.evaluate(readUi, undefined)).panel !== open) await page.click('[data-backstory="toggle"]');
  return page.waitFor(readUi, undefined, {
    what: open ? 'the sidebar to show entity cards' : 'the sidebar to hide its entity cards',
    until: (s) => s.cards.length > 0 === open,
  });
}

// ---- Tests ----

let server: FixtureServer;
/** Dataset version each browser's extension reported, to compare Firefox with Chromium. */
const datasetVersions = new Map<BrowserName, string>();

beforeAll(async () => {
  server = await startServer({ fixturesDir: FIXTURES });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  let startedAt = 0;
  beforeAll(() => {
    startedAt = Date.now();
  });
  const browser = browserForSuite(name, () => server.port);
  // Registered after the browser's hooks, so it runs before the browser closes (hooks unwind).
  afterAll(() => {
    console.info(`${name}: launch and tests took ${Date.now() - startedAt} ms`);
  });

  /** Runs `body` on a fresh page and always leaves a screenshot, pass or fail. */
  const withPage = (shot: string, body: (page: TestPage) => Promise<void>) =>
    withFreshPage(browser(), join(SCREENSHOTS, `${name}-${shot}.png`), () => server.requests, body);

  it('shows the seed article context: sidebar toggle and cards for every thing it mentions', () =>
    withPage('seed-sidebar', async (page) => {
      await page.goto(SEED);
      await ready(page, 'seed article');
      await setOpen(page, true);
      const state = await page.waitFor(readUi, undefined, {
        what: `cards for ${SEED_ENTITIES.join(', ')}`,
        until: (s) => SEED_ENTITIES.every((id) => s.cards.some((c) => c.id === id)),
      });
      const newStart = state.cards.find((c) => c.id === 'new-start')!.text;
      expect(newStart).toContain('New START');
      expect(newStart).toContain('8 April 2010');
      expect(newStart).toContain('5 February 2011');
    }));

  it('leaves the article text unchanged while marking mentions inline', () =>
    withPage('seed-text-unchanged', async (page) => {
      const { document: fixture } = parseHTML(readFileSync(join(FIXTURES, SEED_FILE), 'utf8'));
      const selector = ARTICLE_CONTAINERS.find((s) => fixture.querySelector(s) !== null);
      if (!selector) throw new Error(`${SEED_FILE} has none of ${ARTICLE_CONTAINERS.join(', ')}`);
      const expected = fixture.querySelector(selector)!.textContent ?? '';
      expect(collapse(expected).length).toBeGreaterThan(500);

      await page.goto(SEED);
      await ready(page, 'seed article');
      const marksInArticle = await page.evaluate(
        (sel) => document.querySelector(sel)?.querySelectorAll('backstory-mention').length ?? 0,
        selector,
      );
      expect(marksInArticle).toBeGreaterThan(0);
      const actual = await page.evaluate(articleText, selector);
      // Exact: this browser's own parse of the bytes the server sent.
      expect(actual).toBe(await page.evaluate(pristineArticleText, selector));
      // And against linkedom's parse of the fixture file (whitespace-insensitive: parsers differ there).
      expect(collapse(actual ?? '')).toBe(collapse(expected));
    }));

  it('gives Russian context on a tass.ru article', () =>
    withPage('ru-2021', async (page) => {
      await page.goto('https://tass.ru/politika/2000000');
      await ready(page, 'tass.ru 2021 article');
      const state = await setOpen(page, true);
      const text = state.cards.map((c) => c.text).join('\n');
      expect(text).toContain('ДСНВ');
      expect(text).toMatch(RUSSIAN_MONTHS);
    }));

  it.each([
    ['ru-2017', 'https://tass.ru/politika/4000000'],
    ['ru-current', 'https://tass.ru/mezhdunarodnaya-panorama/3000000'],
    ['seed-amp', `${SEED}/amp`],
  ])('gives context on other page layouts: %s', (shot, url) =>
    withPage(shot, async (page) => {
      await page.goto(url);
      await ready(page, url);
      const state = await setOpen(page, true);
      expect(state.cards.length).toBeGreaterThan(0);
    }),
  );

  it('knows the newer entities of the grown dataset, and no event that had not happened yet', () =>
    withPage('2025-new-start-offer', async (page) => {
      await page.goto('https://tass.com/politics/2020000');
      await ready(page, '2025 article on the New START limits offer');
      const state = await setOpen(page, true);
      const ids = state.cards.map((c) => c.id);
      for (const id of ['new-start-limits-offer-2025', 'alaska-summit-2025', 'sco-summit-2025', 'npt'])
        expect(ids).toContain(id);
      // The article (23 September 2025) names the 2026 NPT Review Conference ahead of it: its card
      // says it is upcoming on the article's date.
      const revcon = state.cards.find((c) => c.id === 'npt-revcon-2026')?.text ?? '';
      expect(revcon).toContain('Upcoming');
      const newStart = state.cards.find((c) => c.id === 'new-start')!.text;
      expect(newStart).toContain('5 February 2026');
    }));

  it('gives context on an article the page renders after load', () =>
    withPage('rendered-later', async (page) => {
      await page.goto('https://tass.com/politics/1400000');
      await ready(page, 'article rendered ~800 ms after load');
      const state = await setOpen(page, true);
      expect(state.cards.map((c) => c.id)).toContain('new-start');
    }));

  it('gives context on a long (~300 KB) article, marking it where the reader reads', () =>
    withPage('long-article', async (page) => {
      await page.goto('https://tass.com/world/1500000');
      await ready(page, 'long article', 30_000);
      /** Runs in the page: marks in the opening tenth of the article's paragraphs and in the last tenth. */
      const marksAtEnds = () => {
        const paragraphs = Array.from(document.querySelectorAll('.text-block p'));
        const tenth = Math.ceil(paragraphs.length / 10);
        const count = (ps: Element[]) =>
          ps.reduce((n, p) => n + p.querySelectorAll('backstory-mention').length, 0);
        return { start: count(paragraphs.slice(0, tenth)), end: count(paragraphs.slice(-tenth)) };
      };
      // The marks near the reader are there; the end of the article, hundreds of screens away, has none yet.
      const top = await page.waitFor(marksAtEnds, undefined, {
        what: 'marks at the top of the article',
        until: (m) => m.start > 0,
      });
      expect(top.end).toBe(0);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight), undefined);
      await page.waitFor(marksAtEnds, undefined, {
        what: 'marks at the end of the article once the reader is there',
        until: (m) => m.end > 0,
      });
      await page.evaluate(() => window.scrollTo(0, 0), undefined);

      const state = await setOpen(page, true);
      expect(state.cards.map((c) => c.id)).toEqual(expect.arrayContaining(['new-start', 'nato', 'osce']));
      // A NATO mention halfway down, never on screen so not marked yet, chosen in the sidebar's list.
      await page.evaluate(() => {
        const list = document
          .querySelector('backstory-sidebar')
          ?.shadowRoot?.querySelector('[data-entity-id="nato"] .bs-ments') as HTMLDetailsElement | null;
        if (list) list.open = true;
      }, undefined);
      const buttons = await page.waitFor(
        () => {
          const all = document
            .querySelector('backstory-sidebar')
            ?.shadowRoot?.querySelectorAll<HTMLButtonElement>('[data-entity-id="nato"] .bs-ment');
          all?.[Math.floor(all.length / 2)]?.setAttribute('data-e2e-target', '');
          return all?.length ?? 0;
        },
        undefined,
        { what: "the list of NATO's mentions", until: (n) => n > 0 },
      );
      expect(buttons).toBeGreaterThan(100);
      // The reader's own click: Backstory ignores clicks a script makes up.
      await page.click('.bs-ment[data-e2e-target]');
      // Marked there and then, focused, and scrolled to (smoothly: the scroll takes a moment).
      await page.waitFor(
        () => {
          const focused = document.activeElement;
          return {
            focused:
              focused?.localName === 'backstory-mention' ? focused.getAttribute('data-entity-id') : null,
            scrolled: window.scrollY,
          };
        },
        undefined,
        {
          what: "NATO's middle mention marked, focused and scrolled to",
          until: (s) => s.focused === 'nato' && s.scrolled > 10_000,
        },
      );
      await page.evaluate(() => window.scrollTo(0, 0), undefined);
      await setOpen(page, false);
    }));

  it('opens and closes the sidebar with its toggle, and remembers the choice across reloads', () =>
    withPage('toggle-persists', async (page) => {
      await page.goto(SEED);
      await ready(page, 'seed article');
      await setOpen(page, true);
      await setOpen(page, false);
      await setOpen(page, true);

      await page.reload();
      await ready(page, 'seed article after reload');
      await page.waitFor(readUi, undefined, {
        what: 'the sidebar to be open after reload',
        until: (s) => s.cards.length > 0,
      });

      await setOpen(page, false);
      await page.reload();
      await ready(page, 'seed article after second reload');
      // Give a wrongly restored "open" state time to show itself.
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await page.evaluate(readUi, undefined)).cards).toEqual([]);
    }));

  it('stays out of section and home pages, and of TASS articles served over plain http', async () => {
    const launched = browser();
    if (!launched) throw new Error(`${name} did not start`);
    const urls = ['https://tass.com/politics', 'https://tass.com/', 'http://tass.com/politics/1387519'];
    const pages = await Promise.all(urls.map(() => launched.newPage()));
    try {
      await Promise.all(pages.map((p, i) => p.goto(urls[i]!)));
      await new Promise((r) => setTimeout(r, 2_000));
      for (const [i, page] of pages.entries()) {
        const seen = await page.evaluate(
          () => ({
            body: document.body?.textContent?.trim().length ?? 0,
            host: document.querySelector('backstory-sidebar') !== null,
            mentions: document.querySelectorAll('backstory-mention').length,
          }),
          undefined,
        );
        expect(seen.body, `${urls[i]} should have been served`).toBeGreaterThan(0);
        expect(seen.host, `${urls[i]} should get no sidebar`).toBe(false);
        expect(seen.mentions, `${urls[i]} should get no marks`).toBe(0);
      }
    } finally {
      await Promise.all(
        pages.map(async (p, i) => {
          await p
            .screenshot(join(SCREENSHOTS, `${name}-${['section', 'home', 'http-article'][i]}.png`))
            .catch(() => {});
          await p.close().catch(() => {});
        }),
      );
    }
  });

  it('seeds the dataset in the extension origin and shows its version to the reader, not the page', () =>
    withPage('dataset', async (page) => {
      await page.goto(SEED);
      await ready(page, 'seed article');
      // What the page's own scripts can read: nothing that names the extension's version or dataset.
      const seenByPage = await page.evaluateAsPage(
        () => ({
          html: document.documentElement.outerHTML,
          attributes: Array.from(
            document.querySelectorAll('backstory-sidebar, backstory-card, html'),
          ).flatMap((el) => Array.from(el.attributes).map((a) => a.name)),
          // The prototype's getter: what the page's scripts get, whatever a test exposed to itself.
          roots: Array.from(document.querySelectorAll('backstory-sidebar, backstory-sidebar *')).filter(
            (el) => Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')?.get?.call(el) != null,
          ).length,
        }),
        undefined,
      );
      expect(seenByPage.roots, 'the sidebar gives the page no shadow root').toBe(0);
      expect(seenByPage.attributes.filter((a) => a.startsWith('data-backstory'))).toEqual([]);
      await setOpen(page, true);
      const shown = (await page.evaluate(readUi, undefined)).dataset;
      const version = /(\d{4}-\d{2}-\d{2}\+\w+)/.exec(shown ?? '')?.[1];
      expect(version, `the dataset line in the panel (${shown})`).toBeTruthy();
      expect(seenByPage.html).not.toContain(version);

      if (browser()?.name === 'chromium') {
        // Asked as the options page asks: the background has no test hooks (see test/e2e/README.md).
        const chromium = browser() as ChromiumBrowser;
        const id = new URL((await chromium.serviceWorker()).url()).host;
        const options = await chromium.context.newPage();
        try {
          await options.goto(`chrome-extension://${id}/options.html`);
          const reply = await askBackground(options, { type: 'dataset-info' });
          expect(reply).toMatchObject({ ok: true });
          const info = reply.result as {
            version: string;
            entityCount: number;
            seededAt: string;
            origin: string;
          };
          expect(info.origin).toMatch(/^chrome-extension:\/\//);
          expect(info.version).toBe(version);
          expect(info.entityCount).toBeGreaterThanOrEqual(SEED_ENTITIES.length);
          expect(Number.isNaN(Date.parse(info.seededAt))).toBe(false);
          // Nothing for a test or a page to call in the worker.
          const hooks = await (await chromium.serviceWorker()).evaluate(() =>
            Object.keys(globalThis).filter((key) => /backstory/i.test(key)),
          );
          expect(hooks).toEqual([]);
        } finally {
          await options.close();
        }
      }
      datasetVersions.set(name, version!);
      const chromiumVersion = datasetVersions.get('chromium');
      if (name === 'firefox' && chromiumVersion) expect(version).toBe(chromiumVersion);
    }));

  it('shows a hover card for a mention, and Escape closes it', () =>
    withPage('hover-card', async (page) => {
      await page.goto(SEED);
      await ready(page, 'seed article');
      // The open sidebar could cover the text; the reader closes it first.
      await setOpen(page, false);
      const mention = await page.evaluate(markNewStartMention, undefined);
      expect(mention, 'a <backstory-mention> around "New START"').not.toBeNull();

      await page.hover('backstory-mention[data-e2e-target]');
      let card: string;
      try {
        card = await page.waitFor(readHoverCard, undefined, {
          what: 'a <backstory-card> after hovering',
          timeoutMs: 4_000,
        });
      } catch {
        // Keyboard readers get the card on focus; accept that if hover shows nothing.
        console.warn(`${name}: no hover card on mouse hover; trying keyboard focus`);
        await page.evaluate(() => {
          (document.querySelector('backstory-mention[data-e2e-target]') as HTMLElement).focus();
        }, undefined);
        card = await page.waitFor(readHoverCard, undefined, {
          what: 'a <backstory-card> after hover or focus',
        });
      }
      expect(card).toContain('New START');
      await page.screenshot(join(SCREENSHOTS, `${name}-hover-card-open.png`));

      await page.press('Escape');
      await page.waitFor(readHoverCard, undefined, {
        what: 'the hover card to close on Escape',
        until: (text) => text === '',
        timeoutMs: 5_000,
      });
    }));
});
