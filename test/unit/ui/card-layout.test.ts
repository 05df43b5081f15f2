import { describe, expect, it } from 'vitest';
import { placeCard } from '../../../src/ui/layout/card-layout';

const viewport = { width: 1200, height: 800 };
const card = { width: 320, height: 200 };
const word = (left: number, top: number) => ({ left, top, right: left + 80, bottom: top + 20 });

describe('placeCard', () => {
  it('opens below and left-aligned for a mention in the upper left', () => {
    expect(placeCard(word(100, 100), card, viewport)).toEqual({
      left: 100,
      top: 128,
      placement: 'below',
      align: 'start',
    });
  });

  it('opens below and right-aligned for a mention in the upper right', () => {
    expect(placeCard(word(900, 100), card, viewport)).toEqual({
      left: 980 - 320,
      top: 128,
      placement: 'below',
      align: 'end',
    });
  });

  it('opens above and left-aligned for a mention in the lower left', () => {
    expect(placeCard(word(100, 600), card, viewport)).toEqual({
      left: 100,
      top: 600 - 8 - 200,
      placement: 'above',
      align: 'start',
    });
  });

  it('opens above and right-aligned for a mention in the lower right', () => {
    expect(placeCard(word(900, 600), card, viewport)).toEqual({
      left: 660,
      top: 392,
      placement: 'above',
      align: 'end',
    });
  });

  it('honours a custom gap', () => {
    expect(placeCard(word(100, 100), card, viewport, 4).top).toBe(124);
  });

  it('keeps the card inside the left edge', () => {
    // A mention scrolled partly out of view on the left.
    const p = placeCard({ left: -50, top: 100, right: 0, bottom: 120 }, card, viewport);
    expect(p.left).toBe(8);
  });

  it('keeps the card inside the right edge', () => {
    // A mention scrolled partly out of view on the right.
    const p = placeCard({ left: 1100, top: 100, right: 1300, bottom: 120 }, card, viewport);
    expect(p.align).toBe('end');
    expect(p.left).toBe(1200 - 8 - 320);
  });

  it('keeps the card inside the top edge', () => {
    // A mention in the lower half of a short viewport whose card would rise past the top.
    const p = placeCard(word(100, 150), card, { width: 1200, height: 250 });
    expect(p.placement).toBe('above');
    expect(p.top).toBe(8);
  });

  it('keeps the card inside the bottom edge', () => {
    const p = placeCard(word(100, 100), card, { width: 1200, height: 250 });
    expect(p.placement).toBe('below');
    expect(p.top).toBe(250 - 8 - 200);
  });

  it('pins a card larger than the viewport to the top-left margin', () => {
    const tiny = { width: 200, height: 150 };
    for (const anchor of [word(10, 10), word(110, 10), word(10, 120), word(110, 120)]) {
      const p = placeCard(anchor, card, tiny);
      expect([p.left, p.top]).toEqual([8, 8]);
    }
  });

  it('never places a fitting card outside the viewport', () => {
    for (let x = -40; x <= 1240; x += 97) {
      for (let y = -40; y <= 840; y += 89) {
        const p = placeCard(word(x, y), card, viewport);
        expect(p.left).toBeGreaterThanOrEqual(8);
        expect(p.top).toBeGreaterThanOrEqual(8);
        expect(p.left + card.width).toBeLessThanOrEqual(1192);
        expect(p.top + card.height).toBeLessThanOrEqual(792);
      }
    }
  });
});
