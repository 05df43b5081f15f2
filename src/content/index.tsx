// The content script: decides whether this page is a TASS article, asks the background what it
// mentions, marks the mentions and mounts the sidebar. It never opens IndexedDB (that would belong
// to the page's origin) and never lets an exception of ours reach the page.
//
// The sidebar stays with the first article of the page: simple, and that is the article the reader
// opened. Articles the page appends get their own marks and hover cards (living-page.ts), each
// card's status line on its own article's date.
//
// The page is not trusted (README, Security and privacy): it cannot see into our UI or drive it
// (shadow-host.ts), its look-alike marks get nothing (paint.ts), what it removes comes back or the
// toolbar button says Backstory cannot show itself here (guard.ts), and nothing in its DOM tells it
// which version or dataset this is. When Backstory cannot give context, the toggle says why.

import { todayIso } from '../dataset/status';
import { benchMark } from '../shared/bench';
import type { Lang } from '../shared/languages';
import {
  type AnnotatedDetails,
  type AnnotatedMentions,
  isTabCommand,
  MAX_TEXT_LENGTH,
  type PageUi,
} from '../shared/messages';
import { interfaceLanguage } from '../shared/settings';
import type { Entity } from '../shared/types';
import { articleUrlLang, type DetectedArticle, detectArticle } from '../site/detect';
import { extractText } from '../site/extract';
import { FALLBACK_CSS } from '../ui/fallback-styles';
import { indexMentions } from '../ui/layout/mention-index';
import type { SidebarProblem } from '../ui/Sidebar';
import { setStringLookup, setStrings, t } from '../ui/strings';
import { ask, askAnnotation, type Failure, lastFailure, noteProblem } from './ask';
import { contextLost, isContextLost, onContextLost, watchContext } from './context-lost';
import { browser } from './extension-api';
import { createGuard } from './guard';
import { installHoverCards } from './hover';
import { waitForArticle, watchLivingPage } from './living-page';
import {
  hasOurMarks,
  markStyleKept,
  type Painting,
  paintMentions,
  revealMention,
  setMarksVisible,
  unpaintMentions,
} from './paint';
import { syncSettings } from './settings-sync';
import { type MountedSidebar, mountSidebar, NO_MENTIONS } from './sidebar-mount';

/**
 * Set in this script's own (isolated) world, so a second evaluation of it does nothing. Not in the
 * page's DOM: a page could set such a mark first to keep Backstory away, and it tells the page
 * that Backstory is there.
 */
const DONE = Symbol.for('backstory.content');
/** Each article of a tass.com page has its own container of this class. */
const ARTICLE_CONTAINER = '.news';
/**
 * Ends the current task: the page's own tasks and frames run before our next step. A long article is
 * a lot of work (reading its text, marking thousands of mentions, building the panel), and each step
 * in a task of its own keeps every task shorter than a frame.
 */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/**
 * How long a task of ours may run before its next step waits for a task of its own. A short
 * article's steps fit in one task and go through without waiting behind the page's tasks; a long
 * one's do not, and are split as before.
 */
const TASK_BUDGET_MS = 4;

/** Pages with at most this many paragraphs are detected in the task that evaluates this script. */
const SHORT_PAGE_PARAGRAPHS = 200;

/**
 * How long the task that read the article may have run and still send it. Sending is a copy of the
 * text, cheap next to reading it; waiting for a task of its own puts it behind the page's tasks,
 * which are many while the page loads. Under a frame with the send.
 */
const SEND_WITHIN_MS = 12;

/** Ends the current task if it has run for `budget` since `since`; the time the next step starts. */
async function breathe(since: number, budget = TASK_BUDGET_MS): Promise<number> {
  if (performance.now() - since < budget) return since;
  await nextTask();
  return performance.now();
}

interface Annotated {
  result: AnnotatedMentions;
  /** The cards' data, which follows the mentions (see askAnnotation). */
  details: Promise<AnnotatedDetails | null>;
  painting: Painting;
  /** The article's text, as the mentions' offsets count it. */
  text: string;
}

/**
 * Reads an article's text, asks the background for its mentions and paints them. `since`: when the
 * current task started (see breathe); by default the text is sent from a task of its own.
 */
