// From article text to mentions: alias hits, context aliases confirmed by their sentence, shared
// names resolved by the article's date, and events the text names only by place and date.

import type { Lang } from '../shared/languages';
import type { EntityOutline, IsoDate, MatchingEntity, Mention } from '../shared/types';
import { datelineSpans, TASS } from '../site/tass';
import { type EventLink, firstStartingAt, linkEvents, sentenceOf, sentenceStarts } from './events';
import type { AliasHit, ClueHit, Matcher } from './matcher/compile';
import { findAliases, isName, scanForAnnotation } from './matcher/scan';
import { linkDefinedAbbreviations } from './references/abbreviations';
import { linkCoordinatedNames } from './references/coordination';
import { editionAround, pointsAway } from './references/current-edition';
import { dateNextTo, linkDatedDocuments, pickByDate } from './references/dated-names';
import { linkDescribedEvents } from './references/described-events';
import { type Bodies, resolveShortNames, type ShortNameHit } from './references/short-names';
import { wordAfter, wordBefore } from './references/words';
import { resolve } from './resolve';

export interface AnnotateOptions {
  /** Publication date (YYYY-MM-DD), or null when the page does not tell. */
  date: IsoDate | null;
  lang: Lang;
}

/**
 * Whom a hit may name. A context alias (Entity.contextAliases) names its entity when one of the
 * entity's context words is in the hit's sentence, or the text names the entity by a plain alias
 * elsewhere; confirmed context aliases win over the plain owners of the same name.
 */
function candidates(
  text: string,
  hit: AliasHit,
  sentences: () => number[],
  contextWords: ClueHit[],
  plainlyNamed: ReadonlySet<string>,
): string[] {
  if (hit.contextIds.length === 0) return hit.entityIds;
  const [from, to] = sentenceOf(sentences(), hit.start);
  // Context words are sorted by start: look only at those of the hit's sentence.
  const lo = firstStartingAt(contextWords, from);
  const near = new Set<string>();
  for (let k = lo; k < contextWords.length && contextWords[k]!.start < to; k++) {
    if (contextWords[k]!.end <= to) for (const id of contextWords[k]!.entityIds) near.add(id);
  }
  // "МИД Украины", "the Turkish Foreign Ministry": the name goes on with a name of its own, so it is
  // another country's body, whatever the article names elsewhere; unless that name is one of the
  // entity's context words ("the OSCE's Permanent Council").
  const owner = ownerNamed(text, hit.start, hit.end);
  const ownContext = (id: string) => {
    if (owner === null) return false;
    // The owner's word lies in the hit's sentence: only that sentence's context words can be it.
    for (let k = lo; k < contextWords.length && contextWords[k]!.start < owner[1]; k++) {
      const c = contextWords[k]!;
      if (owner[0] < c.end && c.entityIds.includes(id)) return true;
    }
    return false;
  };
  const confirmed = hit.contextIds.filter(
    (id) => (owner === null || ownContext(id)) && (plainlyNamed.has(id) || near.has(id)),
  );
  return confirmed.length > 0 ? confirmed : hit.entityIds;
}

/**
 * The span of a capitalised word right after the name ("МИД Украины", "Foreign Ministry of Turkey")
 * or right before it ("the Turkish Foreign Ministry", "Ukraine's Foreign Ministry"), or null.
 */
