// A series named on its own in the days around one of its editions names that edition: "the NATO
// summit" in an article of 11 July 2023 is the Vilnius summit, «саммит ШОС» in the week before the
// Tianjin summit is that summit. News is written around the event; the reader wants the edition's
// card (which names its series), not the series in general. Words that point elsewhere ("the next
// summit", «прошлый саммит») keep the series, as does a series with more than one edition that close.

import { compareIsoDates } from '../../dataset/status';
import type { IsoDate, MatchingEntity } from '../../shared/types';
import { eventPeriod } from '../events';

/** How long before an edition articles already write about it as "the summit": previews, agendas. */
const DAYS_BEFORE = 7;
/** How long after its last day articles still report on it as "the summit": outcomes, reactions. */
const DAYS_AFTER = 3;

const DAY_MS = 86_400_000;

/** The steps that date an edition itself (not the decision that announced it). */
const DATED_KINDS: ReadonlySet<string> = new Set(['held', 'started', 'ended']);

function shift(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The one edition whose days, widened by the window above, hold `published`; null when none or several. */
export function editionAround(editions: readonly MatchingEntity[], published: IsoDate): string | null {
  if (published.length !== 10) return null;
  let found: string | null = null;
  for (const edition of editions) {
    // Only editions dated to the day: one known only by its month or year ("due in 2026") would
    // claim every mention of its series for that whole span.
    if (!edition.timeline.every((step) => !DATED_KINDS.has(step.kind) || step.date.length === 10)) continue;
    const period = eventPeriod(edition);
    if (period === null) continue;
    if (
      compareIsoDates(shift(period.from, -DAYS_BEFORE), published) <= 0 &&
      compareIsoDates(published, shift(period.to, DAYS_AFTER)) <= 0
    ) {
      if (found !== null) return null;
      found = edition.id;
    }
  }
  return found;
}

/**
 * Words right before a name that point to another edition than the current one: "the next summit",
 * "last year's summit", "the previous round", «следующий саммит», «прошлогодний форум». Checked
 * on the few words before the name.
 */
const POINTS_AWAY =
  /(?:\b(?:next|previous|past|last|former|earlier|first|future|\d{4})(?:'s)?\s+(?:\S+\s+){0,3}$)|(?:(?:^|[^\p{L}])(?:следующ|предыдущ|прошл|будущ|перв)\p{L}*\s+(?:\S+\s+){0,3}$)/iu;

/** A name in the plural speaks of the series: "BRICS summits are held yearly", «форумы ПМЭФ». */
const PLURAL =
  /\b(?:summits|forums|meetings|conferences|sessions)\b|(?:^|[^\p{L}])(?:саммит|форум)(?:ы|ов|ам|ами|ах)(?![\p{L}])/iu;

/** Whether the name at start..end points away from the current edition, or speaks of several. */
export function pointsAway(text: string, start: number, end: number): boolean {
  return POINTS_AWAY.test(text.slice(Math.max(0, start - 48), start)) || PLURAL.test(text.slice(start, end));
}
