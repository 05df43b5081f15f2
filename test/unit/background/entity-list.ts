// The stored dataset's entities as the tests read and damage them: database.ts's OUTLINE_LIST (one
// JSON text), MATCHING_LIST (one JSON text per entity, a line each, in UTF-8) and a card record per
// entity (stored-entities.ts cardKey), joined here into whole entities, and written back the same
// way.

import { MATCHING_LIST, OUTLINE_LIST } from '../../../src/background/database';
import { asLines, cardKey, isBytes, splitEntity } from '../../../src/background/stored-entities';
import type { Entity } from '../../../src/shared/types';

/** The part of an idb database these helpers use (the typed BackstoryDb or an untyped one). */
interface Store {
  get(store: string, key: string): Promise<unknown>;
  put(store: string, value: unknown, key?: string): Promise<unknown>;
}

const parsedTexts = (texts: unknown): Record<string, unknown>[] =>
  isBytes(texts)
    ? new TextDecoder()
        .decode(texts)
        .split('\n')
        .map((text) => JSON.parse(text) as Record<string, unknown>)
    : [];

/** The stored entities, each joined with its card (by id); one without a card stays as it is. */
export async function storedEntities(db: unknown): Promise<Entity[]> {
  const store = db as Store;
  const matching = parsedTexts(await store.get('compiled', MATCHING_LIST));
  const cards = await Promise.all(
    matching.map((entity) => store.get('compiled', cardKey(String(entity.id)))),
  );
  return matching.map((entity, k) => ({ ...entity, ...(cards[k] as object | undefined) }) as Entity);
}

export async function storedIds(db: unknown): Promise<string[]> {
  return (await storedEntities(db)).map((entity) => entity.id).sort();
}

/**
 * Rewrites the stored entities with what `change` makes of the whole ones (damage, as a disk or a
 * bug might), stored as the database stores them: an outline of the id, type and dated steps each
 * has (damage there shows in the outlines), and its matcher and card fields.
 */
export async function changeStoredEntities(
  db: unknown,
  change: (entities: Entity[]) => unknown[],
): Promise<void> {
  const changed = change(await storedEntities(db)) as Record<string, unknown>[];
  const outlines = changed.map(({ id, type, timeline }) => ({
    id,
    type,
    timeline: Array.isArray(timeline)
      ? timeline.map(({ date, kind }: { date: unknown; kind: unknown }) => ({ date, kind }))
      : timeline,
  }));
  const split = changed.map((entity) => splitEntity(entity as unknown as Entity));
  const store = db as Store;
  await store.put('compiled', JSON.stringify(outlines), OUTLINE_LIST);
  await store.put('compiled', asLines(split.map(([matching]) => matching)), MATCHING_LIST);
  for (const [, card] of split) await store.put('compiled', card, cardKey(card.id));
}
