// End-to-end: Backstory on generated hostile pages (hostile-pages.ts), many small pages in one tab
// per browser, seeded and reproducible (BACKSTORY_HOSTILE_SEED, BACKSTORY_HOSTILE_PAGES per browser).
// On each page, as a reader would notice: no uncaught error of ours, the article's text unchanged,
// the tab still answering, and Backstory either showing the right context (every entity the body
// names is marked, the toggle is there) or saying why not (a page that removes it for ever: the
// toolbar button, checked in Chromium where the test can read it).

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumBrowser, TestPage } from './browsers';
import { hostilePage } from './hostile-pages';
import { DEFAULT_FIXTURES_DIR, type FixtureServer, ROUTES, startServer } from './server.mjs';
import { browserForSuite } from './suite-browser';

const SCREENSHOTS = resolve('test-results/screenshots');
const SEED = Number(process.env.BACKSTORY_HOSTILE_SEED ?? 20261205);
const PAGES = Number(process.env.BACKSTORY_HOSTILE_PAGES ?? 100);
const TEMPLATE = readFileSync(join(DEFAULT_FIXTURES_DIR, ROUTES['tass.com']!['/politics/1387519']!), 'utf8');

const pageUrl = (n: number) => `https://tass.com/hostile/${n}`;

// ---- Functions evaluated in the page (the test's world, Backstory's roots exposed). ----

interface Seen {
  /** Entity ids of the marks in the article body. */
  marked: string[];
  /** The sidebar's toggle is drawn, with its count (or "!"). */
  toggle: string | null;
}

function readSeen(): Seen {
  const body = document.getElementById('hostile-body');
  const hosts = Array.from(document.querySelectorAll('body > *')).filter((e) =>
    e.localName.startsWith('backstory-'),
  );
  const toggle = hosts
    .map((h) => h.shadowRoot?.querySelector('[data-backstory="toggle"] .bs-count'))
    .find(Boolean);
  return {
    marked: [
      ...new Set(
        Array.from(body?.querySelectorAll('backstory-mention') ?? []).map(
          (m) => m.getAttribute('data-entity-id') ?? '',
        ),
      ),
    ].sort(),
    toggle: toggle ? (toggle.textContent ?? '') : null,
  };
}

/** The body's text now, and as this browser parses the bytes the server sent. */
async function bodyTexts(): Promise<{ now: string | null; sent: string | null }> {
  const html = await (await fetch(location.href, { cache: 'no-store' })).text();
  const sent = new DOMParser().parseFromString(html, 'text/html').getElementById('hostile-body')?.textContent;
  return { now: document.getElementById('hostile-body')?.textContent ?? null, sent: sent ?? null };
}

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer({
    extraPage: (host, path) => {
      const n = /^\/hostile\/(\d+)$/.exec(path)?.[1];
      return host === 'tass.com' && n ? hostilePage(TEMPLATE, SEED, Number(n)).html : null;
    },
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  console.info(`hostile pages: seed ${SEED}, ${PAGES} pages per browser`);
});
afterAll(async () => {
  await server?.close();
});

/** Within `ms`, or the tab is taken as not answering. */
function answers<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the tab did not answer within ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  const browser = browserForSuite(name, () => server.port);

  it(`keeps its promises on ${PAGES} generated hostile pages`, { timeout: PAGES * 8_000 }, async () => {
    const launched = browser();
    if (!launched) throw new Error(`${name} did not start`);
    const page: TestPage = await launched.newPage();
    const started = Date.now();
    let current = -1;
    try {
      for (let n = 0; n < PAGES; n++) {
        current = n;
        const generated = hostilePage(TEMPLATE, SEED, n);
        const where = `page ${n} (seed ${SEED}; ${generated.traits.join(', ') || 'plain'})`;
        page.errors().length = 0;
        await page.goto(pageUrl(n));
        // Backstory shows the right context: every entity the body names is marked, and the toggle is
        // there (unless the page removes it for ever: then the toolbar button says so, below).
        const seen = await page.waitFor(readSeen, undefined, {
          what: `${where}: marks for ${generated.expected.join(', ')} and the toggle`,
          until: (s) =>
            generated.expected.every((id) => s.marked.includes(id)) &&
            (generated.removesForever || s.toggle !== null),
          timeoutMs: 15_000,
        });
        if (seen.toggle !== null && !generated.removesForever)
          expect(Number(seen.toggle), `${where}: the toggle's count`).toBeGreaterThanOrEqual(
            generated.expected.length,
          );
        // The article's text is what the server sent, marks or not.
        const texts = await answers(page.evaluate(bodyTexts, undefined), 10_000, where);
        expect(texts.now, `${where}: article text`).toBe(texts.sent);
        // The tab still answers a trivial question promptly (a page stuck in a loop with us would not).
        await answers(
          page.evaluateAsPage(() => document.readyState, undefined),
          5_000,
          where,
        );
        expect(page.errors(), `${where}: errors of Backstory's`).toEqual([]);
        if (generated.removesForever && launched.name === 'chromium') {
          const sw = await (launched as ChromiumBrowser).serviceWorker();
          await expect
            .poll(
              () =>
                sw.evaluate(async () => {
                  const api = (
                    globalThis as unknown as {
                      chrome: {
                        tabs: { query(q: object): Promise<{ id?: number }[]> };
                        action: { getBadgeText(d: object): Promise<string> };
                      };
                    }
                  ).chrome;
                  const texts = await Promise.all(
                    (await api.tabs.query({})).map((tab) => api.action.getBadgeText({ tabId: tab.id })),
                  );
                  return texts.includes('!');
                }, undefined),
              { timeout: 10_000, message: `${where}: the toolbar button says Backstory cannot show itself` },
            )
            .toBe(true);
        }
      }
      console.info(`${name}: ${PAGES} hostile pages in ${Date.now() - started} ms`);
    } finally {
      await page.screenshot(join(SCREENSHOTS, `${name}-hostile-${current}.png`)).catch(() => {});
      await page.close().catch(() => {});
    }
  });
});
