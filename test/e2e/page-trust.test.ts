// End-to-end: the page is not trusted. Each test serves the seed article with a hostile script of
// the page's own (in its main world, running before Backstory) and checks, as the reader would, that
// the script could neither read nor change what Backstory shows, nor change the reader's settings,
// nor get a card for a mark it made, nor keep Backstory away by taking its names or removing it.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumBrowser, poll, type TestPage, withPage as withFreshPage } from './browsers';
import { DEFAULT_FIXTURES_DIR, type FixtureServer, ROUTES, startServer } from './server.mjs';
import { browserForSuite } from './suite-browser';

const SCREENSHOTS = resolve('test-results/screenshots');
const SEED_HTML = readFileSync(join(DEFAULT_FIXTURES_DIR, ROUTES['tass.com']!['/politics/1387519']!), 'utf8');

/** The page's hostile scripts, by name; each page is the seed article with one of them in its <head>. */
const ATTACKS: Record<string, string> = {
  // Every 100 ms: read and rewrite whatever of Backstory it can reach, click, resize, turn cards off.
  tamper: `
    window.seen = '';
    window.reached = 0;
    setInterval(() => {
      const hosts = Array.from(document.querySelectorAll('body > *')).filter((e) => e.localName.startsWith('backstory-'));
      for (const host of hosts) {
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
        for (const el of [host, ...host.querySelectorAll('*')]) {
          const root = el.shadowRoot;
          if (!root) continue;
          window.reached++;
          window.seen += root.textContent;
          for (const card of root.querySelectorAll('[data-entity-id]')) card.textContent = 'PWNED by the page';
          root.querySelector('[data-backstory="toggle"]')?.click();
          root.querySelector('.bs-off')?.click();
          root.querySelector('[role="separator"]')?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }),
          );
        }
      }
      // Made-up keys and hovers at the document: Escape closes the sidebar (saved for every tab).
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      const mark = document.querySelector('backstory-mention');
      mark?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    }, 100);
  `,
  // Wraps "Lavrov" in a look-alike mark for New START, as if Backstory had marked it.
  forge: `
    addEventListener('load', () => {
      const p = document.querySelector('.text-block p');
      const text = p.firstChild;
      const at = text.data.indexOf('Lavrov');
      const rest = text.splitText(at);
      rest.splitText('Lavrov'.length);
      const mark = document.createElement('backstory-mention');
      mark.dataset.entityId = 'new-start';
      mark.dataset.forged = '';
      mark.tabIndex = 0;
      mark.setAttribute('role', 'button');
      rest.replaceWith(mark);
      mark.append(rest);
    });
  `,
  // Takes Backstory's names, its old style id and its old "already here" mark before it runs.
  squat: `
    window.stolen = [];
    for (const name of ['backstory-sidebar', 'backstory-card']) {
      customElements.define(name, class extends HTMLElement {
        constructor() {
          super();
          window.stolen.push({ internals: this.attachInternals(), root: this.attachShadow({ mode: 'open' }) });
          this.shadowRoot.innerHTML = '<p>squatted</p>';
        }
      });
    }
    const style = document.createElement('style');
    style.id = 'backstory-mark-style';
    document.head.append(style);
    document.documentElement.dataset.backstoryDone = '1';
    window.readStolen = () => window.stolen.map((s) => (s.internals.shadowRoot ?? s.root).textContent).join('|');
  `,
  // Removes Backstory's hosts and mark style whenever they appear, five times, then leaves them be.
  remove: `
    window.removed = 0;
    new MutationObserver(() => {
      for (const el of Array.from(document.querySelectorAll('body > *, head > style'))) {
        if (window.removed >= 5) return;
        if (el.localName.startsWith('backstory-') || el.textContent.includes('backstory-mention {')) {
          el.remove();
          window.removed++;
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  `,
  // Removes Backstory's hosts whenever they appear, for ever.
  'remove-always': `
    window.removed = 0;
    new MutationObserver(() => {
      for (const el of Array.from(document.querySelectorAll('body > *'))) {
        if (el.localName.startsWith('backstory-')) {
          el.remove();
          window.removed++;
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  `,
};

const attackUrl = (name: string) => `https://tass.com/trust/${name}/1387519`;

/** The seed article with its body repeated past the 2,000,000 characters Backstory reads. */
const TOO_LARGE = 'https://tass.com/trust/huge/1387519';
let tooLarge: string | null = null;

function attackPage(_host: string, path: string): string | null {
  if (path === '/trust/huge/1387519') {
    tooLarge ??= (() => {
      const block = /<div class="text-block">[\s\S]*?<\/div>/.exec(SEED_HTML)![0];
      return SEED_HTML.replace(block, block.repeat(Math.ceil(3_000_000 / block.length)));
    })();
    return tooLarge;
  }
  const name = /^\/trust\/([a-z-]+)\/1387519$/.exec(path)?.[1];
  const script = name ? ATTACKS[name] : undefined;
  return script ? SEED_HTML.replace('<head>', `<head><script>${script}</script>`) : null;
}

