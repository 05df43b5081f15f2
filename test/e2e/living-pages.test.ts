// End-to-end: pages as tass.com really behaves. Its script appends further articles as the reader
// scrolls, and may render an article again after load (dropping our marks). Each test runs in both
// browsers; each browser is launched once for the file. Every test leaves a screenshot in
// test-results/screenshots/.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPENDED_BURST, APPENDED_REFILL_MS } from '../../src/content/living-page';
import { type TestPage, withPage as withFreshPage } from './browsers';
import { DEFAULT_FIXTURES_DIR, type FixtureServer, ROUTES, startServer } from './server.mjs';
import { browserForSuite } from './suite-browser';

const FIXTURES = resolve(process.env.BACKSTORY_E2E_FIXTURES ?? DEFAULT_FIXTURES_DIR);
const SCREENSHOTS = resolve('test-results/screenshots');

/** tass-com-appends-articles.html: appends a second article when the reader scrolls near its end. */
const APPENDS = 'https://tass.com/world/1600000';
/** Mentioned by the first article only (30 July 2019). */
const FIRST_ENTITIES = ['new-start', 'nato', 'osce'];
/** Mentioned by the appended article only (5 August 2019). */
const APPENDED_ENTITIES = ['csto', 'inf-treaty', 'un-general-assembly'];

/** tass-com-rerenders.html: replaces the article body's markup with the same markup 1.5 s after load. */
const RERENDERS = 'https://tass.com/world/1700000';
const RERENDERED_ENTITIES = ['geneva-summit-2021', 'new-start', 'nato', 'osce'];

// ---- Functions evaluated in the page (main world). They must be self-contained. ----

interface PageState {
  /** <backstory-sidebar> elements in the page. */
  sidebars: number;
  /** The sidebar's toggle is drawn. */
  toggle: boolean;
  /** The sidebar panel is open. */
  open: boolean;
  /** Mark stylesheets added to the page. */
  markStyles: number;
  /** Marks inside other marks (painting the same text twice). */
  nested: number;
  /** Per `.news` container, in page order: the entity ids of its marks, in mark order. */
  containers: string[][];
  /** Marks outside every `.news` container. */
  outside: number;
  /** The page's own count of re-renders (tass-com-rerenders.html), 0 before the first. */
  rerenders: number;
  /** Elements the test tagged `data-e2e-old` still in the page. */
  old: number;
}

function readPage(): PageState {
  const host = document.querySelector('backstory-sidebar');
  const containers = Array.from(document.querySelectorAll('.news'));
  const marks = Array.from(document.querySelectorAll('backstory-mention'));
  return {
    sidebars: document.querySelectorAll('backstory-sidebar').length,
    toggle: host?.shadowRoot?.querySelector('[data-backstory="toggle"]') != null,
    open: host?.shadowRoot?.querySelector('.bs-panel') != null,
    markStyles: Array.from(document.querySelectorAll('style')).filter((style) =>
      style.textContent?.includes('backstory-mention {'),
    ).length,
    nested: document.querySelectorAll('backstory-mention backstory-mention').length,
    containers: containers.map((c) =>
      Array.from(c.querySelectorAll('backstory-mention')).map((m) => m.getAttribute('data-entity-id') ?? ''),
    ),
    outside: marks.filter((m) => !m.closest('.news')).length,
    rerenders: Number(document.body.getAttribute('data-rerenders') ?? 0),
    old: document.querySelectorAll('[data-e2e-old]').length,
  };
}

/** Visible text of the hover card(s), or '' when none is shown. */
function readHoverCard(): string {
  const texts: string[] = [];
  for (const host of Array.from(document.querySelectorAll('backstory-card'))) {
    for (const el of Array.from(host.shadowRoot?.children ?? [])) {
      if (el.tagName === 'STYLE' || el.tagName === 'LINK') continue;
      const boxed = [el, ...Array.from(el.querySelectorAll('*'))].some((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      });
      // biome-ignore lint/performance/useDomNodeTextContent: only text the reader sees (no <style> text).
      const text = boxed ? (el as HTMLElement).innerText.trim() : '';
      if (text) texts.push(text);
    }
  }
  return texts.join('\n');
}

