// One article's annotation as every caller wants it: the mentions, the entities they name (in order
// of first mention) and the entities those relate to that the article does not mention. The
// background answers the content script with it, in two parts (the mentions first, then the
// details, which need the cards' fields), and the CLI prints it.

import { compareIsoDates } from '../dataset/status';
import type { RelatedEntity } from '../shared/messages';
import type { Entity, IsoDate, MatchingEntity, Mention } from '../shared/types';
import { type AnnotateOptions, annotateText } from './annotate';
import type { Matcher } from './matcher/compile';

export interface ArticleAnnotation {
  mentions: Mention[];
  /** Every entity mentioned, once, in order of first mention. */
  entities: Entity[];
  /** Entities related to mentioned ones but not mentioned themselves, as small cards. */
  related: RelatedEntity[];
}

/** The entities an article's mentions name, and those related to them, as the cards show them. */
export type ArticleDetails = Omit<ArticleAnnotation, 'mentions'>;

/** Looks entities up by id in a list of whole ones (the bundle's, or a test's). */
export function entityLookup(entities: readonly Entity[]): (id: string) => Entity | undefined {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  return (id) => byId.get(id);
}

/** Annotates with a matcher whose entities are whole (the CLI's, or the background's in memory). */
export function annotateArticle(
  matcher: Matcher,
  text: string,
  options: AnnotateOptions,
  entityOf: (id: string) => Entity | undefined,
): ArticleAnnotation {
  const mentions = annotateText(matcher, text, options);
  return { mentions, ...articleDetails(matcher, mentions, options.date, entityOf) };
}

/**
 * The details of `mentions` (annotateText's): `entityOf` gives an entity with its cards' fields,
 * or undefined for one it does not know (skipped).
 */
export function articleDetails(
  matcher: Matcher,
  mentions: readonly Mention[],
  date: IsoDate | null,
  entityOf: (id: string) => Entity | undefined,
): ArticleDetails {
  const entities: Entity[] = [];
  const seen = new Set<string>();
  for (const { entityId } of mentions) {
    if (seen.has(entityId)) continue;
    const entity = entityOf(entityId);
    if (entity) {
      seen.add(entityId);
      entities.push(entity);
    }
  }
  const related: RelatedEntity[] = [];
  for (const entity of entities) {
    for (const id of linkedIds(matcher, entity, date)) {
      if (seen.has(id)) continue;
      const other = entityOf(id);
      if (!other) continue;
      seen.add(id);
      related.push({ id, type: other.type, name: other.name, summary: other.summary });
    }
  }
  return { entities, related };
}

/**
 * Every id articleDetails may look up for `mentions`: the entities they name and those their cards
 * link to. The background reads these cards, and only these, from its database.
 */
export function detailIds(matcher: Matcher, mentions: readonly Mention[], date: IsoDate | null): string[] {
  const ids = new Set<string>();
  for (const { entityId } of mentions) {
    if (ids.has(entityId)) continue;
    ids.add(entityId);
    const entity = matcher.entities.get(entityId);
    if (entity) for (const id of linkedIds(matcher, entity, date)) ids.add(id);
  }
  return [...ids];
}

/** The entities an entity's card links to: its series neighbours, then its related entities. */
function linkedIds(matcher: Matcher, entity: MatchingEntity, date: IsoDate | null): string[] {
  return [...seriesNeighbours(matcher, entity, date), ...(entity.related ?? [])];
}

/**
 * What a card of a recurring event names besides its own related entities: for an edition, its
 * series and the editions before and after it; for a series, the editions on either side of the
 * article's date (the one it most likely follows and the one it looks ahead to), or the last two
 * when the article has no date.
 */
export function seriesNeighbours(matcher: Matcher, entity: MatchingEntity, date: IsoDate | null): string[] {
  if (entity.series) {
    const { of, previous, next } = entity.series;
    return [of, previous, next].filter((id): id is string => id !== undefined);
  }
  const editions = entity.editions ?? [];
  if (editions.length === 0) return [];
  if (!date) return editions.slice(-2);
  const after = editions.findIndex((id) => {
    const start = heldFrom(matcher.entities.get(id));
    return start !== undefined && compareIsoDates(start, date) > 0;
  });
  if (after === -1) return editions.slice(-1);
  return after === 0 ? [editions[0]!] : [editions[after - 1]!, editions[after]!];
}

/** When an edition took place: its first held or started step (a step before it announced it). */
function heldFrom(edition: MatchingEntity | undefined): IsoDate | undefined {
  const steps = edition?.timeline ?? [];
  return (steps.find((step) => step.kind === 'held' || step.kind === 'started') ?? steps[0])?.date;
}