// ---- Functions evaluated in the page (main world), Backstory's roots exposed. ----

interface Shown {
  toggle: boolean;
  open: boolean;
  busy: boolean;
  cards: { id: string; text: string }[];
  width: number;
  hoverCard: string;
  marks: number;
}

function readShown(): Shown {
  const hosts = Array.from(document.querySelectorAll('body > *')).filter((e) =>
    e.localName.startsWith('backstory-'),
  );
  const roots = hosts.map((h) => h.shadowRoot).filter((r): r is ShadowRoot => r !== null);
  const sidebar = roots.find((r) => r.querySelector('[data-backstory="toggle"]'));
  const panel = sidebar?.querySelector('.bs-panel');
  const hover = roots.map((r) => r.querySelector('.bs-hover')).find(Boolean) as HTMLElement | undefined;
  return {
    toggle: !!sidebar,
    open: !!panel,
    busy: panel?.getAttribute('aria-busy') === 'true',
    cards: Array.from(panel?.querySelectorAll('[data-entity-id]') ?? []).map((c) => ({
      id: c.getAttribute('data-entity-id') ?? '',
      // biome-ignore lint/performance/useDomNodeTextContent: what the reader sees.
      text: (c as HTMLElement).innerText,
    })),
    width: panel ? Math.round(panel.getBoundingClientRect().width) : 0,
    // biome-ignore lint/performance/useDomNodeTextContent: what the reader sees.
    hoverCard: hover && hover.getBoundingClientRect().width > 0 ? hover.innerText : '',
    marks: document.querySelectorAll('backstory-mention:not([data-forged])').length,
  };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer({ extraPage: attackPage });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  const browser = browserForSuite(name, () => server.port);

  const withPage = (shot: string, body: (page: TestPage) => Promise<void>) =>
    withFreshPage(browser(), join(SCREENSHOTS, `${name}-trust-${shot}.png`), () => server.requests, body);

  const readyWithCards = (page: TestPage) =>
    page.waitFor(readShown, undefined, {
      what: 'the sidebar open with its cards drawn',
      until: (s) => s.open && !s.busy && s.cards.length > 0,
      timeoutMs: 15_000,
    });

  it("the page's scripts can neither read nor change the sidebar and cards, nor drive them", () =>
    withPage('tamper', async (page) => {
      await page.goto(attackUrl('tamper'));
      await page.waitFor(readShown, undefined, {
        what: 'the toggle and the marks',
        until: (s) => s.toggle && s.marks > 0,
      });
      // The reader opens the sidebar; the page keeps pressing Escape, clicking and resizing.
      if (!(await page.evaluate(readShown, undefined)).open) await page.click('[data-backstory="toggle"]');
      const before = await readyWithCards(page);
      await settle(1_500);
      const after = await page.evaluate(readShown, undefined);
      expect(after.open, 'the sidebar stays open').toBe(true);
      expect(after.width).toBe(before.width);
      expect(after.cards.map((c) => c.text).join('\n')).not.toContain('PWNED');
      expect(after.cards.find((c) => c.id === 'new-start')?.text).toContain('New START');
      const page_ = await page.evaluateAsPage(
        () => ({
          seen: (window as unknown as { seen: string }).seen,
          reached: (window as unknown as { reached: number }).reached,
        }),
        undefined,
      );
      expect(page_, 'nothing of Backstory reached by the page').toEqual({ seen: '', reached: 0 });

      // Hover cards are still on: the reader's own hover shows one.
      await page.click('[data-backstory="toggle"]');
      await page.waitFor(readShown, undefined, { what: 'the sidebar closed', until: (s) => !s.open });
      await page.hover('.text-content backstory-mention[data-entity-id="new-start"]');
      const card = await page.waitFor(readShown, undefined, {
        what: 'a hover card after the reader hovers',
        until: (s) => s.hoverCard.includes('New START'),
      });
      expect(card.hoverCard).not.toContain('PWNED');
    }));

  it('a mark the page made itself gets no card; a mark Backstory made does', () =>
    withPage('forge', async (page) => {
      await page.goto(attackUrl('forge'));
      await page.waitFor(readShown, undefined, { what: 'the marks', until: (s) => s.marks > 0 });
      if ((await page.evaluate(readShown, undefined)).open) await page.click('[data-backstory="toggle"]');
      await page.hover('backstory-mention[data-forged]');
      await settle(1_200);
      await page.evaluateAsPage(
        () => (document.querySelector('[data-forged]') as HTMLElement).focus(),
        undefined,
      );
      await settle(600);
      expect((await page.evaluate(readShown, undefined)).hoverCard, 'no card for the forged mark').toBe('');
      await page.hover('.text-content backstory-mention[data-entity-id="new-start"]:not([data-forged])');
      await page.waitFor(readShown, undefined, {
        what: "a card for Backstory's own mark",
        until: (s) => s.hoverCard.includes('New START'),
      });
    }));

  it('a page that took Backstory’s names and marks first still gets its context, unread', () =>
    withPage('squat', async (page) => {
      await page.goto(attackUrl('squat'));
      await page.waitFor(readShown, undefined, {
        what: 'the toggle and the marks despite the squatted names',
        until: (s) => s.toggle && s.marks > 0,
      });
      if (!(await page.evaluate(readShown, undefined)).open) await page.click('[data-backstory="toggle"]');
      const shown = await readyWithCards(page);
      expect(shown.cards.map((c) => c.id)).toContain('new-start');
      // Backstory's own mark style, not the empty one the page put under the old id.
      const underline = await page.evaluate(
        () => getComputedStyle(document.querySelector('backstory-mention') as Element).textDecorationStyle,
        undefined,
      );
      expect(underline).toBe('dotted');
      const stolen = await page.evaluateAsPage(
        () => (window as unknown as { readStolen(): string }).readStolen(),
        undefined,
      );
      expect(stolen).not.toContain('New START');
    }));

  it('says on the toggle, in plain words, why an article too large gets no context', () =>
    withPage('too-large', async (page) => {
      await page.goto(TOO_LARGE);
      const shown = await page.waitFor(readShown, undefined, {
        what: 'the toggle saying there is no context',
        until: (s) => s.toggle,
        timeoutMs: 20_000,
      });
      expect(shown.marks).toBe(0);
      const toggle = await page.evaluate(() => {
        const root = document.querySelector('backstory-sidebar')?.shadowRoot;
        const button = root?.querySelector('[data-backstory="toggle"]');
        return { label: button?.getAttribute('aria-label') ?? '', count: button?.textContent ?? '' };
      }, undefined);
      expect(toggle.count).toBe('!');
      expect(toggle.label).toMatch(/no context/);
      // The sidebar opens as the reader last left it (an earlier test may have left it open).
      if (!(await page.evaluate(readShown, undefined)).open) await page.click('[data-backstory="toggle"]');
      const said = await page.waitFor(
        () =>
          document.querySelector('backstory-sidebar')?.shadowRoot?.querySelector('.bs-problem')
            ?.textContent ?? '',
        undefined,
        { what: 'the panel saying why', until: (text) => text.length > 0 },
      );
      expect(said).toMatch(/too large/);
    }));

  it('what the page removes comes back', () =>
    withPage('remove', async (page) => {
      await page.goto(attackUrl('remove'));
      await poll(
        () => page.evaluateAsPage(() => (window as unknown as { removed: number }).removed, undefined),
        {
          what: 'the page to remove Backstory five times',
          until: (n) => n >= 5,
        },
      );
      if (!(await page.evaluate(readShown, undefined)).open) await page.click('[data-backstory="toggle"]');
      const shown = await readyWithCards(page);
      expect(shown.cards.map((c) => c.id)).toContain('new-start');
      const styled = await page.evaluate(
        () => getComputedStyle(document.querySelector('backstory-mention') as Element).textDecorationStyle,
        undefined,
      );
      expect(styled).toBe('dotted');
    }));

  it('a page that removes Backstory for ever is told on the toolbar button, and stays responsive', () =>
    withPage('remove-always', async (page) => {
      await page.goto(attackUrl('remove-always'));
      await poll(
        () => page.evaluateAsPage(() => (window as unknown as { removed: number }).removed, undefined),
        {
          what: 'the page to remove Backstory again and again',
          until: (n) => n >= 5,
        },
      );
      await settle(1_000);
      const removed = await page.evaluateAsPage(
        () => (window as unknown as { removed: number }).removed,
        undefined,
      );
      // Backstory gave up after a bounded number of tries: no endless fight with the page.
      await settle(1_000);
      expect(
        await page.evaluateAsPage(() => (window as unknown as { removed: number }).removed, undefined),
      ).toBe(removed);
      if (browser()?.name === 'chromium') {
        const sw = await (browser() as ChromiumBrowser).serviceWorker();
        const badge = await sw.evaluate(async () => {
          // Without the tabs permission tab URLs are hidden: the tab whose button says something.
          const api = (
            globalThis as unknown as {
              chrome: {
                tabs: { query(q: object): Promise<{ id?: number }[]> };
                action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
              };
            }
          ).chrome;
          for (const tab of await api.tabs.query({})) {
            const text = await api.action.getBadgeText({ tabId: tab.id });
            if (text) return { text, title: await api.action.getTitle({ tabId: tab.id }) };
          }
          return { text: '', title: '' };
        }, undefined);
        expect(badge.text).toBe('!');
        expect(badge.title).toMatch(/keeps removing Backstory/);
      }
    }));
});
