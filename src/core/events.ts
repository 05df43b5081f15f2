// Events that an article names only by place and date: "their meeting in Geneva last June" in an
// article of January 2022 is the Putin–Biden summit of 16 June 2021. Within one sentence, a date
// expression whose period overlaps the event's dates, one of the event's places, and either a cue
// word or participant of the event in the same sentence, or the place right next to the date
// ("Geneva last June", "in Brussels on January 12", "on January 10 in Geneva"). Without a place,
// a cue and two participants will do ("Putin and Trump at their meeting last August").

import { type DateExpression, findDates } from './dates';
import type { ClueHit } from './matcher';
import { compareIsoDates } from './status';
import type { Entity, IsoDate, Lang, StepKind } from './types';

export interface EventLink {
  /** The mention: the place and the date expression when they are adjacent, else the date expression. */
  start: number;
  end: number;
  entityId: string;
  /** The date expression alone, for when the place has to give way to an alias mention. */
  dateStart: number;
  dateEnd: number;
}

export interface EventLinkInput {
  /** Entities of type 'event' (others are ignored). */
  events: Entity[];
  /**
   * Date expressions of the text. When left out, they are looked for only in the sentences that
   * hold a place of one of the events, which saves most of the work on long texts.
   */
  dates?: DateExpression[];
  /** Places, cues and participants found in the text (see matcher.scanText). */
  clues: ClueHit[];
  published: IsoDate;
  lang: Lang;
}

const EVENT_KINDS: ReadonlySet<StepKind> = new Set(['held', 'started', 'ended']);

