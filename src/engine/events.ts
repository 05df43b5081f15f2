// Events that an article names only by place and date: "their meeting in Geneva last June" in an
// article of January 2022 is the Putin–Biden summit of 16 June 2021. Within one sentence, a date
// expression whose period overlaps the event's dates, one of the event's places, and either a cue
// word or participant of the event in the same sentence, or the place right next to the date
// ("Geneva last June", "in Brussels on January 12", "on January 10 in Geneva"). Without a place,
// a cue and two participants will do ("Putin and Trump at their meeting last August").

import { compareIsoDates } from '../dataset/status';
import type { Lang } from '../shared/languages';
import type { EntityOutline, IsoDate, StepKind } from '../shared/types';
import { TASS } from '../site/tass';
import { type DateExpression, findDates, mayEndDate, mayStartDate } from './dates/find';
import type { ClueHit } from './matcher/compile';

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
  /** Entities of type 'event' (others are ignored): their outlines are enough. */
  events: readonly EntityOutline[];
  /**
   * Date expressions of the text. When left out, they are looked for only in the sentences that
   * hold a place of one of the events, which saves most of the work on long texts.
   */
  dates?: DateExpression[];
  /** Places, cues and participants found in the text (see matcher.scanText). */
  clues: ClueHit[];
  /** sentenceStarts(text), when the caller has it already. */
  sentences?: number[];
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
export function eventPeriod(entity: EntityOutline): { from: IsoDate; to: IsoDate } | null {
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
export function eventStart(entity: EntityOutline): IsoDate | null {
  let first: IsoDate | null = null;
  for (const s of entity.timeline) {
    const day = firstDay(s.date);
    if (first === null || compareIsoDates(day, first) < 0) first = day;
  }
  return first;
}

/** A date right before the agency's slug is the dateline's: "MOSCOW, January 14. /TASS/." */
const DATELINE = new RegExp(`^\\.?\\s*${TASS.agencySlug.source}`, 'u');
const TASS_SLUG = TASS.agencySlug;

function spanDays(date: DateExpression): number {
  return (Date.parse(date.to) - Date.parse(date.from)) / 86_400_000 + 1;
}

/** A single capital before a period: an initial ("U.S.", "V. Putin"), not a sentence end. */
const INITIAL = /(?:^|[\s.])\p{Lu}$/u;

/** Start offsets of the sentences of `text`. */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  const re = /[.!?…]+["'»”’)]*\s+(?=["'«“„(]?[\p{Lu}])|\n+/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // "U.S. President", "V. Putin": a single capital before the period is an initial, not an end.
    if (m[0][0] === '.' && INITIAL.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/** The sentence [start, end) holding `offset`, given the sentence starts. */
export function sentenceOf(starts: number[], offset: number): [number, number] {
  const index = sentenceIndex(starts, offset);
  return [starts[index]!, index + 1 < starts.length ? starts[index + 1]! : Number.POSITIVE_INFINITY];
}

/** The index of the sentence holding `offset`, given the sentence starts (see sentenceOf). */
function sentenceIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** "Geneva last June", "Geneva, on January 10", "on January 10 in Geneva". */
function adjacent(text: string, place: ClueHit, date: DateExpression): boolean {
  if (place.end <= date.start) return /^\s*,?\s*$/.test(text.slice(place.end, date.start));
  if (date.end <= place.start) return /^\s*,?\s*(?:in|at|в|во)\s+$/iu.test(text.slice(date.end, place.start));
  return false;
}

/** The index of the first of `spans` (sorted by start) that starts at or after `from`. */
export function firstStartingAt(spans: readonly { start: number }[], from: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An event the linker can name: it has a period and a first day. */
interface EventInfo {
  id: string;
  from: IsoDate;
  to: IsoDate;
  start: IsoDate;
}

/**
 * The linkable events of an `events` list (its "slots", in list order), and the slots of each
 * entity id. Kept per list: annotateText passes the same list of the dataset's events each time.
 */
interface EventTable {
  infos: EventInfo[];
  byId: Map<string, number[]>;
  slots: Slots;
}

const tables = new WeakMap<readonly EntityOutline[], EventTable>();

function eventTable(events: readonly EntityOutline[]): EventTable {
  let table = tables.get(events);
  if (table !== undefined) return table;
  const byId = new Map<string, number[]>();
  table = { infos: [], byId, slots: new Slots(byId) };
  for (const entity of events) {
    if (entity.type !== 'event') continue;
    const period = eventPeriod(entity);
    const start = eventStart(entity);
    if (period === null || start === null) continue;
    const slots = table.byId.get(entity.id);
    if (slots === undefined) table.byId.set(entity.id, [table.infos.length]);
    else slots.push(table.infos.length);
    table.infos.push({ id: entity.id, from: period.from, to: period.to, start });
  }
  tables.set(events, table);
  return table;
}

const NO_SLOTS = new Int32Array(0);

/**
 * The slots of a hit's entities, worked out once per term (hits of one term share their entity
 * list). A class, not a closure made per call: optimised code that called one closure is thrown
 * away when the next call brings another.
 */
class Slots {
  /** Kept with the table: the matcher's terms keep their entity lists from call to call. */
  private readonly byTerm = new WeakMap<readonly string[], Int32Array>();
  constructor(private readonly byId: Map<string, number[]>) {}

  of(hit: ClueHit): Int32Array {
    let slots = this.byTerm.get(hit.entityIds);
    if (slots === undefined) {
      const list: number[] = [];
      for (const id of hit.entityIds) {
        const own = this.byId.get(id);
        if (own !== undefined) for (const slot of own) list.push(slot);
      }
      slots = list.length === 0 ? NO_SLOTS : Int32Array.from(list);
      this.byTerm.set(hit.entityIds, slots);
    }
    return slots;
  }
}

/** The slots of a hit's entities that are in play (see linkEvents), per term, for one call. */
class Playing {
  private readonly byTerm = new Map<readonly string[], Int32Array>();
  constructor(
    private readonly slots: Slots,
    private readonly inPlay: Uint8Array,
  ) {}

  of(hit: ClueHit): Int32Array {
    let playing = this.byTerm.get(hit.entityIds);
    if (playing === undefined) {
      const all = this.slots.of(hit);
      let count = 0;
      for (const s of all) count += this.inPlay[s]!;
      if (count === all.length) playing = all;
      else {
        playing = new Int32Array(count);
        let k = 0;
        for (const s of all) if (this.inPlay[s] === 1) playing[k++] = s;
      }
      this.byTerm.set(hit.entityIds, playing);
    }
    return playing;
  }
}

/**
 * Events the text names by place and date, one per date expression at most.
 *
 * A clue hit carries the entity list of its term (a cue word like "summit" belongs to dozens of
 * events), so the linker works per sentence: it looks at the events of the hits in a sentence that
 * holds a date expression, and at each hit's events once, instead of at every event for every date.
 */
export function linkEvents(text: string, input: EventLinkInput): EventLink[] {
  const { published, lang } = input;
  const { infos, slots: slotsOf } = eventTable(input.events);
  const n = infos.length;
  if (n === 0) return [];
  const hits = cluesOf(input.clues, lang);
  if (hits.length === 0) return [];

  // The slots of a hit's entities, per term (hits of one term share their entity list).

  // An event is in play when the article does not predate it and the text holds one of its
  // places or participants (a cue word alone is not enough).
  const inPlay = new Uint8Array(n);
  const begun = new Int8Array(n).fill(-1);
  let any = false;
  for (const hit of hits) {
    if (hit.kind === 'cue') continue;
    for (const s of slotsOf.of(hit)) {
      if (begun[s] === -1) begun[s] = compareIsoDates(infos[s]!.start, published) > 0 ? 0 : 1;
      if (begun[s] === 1) {
        inPlay[s] = 1;
        any = true;
      }
    }
  }
  if (!any) return [];

  const starts = input.sentences ?? sentenceStarts(text);
  const playing = new Playing(slotsOf, inPlay);
  const dates = input.dates ?? datesWhereLinkable(text, starts, hits, playing, inPlay, published);
  const links: EventLink[] = [];
  // Per event, what the sentence of the date in hand holds (valid where seen[s] === that date).
  const seen = new Int32Array(n).fill(-1);
  const overlaps = new Uint8Array(n);
  const cue = new Uint8Array(n);
  const placed = new Uint8Array(n);
  // Filled by push: "new Array(n).fill" makes arrays of another shape and deoptimises this function.
  const nextTo: (ClueHit | null)[] = [];
  const participant: (string | null)[] = [];
  for (let s = 0; s < n; s++) {
    nextTo.push(null);
    participant.push(null);
  }
  const participants = new Uint8Array(n); // distinct participant terms, counted up to 2
  const touched: number[] = [];
  for (let d = 0; d < dates.length; d++) {
    const date = dates[d]!;
    // The dateline ("MOSCOW, January 14. /TASS/.") says where the article was filed, not where
    // anything happened.
    if (DATELINE.test(text.slice(date.end, date.end + 24))) continue;
    // A year or a quarter is too vague on its own ("results of 2021"): it needs the place right
    // next to it ("their summit in Geneva in 2021") and a cue or participant.
    const span = spanDays(date);
    const vague = span > 31;
    const [sStart, sEnd] = sentenceOf(starts, date.start);
    touched.length = 0;
    for (let k = firstStartingAt(hits, sStart); k < hits.length && hits[k]!.start < sEnd; k++) {
      const hit = hits[k]!;
      if (hit.end > sEnd) continue;
      let isNextTo = -1; // whether this place is next to the date, worked out once
      for (const s of playing.of(hit)) {
        if (inPlay[s] === 0) continue;
        if (seen[s] !== d) {
          seen[s] = d;
          const ev = infos[s]!;
          overlaps[s] =
            compareIsoDates(date.from, ev.to) > 0 || compareIsoDates(ev.from, date.to) > 0 ? 0 : 1;
          cue[s] = placed[s] = participants[s] = 0;
          nextTo[s] = null;
          participant[s] = null;
          touched.push(s);
        }
        if (overlaps[s] === 0) continue;
        if (hit.kind === 'cue') cue[s] = 1;
        else if (hit.kind === 'participant') {
          if (participant[s] === null) {
            participant[s] = hit.term;
            participants[s] = 1;
          } else if (participant[s] !== hit.term) participants[s] = 2;
        } else if (hit.kind === 'place') {
          placed[s] = 1;
          if (nextTo[s] === null) {
            if (isNextTo < 0) isNextTo = adjacent(text, hit, date) ? 1 : 0;
            if (isNextTo === 1) nextTo[s] = hit;
          }
        }
      }
    }
    let best = -1;
    let tied = 0;
    let bestSlot = -1;
    for (const s of touched) {
      if (overlaps[s] === 0) continue;
      const hasCue = cue[s] === 1;
      const count = participants[s]!;
      let score: number;
      if (placed[s] === 0) {
        // No place: "Putin and Trump at their meeting last August" still names the summit when the
        // cue and two of its participants are there; a single day ("Lavrov said on Monday" that
        // the mission is suspended) is precise enough for the cue and one participant.
        if (vague || !hasCue || !(count >= 2 || (count >= 1 && span === 1))) continue;
        score = 2;
      } else {
        const place = nextTo[s];
        if (place === null && !hasCue && count === 0) continue;
        if (vague && (place === null || (!hasCue && count === 0))) continue;
        score = Number(place !== null) + Number(hasCue) + Number(count > 0);
      }
      if (score > best) {
        best = score;
        tied = 1;
        bestSlot = s;
      } else if (score === best) tied++;
    }
    if (tied !== 1) continue; // two events fit equally well: say nothing rather than guess
    const place = nextTo[bestSlot]!;
    links.push({
      start: place === null ? date.start : Math.min(place.start, date.start),
      end: place === null ? date.end : Math.max(place.end, date.end),
      entityId: infos[bestSlot]!.id,
      dateStart: date.start,
      dateEnd: date.end,
    });
  }
  // A loop, not push(...): an article's links grow with its length.
  for (const link of linkToday(text, starts, hits, playing, inPlay, infos, dates, published))
    links.push(link);
  return links.sort((a, b) => a.start - b.start);
}

/** The clues of `lang`, sorted by start (stable: as they came). */
function cluesOf(clues: readonly ClueHit[], lang: Lang): readonly ClueHit[] {
  let all = true;
  let sorted = true;
  for (let k = 0; k < clues.length; k++) {
    if (clues[k]!.lang !== lang) all = false;
    if (k > 0 && clues[k]!.start < clues[k - 1]!.start) sorted = false;
  }
  if (all && sorted) return clues;
  const out = clues.filter((c) => c.lang === lang);
  return sorted ? out : out.sort((a, b) => a.start - b.start);
}

/** What an event has among the hits of one sentence (datesWhereLinkable). */
const PLACE = 1;
const CUE = 2;
const PARTICIPANT = 4;

/**
 * Date expressions in the sentences where one may link an event, which saves most of the work on
 * long texts. A date links an event in play (see linkEvents) only in a sentence that holds a place
 * of the event with a cue word or participant, or a cue word and a participant, or a place right
 * next to the date; the sentences that report the day of publication (linkToday) hold a place and
 * a cue word. Elsewhere, date expressions change nothing and are not looked for.
 */
function datesWhereLinkable(
  text: string,
  starts: number[],
  hits: readonly ClueHit[],
  playing: Playing,
  inPlay: Uint8Array,
  published: IsoDate,
): DateExpression[] {
  const dates: DateExpression[] = [];
  const seen = new Int32Array(inPlay.length); // seen[s] === sentence + 1: has[s] is for it
  const has = new Uint8Array(inPlay.length);
  for (let k = 0; k < hits.length; ) {
    const sentence = sentenceIndex(starts, hits[k]!.start);
    const from = starts[sentence]!;
    const to = sentence + 1 < starts.length ? starts[sentence + 1]! : text.length;
    // The hits of the sentence (they come in order).
    const first = k;
    while (k < hits.length && hits[k]!.start < to) k++;
    let linkable = false;
    for (let h = first; h < k && !linkable; h++) {
      const hit = hits[h]!;
      const kind =
        hit.kind === 'place'
          ? PLACE
          : hit.kind === 'cue'
            ? CUE
            : hit.kind === 'participant'
              ? PARTICIPANT
              : 0;
      if (kind === 0) continue;
      for (const s of playing.of(hit)) {
        if (inPlay[s] === 0) continue;
        if (seen[s] !== sentence + 1) {
          seen[s] = sentence + 1;
          has[s] = 0;
        }
        const all = has[s]! | kind;
        has[s] = all;
        if (
          ((all & PLACE) !== 0 && (all & (CUE | PARTICIPANT)) !== 0) ||
          (all & (CUE | PARTICIPANT)) === (CUE | PARTICIPANT)
        )
          linkable = true;
      }
    }
    for (let h = first; h < k && !linkable; h++) {
      const hit = hits[h]!;
      if (hit.kind !== 'place') continue;
      let play = false;
      for (const s of playing.of(hit)) if (inPlay[s] === 1) play = true;
      if (play && mayBeNextToDate(text, hit)) linkable = true;
    }
    if (!linkable) continue;
    for (const d of findDates(text.slice(from, Math.min(to, text.length)), published, from)) dates.push(d);
  }
  return dates;
}

/** What `\s` matches in a regular expression (WhiteSpace and LineTerminator). */
export function isRegExpSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const spaceOrComma = (c: number) => c === 0x2c || isRegExpSpace(c);

/**
 * False when no date expression can be next to `place` as `adjacent` reads it: "Geneva, June 16"
 * (a date starts after spaces and a comma) or "June 16 in Geneva" (a date ends before "in", "at",
 * "в" or "во" between spaces). True may be wrong: it is for skipping work.
 */
function mayBeNextToDate(text: string, place: ClueHit): boolean {
  let q = place.end;
  while (q < text.length && spaceOrComma(text.charCodeAt(q))) q++;
  if (mayStartDate(text, q)) return true;
  let k = place.start;
  while (k > 0 && isRegExpSpace(text.charCodeAt(k - 1))) k--;
  if (k === place.start) return false;
  // The word before the spaces: "in", "at", "в" or "во" in any case (U+1C80 and U+1C82 are what
  // the case-insensitive expression also takes for "в" and "о"), after a space or a comma.
  const fold = (c: number) => (c === 0x1c80 ? 0x432 : c === 0x1c82 ? 0x43e : c);
  const c1 = fold(text.charCodeAt(k - 1)) | 0x20;
  const c2 = k >= 2 ? fold(text.charCodeAt(k - 2)) | 0x20 : -1;
  let word = -1;
  if (c1 === 0x432 && k >= 2 && spaceOrComma(text.charCodeAt(k - 2)))
    word = k - 1; // в
  else if (
    ((c2 === 0x69 && c1 === 0x6e) || (c2 === 0x61 && c1 === 0x74) || (c2 === 0x432 && c1 === 0x43e)) &&
    k >= 3
  ) {
    if (spaceOrComma(text.charCodeAt(k - 3))) word = k - 2; // in, at, во
  }
  if (word < 0) return false;
  let m = word;
  while (m > 0 && spaceOrComma(text.charCodeAt(m - 1))) m--;
  return mayEndDate(text, m);
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
  hits: readonly ClueHit[],
  playing: Playing,
  inPlay: Uint8Array,
  infos: EventInfo[],
  dates: DateExpression[],
  published: IsoDate,
): EventLink[] {
  const n = infos.length;
  const underWay = new Uint8Array(n);
  let any = false;
  for (let s = 0; s < n; s++) {
    const ev = infos[s]!;
    if (
      inPlay[s] === 1 &&
      compareIsoDates(published, ev.from) >= 0 &&
      compareIsoDates(published, ev.to) <= 0
    ) {
      underWay[s] = 1;
      any = true;
    }
  }
  if (!any) return [];
  const dated = new Set<number>();
  for (const d of dates) dated.add(sentenceIndex(starts, d.start));
  // Per sentence (in text order), the events with a place there and their first place.
  const bySentence: { entityId: string; place: ClueHit }[][] = [];
  // cueIn[s] === sentence + 1: event s has a cue word in that sentence.
  const cueIn = new Int32Array(n);
  let sentence = -1;
  let skip = false;
  let list: { entityId: string; place: ClueHit }[] = [];
  for (const place of hits) {
    if (place.kind !== 'place') continue;
    const slots = playing.of(place);
    let found = false;
    for (const s of slots) if (underWay[s] === 1) found = true;
    if (!found) continue;
    const index = sentenceIndex(starts, place.start);
    if (index !== sentence) {
      sentence = index;
      const from = starts[index]!;
      const to = index + 1 < starts.length ? starts[index + 1]! : Number.POSITIVE_INFINITY;
      skip = dated.has(index) || TASS_SLUG.test(text.slice(from, Math.min(to, text.length)));
      if (!skip) {
        for (let k = firstStartingAt(hits, from); k < hits.length && hits[k]!.start < to; k++) {
          const hit = hits[k]!;
          if (hit.kind !== 'cue' || hit.end > to) continue;
          for (const s of playing.of(hit)) cueIn[s] = index + 1;
        }
        list = [];
        bySentence.push(list);
      }
    }
    if (skip) continue;
    for (const s of slots) {
      if (underWay[s] === 0 || cueIn[s] !== index + 1) continue;
      const entityId = infos[s]!.id;
      if (!list.some((c) => c.entityId === entityId)) list.push({ entityId, place });
    }
  }
  const links: EventLink[] = [];
  for (const list of bySentence) {
    if (list.length !== 1) continue; // two events under way there that day: say nothing
    const { entityId, place } = list[0]!;
    links.push({ start: place.start, end: place.end, entityId, dateStart: place.start, dateEnd: place.end });
  }
  return links;
}
