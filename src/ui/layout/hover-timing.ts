// When a hover card shows and hides, after Wikimedia's Page Previews: the pointer must dwell on a
// mention before anything happens (passing over text does nothing), the card then appears at a
// steady time after the pointer arrived however long its content took (so cards never flicker
// in at random moments), and the reader has a grace period to move the pointer into the card.
// A result that arrives for a mention the pointer has already left is dropped.
//
// Pure: no DOM. The content script feeds it pointer and focus events; tests drive it with fake timers.

export const DWELL_MS = 150;
export const SHOW_AT_MS = 500;
export const GRACE_MS = 300;

export interface HoverTimingOptions<T, R> {
  /** Prepares what the card shows; may be asynchronous. Called once the pointer has dwelt. */
  load: (target: T) => R | Promise<R>;
  show: (target: T, data: R) => void;
  hide: () => void;
  dwellMs?: number;
  showAtMs?: number;
  graceMs?: number;
}

export interface HoverTiming<T> {
  /** The pointer arrived on a target. */
  enter(target: T): void;
  /** The pointer (or focus) left a target or the card. */
  leave(): void;
  /** The pointer entered the card: keep it. */
  enterCard(): void;
  /** Keyboard focus reached a target: show it without the pointer's delays. */
  focus(target: T): void;
  /** Hide now (Escape, scroll, blur) and forget anything pending. */
  close(): void;
  /** The target whose card is shown, if any. */
  shown(): T | null;
}

export function createHoverTiming<T, R>(options: HoverTimingOptions<T, R>): HoverTiming<T> {
  const dwellMs = options.dwellMs ?? DWELL_MS;
  const showAtMs = options.showAtMs ?? SHOW_AT_MS;
  const graceMs = options.graceMs ?? GRACE_MS;
  let pending: T | null = null;
  let shown: T | null = null;
  // Every start and cancel bumps the generation; a callback of an older generation is stale.
  let generation = 0;
  let dwellTimer: ReturnType<typeof setTimeout> | undefined;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const cancelPending = () => {
    generation++;
    pending = null;
    clearTimeout(dwellTimer);
    clearTimeout(showTimer);
  };

  const close = () => {
    cancelPending();
    clearTimeout(hideTimer);
    if (shown !== null) {
      shown = null;
      options.hide();
    }
  };

  const start = (target: T, dwell: number, showAt: number) => {
    cancelPending();
    const mine = generation;
    pending = target;
    let loaded = false;
    let due = false;
    let data: R;
    const tryShow = () => {
      if (mine !== generation || !loaded || !due) return;
      pending = null;
      shown = target;
      options.show(target, data);
    };
    const settle = (value: R) => {
      data = value;
      loaded = true;
      tryShow();
    };
    dwellTimer = setTimeout(() => {
      if (mine !== generation) return;
      const result = options.load(target);
      if (result instanceof Promise) result.then(settle, () => mine === generation && cancelPending());
      else settle(result);
    }, dwell);
    showTimer = setTimeout(() => {
      due = true;
      tryShow();
    }, showAt);
  };

  return {
    enter(target) {
      clearTimeout(hideTimer);
      if (target === shown) cancelPending();
      else if (target !== pending) start(target, dwellMs, showAtMs);
    },
    leave() {
      cancelPending();
      clearTimeout(hideTimer);
      if (shown !== null) hideTimer = setTimeout(close, graceMs);
    },
    enterCard() {
      clearTimeout(hideTimer);
    },
    focus(target) {
      clearTimeout(hideTimer);
      if (target !== shown) start(target, 0, 0);
    },
    close,
    shown: () => shown,
  };
}