async function annotate(
  article: DetectedArticle,
  ui: Promise<PageUi | null>,
  since = Number.NEGATIVE_INFINITY,
): Promise<Annotated | null> {
  const extracted = extractText(article.blocks);
  if (__BENCH__) benchMark('extracted');
  if (extracted.text.length > MAX_TEXT_LENGTH) {
    // The background would refuse it; no need to send megabytes to hear so.
    noteProblem('problemTooLarge');
    return null;
  }
  await breathe(since, SEND_WITHIN_MS);
  const [answer, pageUi] = await Promise.all([
    askAnnotation({ type: 'annotate', text: extracted.text, lang: article.lang, date: article.date }),
    ui,
  ]);
  if (!answer || !pageUi) return null;
  const result = answer.mentions;
  const painting = paintMentions(document, extracted, result.mentions, pageUi.markCss);
  if (__BENCH__) benchMark('painted');
  return { result, details: answer.details, painting, text: extracted.text };
}

/** What the reader is told when there is no context, with a way forward when there is one. */
function problemFor(failure: Failure, lang: Lang): SidebarProblem {
  return {
    message: t(lang, failure),
    action:
      failure === 'problemTooLarge'
        ? undefined
        : { label: t(lang, 'openOptions'), run: () => void ask({ type: 'open-options' }) },
  };
}

/**
 * Resolves once the page's HTML is parsed. Read from readyState, which the page cannot fake (it can
 * dispatch a DOMContentLoaded of its own), on window in the capture phase, where this listener,
 * added before any page script ran, comes first.
 */
function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (doc.readyState === 'loading') return;
      window.removeEventListener('readystatechange', check, true);
      resolve();
    };
    window.addEventListener('readystatechange', check, true);
  });
}

