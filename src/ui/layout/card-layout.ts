// Where a hover card goes relative to the mention it describes, in the manner of Wikimedia Page
// Previews: the card opens towards the larger part of the screen, so it rarely needs clamping.
// Pure arithmetic over viewport coordinates; the content script measures, this decides.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CardPlacement {
  left: number;
  top: number;
  /** Below the anchor (anchor in the upper half) or above it (lower half). */
  placement: 'below' | 'above';
  /** Card's left edge on the anchor's left edge ('start') or its right edge on the anchor's right ('end'). */
  align: 'start' | 'end';
}

/** Keeps [value, value + size] inside [gap, limit - gap]; when it cannot fit, pins to the start. */
function clamp(value: number, size: number, limit: number, gap: number): number {
  return Math.max(gap, Math.min(value, limit - gap - size));
}

export function placeCard(
  anchor: Rect,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 8,
): CardPlacement {
  const placement = (anchor.top + anchor.bottom) / 2 < viewport.height / 2 ? 'below' : 'above';
  const align = (anchor.left + anchor.right) / 2 < viewport.width / 2 ? 'start' : 'end';
  const top = placement === 'below' ? anchor.bottom + gap : anchor.top - gap - card.height;
  const left = align === 'start' ? anchor.left : anchor.right - card.width;
  return {
    left: clamp(left, card.width, viewport.width, gap),
    top: clamp(top, card.height, viewport.height, gap),
    placement,
    align,
  };
}
