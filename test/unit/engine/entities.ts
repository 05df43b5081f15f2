// A small entity for the engine's tests, with only what matching reads filled in: its names, its
// timeline and whatever `extra` adds (event clues, related entities).

import type { Entity, EntityType, StepKind } from '../../../src/shared/types';

export function entity(
  id: string,
  type: EntityType,
  aliases: { en: string[]; ru?: string[] },
  timeline: [string, StepKind][] = [['2000-01-01', type === 'event' ? 'held' : 'founded']],
  extra: Partial<Entity> = {},
): Entity {
  return {
    id,
    type,
    name: { en: aliases.en[0] ?? id, ru: aliases.ru?.[0] ?? id },
    aliases: { en: aliases.en, ru: aliases.ru ?? [] },
    summary: { en: '', ru: '' },
    timeline: timeline.map(([date, kind]) => ({ date, kind, label: { en: kind, ru: kind } })),
    sources: [{ url: 'https://example.org', title: 'x' }],
    ...extra,
  };
}
