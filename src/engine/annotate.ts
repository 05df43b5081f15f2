// From article text to mentions: alias hits, context aliases confirmed by their sentence, shared
// names resolved by the article's date, and events the text names only by place and date.

import { compareIsoDates, isCurrentOn } from '../dataset/status';
import type { Lang } from '../shared/languages';
import type { Entity, IsoDate, Mention } from '../shared/types';
import { datelineSpans, TASS } from '../site/tass';
import { type EventLink, eventPeriod, eventStart, linkEvents, sentenceOf, sentenceStarts } from './events';
import type { AliasHit, ClueHit, Matcher } from './matcher/compile';
import { findAliases, scanForAnnotation } from './matcher/scan';
import { linkDefinedAbbreviations } from './references/abbreviations';
import { resolveShortNames } from './references/short-names';

export interface AnnotateOptions {
  /** Publication date (YYYY-MM-DD), or null when the page does not tell. */
  date: IsoDate | null;
  lang: Lang;
}

/** True when the article predates the event: it cannot be talking about it. */
function beforeEvent(entity: Entity, date: IsoDate): boolean {
  if (entity.type !== 'event') return false;
  const start = eventStart(entity);
  return start !== null && compareIsoDates(date, start) < 0;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: IsoDate) => Date.parse(date) / DAY_MS;
/** News names a summit or a conference ahead of it, but not years ahead. */
const UPCOMING_HORIZON_DAYS = 366;

/**
 * True for an event that began more than a year after the article: its name cannot mean it yet
 * ("the Geneva summit" of 2015 is not the summit of 2021; a police "special operation" of 2019 is
 * not the military operation of 2022).
 */
function farAhead(entity: Entity, date: IsoDate): boolean {
  if (entity.type !== 'event') return false;
  const start = eventStart(entity);
  return start !== null && dayNumber(start) - dayNumber(date) > UPCOMING_HORIZON_DAYS;
}

/**
 * Among events that share a name ("the Washington summit", "the Tianjin Declaration"): the one under
 * way on the article's date, else the nearest in time. An upcoming one counts only within a year,
 * a past one at any distance. Two at the same distance name nothing.
 */
