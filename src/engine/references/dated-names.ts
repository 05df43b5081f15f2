// Names that carry their date: "the Minsk agreements of September 2014" (the Minsk Protocol, not
// the Package of Measures of February 2015), "the November 9 statement" (the Karabakh ceasefire
// statement of 9 November 2020), "заявление от 9 ноября". A date right before or after a shared name
// picks the entity whose timeline has a step inside it; a full day before or after a document noun
// names the one entity of the dataset dated that day whose name holds that noun.

import { isoDateContains } from '../../dataset/status';
import { EN_MONTHS, RU_MONTHS_GENITIVE } from '../../shared/languages';
import type { IsoDate, MatchingEntity, Mention } from '../../shared/types';
import { type DateExpression, findDates } from '../dates/find';
import type { Matcher } from '../matcher/compile';

const MONTH = EN_MONTHS.map((m) => m.slice(0, 3)).join('|');
const WEEKDAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const RU_MONTH = RU_MONTHS_GENITIVE.map((m) => m.slice(0, 3)).join('|');
/**
 * What a date right after a name looks like at its start: a number, a month or a weekday, or a
 * relative year ("of September 2014", "on Monday", "last Friday", "this year", "от 9 ноября", "в этом
 * году", "2019 года"). Sticky: tested at a name's end.
 */
const DATE_AFTER = new RegExp(
  `\\s*,?\\s*(?:(?:of|from|dated|on|in|since)\\s+)?(?:\\d|(?:${MONTH})[a-z]*\\.?\\s|(?:${WEEKDAY})|(?:last|this|next|early|late)\\s+(?:year|month|week|${WEEKDAY}|${MONTH}))` +
    `|\\s*(?:от|в|во|на)\\s+\\d|\\s*\\d|\\s*(?:в\\s+)?(?:этом|прошлом|текущем|нынешнем|следующем)\\s+год|\\s*(?:этого|прошлого|текущего|нынешнего|следующего)\\s+год|\\s*в\\s+(?:${RU_MONTH})`,
  'iuy',
);

function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** Connectors between a name and its date after it. */
const AFTER = /^\s*,?\s*(?:of|from|dated|signed (?:on|in)|от|,)?\s*/iu;
/** The date expression right after `end` ("of September 2014"), or right before `start` ("the November 9"). */
export function dateNextTo(
  text: string,
  start: number,
  end: number,
  published: IsoDate,
): DateExpression | null {
  // Most names have no date next to them and need no search: a date after a name starts with a
  // number or one of a few words ("of September 2014", "last Friday", "в этом году"); one before it
  // has a number ("the November 9").
  DATE_AFTER.lastIndex = end;
  if (!DATE_AFTER.test(text) && !hasDigit(text, Math.max(0, start - 40), start)) return null;
  const after = text.slice(end, end + 48);
  const beforeText = text.slice(Math.max(0, start - 40), start);
  const gap = AFTER.exec(after)?.[0].length ?? 0;
  const next = findDates(after.slice(gap), published, end + gap).find((d) => d.start === end + gap);
  if (next) return next;
  const from = start - beforeText.length;
  const before = findDates(beforeText, published, from);
  const last = before.at(-1);
  return last && /^\s*$/.test(text.slice(last.end, start)) ? last : null;
}

const within = (entity: MatchingEntity, date: DateExpression) =>
  entity.timeline.some((step) => step.date >= date.from.slice(0, step.date.length) && step.date <= date.to) ||
  entity.timeline.some((step) => isoDateContains(step.date, date.from));

/** Of `candidates`, the one with a step in `date`, or null. */
export function pickByDate(candidates: readonly MatchingEntity[], date: DateExpression): string | null {
  const dated = candidates.filter((entity) => within(entity, date));
  return dated.length === 1 ? dated[0]!.id : null;
}

/**
 * Of the entities a shared name may name, the one with a step in the date next to it, or null.
 */
export function resolveByDateNextTo(
  text: string,
  hit: { start: number; end: number },
  candidates: readonly MatchingEntity[],
  published: IsoDate,
): string | null {
  const date = dateNextTo(text, hit.start, hit.end, published);
  return date === null ? null : pickByDate(candidates, date);
}

const byDay = new WeakMap<Matcher, Map<IsoDate, string[]>>();

/** The ids of the matcher's treaties and events by the days of their steps (from their outlines). */
function idsByDay(matcher: Matcher): Map<IsoDate, string[]> {
  let days = byDay.get(matcher);
  if (days === undefined) {
    days = new Map();
    for (const entity of matcher.outlines) {
      if (entity.type === 'organization') continue;
      for (const step of entity.timeline) {
        if (step.date.length !== 10) continue;
        const list = days.get(step.date) ?? [];
        if (!list.includes(entity.id)) list.push(entity.id);
        days.set(step.date, list);
      }
    }
    byDay.set(matcher, days);
  }
  return days;
}

const stem = (noun: string) => noun.toLowerCase().slice(0, 6);

/**
 * "the November 9 statement", "the statement of 9 November", "заявление от 9 ноября": a document
 * noun (a `document` clue hit of the matcher's scan) with a full day right before or after it names
 * the one treaty or event of that day whose name or aliases hold the noun.
 */
export function linkDatedDocuments(
  text: string,
  nouns: readonly { start: number; end: number }[],
  matcher: Matcher,
  published: IsoDate,
): Mention[] {
  const found: Mention[] = [];
  for (const noun of nouns) {
    const word = text.slice(noun.start, noun.end);
    const from = Math.max(0, noun.start - 40);
    // A date has a number in it: a noun with none next to it carries no date.
    if (!/\d/.test(text.slice(from, noun.end + 52))) continue;
    const before = findDates(text.slice(from, noun.start), published, from).at(-1);
    let date: DateExpression | undefined;
    let start = noun.start;
    let end = noun.end;
    if (before && /^\s*$/.test(text.slice(before.end, noun.start))) {
      date = before;
      start = before.start;
    } else {
      const gap = /^\s+(?:of|from|dated|от)\s+/iu.exec(text.slice(noun.end, noun.end + 12))?.[0].length;
      if (gap === undefined) continue;
      const at = noun.end + gap;
      date = findDates(text.slice(at, at + 40), published, at).find((d) => d.start === at);
      if (date) end = date.end;
    }
    if (!date || date.from !== date.to) continue;
    const ids = idsByDay(matcher).get(date.from);
    if (!ids) continue;
    const candidates = ids.map((id) => matcher.entities.get(id)!);
    const named = candidates.filter((entity) =>
      [entity.name.en, entity.name.ru, ...entity.aliases.en, ...entity.aliases.ru].some((name) =>
        name.toLowerCase().includes(stem(word)),
      ),
    );
    if (named.length !== 1) continue;
    found.push({ start, end, text: text.slice(start, end), entityId: named[0]!.id });
  }
  return found;
}
