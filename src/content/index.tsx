// The content script: decides whether this page is a TASS article, asks the background what it
// mentions, marks the mentions and mounts the sidebar. It never opens IndexedDB (that would belong
// to the page's origin) and never lets an exception of ours reach the page.
//
// The sidebar stays with the first article of the page: simple, and that is the article the reader
// opened. Articles the page appends get their own marks and hover cards (living-page.ts), each
// card's status line on its own article's date.

import { todayIso } from '../dataset/status';
import { benchMark } from '../shared/bench';
import { isTabCommand, type PageUi, type Reply, type Request, type Results } from '../shared/messages';
import { interfaceLanguage } from '../shared/settings';
import type { Entity } from '../shared/types';
import { articleUrlLang, type DetectedArticle, detectArticle } from '../site/detect';
import { extractText } from '../site/extract';
import { indexMentions } from '../ui/layout/mention-index';
import { setStrings } from '../ui/strings';
import {
  answerPings,
  contextLost,
  isContextLost,
  onContextLost,
  previousCopyAlive,
  watchContext,
} from './context-lost';
import { browser } from './extension-api';
import { installHoverCards } from './hover';
import { waitForArticle, watchLivingPage } from './living-page';
import {
  MENTION_TAG,
  type Painting,
  paintMentions,
  revealMention,
  setMarksVisible,
  unpaintMentions,
} from './paint';
import { syncSettings } from './settings-sync';
import { type MountedSidebar, mountSidebar } from './sidebar-mount';

/** Marks our work on the page, so a second evaluation of this script does nothing. */
const DONE = 'backstoryDone';
/** Each article of a tass.com page has its own container of this class. */
const ARTICLE_CONTAINER = '.news';

/**
 * Ends the current task: the page's own tasks and frames run before our next step. A long article is
 * a lot of work (reading its text, marking thousands of mentions, building the panel), and each step
 * in a task of its own keeps every task shorter than a frame.
 */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

async function ask<T extends Request['type']>(
  request: Extract<Request, { type: T }>,
): Promise<Results[T] | null> {
  if (__BENCH__) benchMark(`${request.type}:sent`);
  let reply: Reply<T> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
  } catch (error) {
    if (!isContextLost(error)) throw error;
    contextLost();
    return null;
  }
  if (__BENCH__) benchMark(`${request.type}:replied`);
  if (__BENCH__ && reply?.bench) {
    benchMark(`${request.type}:received`, reply.bench.received);
    benchMark(`${request.type}:answered`, reply.bench.answered);
    benchMark('background:started', reply.bench.started);
    if (reply.bench.loaded) benchMark('background:loaded', reply.bench.loaded);
    for (const [step, at] of Object.entries(reply.bench.steps ?? {})) benchMark(`background:${step}`, at);
  }
  if (reply?.ok) return reply.result;
  console.warn('[Backstory]', reply?.error ?? 'no answer from the background');
  return null;
}

interface Annotated {
  result: Results['annotate'];
  painting: Painting;
  /** The article's text, as the mentions' offsets count it. */
  text: string;
}

/** Reads an article's text, asks the background for its mentions and paints them. */
async function annotate(article: DetectedArticle, ui: Promise<PageUi | null>): Promise<Annotated | null> {
  const extracted = extractText(article.blocks);
  if (__BENCH__) benchMark('extracted');
  await nextTask();
  const [result, pageUi] = await Promise.all([
    ask({ type: 'annotate', text: extracted.text, lang: article.lang, date: article.date }),
    ui,
  ]);
  if (!result || !pageUi) return null;
  const painting = paintMentions(document, extracted, result.mentions, pageUi.markCss);
  if (__BENCH__) benchMark('painted');
  return { result, painting, text: extracted.text };
}

