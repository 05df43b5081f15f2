// Keeps Backstory's elements in a page that removes, moves or restyles them: one MutationObserver
// over the few places they live (the children of <html>, <head> and <body>, and the attributes of
// our own hosts; never the page's subtrees, so its cost does not grow with the page). What a page
// takes away is put back, a bounded number of times: a page that keeps taking it (in a loop with
// our repairs, say) wins, and then Backstory stops trying and says so instead of dying silently.

/** Something the guard keeps in the page. */
export interface Kept {
  /** Whether it is still where it belongs, as it was made. */
  intact(): boolean;
  /** Puts it back. */
  repair(): void;
  /** Our own elements whose attributes the page might change. */
  watch: Node[];
}

export interface Guard {
  keep(item: Kept): void;
  /** Stops guarding (the article is gone, or the guard gave up). */
  stop(): void;
}

/** Repairs allowed within REPAIR_WINDOW_MS before the guard gives up. */
export const MAX_REPAIRS = 12;
const REPAIR_WINDOW_MS = 10_000;

export function createGuard(doc: Document, onGiveUp: () => void): Guard {
  const kept: Kept[] = [];
  const repairs: number[] = [];
  let stopped = false;
  let body: HTMLElement | null = null;
  let head: HTMLHeadElement | null = null;

  const observer = new MutationObserver(() => check());
  const observeContainers = () => {
    if (doc.body !== body && doc.body) observer.observe(doc.body, { childList: true });
    if (doc.head !== head && doc.head) observer.observe(doc.head, { childList: true });
    body = doc.body;
    head = doc.head;
  };
  const check = () => {
    if (stopped) return;
    observeContainers();
    for (const item of kept) {
      if (item.intact()) continue;
      const now = performance.now();
      while (repairs.length > 0 && now - repairs[0]! > REPAIR_WINDOW_MS) repairs.shift();
      if (repairs.length >= MAX_REPAIRS) {
        guard.stop();
        onGiveUp();
        return;
      }
      repairs.push(now);
      item.repair();
    }
    // Our repairs are mutations too: drop their records rather than checking again for nothing.
    observer.takeRecords();
  };
  observer.observe(doc.documentElement, { childList: true });
  observeContainers();

  const guard: Guard = {
    keep(item) {
      kept.push(item);
      for (const node of item.watch)
        observer.observe(node, { attributes: true, attributeFilter: ['style', 'hidden', 'inert'] });
    },
    stop() {
      stopped = true;
      observer.disconnect();
    },
  };
  return guard;
}