/** Text of the `index`th `.news` container's article body, or null. */
function bodyText(index: number): string | null {
  return document.querySelectorAll('.news .text-content')[index]?.textContent ?? null;
}

/** The first article body's text as this browser parses the exact bytes the server sends. */
async function pristineBodyText(): Promise<string | null> {
  const html = await (await fetch(location.href, { cache: 'no-store' })).text();
  return (
    new DOMParser().parseFromString(html, 'text/html').querySelector('.news .text-content')?.textContent ??
    null
  );
}

// ---- Helpers ----

const ids = (marks: string[]) => [...new Set(marks)].sort();
const covers = (marks: string[] | undefined, want: string[]) => want.every((id) => marks?.includes(id));

async function firstArticleReady(page: TestPage, what: string, entities: string[]): Promise<PageState> {
  return page.waitFor(readPage, undefined, {
    what: `${what}: <backstory-sidebar> with its toggle, and marks for ${entities.join(', ')}`,
    until: (s) => s.sidebars > 0 && s.toggle && covers(s.containers[0], entities),
    timeoutMs: 15_000,
  });
}

async function appendedArticleReady(page: TestPage): Promise<PageState> {
  // The reader scrolls towards the end of the story; the page appends the next one (it would anyway).
  await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    // A page no taller than the window does not scroll, and fires no scroll event of its own.
    window.dispatchEvent(new Event('scroll'));
  }, undefined);
  return page.waitFor(readPage, undefined, {
    what: `a second .news container with marks for ${APPENDED_ENTITIES.join(', ')}`,
    until: (s) => s.containers.length === 2 && covers(s.containers[1], APPENDED_ENTITIES),
    timeoutMs: 15_000,
  });
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- Tests ----

/**
 * The seed article on a page that recycles article containers, as an endless feed does: every 50 ms
 * it appends a new `.news` article and drops the oldest, counting the containers that had marks.
 */
const RECYCLES = 'https://tass.com/world/1800000';
const RECYCLE_SCRIPT = `<script>
  window.markedContainers = 0;
  addEventListener('load', () => {
    const main = document.querySelector('main');
    let i = 0;
    const timer = setInterval(() => {
      const c = document.createElement('div');
      c.className = 'news';
      c.innerHTML = '<h1 class="news-header__title">Item ' + i + '</h1><dateformat time="1642146600"></dateformat>' +
        '<div class="text-content"><div class="text-block"><p>MOSCOW, January 14. /TASS/. NATO ministers met in Brussels, item ' +
        (i++) + '.</p><p>The OSCE said its observers would return.</p></div></div>';
      main.append(c);
      const all = main.querySelectorAll(':scope > .news');
      if (all.length > 3) {
        if (all[1].querySelector('backstory-mention')) window.markedContainers++;
        all[1].remove();
      }
      if (i >= 100) clearInterval(timer);
    }, 50);
  });
</script>`;

let server: FixtureServer;

