// Inline marks: each mention's text is wrapped in <backstory-mention> elements. Wrapping moves text
// into elements but never changes the text itself, so the article's textContent stays the same.
//
// The marks live in the page's own DOM, where its scripts can copy them: a mark counts only if this
// script made it (a WeakSet of our wrappers), and its entity is the one recorded when it was made,
// whatever its attributes say later. A page-made <backstory-mention> gets no card and is never
// unwrapped by us.

import type { Mention } from '../shared/types';
import { type ExtractedText, locate } from '../site/extract';

export const MENTION_TAG = 'backstory-mention';

/** The wrappers this script made, with the entity each one marks. */
const ourMarks = new WeakMap<Element, string>();

/** The entity of a mark this script made, or undefined for anything else (a page-made look-alike). */
export function markEntity(element: Element): string | undefined {
  return ourMarks.get(element);
}

/** The nearest mark of ours at or above `target` (a page-made mark inside ours is skipped). */
export function markAt(target: EventTarget | null): HTMLElement | null {
  let at = target instanceof Element ? target.closest(MENTION_TAG) : null;
  while (at && !ourMarks.has(at)) at = at.parentElement?.closest(MENTION_TAG) ?? null;
  return at as HTMLElement | null;
}

/** Whether `root` holds a mark of ours. */
export function hasOurMarks(root: ParentNode): boolean {
  for (const element of root.querySelectorAll(MENTION_TAG)) if (ourMarks.has(element)) return true;
  return false;
}

/** Our marks' stylesheet element: found again by reference, never by an id the page could take first. */
let markStyle: HTMLStyleElement | null = null;

/** Keeps our marks' stylesheet in the page, for the guard (guard.ts). */
export const markStyleKept = {
  intact: () => markStyle === null || markStyle.isConnected,
  repair: () => {
    if (markStyle)
      (markStyle.ownerDocument.head ?? markStyle.ownerDocument.documentElement).append(markStyle);
  },
  watch: [] as Node[],
};

/** Adds the marks' stylesheet (PageUi.markCss, from the background) to the page, again if it was removed. */
function ensureMarkStyle(doc: Document, css: string): void {
  if (markStyle?.isConnected && markStyle.textContent === css) return;
  markStyle?.remove();
  markStyle = doc.createElement('style');
  markStyle.textContent = css;
  (doc.head ?? doc.documentElement).append(markStyle);
}

/**
 * A slice of marking, one per frame, ends after this much script time or this many text nodes, which
 * comes first. The page lays out again every paragraph a slice changed, in the frame after it, and
 * that costs more than the wrapping itself, on top of a pre-paint walk that grows with the page
 * (test/bench/longtask.mjs measures both).
 */
const SLICE_MS = 2;
const SLICE_NODES = 48;

/** After the next frame has been rendered (or a moment, where frames are not drawn). */
const nextFrame = () =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      setTimeout(resolve);
    };
    const timer = setTimeout(done, 100);
    requestAnimationFrame(done);
  });

interface Piece {
  start: number;
  end: number;
  index: number;
  first: boolean;
}

/** How far beyond the viewport (in viewport heights) marks are painted ahead of the reader. */
const AHEAD = '200%';

/** The marks of one article, painted as the reader comes near them. */
export interface Painting {
  /** Paints the marks around mention `index` now (the sidebar is about to show it); its first wrapper. */
  paintNow(index: number): HTMLElement | undefined;
  /** The page replaced text that we marked or were about to mark. */
  stale(): boolean;
  /** Paints nothing more. */
  stop(): void;
}

/**
 * Wraps the mentions, each text node replaced once by a fragment of its text and its wrappers, an
 * element's worth of text nodes at a time as the element comes within two viewports of the reader
 * (IntersectionObserver; where there is none, all of them, still a slice per frame). All pieces are
 * located first (locate() reads the text nodes as they are now). Painting costs the page a layout
 * of each paragraph it touches, and the page keeps paying in every later layout for each mark: a
 * long article's thousands of marks are painted only where they are read, a few per frame.
 */
