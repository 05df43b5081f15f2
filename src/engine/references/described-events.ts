// Events an article describes rather than names: a place and a cue word side by side ("the summit
// in Tianjin", "the Kazan summit", "his visit to Alaska", "саммит в Казани") that fit the events the
// dataset places there. The nearest such event in time is meant (an upcoming one only within a year:
// resolve.ts); a word as common as "talks" or "meeting" also needs one of the event's participants
// in the sentence. Dates are not needed here: the linker of events.ts handles "Geneva last June".

import type { IsoDate, MatchingEntity, Mention } from '../../shared/types';
import { type DateExpression, findDates } from '../dates/find';
import { eventPeriod, firstStartingAt, sentenceOf } from '../events';
import type { ClueHit } from '../matcher/compile';
import { nearestEvent } from '../resolve';

/** Cue words that are weak on their own: ordinary diplomacy happens in every capital every day. */
const WEAK_CUES = new Set([
  'meeting',
  'meetings',
  'talks',
  'negotiations',
  'consultations',
  'session',
  'leaders',
  'allies',
  'встреча',
  'переговоры',
  'консультации',
  'заседание',
  'сессия',
  'лидеры',
  'союзники',
]);

/**
 * Cue words that make a place a name: "the summit in Tianjin" names the summit, before it too
 * ("ahead of next week's summit in Astana"). With the others the link is inferred, and an inferred
 * link never points to an event after the article.
 */
const NAMING_CUES = new Set([
  'summit',
  'summits',
  'conference',
  'review conference',
  'forum',
  'parade',
  'саммит',
  'конференция',
  'обзорная конференция',
  'форум',
  'парад',
]);

/** What may stand between a cue and its place: "summit in", "visit to", "саммит в", "визит на". */
const CUE_THEN_PLACE = /^\s*(?:in|at|to|of|в|во|на)\s+$/iu;
/** What may stand between a place and its cue: "Kazan summit", "Tianjin SCO summit". */
const PLACE_THEN_CUE = /^(?:\s*|\s+\p{Lu}{2,}\s+)$/u;

const idSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** The ids of a clue term as a set, made once per term (its hits share one list). */
function idSet(ids: readonly string[]): ReadonlySet<string> {
  let set = idSets.get(ids);
  if (set === undefined) {
    set = new Set(ids);
    idSets.set(ids, set);
  }
  return set;
}

function overlaps(event: MatchingEntity, date: DateExpression): boolean {
  const period = eventPeriod(event);
  return period !== null && period.from <= date.to && date.from <= period.to;
}

export function linkDescribedEvents(
  text: string,
  clues: readonly ClueHit[],
  entity: (id: string) => MatchingEntity | undefined,
  date: IsoDate,
  sentences: number[],
): Mention[] {
  const found: Mention[] = [];
  const places = clues.filter((c) => c.kind === 'place');
  const cues = clues.filter((c) => c.kind === 'cue');
  if (places.length === 0 || cues.length === 0) return found;
  const participants = clues.filter((c) => c.kind === 'participant');
  /** The dates of each sentence, found when first needed. */
  const datesOf = new Map<number, DateExpression[]>();
  let c = 0;
  for (const place of places) {
    while (c < cues.length && cues[c]!.end < place.start - 12) c++;
    for (let k = c; k < cues.length && cues[k]!.start <= place.end + 12; k++) {
      const cue = cues[k]!;
      const between =
        cue.end <= place.start
          ? CUE_THEN_PLACE.test(text.slice(cue.end, place.start))
          : place.end <= cue.start && PLACE_THEN_CUE.test(text.slice(place.end, cue.start));
      if (!between) continue;
      const cueIds = idSet(cue.entityIds);
      let ids = place.entityIds.filter((id) => cueIds.has(id));
      if (WEAK_CUES.has(cue.term.toLowerCase())) {
        const [from, to] = sentenceOf(sentences, place.start);
        const present = new Set<string>();
        for (
          let p = firstStartingAt(participants, from);
          p < participants.length && participants[p]!.start < to;
          p++
        ) {
          if (participants[p]!.end <= to) for (const id of participants[p]!.entityIds) present.add(id);
        }
        ids = ids.filter((id) => present.has(id));
      }
      if (ids.length === 0) continue;
      const [from, to] = sentenceOf(sentences, place.start);
      let dates = datesOf.get(from);
      if (dates === undefined) {
        dates = findDates(text.slice(from, Math.min(to, text.length)), date, from);
        datesOf.set(from, dates);
      }
      // The sentence says when: the event must fit it (the date linker of events.ts reads the rest).
      const events = ids
        .map(entity)
        .filter(
          (e): e is MatchingEntity =>
            e !== undefined && (dates.length === 0 || dates.some((d) => overlaps(e, d))),
        );
      const id =
        events.length > 0 ? nearestEvent(events, date, NAMING_CUES.has(cue.term.toLowerCase())) : null;
      if (id === null) continue;
      const start = Math.min(place.start, cue.start);
      const end = Math.max(place.end, cue.end);
      found.push({ start, end, text: text.slice(start, end), entityId: id });
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