beforeAll(async () => {
  const seed = readFileSync(join(FIXTURES, ROUTES['tass.com']!['/politics/1387519']!), 'utf8');
  server = await startServer({
    fixturesDir: FIXTURES,
    extraPage: (host, path) =>
      host === 'tass.com' && path === '/world/1800000'
        ? seed.replace('<head>', `<head>${RECYCLE_SCRIPT}`)
        : null,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  const browser = browserForSuite(name, () => server.port);

  /** Runs `body` on a fresh page and always leaves a screenshot, pass or fail. */
  const withPage = (shot: string, body: (page: TestPage) => Promise<void>) =>
    withFreshPage(browser(), join(SCREENSHOTS, `${name}-${shot}.png`), () => server.requests, body);

  it('gives an appended article its own marks, keeps the first one as it was, and one sidebar', () =>
    withPage('appended-article', async (page) => {
      await page.goto(APPENDS);
      const before = await firstArticleReady(page, 'first article', FIRST_ENTITIES);
      expect(before.containers, 'nothing appended yet when the first article is marked').toHaveLength(1);

      await appendedArticleReady(page);
      // Give a second paint of either article time to show itself.
      await settle(1_500);
      const after = await page.evaluate(readPage, undefined);
      expect(after.containers).toHaveLength(2);
      const [first, second] = after.containers as [string[], string[]];
      // The first article keeps exactly its own marks; the appended one has marks for what it names.
      expect(first).toEqual(before.containers[0]);
      expect(ids(second)).toEqual([...APPENDED_ENTITIES].sort());
      for (const id of FIRST_ENTITIES) expect(second).not.toContain(id);
      // Painted once each: no mark inside a mark, no mark outside the articles, one stylesheet, one sidebar.
      expect(after.nested).toBe(0);
      expect(after.outside).toBe(0);
      expect(after.markStyles).toBe(1);
      expect(after.sidebars).toBe(1);

      // Marks move text into elements, never change it.
      expect(await page.evaluate(bodyText, 0)).toBe(await page.evaluate(pristineBodyText, undefined));
      expect(await page.evaluate(bodyText, 1)).toMatch(
        /^\s*BISHKEK, August 5\. \/TASS\/\. The Collective Security Treaty Organization \(CSTO\) will discuss/,
      );
    }));

  it('paints only the first article again when the page re-renders it after appending another', () =>
    withPage('appended-then-rerendered', async (page) => {
      await page.goto(APPENDS);
      await firstArticleReady(page, 'first article', FIRST_ENTITIES);
      await appendedArticleReady(page);
      await settle(500);
      const before = await page.evaluate(readPage, undefined);
      // The page renders the first article's body again from the same markup (as a digest would).
      await page.evaluate(() => {
        const body = document.querySelector('.news .text-content');
        if (!body) throw new Error('no .text-content in the first article');
        const clean = body.cloneNode(true) as Element;
        for (const mark of Array.from(clean.querySelectorAll('backstory-mention')))
          mark.replaceWith(...mark.childNodes);
        clean.normalize();
        body.innerHTML = clean.innerHTML;
      }, undefined);
      await page.waitFor(readPage, undefined, {
        what: `the first article to be marked again with ${FIRST_ENTITIES.join(', ')}`,
        until: (s) => covers(s.containers[0], FIRST_ENTITIES),
      });
      await settle(1_000);
      const after = await page.evaluate(readPage, undefined);
      expect(after.containers).toEqual(before.containers);
      expect(after.nested).toBe(0);
      expect(after.sidebars).toBe(1);
      expect(await page.evaluate(bodyText, 0)).toBe(await page.evaluate(pristineBodyText, undefined));
    }));

  it('shows a hover card, dated by the appended article, for a mention in the appended article', () =>
    withPage('appended-hover-card', async (page) => {
      await page.goto(APPENDS);
      const state = await firstArticleReady(page, 'first article', FIRST_ENTITIES);
      await appendedArticleReady(page);
      // The reader closes the sidebar, which could cover the text.
      if (state.open) {
        await page.click('[data-backstory="toggle"]');
        await page.waitFor(readPage, undefined, { what: 'the sidebar to close', until: (s) => !s.open });
      }
      const target = await page.evaluate(() => {
        const mark = document
          .querySelectorAll('.news')[1]
          ?.querySelector('backstory-mention[data-entity-id="inf-treaty"]');
        if (!mark) return null;
        mark.setAttribute('data-e2e-target', '');
        mark.scrollIntoView({ block: 'center' });
        return mark.textContent;
      }, undefined);
      expect(target, 'a mark for the INF Treaty in the appended article').toMatch(
        /INF Treaty|Intermediate-Range/,
      );
      // The scroll closes any card; let it end before hovering.
      await settle(300);

      await page.hover('backstory-mention[data-e2e-target]');
      const card = await page.waitFor(readHoverCard, undefined, {
        what: 'a <backstory-card> after hovering the appended article’s mention',
        until: (text) => text.includes('Intermediate-Range Nuclear Forces Treaty'),
      });
      // The status line is on the date of the article the mention is in (5 August 2019: the treaty
      // had ended on 2 August), not the first article's (30 July 2019: suspended).
      expect(card).toContain('Status on 5 August 2019');
      expect(card).not.toContain('Status on 30 July 2019');

      await page.press('Escape');
      await page.waitFor(readHoverCard, undefined, {
        what: 'the hover card to close on Escape',
        until: (text) => text === '',
        timeoutMs: 5_000,
      });
    }));

  it('annotates the articles of a page that recycles its containers within a budget, not each one', () =>
    withPage('recycled-containers', async (page) => {
      await page.goto(RECYCLES);
      await firstArticleReady(page, 'first article', ['new-start', 'nato', 'osce']);
      // The page appends 100 articles over 5 s, each dropped 150 ms later.
      await settle(5_500);
      const marked = await page.evaluateAsPage(
        () => (window as unknown as { markedContainers: number }).markedContainers,
        undefined,
      );
      // A burst, then one per refill period: not one for each of the 100 containers.
      expect(marked).toBeLessThanOrEqual(APPENDED_BURST + Math.ceil(5_500 / APPENDED_REFILL_MS) + 1);
      // The first article keeps its marks all along.
      expect((await page.evaluate(readPage, undefined)).containers[0]?.length).toBeGreaterThan(0);
    }));

  it('paints an article again after the page re-renders it, text unchanged, one sidebar', () =>
    withPage('rerendered-article', async (page) => {
      await page.goto(RERENDERS);
      const before = await firstArticleReady(page, 'article before the re-render', RERENDERED_ENTITIES);
      expect(before.rerenders, 'marks painted before the page re-rendered the article').toBe(0);
      // Tag today's marks: after the re-render, only new ones may be in the page.
      await page.evaluate(() => {
        for (const mark of Array.from(document.querySelectorAll('backstory-mention')))
          mark.setAttribute('data-e2e-old', '');
      }, undefined);

      await page.waitFor(readPage, undefined, {
        what: 'the page to re-render the article (1.5 s after load)',
        until: (s) => s.rerenders === 1,
      });
      await page.waitFor(readPage, undefined, {
        what: 'the article to be marked again after the re-render',
        until: (s) => s.old === 0 && covers(s.containers[0], RERENDERED_ENTITIES),
      });
      // Everything the article was marked with before is marked again, once.
      await settle(1_000);
      const final = await page.evaluate(readPage, undefined);
      expect(final.containers[0]).toEqual(before.containers[0]);
      expect(final.nested).toBe(0);
      expect(final.markStyles).toBe(1);
      expect(final.sidebars).toBe(1);
      expect(await page.evaluate(bodyText, 0)).toBe(await page.evaluate(pristineBodyText, undefined));

      // The sidebar's "Show in article" now leads to the new marks, not the dropped ones.
      if (!final.open) await page.click('[data-backstory="toggle"]');
      await page.waitFor(
        () => {
          const root = document.querySelector('backstory-sidebar')?.shadowRoot;
          const card = root?.querySelector('[data-entity-id="nato"]');
          if (!card || root?.querySelector('[aria-busy="true"]')) return false;
          const button = Array.from(card.querySelectorAll('button')).find((b) =>
            /show in article/i.test(b.textContent ?? ''),
          );
          button?.setAttribute('data-e2e-target', '');
          return Boolean(button);
        },
        undefined,
        { what: "NATO's card with its Show in article button", until: Boolean },
      );
      // The reader's own click: Backstory ignores clicks a script makes up.
      await page.click('button[data-e2e-target]');
      const shown = await page.waitFor(
        () => {
          const focused = document.activeElement;
          return focused?.tagName === 'BACKSTORY-MENTION'
            ? {
                entity: focused.getAttribute('data-entity-id'),
                connected: focused.isConnected,
                old: focused.hasAttribute('data-e2e-old'),
              }
            : null;
        },
        undefined,
        { what: 'the sidebar to reveal a mark for NATO' },
      );
      expect(shown).toEqual({ entity: 'nato', connected: true, old: false });
    }));
});