function nearestEvent(events: Entity[], date: IsoDate): string | null {
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
    if (today < from && distance > UPCOMING_HORIZON_DAYS) continue;
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
function resolve(matcher: Matcher, ids: string[], date: IsoDate | null): string | null {
  const entities = ids.map((id) => matcher.entities.get(id)!);
  if (entities.length === 1) return date === null || !farAhead(entities[0]!, date) ? ids[0]! : null;
  if (date === null) return null;
  if (entities.every((entity) => entity.type === 'event')) return nearestEvent(entities, date);
  const possible = entities.filter((e) => !beforeEvent(e, date));
  if (possible.length <= 1) return possible[0]?.id ?? null;
  const current = possible.filter((e) => isCurrentOn(e, date));
  return current.length === 1 ? current[0]!.id : null;
}

/**
 * Whom a hit may name. A context alias (Entity.contextAliases) names its entity when one of the
 * entity's context words is in the hit's sentence, or the text names the entity by a plain alias
 * elsewhere; confirmed context aliases win over the plain owners of the same name.
 */
function candidates(
  hit: AliasHit,
  sentences: () => number[],
  contextWords: ClueHit[],
  plainlyNamed: ReadonlySet<string>,
): string[] {
  if (hit.contextIds.length === 0) return hit.entityIds;
  const [from, to] = sentenceOf(sentences(), hit.start);
  // Context words are sorted by start: look only at those of the hit's sentence.
  let lo = 0;
  let hi = contextWords.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (contextWords[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const near = new Set<string>();
  for (let k = lo; k < contextWords.length && contextWords[k]!.start < to; k++) {
    if (contextWords[k]!.end <= to) for (const id of contextWords[k]!.entityIds) near.add(id);
  }
  const confirmed = hit.contextIds.filter((id) => plainlyNamed.has(id) || near.has(id));
  return confirmed.length > 0 ? confirmed : hit.entityIds;
}

function overlapsAny(sorted: Mention[], start: number, end: number): boolean {
  // Binary search for the first mention ending after `start`.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]!.start < end;
}

const eventLists = new WeakMap<Matcher, Entity[]>();

/** The matcher's events, as one list kept per matcher (linkEvents keeps its table per list). */
function eventsOf(matcher: Matcher): Entity[] {
  let events = eventLists.get(matcher);
  if (events === undefined) {
    events = [...matcher.entities.values()].filter((e) => e.type === 'event');
    eventLists.set(matcher, events);
  }
  return events;
}

/** Hits that lie inside a dateline ("UNITED NATIONS, May 4. /TASS/."): a dateline names a place. */
function outsideDatelines<T extends { start: number; end: number }>(
  hits: T[],
  spans: [number, number][],
): T[] {
  if (spans.length === 0) return hits;
  let k = 0;
  return hits.filter((hit) => {
    while (k < spans.length && spans[k]![1] <= hit.start) k++;
    return !(k < spans.length && spans[k]![0] <= hit.start && hit.end <= spans[k]![1]);
  });
}

/**
 * The names inside a longer name that named nothing: "the BRICS summit in Kazan" of an article a
 * year before the summit still names BRICS. The longer name is read again without its last word.
 */
function innerHits(matcher: Matcher, text: string, hit: AliasHit): AliasHit[] {
  const span = text.slice(hit.start, hit.end);
  const cut = span.search(/\s\S*$/);
  if (cut <= 0) return [];
  return findAliases(matcher, span.slice(0, cut)).map((inner) => ({
    ...inner,
    start: inner.start + hit.start,
    end: inner.end + hit.start,
  }));
}

/**
 * `base` with the `extra` mentions that overlap none of it (both in text order, each
 * non-overlapping); with `takeOverExact`, an extra mention over exactly the span of a base one
 * replaces it.
 */
function addMentions(base: Mention[], extra: Mention[], takeOverExact = false): Mention[] {
  if (extra.length === 0) return base;
  const exact = new Map<number, Mention>();
  if (takeOverExact) for (const m of extra) exact.set(m.start, m);
  const out: Mention[] = [];
  let e = 0;
  for (const m of base) {
    while (e < extra.length && extra[e]!.start < m.start) {
      const candidate = extra[e++]!;
      if (candidate.end <= m.start && (out.length === 0 || out.at(-1)!.end <= candidate.start))
        out.push(candidate);
    }
    const over = exact.get(m.start);
    out.push(over !== undefined && over.end === m.end ? over : m);
    while (e < extra.length && extra[e]!.start < m.end) e++;
  }
  for (; e < extra.length; e++) {
    if (out.length === 0 || out.at(-1)!.end <= extra[e]!.start) out.push(extra[e]!);
  }
  return out;
}

/** Every mention in `text`, sorted by start and non-overlapping, as offsets into `text`. */
export function annotateText(matcher: Matcher, text: string, options: AnnotateOptions): Mention[] {
  const { date, lang } = options;
  const datelines = datelineSpans(TASS, text);
  // Event clues and short names of the article's language only (and context words of both).
  const scanned = scanForAnnotation(matcher, text, lang, true);
  const aliases = outsideDatelines(scanned.aliases, datelines);
  const allClues = outsideDatelines(scanned.clues, datelines);
  const needContext = aliases.some((hit) => hit.contextIds.length > 0);
  const clues = allClues.filter((c) => c.kind !== 'context' && c.kind !== 'short');
  // The same names come back: resolve each set of ids once.
  const resolutions = new Map<string, string | null>();
  const resolved = (ids: string[]): string | null => {
    const key = ids.length === 1 ? ids[0]! : ids.join('\n');
    let id = resolutions.get(key);
    if (id === undefined) {
      id = resolve(matcher, ids, date);
      resolutions.set(key, id);
    }
    return id;
  };
  let mentions: Mention[] = [];
  const plainlyNamed = new Set<string>();
  if (needContext) {
    for (const hit of aliases) {
      if (hit.entityIds.length === 0) continue;
      const id = resolved(hit.entityIds);
      if (id !== null) plainlyNamed.add(id);
    }
  }
  const contextWords = needContext ? allClues.filter((c) => c.kind === 'context') : [];
  // The sentence starts, worked out once if anything needs them.
  let starts: number[] | undefined;
  const sentences = () => (starts ??= sentenceStarts(text));
  const mention = (hit: AliasHit): Mention | null => {
    const ids = candidates(hit, sentences, contextWords, plainlyNamed);
    const entityId = ids.length === 0 ? null : resolved(ids);
    return entityId === null
      ? null
      : { start: hit.start, end: hit.end, text: text.slice(hit.start, hit.end), entityId };
  };
  for (const hit of aliases) {
    const named = mention(hit);
    if (named !== null) mentions.push(named);
    else
      for (const inner of innerHits(matcher, text, hit)) {
        const part = mention(inner);
        if (part !== null) mentions.push(part);
      }
  }
  mentions = addMentions(mentions, linkDefinedAbbreviations(text, mentions), true);
  const shortHits = allClues.filter((c) => c.kind === 'short');
  if (shortHits.length > 0) {
    const related = (id: string) => matcher.entities.get(id)?.related ?? [];
    mentions = addMentions(mentions, resolveShortNames(text, shortHits, mentions, related));
  }
  if (date === null || clues.length === 0) return mentions;

  // Events without a clue in the text play no part: the linker may as well get them all.
  const events = eventsOf(matcher);
  // Dates are only looked for in sentences that name an event's place (see linkEvents).
  const links: EventLink[] = linkEvents(text, {
    events,
    clues,
    published: date,
    lang,
    sentences: sentences(),
  });
  if (links.length === 0) return mentions;
  // Alias mentions win an overlap; an event span that overlaps one shrinks to its date expression.
  // A sentence that names the event outright needs no second mark on its date ("Earlier this
  // month Putin attended the SCO summit in Tianjin" marks the summit's name only).
  // Links and mentions are both in text order: the mentions before a link's sentence are passed
  // once, not looked at again for every link.
  let first = 0;
  const namedInSentence = (link: EventLink) => {
    const [from, to] = sentenceOf(sentences(), link.start);
    while (first < mentions.length && mentions[first]!.start < from) first++;
    for (let k = first; k < mentions.length && mentions[k]!.start < to; k++) {
      if (mentions[k]!.entityId === link.entityId) return true;
    }
    return false;
  };
  const kept: Mention[] = [];
  for (const link of links) {
    if (namedInSentence(link)) continue;
    let { start, end } = link;
    if (overlapsAny(mentions, start, end)) {
      start = link.dateStart;
      end = link.dateEnd;
      if (overlapsAny(mentions, start, end)) continue;
    }
    if (kept.length > 0 && kept[kept.length - 1]!.end > start) continue;
    kept.push({ start, end, text: text.slice(start, end), entityId: link.entityId });
  }
  return [...mentions, ...kept].sort((a, b) => a.start - b.start);
}
