// Which entity a name names, given the article's date: a name of one entity names it (news names a
// summit before it happens, though not years ahead); a name several entities share names the one
// current on the date, and among events the nearest in time.

import { compareIsoDates, isCurrentOn } from '../dataset/status';
import type { IsoDate, MatchingEntity } from '../shared/types';
import { eventPeriod, eventStart } from './events';
import type { Matcher } from './matcher/compile';

/** True when the article predates the event: it cannot be talking about it. */
function beforeEvent(entity: MatchingEntity, date: IsoDate): boolean {
  if (entity.type !== 'event') return false;
  const start = eventStart(entity);
  return start !== null && compareIsoDates(date, start) < 0;
}

const DAY_MS = 86_400_000;
export const dayNumber = (date: IsoDate) => Date.parse(date) / DAY_MS;
/** News names a summit or a conference ahead of it, but not years ahead. */
const UPCOMING_HORIZON_DAYS = 366;

/**
 * True for an event that began more than a year after the article: its name cannot mean it yet
 * ("the Geneva summit" of 2015 is not the summit of 2021; a police "special operation" of 2019 is
 * not the military operation of 2022).
 */
function farAhead(entity: MatchingEntity, date: IsoDate): boolean {
  if (entity.type !== 'event') return false;
  const start = eventStart(entity);
  return start !== null && dayNumber(start) - dayNumber(date) > UPCOMING_HORIZON_DAYS;
}

/**
 * Among events that share a name ("the Washington summit", "the Tianjin Declaration"): the one under
 * way on the article's date, else the nearest in time. An upcoming one counts only within a year
 * (and not at all without `upcoming`), a past one at any distance. Two at the same distance name
 * nothing.
 */
export function nearestEvent(events: MatchingEntity[], date: IsoDate, upcoming = true): string | null {
  const today = dayNumber(date);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const event of events) {
    const period = eventPeriod(event);
    if (period === null) continue;
    const from = dayNumber(period.from);
    const to = dayNumber(period.to);
    const distance = today < from ? from - today : today > to ? today - to : 0;
    if (today < from && (!upcoming || distance > UPCOMING_HORIZON_DAYS)) continue;
    if (distance < bestDistance) {
      best = event.id;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) tied = true;
  }
  return tied ? null : best;
}

/**
 * The entity a hit names. A name of one entity names it before it happens too (news names a summit
 * ahead of it, and the card then says it is upcoming), though not years ahead (farAhead). A name shared by several
 * entities resolves by the date: among events the nearest in time (nearestEvent); otherwise the one
 * current on the date ("START" in 2021 is New START), events that had not yet begun left out.
 * Without a date, or without exactly one candidate, a shared name names nothing.
 */
export function resolve(matcher: Matcher, ids: string[], date: IsoDate | null): string | null {
  const entities = ids.map((id) => matcher.entities.get(id)!);
  if (entities.length === 1) return date === null || !farAhead(entities[0]!, date) ? ids[0]! : null;
  if (date === null) return null;
  if (entities.every((entity) => entity.type === 'event')) return nearestEvent(entities, date);
  const possible = entities.filter((e) => !beforeEvent(e, date));
  if (possible.length <= 1) return possible[0]?.id ?? null;
  const current = possible.filter((e) => isCurrentOn(e, date));
  return current.length === 1 ? current[0]!.id : null;
}
