// Inline marks: each mention's text is wrapped in <backstory-mention> elements. Wrapping moves text
// nodes into an element but never changes the text itself, so the article's textContent stays the same.

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

/** Longest stretch of wrapping before yielding to the page: well inside one 16 ms frame. */
const SLICE_MS = 6;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Wraps every mention and resolves with the first wrapper of each, in mention order. Mentions are
 * painted from last to first: splitting a text node keeps its first part in the original node, so
 * the pieces located for earlier mentions stay valid. A long article has thousands of mentions, so
 * the work is cut into slices of a few milliseconds with a task boundary between them: no long task
 * for the page, which stays responsive while marks appear.
 */
export async function paintMentions(
  doc: Document,
  extracted: ExtractedText,
  mentions: Mention[],
  markCss: string,
): Promise<HTMLElement[]> {
  ensureMarkStyle(doc, markCss);
  const firstWrappers: HTMLElement[] = new Array(mentions.length);
  // Locate everything before the first split: locate() reads the text nodes as they are now.
  const located = mentions.map((mention) => locate(extracted, mention.start, mention.end));
  let sliceStart = performance.now();
  for (let index = mentions.length - 1; index >= 0; index--) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTask();
      sliceStart = performance.now();
    }
    const mention = mentions[index]!;
    const pieces = located[index]!;
    for (let p = pieces.length - 1; p >= 0; p--) {
      const { node, startOffset, endOffset } = pieces[p]!;
      // The page may have replaced the text meanwhile: skip what is gone or changed.
      if (!node.parentNode || endOffset <= startOffset || endOffset > node.data.length) continue;
      const middle = startOffset > 0 ? node.splitText(startOffset) : node;
      if (endOffset - startOffset < middle.data.length) middle.splitText(endOffset - startOffset);
      const wrapper = doc.createElement(MENTION_TAG);
      wrapper.dataset.entityId = mention.entityId;
      wrapper.dataset.mention = String(index);
      middle.replaceWith(wrapper);
      wrapper.append(middle);
      if (p === 0) {
        // One tab stop per mention, so the keyboard reaches each mention once.
        wrapper.tabIndex = 0;
        wrapper.setAttribute('role', 'button');
        firstWrappers[index] = wrapper;
      }
    }
  }
  return firstWrappers;
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
