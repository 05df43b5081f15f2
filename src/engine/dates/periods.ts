// Calendar periods and how a date written without a year resolves against the publication day: a
// TASS article reports the past, so "January 10" is the most recent January 10 on or before it.

import type { IsoDate } from '../../shared/types';

export interface Day {
  y: number;
  m: number; // 1..12
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const iso = ({ y, m, d }: Day): IsoDate => `${y}-${pad(m)}-${pad(d)}`;
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function parseDay(date: IsoDate): Day {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m ?? 1, d: d ?? 1 };
}

/** The publication day of the last findDates call: the linker calls it once per sentence. */
let lastPublished = '';
let lastPub: Day = { y: 0, m: 1, d: 1 };
export function publicationDay(date: IsoDate): Day {
  if (date !== lastPublished) {
    lastPub = parseDay(date);
    lastPublished = date;
  }
  return lastPub;
}

export function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export const weekday = (day: Day) => new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay(); // 0 = Sunday

export type Period = { from: Day; to: Day };

export const month = (y: number, m: number): Period => ({
  from: { y, m, d: 1 },
  to: { y, m, d: daysIn(y, m) },
});
export const year = (y: number): Period => ({ from: { y, m: 1, d: 1 }, to: { y, m: 12, d: 31 } });
export const single = (day: Day): Period => ({ from: day, to: day });

/** A part of a year: its beginning (first quarter), middle, end (last quarter) or halves. */
export function partOfYear(y: number, part: string): Period {
  switch (part) {
    case 'beginning':
      return { from: { y, m: 1, d: 1 }, to: { y, m: 3, d: 31 } };
    case 'middle':
      return { from: { y, m: 5, d: 1 }, to: { y, m: 8, d: 31 } };
    case 'end':
      return { from: { y, m: 10, d: 1 }, to: { y, m: 12, d: 31 } };
    default:
      return year(y);
  }
}

/** A part of a month: beginning (days 1–10), middle (11–20), end (21–last). */
export function partOfMonth(y: number, m: number, part: string): Period {
  if (part === 'beginning') return { from: { y, m, d: 1 }, to: { y, m, d: 10 } };
  if (part === 'middle') return { from: { y, m, d: 11 }, to: { y, m, d: 20 } };
  if (part === 'end') return { from: { y, m, d: 21 }, to: { y, m, d: daysIn(y, m) } };
  return month(y, m);
}

/** The year of a month named without a year: the most recent one that has begun. */
export function recentMonthYear(m: number, pub: Day): number {
  return m <= pub.m ? pub.y : pub.y - 1;
}

/** A day and month without a year: the most recent such day on or before publication. */
export function recentDay(m: number, d: number, pub: Day): Day | null {
  let y = pub.y;
  if (m > pub.m || (m === pub.m && d > pub.d)) y--;
  return d <= daysIn(y, m) ? { y, m, d } : null;
}

/** The year a relative word points at ("last" → previous year). */
export function relativeYear(word: string, pub: Day): number | null {
  const w = word.toLowerCase();
  if (['last', 'прошлого', 'прошлом'].includes(w)) return pub.y - 1;
  if (['позапрошлого', 'позапрошлом'].includes(w)) return pub.y - 2;
  if (['this', 'этого', 'этом', 'текущего', 'текущем', 'нынешнего', 'нынешнем'].includes(w)) return pub.y;
  if (['next', 'следующего', 'следующем', 'будущего', 'будущем'].includes(w)) return pub.y + 1;
  return null;
}