async function run(): Promise<void> {
  if (__BENCH__) benchMark('start');
  // Never inject twice, even if the script is evaluated again in the same page; and on a section
  // or home page (whose items keep arriving as the reader scrolls) do nothing at all.
  const root = document.documentElement;
  if (!articleUrlLang(location.href)) return;
  if (root.dataset[DONE]) {
    // A copy injected after an update or reload (Firefox does that): take over only from a dead one.
    if (previousCopyAlive(document)) return;
    clearPage(document);
  }
  root.dataset[DONE] = '1';
  answerPings(document);
  watchContext(document);
  onContextLost(() => clearPage(document));
  // Asked at once, while the article is detected and read: neither depends on it, and the first
  // article should not wait for two round trips one after the other. Once per page: the stylesheets
  // and strings do not change from one article to the next.
  const ui = ask({ type: 'page-ui' }).then((pageUi) => {
    if (pageUi) setStrings(pageUi.strings);
    return pageUi;
  });
  let sidebar: MountedSidebar | undefined;
  const settingsReady = syncSettings((changed) => {
    setMarksVisible(document, changed.marks);
    sidebar?.draw();
  });
  // Detecting a long article is a task's worth of work: not on top of evaluating this script.
  await nextTask();
  const article = await waitForArticle(document, () => detectArticle(document, location.href));
  if (!article) return;
  if (__BENCH__) benchMark('detected');
  // The article is read and sent without waiting for the settings; they are needed before the marks
  // appear, so that marks turned off never flash up while they are painted.
  const ready = Promise.all([ui, settingsReady]).then(([pageUi, settings]) => {
    setMarksVisible(document, settings.current().marks);
    return pageUi;
  });
  let current = await annotate(article, ready);
  const settings = await settingsReady;
  const pageUi = await ui;
  if (!current || !pageUi) return;
  await nextTask();
  const { result } = current;
  const index = indexMentions(current.text, result.mentions);

  await nextTask();
  sidebar = mountSidebar(
    document,
    {
      article,
      entities: result.entities,
      related: result.related,
      dataset: result.dataset,
      index,
      css: pageUi.css,
    },
    settings,
    (position) => {
      const wrapper = position === undefined ? undefined : current?.painting.paintNow(position);
      if (wrapper?.isConnected) revealMention(wrapper);
    },
  );
  if (__BENCH__) benchMark('sidebar');

  const byId = new Map<string, Entity>(result.entities.map((entity) => [entity.id, entity]));
  /** Article containers with marks, and their dates: a hover card's status is on its own article's date. */
  const dates = new Map<Element | null, DetectedArticle['date']>([
    [article.blocks.at(-1)?.closest(ARTICLE_CONTAINER) ?? root, article.date],
  ]);
  installHoverCards(document, {
    entities: byId,
    css: pageUi.css,
    lang: () => interfaceLanguage(settings.current(), article.lang),
    theme: () => settings.current().theme,
    articleDate: (mention) => dates.get(mention.closest(ARTICLE_CONTAINER)) ?? article.date,
    today: todayIso(),
    enabled: (type) => settings.current().hoverCards && (!type || settings.current().types[type]),
    onDisable: () => settings.update({ hoverCards: false }),
  });

  const stopWatching = watchLivingPage(document, {
    // Some of the first article's marks are not in the page: the page rendered (part of) it again.
    stale: () => current?.painting.stale() ?? false,
    repaint() {
      // Detected again within its own container (the page's first), not with the appended ones.
      const home = document.querySelector(ARTICLE_CONTAINER);
      const again = home
        ? detectArticle(document, location.href, home)
        : detectArticle(document, location.href);
      if (!again || !current) return false;
      dates.set(home, again.date);
      current.painting.stop();
      unpaintMentions(home ?? document);
      const previous = current;
      current = null;
      void annotate(again, ui).then((next) => {
        current = next ?? previous;
      });
      return true;
    },
    containers: () => document.querySelectorAll(ARTICLE_CONTAINER),
    known: (container) => dates.has(container) || container.querySelector(MENTION_TAG) !== null,
    annotateAppended(container) {
      const more = detectArticle(document, location.href, container);
      if (!more) return false;
      dates.set(container, more.date);
      void annotate(more, ui).then((next) => {
        for (const entity of next?.result.entities ?? [])
          if (!byId.has(entity.id)) byId.set(entity.id, entity);
      });
      return true;
    },
  });

  onContextLost(() => {
    stopWatching();
    current?.painting.stop();
  });

  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isTabCommand(message)) sidebar?.toggle();
    return undefined;
  });
}

/** Removes everything we added to the page: marks, their style, the sidebar, hover cards, the push. */
function clearPage(doc: Document): void {
  const root = doc.documentElement;
  for (const host of Array.from(doc.querySelectorAll('backstory-sidebar, backstory-card'))) host.remove();
  unpaintMentions(doc);
  doc.getElementById('backstory-mark-style')?.remove();
  setMarksVisible(doc, true);
  root.style.removeProperty('margin-right');
  delete root.dataset[DONE];
}

run().catch((error: unknown) => {
  if (isContextLost(error)) contextLost();
  else console.warn('[Backstory] could not give context on this page:', error);
});
