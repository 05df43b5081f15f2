// TASS pages are alive: tass.com renders the article with script after load, may render it again
// (dropping our marks), and appends further articles, each in its own container, as the reader
// scrolls. One throttled MutationObserver with back-off serves all three: waiting for the article,
// painting a re-rendered article again (a bounded number of times), and giving each appended
// article its own marks.
//
// A page may be huge and never stop changing, so the watcher's cost must not grow with the page:
// it looks only at what the mutation records added (containers among the added nodes, or holding
// them), never at every container of the page; it tries each container a bounded number of times,
// annotates appended articles one at a time within a budget, and forgets containers (and their
// marks' observers) once they leave the page.

import type { DetectedArticle } from '../site/detect';

/** What the mutations since the last check touched. */
export interface Changes {
  /** Containers added to the page, or holding added nodes, in the order seen. */
  containers: Set<Element>;
  /** Some node was removed (the page may have dropped our marks or a container). */
  removed: boolean;
}

/** Containers collected between two checks at most; more are dropped (a page that adds them faster than we can look is not read in full). */
const MAX_PENDING = 2_000;

/**
 * Calls `check` after DOM mutations, at most once per `delay`, which doubles (up to 3 s) each time
 * a check finds nothing to do and falls back to 200 ms when it does something. `selector` picks the
 * containers worth reporting among the added nodes. Returns a stop function.
 */
export function watchMutations(
  doc: Document,
  selector: string | null,
  check: (changes: Changes) => boolean,
): () => void {
  let delay = 200;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let changes: Changes = { containers: new Set(), removed: false };
  const note = (element: Element) => {
    if (!selector || changes.containers.size >= MAX_PENDING) return;
    const holder = element.closest(selector);
    if (holder) changes.containers.add(holder);
    else if (element.firstElementChild)
      for (const inside of element.querySelectorAll(selector)) {
        if (changes.containers.size >= MAX_PENDING) break;
        changes.containers.add(inside);
      }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.removedNodes.length > 0) changes.removed = true;
      for (const node of record.addedNodes)
        if (node.nodeType === 1) note(node as Element);
        else if (node.parentElement) note(node.parentElement);
    }
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      const seen = changes;
      changes = { containers: new Set(), removed: false };
      delay = check(seen) ? 200 : Math.min(delay * 2, 3000);
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
    const stop = watchMutations(doc, null, () => {
      const article = detect();
      if (article) finish(article);
      return false;
    });
    const giveUp = setTimeout(() => finish(null), DETECT_GIVE_UP_MS);
  });
}

/** Times an article is painted again after the page re-rendered it; a page that keeps doing so is left alone. */
export const MAX_REPAINTS = 3;
/** Times a container is looked at for an article (its content may arrive in steps); then it is left alone. */
export const MAX_TRIES = 3;
/** Containers looked at in one check; the rest wait for the next. */
const TRIES_PER_CHECK = 20;
/** Appended articles annotated in a burst, and how fast the budget comes back (one per this many ms). */
export const APPENDED_BURST = 5;
export const APPENDED_REFILL_MS = 5_000;

export interface LivingPage {
  /** The selector of article containers. */
  selector: string;
  /** The first article's marks left the page (the page rendered it again). */
  stale(): boolean;
  /** Detects and paints the first article again; false when it is not there (yet). */
  repaint(): boolean;
  /** Whether a container is the first article's, or already annotated. */
  known(container: Element): boolean;
  /**
   * Detects the article in a new container and starts annotating it; false when it holds none.
   * Resolves when the annotation is done, with a function that forgets it (its marks' observer)
   * when the container has left the page.
   */
  annotateAppended(container: Element): false | Promise<(() => void) | null>;
}

/** Watches the page for a re-rendered first article and for appended ones. Returns a stop function. */
export function watchLivingPage(doc: Document, page: LivingPage): () => void {
  let repaints = 0;
  const tries = new WeakMap<Element, number>();
  /** Containers waiting for a look (a later check takes them). */
  const waiting = new Set<Element>();
  /** Appended articles being or having been annotated, with how to forget each. */
  const live = new Map<Element, (() => void) | null>();
  let inFlight = false;
  let budget = APPENDED_BURST;
  let refilledAt = performance.now();

  let retry: ReturnType<typeof setTimeout> | undefined;

  const forgetGone = () => {
    for (const [container, forget] of live)
      if (!container.isConnected) {
        forget?.();
        live.delete(container);
      }
  };

  /** Looks at waiting containers, within the budget; true when it started something. */
  const lookAtWaiting = (): boolean => {
    clearTimeout(retry);
    retry = undefined;
    const now = performance.now();
    budget = Math.min(APPENDED_BURST, budget + (now - refilledAt) / APPENDED_REFILL_MS);
    refilledAt = now;
    let found = false;
    let looked = 0;
    for (const container of waiting) {
      if (inFlight || budget < 1 || looked >= TRIES_PER_CHECK) break;
      waiting.delete(container);
      if (!container.isConnected || live.has(container) || page.known(container)) continue;
      const tried = tries.get(container) ?? 0;
      if (tried >= MAX_TRIES) continue;
      tries.set(container, tried + 1);
      looked++;
      const started = page.annotateAppended(container);
      if (!started) continue;
      found = true;
      budget--;
      inFlight = true;
      live.set(container, null);
      void started
        .then(
          (forget) => {
            if (live.has(container)) live.set(container, forget);
            else forget?.();
            forgetGone();
          },
          () => undefined,
        )
        .finally(() => {
          inFlight = false;
        });
    }
    // Containers still waiting (budget spent, one in flight): look again when the budget allows,
    // even if the page does not change meanwhile.
    if (waiting.size > 0)
      retry = setTimeout(lookAtWaiting, inFlight ? 200 : Math.max(200, (1 - budget) * APPENDED_REFILL_MS));
    return found;
  };

  const stop = watchMutations(doc, page.selector, (changes) => {
    if (changes.removed) {
      forgetGone();
      if (repaints < MAX_REPAINTS && page.stale()) {
        repaints++;
        if (page.repaint()) return true;
      }
    }
    for (const container of changes.containers) if (waiting.size < MAX_PENDING) waiting.add(container);
    return lookAtWaiting();
  });
  return () => {
    stop();
    clearTimeout(retry);
  };
}
