// From article text to mentions: alias hits, context aliases confirmed by their sentence, shared
// names resolved by the article's date, and events the text names only by place and date.

import { compareIsoDates, isCurrentOn } from '../dataset/status';
import type { Lang } from '../shared/languages';
import type { Entity, IsoDate, Mention } from '../shared/types';
import { type EventLink, eventStart, linkEvents, sentenceOf, sentenceStarts } from './events';
import type { AliasHit, ClueHit, Matcher } from './matcher/compile';
import { scanForAnnotation } from './matcher/scan';

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

/**
 * The entity a hit names. A name shared by several entities ("START", "Strategic Arms Reduction
 * Treaty") names the one current on the article's date; events that had not yet happened are
 * never candidates. Without a date, or without exactly one candidate, the hit names nothing.
 */
function resolve(matcher: Matcher, ids: string[], date: IsoDate | null): string | null {
  const entities = ids.map((id) => matcher.entities.get(id)!);
  if (date === null) return entities.length === 1 ? entities[0]!.id : null;
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

/** Every mention in `text`, sorted by start and non-overlapping, as offsets into `text`. */
export function annotateText(matcher: Matcher, text: string, options: AnnotateOptions): Mention[] {
  const { date, lang } = options;
  // Event clues of the article's language only (and context words of both).
  let { aliases, clues: allClues } = scanForAnnotation(matcher, text, lang, date !== null);
  const needContext = aliases.some((hit) => hit.contextIds.length > 0);
  if (needContext && date === null)
    ({ aliases, clues: allClues } = scanForAnnotation(matcher, text, lang, true));
  const clues = allClues.filter((c) => c.kind !== 'context');
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
  const mentions: Mention[] = [];
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
  for (const hit of aliases) {
    const ids = candidates(hit, sentences, contextWords, plainlyNamed);
    const entityId = ids.length === 0 ? null : resolved(ids);
    if (entityId === null) continue;
    mentions.push({ start: hit.start, end: hit.end, text: text.slice(hit.start, hit.end), entityId });
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