async function run(): Promise<void> {
  if (__BENCH__) benchMark('start');
  // Never inject twice, even if the script is evaluated again in the same page; and on a section
  // or home page (whose items keep arriving as the reader scrolls) do nothing at all.
  const scope = globalThis as { [DONE]?: boolean };
  if (scope[DONE] || !articleUrlLang(location.href)) return;
  scope[DONE] = true;
  watchContext(document);
  onContextLost(() => clearPage(document));
  // This script runs as the page starts loading (run_at document_start). The interface and the
  // settings are asked for at once, while the page is still being parsed: the article's request,
  // sent the moment the page is parsed, then does not queue behind them. Once per page: the
  // stylesheets and strings do not change from one article to the next.
  const ui = ask({ type: 'page-ui' }).then((pageUi) => {
    if (pageUi) setStrings(pageUi.strings);
    // Without the tables, the words for "no context here" come from the browser's own i18n.
    else
      setStringLookup((key) => {
        try {
          return browser.i18n.getMessage(key);
        } catch {
          return undefined;
        }
      });
    return pageUi;
  });
  let sidebar: MountedSidebar | undefined;
  const settingsReady = syncSettings((changed) => {
    setMarksVisible(document, changed.marks);
    sidebar?.draw();
  });
  await parsed(document);
  if (__BENCH__) benchMark('parsed');
  // A copy of this script left by an extension that was updated or reloaded is dead: its interface
  // goes, and this copy starts afresh.
  clearPage(document);
  // Detecting a long article is a task's worth of work: not on top of evaluating this script. A
  // page of ordinary length (counted cheaply, by its paragraphs) is detected at once.
  if (document.getElementsByTagName('p').length > SHORT_PAGE_PARAGRAPHS) await nextTask();
  const detecting = performance.now();
  const article = await waitForArticle(document, () => detectArticle(document, location.href));
  if (!article) return;
  if (__BENCH__) benchMark('detected');
  // The article is read and sent without waiting for the settings; they are needed before the marks
  // appear, so that marks turned off never flash up while they are painted.
  const ready = Promise.all([ui, settingsReady]).then(([pageUi, settings]) => {
    setMarksVisible(document, settings.current().marks);
    return pageUi;
  });
  // Whatever the page removes of ours comes back; a page that keeps removing it is told on the
  // toolbar button instead (the page itself cannot be trusted to show anything).
  const guard = createGuard(document, () => {
    console.warn('[Backstory] this page keeps removing Backstory; it stops showing itself here');
    void ask({ type: 'page-problem', problem: 'page-interferes' });
  });
  onContextLost(() => guard.stop());
  guard.keep(markStyleKept);
  let current = await annotate(article, ready, detecting);
  const settings = await settingsReady;
  const pageUi = await ui;
  const details = current && (await current.details);
  if (!current || !pageUi || !details) {
    // Marks whose cards will never come are taken away with the rest.
    current?.painting.stop();
    unpaintMentions(document);
    // No context here: the toggle and the panel say why, with a way forward.
    const failure = lastFailure() ?? 'problemRepair';
    const lang = interfaceLanguage(settings.current(), article.lang);
    sidebar = mountSidebar(
      document,
      {
        article,
        entities: [],
        related: [],
        index: NO_MENTIONS,
        css: pageUi?.css ?? FALLBACK_CSS,
        guard,
        problem: problemFor(failure, lang),
      },
      settings,
      () => undefined,
    );
    listenForCommands(() => sidebar);
    return;
  }
  // The cards' data came in a task of its own (see askAnnotation).
  const since = performance.now();
  const { result } = current;
  const index = indexMentions(current.text, result.mentions);

  await breathe(since);
  sidebar = mountSidebar(
    document,
    {
      article,
      entities: details.entities,
      related: details.related,
      dataset: result.dataset,
      index,
      css: pageUi.css,
      guard,
      notice: result.notice,
    },
    settings,
    (position) => {
      const wrapper = position === undefined ? undefined : current?.painting.paintNow(position);
      if (wrapper?.isConnected) revealMention(wrapper);
    },
  );
  if (__BENCH__) benchMark('sidebar');

  const byId = new Map<string, Entity>(details.entities.map((entity) => [entity.id, entity]));
  /**
   * Article containers with marks, and their dates: a hover card's status is on its own article's
   * date. Weak: a container the page drops is forgotten with it.
   */
  const dates = new WeakMap<Element, DetectedArticle['date']>();
  const home0 = article.blocks.at(-1)?.closest(ARTICLE_CONTAINER);
  if (home0) dates.set(home0, article.date);
  installHoverCards(document, {
    entities: byId,
    css: pageUi.css,
    lang: () => interfaceLanguage(settings.current(), article.lang),
    theme: () => settings.current().theme,
    articleDate: (mention) => {
      const container = mention.closest(ARTICLE_CONTAINER);
      return (container && dates.get(container)) ?? article.date;
    },
    today: todayIso(),
    enabled: (type) => settings.current().hoverCards && (!type || settings.current().types[type]),
    onDisable: () => settings.update({ hoverCards: false }),
    guard,
  });

  const stopWatching = watchLivingPage(document, {
    selector: ARTICLE_CONTAINER,
    // Some of the first article's marks are not in the page: the page rendered (part of) it again.
    stale: () => current?.painting.stale() ?? false,
    repaint() {
      // Detected again within its own container (the page's first), not with the appended ones.
      const home = document.querySelector(ARTICLE_CONTAINER);
      const again = home
        ? detectArticle(document, location.href, home)
        : detectArticle(document, location.href);
      if (!again || !current) return false;
      if (home) dates.set(home, again.date);
      current.painting.stop();
      unpaintMentions(home ?? document);
      const previous = current;
      current = null;
      void annotate(again, ui).then((next) => {
        current = next ?? previous;
      });
      return true;
    },
    known: (container) =>
      dates.has(container) || container.contains(article.blocks[0] ?? null) || hasOurMarks(container),
    annotateAppended(container) {
      const more = detectArticle(document, location.href, container);
      if (!more) return false;
      dates.set(container, more.date);
      return annotate(more, ui).then((next) => {
        void next?.details.then((added) => {
          for (const entity of added?.entities ?? []) if (!byId.has(entity.id)) byId.set(entity.id, entity);
        });
        return next ? () => next.painting.stop() : null;
      });
    },
  });

  onContextLost(() => {
    stopWatching();
    current?.painting.stop();
  });
  listenForCommands(() => sidebar);
}

/** Removes what a copy of this script put in the page: marks, their style, the sidebar, hover cards, the push. */
function clearPage(doc: Document): void {
  for (const host of Array.from(doc.querySelectorAll('backstory-sidebar, backstory-card'))) host.remove();
  unpaintMentions(doc);
  setMarksVisible(doc, true);
  doc.documentElement.style.removeProperty('margin-right');
}

/** The toolbar button and the keyboard shortcut, through the background. */
function listenForCommands(sidebar: () => MountedSidebar | undefined): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isTabCommand(message)) sidebar()?.toggle();
    return undefined;
  });
}

run().catch((error: unknown) => {
  if (isContextLost(error)) contextLost();
  else console.warn('[Backstory] could not give context on this page:', error);
});
