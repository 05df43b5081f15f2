// One article's annotation as every caller wants it: the mentions, the entities they name (in order
// of first mention) and the entities those relate to that the article does not mention. The
// background answers the content script with it, and the CLI prints it.

import type { RelatedEntity } from '../shared/messages';
import type { Entity, Mention } from '../shared/types';
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
    for (const id of entity.related ?? []) {
      const other = matcher.entities.get(id);
      if (!other || seen.has(id)) continue;
      seen.add(id);
      related.push({ id, type: other.type, name: other.name, summary: other.summary });
    }
  }
  return { mentions, entities, related };
}
