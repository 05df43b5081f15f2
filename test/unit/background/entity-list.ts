// The stored dataset's entities as the tests read and damage them: one JSON list under
// database.ts's ENTITY_LIST, and, in a database an older version wrote, one record per entity.

import { ENTITY_LIST } from '../../../src/background/database';
import type { Entity } from '../../../src/shared/types';

/** The part of an idb database these helpers use (the typed BackstoryDb or an untyped one). */
interface Store {
  get(store: string, key: string): Promise<unknown>;
  put(store: string, value: unknown, key?: string): Promise<unknown>;
}

export async function storedEntities(db: unknown): Promise<Entity[]> {
  const list = await (db as Store).get('compiled', ENTITY_LIST);
  return typeof list === 'string' ? (JSON.parse(list) as Entity[]) : [];
}

export async function storedIds(db: unknown): Promise<string[]> {
  return (await storedEntities(db)).map((entity) => entity.id).sort();
}

/** Rewrites the stored list with what `change` makes of it (damage, as a disk or a bug might). */
export async function changeStoredEntities(
  db: unknown,
  change: (entities: Entity[]) => unknown[],
): Promise<void> {
  await (db as Store).put('compiled', JSON.stringify(change(await storedEntities(db))), ENTITY_LIST);
}
