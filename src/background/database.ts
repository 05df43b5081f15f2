// The extension-origin IndexedDB database, through idb. It holds the dataset the matcher is built
// from. Seeding happens in one transaction stamped with the dataset version, so a reader of the
// database sees either the old dataset or the new one, never half of one.

import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { StoredMatcher } from '../core/matcher';
import type { DatasetInfo } from '../core/messages';
import type { DatasetBundle, Entity } from '../core/types';

export const DB_NAME = 'backstory';
/** Bump when the stores change shape; an older database is then rebuilt from the bundle. */
export const DB_SCHEMA_VERSION = 2;

interface BackstorySchema extends DBSchema {
  entities: { key: string; value: Entity };
  meta: { key: 'dataset'; value: DatasetInfo };
  /** The compiled matcher of the stored dataset (core/matcher's StoredMatcher, stamped with its version). */
  compiled: { key: 'matcher'; value: StoredMatcher };
}

export type BackstoryDb = IDBPDatabase<BackstorySchema>;

function openOnce(): Promise<BackstoryDb> {
  return openDB<BackstorySchema>(DB_NAME, DB_SCHEMA_VERSION, {
    upgrade(db) {
      // No migration of old data is needed: the dataset is re-seeded from the bundle.
      for (const name of Array.from(db.objectStoreNames)) db.deleteObjectStore(name);
      db.createObjectStore('entities', { keyPath: 'id' });
      db.createObjectStore('meta');
      db.createObjectStore('compiled');
    },
  });
}

/**
 * Opens the database. A database that cannot be opened (corrupt, or written by a newer version of
 * Backstory) is deleted and created again: its only content is the re-creatable dataset.
 */
export async function openDatabase(): Promise<BackstoryDb> {
  try {
    return await openOnce();
  } catch (error) {
    console.warn('[Backstory] database unreadable, rebuilding it:', error);
    await deleteDB(DB_NAME);
    return openOnce();
  }
}

export async function readDatasetInfo(db: BackstoryDb): Promise<DatasetInfo | undefined> {
  return db.get('meta', 'dataset');
}

/** Replaces the stored dataset with `bundle` in a single transaction. */
export async function seedDatabase(
  db: BackstoryDb,
  bundle: DatasetBundle,
  now = new Date(),
): Promise<DatasetInfo> {
  const info: DatasetInfo = {
    version: bundle.version,
    date: bundle.date,
    entityCount: bundle.entities.length,
    seededAt: now.toISOString(),
  };
  const tx = db.transaction(['entities', 'meta', 'compiled'], 'readwrite');
  // Every request's promise rejects when the transaction aborts; track them all so none goes unhandled.
  const pending: Promise<unknown>[] = [];
  const track = (request: Promise<unknown>) => {
    request.catch(() => undefined);
    pending.push(request);
  };
  track(tx.done);
  try {
    const entities = tx.objectStore('entities');
    track(entities.clear());
    track(tx.objectStore('compiled').clear()); // compiled from the old dataset
    // A bad record makes put() throw synchronously without aborting the transaction by itself,
    // so the clear() before it would commit: abort explicitly to keep the previous dataset.
    for (const entity of bundle.entities) track(entities.put(entity));
    track(tx.objectStore('meta').put(info, 'dataset'));
    await Promise.all(pending);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    throw error;
  }
  return info;
}

/**
 * Makes sure the database holds the dataset `version`, seeding it from `loadBundle` when it is
 * missing, older or newer, or its stamp does not match its contents. Returns the stored entities.
 */
export async function ensureDataset(
  db: BackstoryDb,
  version: string,
  loadBundle: () => Promise<DatasetBundle>,
): Promise<{ info: DatasetInfo; entities: Entity[] }> {
  const tx = db.transaction(['entities', 'meta'], 'readonly');
  const [info, entities] = await Promise.all([
    tx.objectStore('meta').get('dataset'),
    tx.objectStore('entities').getAll(),
  ]);
  await tx.done;
  if (info && info.version === version && info.entityCount === entities.length && entities.length > 0) {
    return { info, entities };
  }
  const bundle = await loadBundle();
  const seeded = await seedDatabase(db, bundle);
  return { info: seeded, entities: bundle.entities };
}

/**
 * The stored compiled matcher, if any. Whether it fits the dataset is for core/matcher's
 * loadMatcher to say (it checks the dataset version and the format).
 */
export async function readCompiledMatcher(db: BackstoryDb): Promise<StoredMatcher | undefined> {
  return db.get('compiled', 'matcher');
}

/** Keeps a compiled matcher so that a restarted worker loads it instead of compiling. */
export async function writeCompiledMatcher(db: BackstoryDb, stored: StoredMatcher): Promise<void> {
  await db.put('compiled', stored, 'matcher');
}
