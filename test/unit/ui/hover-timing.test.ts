import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverTiming, DWELL_MS, GRACE_MS, SHOW_AT_MS } from '../../../src/ui/layout/hover-timing';

function setup(load: (target: string) => string | Promise<string> = (target) => `card:${target}`) {
  const shown: string[] = [];
  const hide = vi.fn();
  const timing = createHoverTiming<string, string>({
    load,
    show: (_target, data) => shown.push(data),
    hide,
  });
  return { timing, shown, hide };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('hover card timing', () => {
  it('passing the pointer over a mention shows nothing', () => {
    const { timing, shown } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(DWELL_MS - 10);
    timing.leave();
    vi.advanceTimersByTime(2_000);
    expect(shown).toEqual([]);
  });

  it('shows at a steady time after the pointer arrives, not as soon as the content is ready', () => {
    const { timing, shown } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(DWELL_MS + 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(SHOW_AT_MS - DWELL_MS - 2);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['card:a']);
    expect(timing.shown()).toBe('a');
  });

  it('leaving after the dwell but before the card shows cancels it', () => {
    const { timing, shown } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(DWELL_MS + 50);
    timing.leave();
    vi.advanceTimersByTime(2_000);
    expect(shown).toEqual([]);
  });

  it('shows late content as soon as it arrives, and drops content for a mention already left', async () => {
    const resolvers = new Map<string, (value: string) => void>();
    const { timing, shown } = setup(
      (target) => new Promise<string>((resolve) => resolvers.set(target, resolve)),
    );
    timing.enter('a');
    vi.advanceTimersByTime(DWELL_MS);
    timing.leave();
    timing.enter('b');
    vi.advanceTimersByTime(SHOW_AT_MS + 100);
    resolvers.get('a')?.('stale');
    await Promise.resolve();
    expect(shown).toEqual([]);
    resolvers.get('b')?.('card:b');
    await Promise.resolve();
    expect(shown).toEqual(['card:b']);
  });

  it('gives the pointer a grace period to reach the card', () => {
    const { timing, hide } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(SHOW_AT_MS);
    timing.leave();
    vi.advanceTimersByTime(GRACE_MS - 50);
    timing.enterCard();
    vi.advanceTimersByTime(2_000);
    expect(hide).not.toHaveBeenCalled();
    timing.leave();
    vi.advanceTimersByTime(GRACE_MS);
    expect(hide).toHaveBeenCalledTimes(1);
    expect(timing.shown()).toBeNull();
  });

  it('hides after the grace period when the pointer goes elsewhere', () => {
    const { timing, hide } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(SHOW_AT_MS);
    timing.leave();
    vi.advanceTimersByTime(GRACE_MS);
    expect(hide).toHaveBeenCalledTimes(1);
  });

  it('returning to the shown mention keeps the card without showing it again', () => {
    const { timing, shown, hide } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(SHOW_AT_MS);
    timing.leave();
    vi.advanceTimersByTime(100);
    timing.enter('a');
    vi.advanceTimersByTime(2_000);
    expect(shown).toEqual(['card:a']);
    expect(hide).not.toHaveBeenCalled();
  });

  it('keyboard focus shows the card without the pointer delays', () => {
    const { timing, shown } = setup();
    timing.focus('a');
    vi.advanceTimersByTime(0);
    expect(shown).toEqual(['card:a']);
  });

  it('close hides at once and cancels a pending card', () => {
    const { timing, shown, hide } = setup();
    timing.enter('a');
    vi.advanceTimersByTime(SHOW_AT_MS);
    timing.enter('b');
    vi.advanceTimersByTime(DWELL_MS);
    timing.close();
    vi.advanceTimersByTime(2_000);
    expect(hide).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(['card:a']);
  });
});