function ownerNamed(text: string, start: number, end: number): [number, number] | null {
  const word = (span: [number, number] | null) => (span === null ? '' : text.slice(span[0], span[1]));
  let after = wordAfter(text, end);
  const of = /^of$/i.test(word(after));
  if (of && after) {
    after = wordAfter(text, after[1]);
    if (/^the$/i.test(word(after)) && after) after = wordAfter(text, after[1]);
  }
  const owner = word(after).replace(/[^\p{L}-]+$/u, '');
  // English names an owner after "of" only ("Foreign Ministry Spokeswoman Maria Zakharova" names
  // none); a Russian genitive follows the name directly ("МИД Украины"), but a first and last name
  // do not name an owner ("глава МИД Сергей Лавров").
  if (after && /^\p{Lu}/u.test(owner) && !/^(?:The|В|На|И|А|Но)$/u.test(owner)) {
    const cyrillic = /^[\u0400-\u04ff]/.test(owner);
    const person = cyrillic && /^\p{Lu}\p{Ll}/u.test(word(wordAfter(text, after[1])));
    if (of || (cyrillic && !person)) return [after[0], after[0] + owner.length];
  }
  const before = wordBefore(text, start);
  const previous = word(before);
  if (before === null || /[.!?:]$/.test(previous)) return null;
  return /^\p{Lu}/u.test(previous) && !/^(?:The|Its|Their|Его|Ее|Их)$/u.test(previous) ? before : null;
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

const eventLists = new WeakMap<Matcher, EntityOutline[]>();

/** The matcher's events, as one list kept per matcher (linkEvents keeps its table per list). */
function eventsOf(matcher: Matcher): EntityOutline[] {
  let events = eventLists.get(matcher);
  if (events === undefined) {
    events = matcher.outlines.filter((e) => e.type === 'event');
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
 * year before the summit still names BRICS, and «заседание Совета глав правительств СНГ» of a year
 * before the meetings' series the CIS council. The longer name is read again without its last word
 * and without its first (read whole, it would only be found again), and the names found in either
 * are taken leftmost and longest first.
 */
function innerHits(matcher: Matcher, text: string, hit: AliasHit): AliasHit[] {
  const span = text.slice(hit.start, hit.end);
  const found: AliasHit[] = [];
  const readFrom = (from: number, to: number) => {
    for (const inner of findAliases(matcher, span.slice(from, to)))
      found.push({ ...inner, start: inner.start + hit.start + from, end: inner.end + hit.start + from });
  };
  const lastWord = span.search(/\s\S*$/);
  if (lastWord > 0) readFrom(0, lastWord);
  const firstSpace = span.search(/\s/);
  if (firstSpace > 0) readFrom(firstSpace + 1, span.length);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AliasHit[] = [];
  for (const inner of found) if (out.length === 0 || out.at(-1)!.end <= inner.start) out.push(inner);
  return out;
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

const NO_ENTITIES: readonly MatchingEntity[] = [];
const kinLists = new WeakMap<Matcher, Map<string, readonly MatchingEntity[]>>();

/**
 * The entities a date next to this one's name may pick instead: a series' editions, or the related
 * instruments and events of its own kind (the Minsk Protocol for the Minsk agreements). Organisations
 * have none. Worked out once per entity.
 */
function kinOf(matcher: Matcher, entity: MatchingEntity): readonly MatchingEntity[] {
  let lists = kinLists.get(matcher);
  if (lists === undefined) {
    lists = new Map();
    kinLists.set(matcher, lists);
  }
  let kin = lists.get(entity.id);
  if (kin === undefined) {
    const ids = entity.editions ?? (entity.type === 'organization' ? [] : (entity.related ?? []));
    const found: MatchingEntity[] = [];
    for (const id of ids) {
      const other = matcher.entities.get(id);
      if (other !== undefined && (entity.editions !== undefined || other.type === entity.type))
        found.push(other);
    }
    kin = found.length === 0 ? NO_ENTITIES : found;
    lists.set(entity.id, kin);
  }
  return kin;
}

/** The entity a phrase names as a whole, or null. */
function nameOf(matcher: Matcher, phrase: string, date: IsoDate | null): string | null {
  const hits = findAliases(matcher, phrase);
  const hit = hits[0];
  if (hits.length !== 1 || hit === undefined || hit.start !== 0 || hit.end !== phrase.length) return null;
  return hit.entityIds.length > 0 ? resolve(matcher, hit.entityIds, date) : null;
}

/** Every mention in `text`, sorted by start and non-overlapping, as offsets into `text`. */
export function annotateText(matcher: Matcher, text: string, options: AnnotateOptions): Mention[] {
  const { date, lang } = options;
  const datelines = datelineSpans(TASS, text);
  // Event clues and short names of the article's language only (and context words of both).
  const scanned = scanForAnnotation(matcher, text, lang, true);
  const allHits = outsideDatelines(scanned.aliases, datelines);
  const allClues = outsideDatelines(scanned.clues, datelines);
  // One trie holds aliases, short names and document nouns: tell them apart.
  const aliases: AliasHit[] = [];
  const shortHits: ShortNameHit[] = [];
  const nouns: AliasHit[] = [];
  for (const hit of allHits) {
    if (isName(hit)) aliases.push(hit);
    else if (hit.shortIds.length > 0)
      shortHits.push({ start: hit.start, end: hit.end, entityIds: hit.shortIds });
    else if (hit.document) nouns.push(hit);
  }
  const needContext = aliases.some((hit) => hit.contextIds.length > 0);
  const clues: ClueHit[] = [];
  const contextHits: ClueHit[] = [];
  for (const c of allClues) (c.kind === 'context' ? contextHits : clues).push(c);
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
  const contextWords = needContext ? contextHits : [];
  // The sentence starts, worked out once if anything needs them.
  let starts: number[] | undefined;
  const sentences = () => (starts ??= sentenceStarts(text));
  const mention = (hit: AliasHit): Mention | null => {
    const ids = candidates(text, hit, sentences, contextWords, plainlyNamed);
    let entityId = ids.length === 0 ? null : resolved(ids);
    // "the Minsk agreements of September 2014": a date next to the name picks among the name's owners,
    // or among an instrument and the related instruments of its kind whose steps fall in that date; a
    // series named with a date names the edition of that date ("the Istanbul talks last Friday"),
    // named alone it names the series. The date is looked for only where it could pick something.
    const owner = entityId === null ? undefined : matcher.entities.get(entityId);
    const kin = owner === undefined ? NO_ENTITIES : kinOf(matcher, owner);
    let dated = false;
    if (date !== null && (ids.length > 1 || kin.length > 0)) {
      const next = dateNextTo(text, hit.start, hit.end, date);
      dated = next !== null;
      if (next !== null) {
        if (ids.length > 1 || owner?.editions === undefined) {
          const owners = ids.length > 1 ? ids.map((id) => matcher.entities.get(id)!) : [owner!];
          entityId =
            pickByDate(owners.concat(owner?.editions === undefined ? kin : NO_ENTITIES), next) ?? entityId;
        }
        const series = entityId === null ? undefined : matcher.entities.get(entityId);
        if (series?.editions !== undefined) entityId = pickByDate(kinOf(matcher, series), next) ?? entityId;
      }
    }
    // A series named alone, in the days around one of its editions: that edition.
    if (date !== null && !dated && entityId !== null) {
      const series = matcher.entities.get(entityId);
      if (series?.editions !== undefined && !pointsAway(text, hit.start, hit.end))
        entityId = editionAround(kinOf(matcher, series), date) ?? entityId;
    }
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
  if (shortHits.length > 0) {
    const bodies: Bodies = {
      related: (id) => matcher.entities.get(id)?.related ?? [],
      names: (id) => {
        const entity = matcher.entities.get(id);
        return entity ? [...entity.aliases.en, ...entity.aliases.ru] : [];
      },
    };
    mentions = addMentions(mentions, resolveShortNames(text, shortHits, mentions, bodies));
  }
  mentions = addMentions(
    mentions,
    linkCoordinatedNames(text, mentions, (phrase) => nameOf(matcher, phrase, date)),
  );
  if (date === null) return mentions;
  mentions = addMentions(mentions, linkDatedEvents(text, matcher, clues, date, lang, sentences, mentions));

  // Events described by a place and a cue word, where no sentence names them already.
  const own = clues.filter((c) => c.lang === lang);
  const described = linkDescribedEvents(
    text,
    own,
    (id) => matcher.entities.get(id),
    date,
    sentences(),
  ).filter((d) => !namedInSentenceOf(mentions, sentences(), d));
  mentions = addMentions(mentions, described);
  return addMentions(mentions, linkDatedDocuments(text, nouns, matcher, date));
}

/** True when the sentence of `mention` holds another mention of the same entity (`mentions` sorted). */
function namedInSentenceOf(mentions: readonly Mention[], starts: number[], mention: Mention): boolean {
  const [from, to] = sentenceOf(starts, mention.start);
  for (let k = firstStartingAt(mentions, from); k < mentions.length && mentions[k]!.start < to; k++) {
    if (mentions[k]!.entityId === mention.entityId) return true;
  }
  return false;
}

/**
 * Events the text names only by place and date ("their meeting in Geneva last June"), as mentions
 * that overlap none of `mentions`.
 */
function linkDatedEvents(
  text: string,
  matcher: Matcher,
  clues: ClueHit[],
  date: IsoDate,
  lang: Lang,
  sentences: () => number[],
  mentions: Mention[],
): Mention[] {
  if (clues.length === 0) return [];
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
  if (links.length === 0) return [];
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
  return kept;
}
