import { describe, expect, it } from 'vitest';
import { dayNumber, layoutTimeline } from '../../../src/ui/layout/timeline-layout';

describe('layoutTimeline', () => {
  it('puts the earliest date at the left padding and the latest at the right', () => {
    const placed = layoutTimeline(
      [
        { date: '2026-02-05', label: '2026' },
        { date: '2010-04-08', label: '2010' },
        { date: '2018-03-09', label: '2018' },
      ],
      { width: 300, padding: 20 },
    );
    expect(placed.map((p) => p.mark.label)).toEqual(['2010', '2018', '2026']);
    expect(placed[0]!.x).toBe(20);
    expect(placed[2]!.x).toBe(280);
    expect(placed[1]!.x).toBeCloseTo(
      20 +
        (260 * (dayNumber('2018-03-09') - dayNumber('2010-04-08'))) /
          (dayNumber('2026-02-05') - dayNumber('2010-04-08')),
    );
  });

  it('orders partial dates at the start of their period', () => {
    expect(dayNumber('2021')).toBeLessThan(dayNumber('2021-06'));
    expect(dayNumber('2021-06')).toBeLessThan(dayNumber('2021-06-16'));
    expect(dayNumber('2021-06')).toBe(dayNumber('2021-06-01'));
  });

  it('centres a single mark, or marks that share one day', () => {
    expect(layoutTimeline([{ date: '2022-01-14', label: 'x' }], { width: 200 })[0]!.x).toBe(100);
    const same = layoutTimeline(
      [
        { date: '2022-01-14', label: 'a' },
        { date: '2022-01-14', label: 'b' },
      ],
      { width: 200 },
    );
    expect(same.map((p) => p.x)).toEqual([100, 100]);
  });

  it('moves a colliding label to the next row, and leaves it out when no row is free', () => {
    const placed = layoutTimeline(
      [
        { date: '2022-01-01', label: '2022' },
        { date: '2022-01-10', label: '2022' },
        { date: '2022-01-20', label: '2022' },
        { date: '2030-01-01', label: '2030' },
      ],
      { width: 300, padding: 20, rows: 2 },
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1, -1, 0]);
    // The marks themselves are all kept.
    expect(placed).toHaveLength(4);
  });

  it('keeps labels on one row when they are far enough apart', () => {
    const placed = layoutTimeline(
      [
        { date: '1950', label: '1950' },
        { date: '1990', label: '1990' },
        { date: '2030', label: '2030' },
      ],
      { width: 300 },
    );
    expect(placed.every((p) => p.row === 0)).toBe(true);
  });

  it('returns nothing for no marks', () => {
    expect(layoutTimeline([], { width: 300 })).toEqual([]);
  });
});

describe('layoutTimeline with unlabelled marks', () => {
  it('places them without taking a label row', () => {
    const placed = layoutTimeline(
      [
        { date: '2022-01-01', label: '2022' },
        { date: '2022-01-02', label: '' },
        { date: '2022-01-03', label: '2022' },
        { date: '2030-01-01', label: '2030' },
      ],
      { width: 300, rows: 2 },
    );
    expect(placed.map((p) => p.row)).toEqual([0, -1, 1, 0]);
  });
});
