// Inline marks: each mention's text is wrapped in <backstory-mention> elements. Wrapping moves text
// into elements but never changes the text itself, so the article's textContent stays the same.

import { type ExtractedText, locate } from '../core/extract';
import type { Mention } from '../core/types';

export const MENTION_TAG = 'backstory-mention';

/** Adds the marks' stylesheet (PageUi.markCss, from the background) to the page once. */
function ensureMarkStyle(doc: Document, css: string): void {
  if (doc.getElementById('backstory-mark-style')) return;
  const style = doc.createElement('style');
  style.id = 'backstory-mark-style';
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
}

/**
 * A slice of marking, one per frame, ends after this much script time or this many text nodes, which
 * comes first. The page lays out again every paragraph a slice changed, in the frame after it, and
 * that costs more than the wrapping itself: 60-100 µs a paragraph on the 300 KB test article in
 * headless Chromium, on top of a pre-paint walk that grows with the page (test/bench/longtask.mjs).
 */
const SLICE_MS = 2;
const SLICE_NODES = 48;

/** After the next frame has been rendered (or a moment, where frames are not drawn). */
export const nextFrame = () =>
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

/**
 * Wraps every mention and resolves with the first wrapper of each, in mention order. All pieces are
 * located first (locate() reads the text nodes as they are now); then each text node is replaced
 * once, by a fragment of its text and its wrappers. A long article has thousands of mentions, so
 * the work is cut into small slices, one per frame: no long task for the page, which stays
 * responsive while marks appear.
 */
export async function paintMentions(
  doc: Document,
  extracted: ExtractedText,
  mentions: Mention[],
  markCss: string,
): Promise<HTMLElement[]> {
  ensureMarkStyle(doc, markCss);
  const firstWrappers: HTMLElement[] = new Array(mentions.length);
  const byNode = new Map<Text, Piece[]>();
  mentions.forEach((mention, index) => {
    locate(extracted, mention.start, mention.end).forEach(({ node, startOffset, endOffset }, p) => {
      const pieces = byNode.get(node) ?? [];
      pieces.push({ start: startOffset, end: endOffset, index, first: p === 0 });
      byNode.set(node, pieces);
    });
  });
  let sliceStart = performance.now();
  let sliceNodes = 0;
  for (const [node, pieces] of byNode) {
    if (++sliceNodes > SLICE_NODES || performance.now() - sliceStart > SLICE_MS) {
      await nextFrame();
      sliceStart = performance.now();
      sliceNodes = 1;
    }
    const data = node.data;
    // The page may have replaced the text meanwhile: what changed is skipped; a node it dropped gets
    // wrappers outside the page (replaceWith does nothing there), which tells the caller to paint again.
    const fragment = doc.createDocumentFragment();
    let at = 0;
    for (const { start, end, index, first } of pieces) {
      if (start < at || end <= start || end > data.length) continue;
      if (start > at) fragment.append(data.slice(at, start));
      const wrapper = doc.createElement(MENTION_TAG);
      wrapper.dataset.entityId = mentions[index]!.entityId;
      wrapper.dataset.mention = String(index);
      wrapper.append(data.slice(start, end));
      if (first) {
        // One tab stop per mention, so the keyboard reaches each mention once.
        wrapper.tabIndex = 0;
        wrapper.setAttribute('role', 'button');
        firstWrappers[index] = wrapper;
      }
      fragment.append(wrapper);
      at = end;
    }
    if (at === 0) continue;
    if (at < data.length) fragment.append(data.slice(at));
    node.replaceWith(fragment);
  }
  return firstWrappers;
}

/** Removes the marks under `root`, leaving their text where it was (the text itself never changes). */
export function unpaintMentions(root: ParentNode): void {
  for (const wrapper of root.querySelectorAll(MENTION_TAG)) {
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
  doc.documentElement.classList.toggle('backstory-marks-off', !visible);
}
