// Which cards the sidebar shows, and in what order: grouped by type (treaties, events,
// organisations), each group in order of first mention, types the reader turned off left out, and
// the filter box's query over names and aliases in every language.

import { LANGS } from '../../shared/languages';
import { ENTITY_TYPES, type Entity, type EntityType } from '../../shared/types';

/** Lower case, ё as е, single spaces: how the filter compares names. */
const fold = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The entities whose name or any alias (in any language) contains the query. */
export function filterEntities(entities: Entity[], query: string): Entity[] {
  const q = fold(query);
  if (!q) return entities;
  return entities.filter((entity) =>
    LANGS.some(
      (lang) =>
        fold(entity.name[lang]).includes(q) || entity.aliases[lang].some((name) => fold(name).includes(q)),
    ),
  );
}

/** The groups to show: by type in ENTITY_TYPES order, types turned off left out, each in the given order. */
export function groupEntities(
  entities: Entity[],
  types?: Record<EntityType, boolean>,
): { type: EntityType; entities: Entity[] }[] {
  return ENTITY_TYPES.filter((type) => !types || types[type])
    .map((type) => ({ type, entities: entities.filter((entity) => entity.type === type) }))
    .filter((group) => group.entities.length > 0);
}
