// "Status as of a date": what a treaty, organisation or event was on the article's date and today,
// and what happened in between. Pure functions over an entity's timeline.

import type { Entity, IsoDate, MatchingEntity, StepKind, TimelineStep } from '../shared/types';

export type StatusCode =
  | 'not-yet' // nothing had happened yet on that date
  | 'upcoming' // an event whose dates lie after that date: named before it happens
  | 'proposed'
  | 'signed'
  | 'in-force'
  | 'suspended'
  | 'expired'
  | 'terminated'
  | 'active'
  | 'dissolved'
  | 'ongoing'
  | 'held';

export interface Status {
  code: StatusCode;
  /** Date of the step that set this status, or null for 'not-yet'. Labels: locales' status_* strings. */
  since: IsoDate | null;
}

/** The status a step sets, or null when the step does not change the status (ratified, joined...). */
function statusAfter(kind: StepKind, previous: StatusCode): StatusCode | null {
  switch (kind) {
    case 'proposed':
      return previous === 'not-yet' ? 'proposed' : null;
    case 'signed':
      // A signature after entry into force (an accession, say) does not undo it.
      return previous === 'not-yet' || previous === 'proposed' ? 'signed' : null;
    case 'in-force':
    case 'extended':
    case 'resumed':
      return 'in-force';
    case 'suspended':
      return previous === 'in-force' || previous === 'signed' ? 'suspended' : null;
    case 'expired':
      return 'expired';
    case 'terminated':
      return 'terminated';
    case 'founded':
      return 'active';
    case 'dissolved':
      return 'dissolved';
    case 'started':
      return 'ongoing';
    case 'ended':
    case 'held':
      return 'held';
    default:
      return null;
  }
}

/**
 * Orders partial ISO dates. A step dated "2021" or "2021-06" counts as happening at the start of
 * that period, so it is known by any date inside it.
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  const pa = a.padEnd(10, '-00');
  const pb = b.padEnd(10, '-00');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** True when `date` falls inside the period a partial ISO date names ("2021-06" contains "2021-06-16"). */
export function isoDateContains(period: IsoDate, date: IsoDate): boolean {
  return date.startsWith(period);
}

/** The entity's status on `date` (YYYY-MM-DD). */
export function statusOn(entity: MatchingEntity, date: IsoDate): Status {
  let code: StatusCode = 'not-yet';
  let since: IsoDate | null = null;
  for (const step of entity.timeline) {
    if (compareIsoDates(step.date, date) > 0) break;
    const next = statusAfter(step.kind, code);
    if (next !== null) {
      code = next;
      since = step.date;
    }
  }
  if (code === 'not-yet' && entity.type === 'event' && entity.timeline.length > 0) code = 'upcoming';
  return { code, since };
}

/** True when the entity was in force, active or under way on `date`: used to resolve shared names. */
export function isCurrentOn(entity: MatchingEntity, date: IsoDate): boolean {
  const { code } = statusOn(entity, date);
  return code === 'in-force' || code === 'suspended' || code === 'active' || code === 'ongoing';
}

/** Steps dated strictly after `date`: what happened "since this article". */
export function stepsAfter(entity: Entity, date: IsoDate): TimelineStep[] {
  return entity.timeline.filter(
    (step) => compareIsoDates(step.date, date) > 0 && !isoDateContains(step.date, date),
  );
}

const KEY_KINDS: ReadonlySet<StepKind> = new Set([
  'proposed',
  'signed',
  'in-force',
  'extended',
  'suspended',
  'withdrawn',
  'expired',
  'terminated',
  'founded',
  'dissolved',
  'started',
  'ended',
  'held',
]);

/** The dates worth showing on a card: the status-changing steps, at most `limit`, oldest first. */
export function keyDates(entity: Entity, limit = 5): TimelineStep[] {
  const key = entity.timeline.filter((step) => KEY_KINDS.has(step.kind));
  return (key.length > 0 ? key : entity.timeline).slice(0, limit);
}

/** Today's date as YYYY-MM-DD in the reader's local time. */
export function todayIso(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
