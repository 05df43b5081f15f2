// The stored dataset's entities as the tests read and damage them: database.ts's MATCHING_LIST (one
// JSON list) and CARD_LIST (one JSON text per card), joined here into whole entities.

import { CARD_LIST, MATCHING_LIST, splitEntity } from '../../../src/background/database';
import type { Entity } from '../../../src/shared/types';

/** The part of an idb database these helpers use (the typed BackstoryDb or an untyped one). */
interface Store {
  get(store: string, key: string): Promise<unknown>;
  put(store: string, value: unknown, key?: string): Promise<unknown>;
}

const parsed = (list: unknown): Record<string, unknown>[] =>
  typeof list === 'string' ? (JSON.parse(list) as Record<string, unknown>[]) : [];

/** The stored entities, each joined with its card (by id); one without a card stays as it is. */
export async function storedEntities(db: unknown): Promise<Entity[]> {
  const store = db as Store;
  const texts = await store.get('compiled', CARD_LIST);
  const cardList = Array.isArray(texts)
    ? texts.map((text) => JSON.parse(text) as Record<string, unknown>)
    : [];
  const cards = new Map(cardList.map((card) => [card.id, card]));
  return parsed(await store.get('compiled', MATCHING_LIST)).map(
    (entity) => ({ ...entity, ...cards.get(entity.id) }) as Entity,
  );
}

export async function storedIds(db: unknown): Promise<string[]> {
  return (await storedEntities(db)).map((entity) => entity.id).sort();
}

/**
 * Rewrites the stored lists with what `change` makes of the whole entities (damage, as a disk or a
 * bug might): each goes back split into its two parts, as the database stores it.
 */
export async function changeStoredEntities(
  db: unknown,
  change: (entities: Entity[]) => unknown[],
): Promise<void> {
  const split = change(await storedEntities(db)).map((entity) => splitEntity(entity as Entity));
  const store = db as Store;
  await store.put('compiled', JSON.stringify(split.map(([matching]) => matching)), MATCHING_LIST);
  await store.put(
    'compiled',
    split.map(([, card]) => JSON.stringify(card)),
    CARD_LIST,
  );
}
