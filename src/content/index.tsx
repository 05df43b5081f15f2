// The content script: decides whether this page is a TASS article, asks the background what it
// mentions, marks the mentions and mounts the sidebar. It never opens IndexedDB (that would belong
// to the page's origin) and never lets an exception of ours reach the page.
//
// Pages as they are: tass.com renders the article with script after load, may render it again
// (dropping our marks), and appends further articles as the reader scrolls. One throttled
// MutationObserver with back-off watches for both: when marks vanish, the article is painted again
// (a bounded number of times), and each newly appended article container gets its own marks and
// hover cards (their status lines on that article's own date).
// The sidebar stays with the first article of the page: simple, and that is the article the reader
// opened.

import { render } from 'preact';
import { todayIso } from '../dataset/status';
import { isTabCommand, type Reply, type Results } from '../shared/messages';
import {
  DEFAULT_SETTINGS,
  interfaceLanguage,
  parseSettings,
  SETTINGS_KEY,
  type Settings,
  sidebarStartsOpen,
} from '../shared/settings';
import type { Entity } from '../shared/types';
import { articleUrlLang, type DetectedArticle, detectArticle } from '../site/detect';
import { extractText } from '../site/extract';
import { Sidebar } from '../ui/Sidebar';
import { setStrings } from '../ui/strings';
import { browser } from './extension-api';
import { installHoverCards } from './hover';
import {
  MENTION_TAG,
  type Painting,
  paintMentions,
  revealMention,
  setMarksVisible,
  unpaintMentions,
} from './paint';
import { createShadowHost } from './shadow-host';

/**
 * The open sidebar pushes the page aside when at least this much width is left beside it (a readable
 * column of text), and lies over the page otherwise. A fixed width, not the article's: measuring the
 * article would force a layout of the whole page, and once pushed it measures its squeezed self.
 */
const READING_WIDTH = 600;
/** How long to wait for an article that the page renders with script after load. */
const DETECT_GIVE_UP_MS = 30_000;
/** Times we paint an article again after the page re-rendered it; a page that keeps doing so is left alone. */
const MAX_REPAINTS = 3;
/** Marks our work on the page, so a second evaluation of this script does nothing. */
const DONE = 'backstoryDone';

async function loadSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/**
 * Settings this tab wrote whose storage.onChanged echo has not come back yet. The echoes arrive
 * later: applying them would undo newer changes made meanwhile (three quick arrow presses on the
 * resize handle gave two steps), so each is dropped once. A change from elsewhere clears the rest.
 * Compared as JSON of parseSettings' output: Chrome hands stored objects back with sorted keys.
 */
const ownWrites = new Set<string>();
const settingsKey = (value: unknown) => JSON.stringify(parseSettings(value));

function saveSettings(settings: Settings): void {
  ownWrites.add(settingsKey(settings));
  browser.storage.local.set({ [SETTINGS_KEY]: settings }).catch(() => undefined);
}

/**
 * Calls `check` after DOM mutations, at most once per `delay`, which doubles (up to 3 s) each time
 * a check finds nothing to do and falls back to 200 ms when it does something. Returns a stop function.
 */
function watchMutations(check: () => boolean): () => void {
  let delay = 200;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      delay = check() ? 200 : Math.min(delay * 2, 3000);
    }, delay);
  });
  observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** Resolves with the article once detection succeeds, retrying with back-off as the page mutates. */
function waitForArticle(): Promise<DetectedArticle | null> {
  const attempt = () => detectArticle(document, location.href);
  const found = attempt();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (article: DetectedArticle | null) => {
      stop();
      clearTimeout(giveUp);
      resolve(article);
    };
    const stop = watchMutations(() => {
      const article = attempt();
      if (article) finish(article);
      return false;
    });
    const giveUp = setTimeout(() => finish(null), DETECT_GIVE_UP_MS);
  });
}

/**
 * Detection limited to one container: tass.com appends further articles, each in its own `.news`
 * container, to the page as the reader scrolls.
 */
const detectIn = (container: Element) => detectArticle(document, location.href, container);

/**
 * Ends the current task: the page's own tasks and frames run before our next step. A long article is
 * a lot of work (reading its text, marking thousands of mentions, building the panel), and each step
 * in a task of its own keeps every task shorter than a frame.
 */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/** Short text around a mention, for the sidebar's list of mentions. */
function snippet(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 40), start).replace(/^\S*\s/, '');
  const after = text.slice(end, end + 40).replace(/\s\S*$/, '');
  return `…${before}${text.slice(start, end)}${after}…`.replace(/\s+/g, ' ');
}

interface Annotated {
  article: DetectedArticle;
  result: Results['annotate'];
  painting: Painting;
  /** The article's text, as the mentions' offsets count it. */
  text: string;
}

async function annotate(article: DetectedArticle): Promise<Annotated | null> {
  const extracted = extractText(article.blocks);
  await nextTask();
  const reply = (await browser.runtime.sendMessage({
    type: 'annotate',
    text: extracted.text,
    lang: article.lang,
    date: article.date,
  })) as Reply<'annotate'>;
  if (!reply?.ok) {
    console.warn('[Backstory]', reply?.error ?? 'no answer from the background');
    return null;
  }
  const result = reply.result;
  setStrings(result.ui.strings);
  const painting = paintMentions(document, extracted, result.mentions, result.ui.markCss);
  return { article, result, painting, text: extracted.text };
}

