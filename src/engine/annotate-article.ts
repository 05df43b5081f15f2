// One article's annotation as every caller wants it: the mentions, the entities they name (in order
// of first mention) and the entities those relate to that the article does not mention. The
// background answers the content script with it, and the CLI prints it.

import { compareIsoDates } from '../dataset/status';
import type { RelatedEntity } from '../shared/messages';
import type { Entity, IsoDate, Mention } from '../shared/types';
import { type AnnotateOptions, annotateText } from './annotate';
import type { Matcher } from './matcher/compile';

export interface ArticleAnnotation {
  mentions: Mention[];
  /** Every entity mentioned, once, in order of first mention. */
  entities: Entity[];
  /** Entities related to mentioned ones but not mentioned themselves, as small cards. */
  related: RelatedEntity[];
}

export function annotateArticle(matcher: Matcher, text: string, options: AnnotateOptions): ArticleAnnotation {
  const mentions = annotateText(matcher, text, options);
  const entities: Entity[] = [];
  const seen = new Set<string>();
  for (const { entityId } of mentions) {
    const entity = matcher.entities.get(entityId);
    if (entity && !seen.has(entityId)) {
      seen.add(entityId);
      entities.push(entity);
    }
  }
  const related: RelatedEntity[] = [];
  for (const entity of entities) {
    for (const id of [...seriesNeighbours(matcher, entity, options.date), ...(entity.related ?? [])]) {
      const other = matcher.entities.get(id);
      if (!other || seen.has(id)) continue;
      seen.add(id);
      related.push({ id, type: other.type, name: other.name, summary: other.summary });
    }
  }
  return { mentions, entities, related };
}

/**
 * What a card of a recurring event names besides its own related entities: for an edition, its
 * series and the editions before and after it; for a series, the editions on either side of the
 * article's date (the one it most likely follows and the one it looks ahead to), or the last two
 * when the article has no date.
 */
export function seriesNeighbours(matcher: Matcher, entity: Entity, date: IsoDate | null): string[] {
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
function heldFrom(edition: Entity | undefined): IsoDate | undefined {
  const steps = edition?.timeline ?? [];
  return (steps.find((step) => step.kind === 'held' || step.kind === 'started') ?? steps[0])?.date;
}
