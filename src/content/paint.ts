// Inline marks: each mention's text is wrapped in <backstory-mention> elements. Wrapping moves text
// nodes into an element but never changes the text itself, so the article's textContent stays the same.

import { type ExtractedText, locate } from '../core/extract';
import type { Mention } from '../core/types';

export const MENTION_TAG = 'backstory-mention';

const MARK_CSS = `
${MENTION_TAG} { all: unset; display: inline; cursor: help; border-bottom: 1px dotted currentColor;
  text-decoration: none; background-image: linear-gradient(rgba(58, 120, 190, 0.12), rgba(58, 120, 190, 0.12)); }
${MENTION_TAG}:focus-visible { outline: 2px solid #3a78be; outline-offset: 1px; }
${MENTION_TAG}[data-flash] { background-image: linear-gradient(rgba(224, 165, 38, 0.45), rgba(224, 165, 38, 0.45));
  transition: background-image 0.3s; }
html.backstory-marks-off ${MENTION_TAG} { border-bottom: none; background-image: none; cursor: auto; }
`;

function ensureMarkStyle(doc: Document): void {
  if (doc.getElementById('backstory-mark-style')) return;
  const style = doc.createElement('style');
  style.id = 'backstory-mark-style';
  style.textContent = MARK_CSS;
  (doc.head ?? doc.documentElement).append(style);
}

/**
 * Wraps every mention and returns the first wrapper of each, in mention order. Mentions are painted
 * from last to first: splitting a text node keeps its first part in the original node, so the
 * pieces located for earlier mentions stay valid.
 */
export function paintMentions(doc: Document, extracted: ExtractedText, mentions: Mention[]): HTMLElement[] {
  ensureMarkStyle(doc);
  const firstWrappers: HTMLElement[] = new Array(mentions.length);
  // Locate everything before the first split: locate() reads the text nodes as they are now.
  const located = mentions.map((mention) => locate(extracted, mention.start, mention.end));
  for (let index = mentions.length - 1; index >= 0; index--) {
    const mention = mentions[index]!;
    const pieces = located[index]!;
    for (let p = pieces.length - 1; p >= 0; p--) {
      const { node, startOffset, endOffset } = pieces[p]!;
      if (!node.parentNode || endOffset <= startOffset) continue;
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
