// Where the marks of a timeline picture go: dates to x positions on a shared axis, and label rows
// so that no two labels overlap. Pure arithmetic; the Timeline component draws what this decides.

import type { IsoDate } from '../../shared/types';

export interface TimelineMark {
  date: IsoDate;
  /** Short text drawn under the axis (a year, "This article"). */
  label: string;
}

export interface PlacedMark<M extends TimelineMark = TimelineMark> {
  mark: M;
  x: number;
  /** Label row under the axis (0 nearest), or -1 when the label does not fit and is left out. */
  row: number;
}

export interface TimelineOptions {
  width: number;
  /** Space kept free at both ends, so labels centred on the first and last marks fit. */
  padding?: number;
  /** Approximate width of one label character, in the same units as `width`. */
  charWidth?: number;
  /** Space between labels on one row. */
  gap?: number;
  rows?: number;
}

/**
 * A partial ISO date as a number of days (approximately) since year 0: "2021" is 1 January 2021,
 * "2021-06" is 1 June 2021, as status.ts orders them.
 */
export function dayNumber(date: IsoDate): number {
  const [y = '0', m = '1', d = '1'] = date.split('-');
  return Number(y) * 365.25 + (Number(m) - 1) * 30.44 + (Number(d) - 1);
}

/**
 * Places the marks (in any order) on an axis from `padding` to `width - padding`, earliest left.
 * A single date, or marks all on one day, sit in the middle. Labels go on the first row where they
 * do not overlap a label already placed, marks taken left to right; a label that fits nowhere is
 * left out (row -1) while its mark stays.
 */
export function layoutTimeline<M extends TimelineMark>(
  marks: M[],
  options: TimelineOptions,
): PlacedMark<M>[] {
  const { width, padding = 24, charWidth = 6.5, gap = 6, rows = 2 } = options;
  const sorted = marks.map((mark) => ({ mark, day: dayNumber(mark.date) })).sort((a, b) => a.day - b.day);
  if (sorted.length === 0) return [];
  const first = sorted[0]!.day;
  const span = sorted[sorted.length - 1]!.day - first;
  const inner = Math.max(0, width - 2 * padding);
  const rowEnds: number[] = new Array(rows).fill(Number.NEGATIVE_INFINITY);
  return sorted.map(({ mark, day }) => {
    const x = span > 0 ? padding + ((day - first) / span) * inner : width / 2;
    const half = (mark.label.length * charWidth) / 2;
    const left = Math.max(0, x - half);
    const row = mark.label ? rowEnds.findIndex((end) => end + gap <= left) : -1;
    if (row >= 0) rowEnds[row] = Math.min(width, x + half);
    return { mark, x, row };
  });
}