async function run(): Promise<void> {
  // Never inject twice, even if the script is evaluated again in the same page; and on a section
  // or home page (whose items keep arriving as the reader scrolls) do nothing at all.
  const root = document.documentElement;
  if (root.dataset[DONE] || !articleUrlLang(location.href)) return;
  root.dataset[DONE] = '1';
  // Detecting a long article is a task's worth of work: not on top of evaluating this script.
  await nextTask();
  const [article, stored] = await Promise.all([waitForArticle(), loadSettings()]);
  if (!article) return;
  let settings = stored;
  // Before the marks appear, so that marks turned off never flash up while they are painted.
  setMarksVisible(document, settings.marks);
  let current = await annotate(article);
  if (!current) return;
  await nextTask();
  const { result, text } = current;
  const { mentions, dataset } = result;

  const byId = new Map<string, Entity>(result.entities.map((entity) => [entity.id, entity]));
  const mentionCounts: Record<string, number> = {};
  const mentionIndexes: Record<string, number[]> = {};
  const mentionSnippets: Record<string, string[]> = {};
  mentions.forEach((mention, index) => {
    const id = mention.entityId;
    mentionCounts[id] = (mentionCounts[id] ?? 0) + 1;
    const indexes = mentionIndexes[id] ?? [];
    const texts = mentionSnippets[id] ?? [];
    indexes.push(index);
    texts.push(snippet(text, mention.start, mention.end));
    mentionIndexes[id] = indexes;
    mentionSnippets[id] = texts;
  });

  const today = todayIso();
  let open = sidebarStartsOpen(settings);
  const update = (change: Partial<Settings>) => {
    settings = { ...settings, ...change };
    saveSettings(settings);
    draw();
  };

  await nextTask();
  const sidebar = createShadowHost(document, 'backstory-sidebar', result.ui.css);
  sidebar.host.dataset.backstoryDataset = dataset.version;
  const toggle = () => {
    open = !open;
    if (settings.openSidebar === 'remember') update({ sidebarOpen: open });
    else draw();
  };
  const reveal = (index: number | undefined) => {
    const wrapper = index === undefined ? undefined : current?.painting.paintNow(index);
    if (wrapper?.isConnected) revealMention(wrapper);
  };
  const lang = () => interfaceLanguage(settings, article.lang);
  /** Pushes the page aside while the sidebar is open and a readable column is left; overlays otherwise. */
  const pushPage = () => {
    const width = settings.sidebarWidth;
    const push = open && innerWidth - width >= READING_WIDTH;
    root.style.setProperty('margin-right', push ? `${width}px` : '');
  };
  const draw = () => {
    // In the frame that shows the panel's frame, before its cards fill in over the next tasks, each a
    // layout of the panel: the page moves once, with the panel, in a frame with little else to do.
    pushPage();
    render(
      <Sidebar
        article={article}
        entities={result.entities}
        mentionCounts={mentionCounts}
        mentions={mentionSnippets}
        related={result.related}
        lang={lang()}
        theme={settings.theme}
        types={settings.types}
        width={settings.sidebarWidth}
        today={today}
        open={open}
        datasetVersion={dataset.version}
        datasetDate={dataset.date}
        onToggle={toggle}
        onResize={(sidebarWidth) => update({ sidebarWidth })}
        onShowEntity={(id) => reveal(mentionIndexes[id]?.[0])}
        onShowMention={(id, index) => reveal(mentionIndexes[id]?.[index])}
      />,
      sidebar.mount,
    );
  };
  draw();
  /** Article containers with marks, and their dates: a hover card's status is on its own article's date. */
  const done = new Map<Element | null, DetectedArticle['date']>([
    [article.blocks.at(-1)?.closest('.news') ?? root, article.date],
  ]);
  installHoverCards(document, {
    entities: byId,
    css: result.ui.css,
    lang,
    theme: () => settings.theme,
    articleDate: (mention) => done.get(mention.closest('.news')) ?? article.date,
    today,
    enabled: (type) => settings.hoverCards && (!type || settings.types[type]),
    onDisable: () => update({ hoverCards: false }),
  });

  // Re-rendered articles and appended ones (see the comment at the top).
  let repaints = 0;
  watchMutations(() => {
    // Some of the first article's marks are not in the page: the page rendered (part of) it again.
    // It is detected again within its own container (the page's first), not with the appended ones,
    // and painted afresh.
    if (current?.painting.stale()) {
      if (repaints++ >= MAX_REPAINTS) return false;
      const home = document.querySelector('.news');
      const again = home ? detectIn(home) : detectArticle(document, location.href);
      if (again) {
        done.set(home, again.date);
        current.painting.stop();
        unpaintMentions(home ?? document);
        const previous = current;
        current = null;
        void annotate(again).then((next) => {
          current = next ?? previous;
        });
        return true;
      }
    }
    let found = false;
    for (const container of document.querySelectorAll('.news')) {
      if (done.has(container) || container.querySelector(MENTION_TAG)) continue;
      const more = detectIn(container);
      if (!more) continue;
      done.set(container, more.date);
      found = true;
      void annotate(more).then((next) => {
        for (const entity of next?.result.entities ?? [])
          if (!byId.has(entity.id)) byId.set(entity.id, entity);
      });
    }
    return found;
  });

  document.addEventListener('keydown', (event) => {
    // Inside the panel the Sidebar component handles Escape itself.
    if (event.composedPath().includes(sidebar.host)) return;
    if (event.key === 'Escape' && open && !event.defaultPrevented) toggle();
  });
  window.addEventListener('resize', pushPage, { passive: true });
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isTabCommand(message)) toggle();
    return undefined;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    // Options changed in another tab or on the options page: follow them here too.
    if (area === 'local' && SETTINGS_KEY in changes) {
      const value = changes[SETTINGS_KEY]?.newValue;
      if (ownWrites.delete(settingsKey(value))) return;
      ownWrites.clear();
      settings = parseSettings(value);
      setMarksVisible(document, settings.marks);
      draw();
    }
  });
}

run().catch((error: unknown) => console.warn('[Backstory] could not give context on this page:', error));
