// TASS pages are alive: tass.com renders the article with script after load, may render it again
// (dropping our marks), and appends further articles, each in its own container, as the reader
// scrolls. One throttled MutationObserver with back-off serves all three: waiting for the article,
// painting a re-rendered article again (a bounded number of times), and giving each appended
// article its own marks.

import type { DetectedArticle } from '../site/detect';

/**
 * Calls `check` after DOM mutations, at most once per `delay`, which doubles (up to 3 s) each time
 * a check finds nothing to do and falls back to 200 ms when it does something. Returns a stop function.
 */
export function watchMutations(doc: Document, check: () => boolean): () => void {
  let delay = 200;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      delay = check() ? 200 : Math.min(delay * 2, 3000);
    }, delay);
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** How long to wait for an article that the page renders with script after load. */
const DETECT_GIVE_UP_MS = 30_000;

/** Resolves with the article once `detect` finds it, trying again as the page mutates. */
export function waitForArticle(
  doc: Document,
  detect: () => DetectedArticle | null,
): Promise<DetectedArticle | null> {
  const found = detect();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (article: DetectedArticle | null) => {
      stop();
      clearTimeout(giveUp);
      resolve(article);
    };
    const stop = watchMutations(doc, () => {
      const article = detect();
      if (article) finish(article);
      return false;
    });
    const giveUp = setTimeout(() => finish(null), DETECT_GIVE_UP_MS);
  });
}

/** Times an article is painted again after the page re-rendered it; a page that keeps doing so is left alone. */
export const MAX_REPAINTS = 3;

export interface LivingPage {
  /** The first article's marks left the page (the page rendered it again). */
  stale(): boolean;
  /** Detects and paints the first article again; false when it is not there (yet). */
  repaint(): boolean;
  /** Containers of further articles on the page. */
  containers(): Iterable<Element>;
  /** Whether a container has been seen (marked or tried) already. */
  known(container: Element): boolean;
  /** Detects and paints the article in a new container; false when it holds none. */
  annotateAppended(container: Element): boolean;
}

/** Watches the page for a re-rendered first article and for appended ones. Returns a stop function. */
export function watchLivingPage(doc: Document, page: LivingPage): () => void {
  let repaints = 0;
  return watchMutations(doc, () => {
    if (page.stale() && repaints < MAX_REPAINTS) {
      repaints++;
      if (page.repaint()) return true;
    }
    let found = false;
    for (const container of page.containers()) {
      if (page.known(container)) continue;
      if (page.annotateAppended(container)) found = true;
    }
    return found;
  });
}