export function paintMentions(
  doc: Document,
  extracted: ExtractedText,
  mentions: Mention[],
  markCss: string,
): Painting {
  ensureMarkStyle(doc, markCss);
  /** The first wrapper of each mention painted so far, by mention index. */
  const wrappers: HTMLElement[] = [];
  const byNode = new Map<Text, Piece[]>();
  /** Text nodes still to paint, by the element that holds them. */
  const byHolder = new Map<Element, Text[]>();
  const holderOf: (Element | null)[] = [];
  mentions.forEach((mention, index) => {
    locate(extracted, mention.start, mention.end).forEach(({ node, startOffset, endOffset }, p) => {
      let pieces = byNode.get(node);
      if (!pieces) {
        pieces = [];
        byNode.set(node, pieces);
        const holder = node.parentElement;
        const nodes = holder && byHolder.get(holder);
        if (nodes) nodes.push(node);
        else if (holder) byHolder.set(holder, [node]);
      }
      pieces.push({ start: startOffset, end: endOffset, index, first: p === 0 });
      if (p === 0) holderOf[index] = node.parentElement;
    });
  });

  const paintNode = (node: Text) => {
    const data = node.data;
    // The page may have replaced the text meanwhile: what changed is skipped; a node it dropped gets
    // wrappers outside the page (replaceWith does nothing there), which stale() then reports.
    const fragment = doc.createDocumentFragment();
    let at = 0;
    for (const { start, end, index, first } of byNode.get(node) ?? []) {
      if (start < at || end <= start || end > data.length) continue;
      if (start > at) fragment.append(data.slice(at, start));
      const wrapper = doc.createElement(MENTION_TAG);
      ourMarks.set(wrapper, mentions[index]!.entityId);
      wrapper.dataset.entityId = mentions[index]!.entityId;
      wrapper.dataset.mention = String(index);
      wrapper.append(data.slice(start, end));
      if (first) {
        // One tab stop per mention, so the keyboard reaches each mention once.
        wrapper.tabIndex = 0;
        wrapper.setAttribute('role', 'button');
        wrappers[index] = wrapper;
      }
      fragment.append(wrapper);
      at = end;
    }
    if (at === 0) return;
    if (at < data.length) fragment.append(data.slice(at));
    node.replaceWith(fragment);
  };
  /** Paints one holder's text nodes; returns how many. */
  const paintHolder = (holder: Element | null | undefined): number => {
    const nodes = holder && byHolder.get(holder);
    if (!nodes) return 0;
    byHolder.delete(holder);
    observer?.unobserve(holder);
    for (const node of nodes) paintNode(node);
    return nodes.length;
  };

  // Holders come near the viewport in bursts (the first screen, a fast scroll): they are painted in
  // slices, one per frame.
  const queue: Element[] = [];
  let draining = false;
  let stopped = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    let sliceStart = performance.now();
    let sliceNodes = 0;
    for (let i = 0; i < queue.length && !stopped; i++) {
      if (sliceNodes >= SLICE_NODES || performance.now() - sliceStart > SLICE_MS) {
        await nextFrame();
        sliceStart = performance.now();
        sliceNodes = 0;
      }
      sliceNodes += paintHolder(queue[i]);
    }
    queue.length = 0;
    draining = false;
  };
  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) if (entry.isIntersecting) queue.push(entry.target);
            void drain();
          },
          { rootMargin: `${AHEAD} 0px` },
        )
      : null;
  // A short article is painted at once, in the task that has its mentions: one slice's worth of
  // work, and the marks show a frame sooner than if they waited for the observer's first report.
  let nodes = 0;
  for (const list of byHolder.values()) nodes += list.length;
  if (nodes <= SLICE_NODES) for (const holder of [...byHolder.keys()]) paintHolder(holder);
  for (const holder of byHolder.keys()) {
    if (observer) observer.observe(holder);
    else queue.push(holder);
  }
  void drain();

  return {
    paintNow(index) {
      paintHolder(holderOf[index]);
      return wrappers[index];
    },
    stale: () =>
      wrappers.some((wrapper) => !wrapper.isConnected) ||
      [...byHolder.values()].some((nodes) => nodes.some((node) => !node.isConnected)),
    stop() {
      stopped = true;
      observer?.disconnect();
    },
  };
}

/** Removes our marks under `root`, leaving their text where it was (the text itself never changes). */
export function unpaintMentions(root: ParentNode): void {
  for (const wrapper of root.querySelectorAll(MENTION_TAG)) {
    if (!ourMarks.has(wrapper)) continue;
    const parent = wrapper.parentNode;
    wrapper.replaceWith(...wrapper.childNodes);
    parent?.normalize();
  }
}

/** Scrolls to a mention and highlights it briefly. */
export function revealMention(wrapper: HTMLElement): void {
  wrapper.scrollIntoView({ block: 'center', behavior: 'smooth' });
  wrapper.dataset.flash = '';
  wrapper.focus({ preventScroll: true });
  setTimeout(() => delete wrapper.dataset.flash, 1600);
}

export function setMarksVisible(doc: Document, visible: boolean): void {
  // No root element yet while the page is being parsed: the marks are not there either.
  doc.documentElement?.classList.toggle('backstory-marks-off', !visible);
}