/** First day of a partial ISO date ("2021" → "2021-01-01"). */
function firstDay(date: IsoDate): IsoDate {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** Last day of a partial ISO date ("2021-02" → "2021-02-28"). */
function lastDay(date: IsoDate): IsoDate {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [y, m] = date.split('-').map(Number);
    return `${date}-${String(new Date(Date.UTC(y!, m!, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return date;
}

/** When the event took place: its held/started/ended steps (all steps if it has none of those). */
export function eventPeriod(entity: Entity): { from: IsoDate; to: IsoDate } | null {
  const own = entity.timeline.filter((s) => EVENT_KINDS.has(s.kind));
  const steps = own.length > 0 ? own : entity.timeline;
  if (steps.length === 0) return null;
  let from = firstDay(steps[0]!.date);
  let to = lastDay(steps[0]!.date);
  for (const s of steps) {
    if (compareIsoDates(firstDay(s.date), from) < 0) from = firstDay(s.date);
    if (compareIsoDates(lastDay(s.date), to) > 0) to = lastDay(s.date);
  }
  return { from, to };
}

/** The first day anything in the event's timeline happened: before it, no article can report it. */
export function eventStart(entity: Entity): IsoDate | null {
  let first: IsoDate | null = null;
  for (const s of entity.timeline) {
    const day = firstDay(s.date);
    if (first === null || compareIsoDates(day, first) < 0) first = day;
  }
  return first;
}

const DATELINE = /^\.?\s*\/\s*(?:TASS|ТАСС|Корр\.)/u;
/** The agency slug that ends a dateline: "MOSCOW, January 14. /TASS/." */
const TASS_SLUG = /\/\s*(?:TASS|ТАСС|Корр\.)\s*\//u;

function spanDays(date: DateExpression): number {
  return (Date.parse(date.to) - Date.parse(date.from)) / 86_400_000 + 1;
}

/** Start offsets of the sentences of `text`. */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  const re = /[.!?…]+["'»”’)]*\s+(?=["'«“„(]?[\p{Lu}])|\n+/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // "U.S. President", "V. Putin": a single capital before the period is an initial, not an end.
    if (m[0][0] === '.' && /(?:^|[\s.])\p{Lu}$/u.test(text.slice(Math.max(0, m.index - 2), m.index)))
      continue;
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/** The sentence [start, end) holding `offset`, given the sentence starts. */
export function sentenceOf(starts: number[], offset: number): [number, number] {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return [starts[lo]!, lo + 1 < starts.length ? starts[lo + 1]! : Number.POSITIVE_INFINITY];
}

/** Date expressions in the sentences that name a place or participant of one of the events. */
function datesNearPlaces(
  text: string,
  starts: number[],
  events: { clues: ClueHit[] }[],
  published: IsoDate,
): DateExpression[] {
  const sentences = new Map<number, number>();
  for (const ev of events) {
    for (const clue of ev.clues) {
      if (clue.kind === 'cue') continue;
      const [from, to] = sentenceOf(starts, clue.start);
      sentences.set(from, Math.min(to, text.length));
    }
  }
  const dates: DateExpression[] = [];
  for (const [from, to] of [...sentences].sort((a, b) => a[0] - b[0])) {
    for (const d of findDates(text.slice(from, to), published)) {
      dates.push({ ...d, start: d.start + from, end: d.end + from });
    }
  }
  return dates;
}

/** "Geneva last June", "Geneva, on January 10", "on January 10 in Geneva". */
function adjacent(text: string, place: ClueHit, date: DateExpression): boolean {
  if (place.end <= date.start) return /^\s*,?\s*$/.test(text.slice(place.end, date.start));
  if (date.end <= place.start) return /^\s*,?\s*(?:in|at|в|во)\s+$/iu.test(text.slice(date.end, place.start));
  return false;
}

/** The hits (sorted by start) that lie inside [from, to). */
function within(hits: ClueHit[], from: number, to: number): ClueHit[] {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hits[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: ClueHit[] = [];
  for (let k = lo; k < hits.length && hits[k]!.start < to; k++) if (hits[k]!.end <= to) out.push(hits[k]!);
  return out;
}

interface Candidate {
  entityId: string;
  score: number;
  place: ClueHit | null;
}

/** Events the text names by place and date, one per date expression at most. */
export function linkEvents(text: string, input: EventLinkInput): EventLink[] {
  const { published, lang } = input;
  const byEvent = new Map<string, ClueHit[]>();
  for (const clue of input.clues) {
    if (clue.lang !== lang) continue;
    const list = byEvent.get(clue.entityId);
    if (list === undefined) byEvent.set(clue.entityId, [clue]);
    else list.push(clue);
  }
  const events: { entity: Entity; from: IsoDate; to: IsoDate; clues: ClueHit[] }[] = [];
  for (const entity of input.events) {
    if (entity.type !== 'event') continue;
    const period = eventPeriod(entity);
    const start = eventStart(entity);
    if (period === null || start === null || compareIsoDates(start, published) > 0) continue;
    const clues = (byEvent.get(entity.id) ?? []).sort((a, b) => a.start - b.start);
    if (clues.some((c) => c.kind !== 'cue')) events.push({ entity, ...period, clues });
  }
  if (events.length === 0) return [];

  const starts = sentenceStarts(text);
  const dates = input.dates ?? datesNearPlaces(text, starts, events, published);
  const links: EventLink[] = [];
  for (const date of dates) {
    // The dateline ("MOSCOW, January 14. /TASS/.") says where the article was filed, not where
    // anything happened.
    if (DATELINE.test(text.slice(date.end, date.end + 24))) continue;
    // A year or a quarter is too vague on its own ("results of 2021"): it needs the place right
    // next to it ("their summit in Geneva in 2021") and a cue or participant.
    const vague = spanDays(date) > 31;
    const [sStart, sEnd] = sentenceOf(starts, date.start);
    const candidates: Candidate[] = [];
    for (const ev of events) {
      if (compareIsoDates(date.from, ev.to) > 0 || compareIsoDates(ev.from, date.to) > 0) continue;
      const inSentence = within(ev.clues, sStart, sEnd);
      const places = inSentence.filter((c) => c.kind === 'place');
      const cue = inSentence.some((c) => c.kind === 'cue');
      const participants = new Set(inSentence.filter((c) => c.kind === 'participant').map((c) => c.term))
        .size;
      if (places.length === 0) {
        // No place: "Putin and Trump at their meeting last August" still names the summit when the
        // cue and two of its participants are there; a single day ("Lavrov said on Monday" that
        // the mission is suspended) is precise enough for the cue and one participant.
        if (!vague && cue && (participants >= 2 || (participants >= 1 && spanDays(date) === 1)))
          candidates.push({ entityId: ev.entity.id, score: 2, place: null });
        continue;
      }
      const place = places.find((p) => adjacent(text, p, date)) ?? null;
      if (place === null && !cue && participants === 0) continue;
      if (vague && (place === null || (!cue && participants === 0))) continue;
      candidates.push({
        entityId: ev.entity.id,
        score: Number(place !== null) + Number(cue) + Number(participants > 0),
        place,
      });
    }
    if (candidates.length === 0) continue;
    const best = Math.max(...candidates.map((c) => c.score));
    const top = candidates.filter((c) => c.score === best);
    if (top.length !== 1) continue; // two events fit equally well: say nothing rather than guess
    const { entityId, place } = top[0]!;
    links.push({
      start: place === null ? date.start : Math.min(place.start, date.start),
      end: place === null ? date.end : Math.max(place.end, date.end),
      entityId,
      dateStart: date.start,
      dateEnd: date.end,
    });
  }
  links.push(...linkToday(text, starts, events, dates, published));
  return links.sort((a, b) => a.start - b.start);
}

/**
 * A sentence with no date expression reports the day it was published ("The review conference
 * opened in New York", published on its first day): it names an event under way on that day when
 * it holds the event's place and a cue word, and no other event fits as well. The place is the
 * mention. The dateline ("NEW YORK, August 1. /TASS/.") is no such sentence: it has its date.
 */
function linkToday(
  text: string,
  starts: number[],
  events: { entity: Entity; from: IsoDate; to: IsoDate; clues: ClueHit[] }[],
  dates: DateExpression[],
  published: IsoDate,
): EventLink[] {
  const dated = new Set(dates.map((d) => sentenceOf(starts, d.start)[0]));
  const bySentence = new Map<number, { entityId: string; place: ClueHit }[]>();
  for (const ev of events) {
    if (compareIsoDates(published, ev.from) < 0 || compareIsoDates(published, ev.to) > 0) continue;
    for (const place of ev.clues) {
      if (place.kind !== 'place') continue;
      const [from, to] = sentenceOf(starts, place.start);
      if (dated.has(from)) continue;
      if (TASS_SLUG.test(text.slice(from, Math.min(to, text.length)))) continue;
      if (!within(ev.clues, from, to).some((c) => c.kind === 'cue')) continue;
      const list = bySentence.get(from) ?? [];
      if (!list.some((c) => c.entityId === ev.entity.id)) list.push({ entityId: ev.entity.id, place });
      bySentence.set(from, list);
    }
  }
  const links: EventLink[] = [];
  for (const list of bySentence.values()) {
    if (list.length !== 1) continue; // two events under way there that day: say nothing
    const { entityId, place } = list[0]!;
    links.push({ start: place.start, end: place.end, entityId, dateStart: place.start, dateEnd: place.end });
  }
  return links;
}
