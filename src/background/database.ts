// The extension-origin IndexedDB database, through idb. It holds the dataset the matcher is built
// from: the one bundled with the extension, or one the reader imported on the options page.
// Seeding, importing and resetting each replace the data in one transaction stamped with the
// dataset version, so a reader of the database sees either the old dataset or the new one, never
// half of one.
//
// What replaces an imported dataset: only the reader (a reset or another import), a schema change
// (DB_SCHEMA_VERSION), or an unreadable database. An extension update keeps it: the reader chose
// it on purpose, and the options page tells them when the extension ships a different dataset. The
// update does check it again with the new build's rules, though, and falls back to the bundled
// dataset when those rules refuse it (the new code may not understand it).

import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { BUNDLE_FORMAT, parseBundle } from '../dataset/dataset';
import type { StoredMatcher } from '../engine/matcher/stored';
import type { DatasetInfo, DatasetSource } from '../shared/messages';
import type { DatasetBundle, Entity, EntityType } from '../shared/types';

export const DB_NAME = 'backstory';
/** Bump when the stores change shape; an older database is then rebuilt from the bundle. */
export const DB_SCHEMA_VERSION = 3;

/** The meta record: what the reader sees, plus which bundled dataset an import was last checked with. */
export interface StoredDatasetInfo extends DatasetInfo {
  /** For an imported dataset: the bundled version of the build that last validated it. */
  checkedWith?: string;
}

interface BackstorySchema extends DBSchema {
  entities: { key: string; value: Entity };
  meta: { key: 'dataset'; value: StoredDatasetInfo };
  /** The compiled matcher of the stored dataset (engine/matcher's StoredMatcher, stamped with its version). */
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
  const stored = await db.get('meta', 'dataset');
  if (!stored) return undefined;
  const { checkedWith: _internal, ...info } = stored;
  return info;
}

function countByType(entities: Entity[]): Record<EntityType, number> {
  const counts: Record<EntityType, number> = { treaty: 0, event: 0, organization: 0 };
  for (const entity of entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
  return counts;
}

export interface SeedOptions {
  /** 'bundled' unless the reader imported the bundle. */
  source?: DatasetSource;
  /** For an import: the bundled version of this build (see StoredDatasetInfo.checkedWith). */
  checkedWith?: string;
  now?: Date;
}

/**
 * Replaces the stored dataset with `bundle` in a single transaction, and drops the compiled matcher
 * of the previous one in the same transaction. On any failure the previous dataset stays whole.
 */
export async function seedDatabase(
  db: BackstoryDb,
  bundle: DatasetBundle,
  { source = 'bundled', checkedWith, now = new Date() }: SeedOptions = {},
): Promise<DatasetInfo> {
  const info: DatasetInfo = {
    version: bundle.version,
    date: bundle.date,
    entityCount: bundle.entities.length,
    counts: countByType(bundle.entities),
    source,
    seededAt: now.toISOString(),
  };
  const stored: StoredDatasetInfo = checkedWith === undefined ? info : { ...info, checkedWith };
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
    track(tx.objectStore('meta').put(stored, 'dataset'));
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

/** Most problems an import reply lists; a file that is wrong everywhere would give thousands. */
export const MAX_REPORTED_PROBLEMS = 100;

export type ImportResult =
  | { ok: true; info: DatasetInfo; entities: Entity[] }
  | { ok: false; problems: string[] };

/**
 * Validates `raw` (the parsed JSON of a compiled dataset file) and, when it is valid, replaces the
 * stored dataset with it in one transaction. When it is not, nothing in the database changes and
 * the problems come back, one line each. `bundledVersion` is the dataset inside this build.
 */
export async function importDataset(
  db: BackstoryDb,
  raw: unknown,
  bundledVersion: string,
  now = new Date(),
): Promise<ImportResult> {
  const { bundle, errors } = parseBundle(raw);
  if (!bundle) {
    const problems =
      errors.length > MAX_REPORTED_PROBLEMS
        ? [
            ...errors.slice(0, MAX_REPORTED_PROBLEMS),
            `... and ${errors.length - MAX_REPORTED_PROBLEMS} more problems`,
          ]
        : errors;
    return { ok: false, problems: problems.length > 0 ? problems : ['the file is not a dataset'] };
  }
  const info = await seedDatabase(db, bundle, { source: 'imported', checkedWith: bundledVersion, now });
  return { ok: true, info, entities: bundle.entities };
}

/** Goes back to the bundled dataset, whatever the database holds. */
export async function resetDataset(
  db: BackstoryDb,
  loadBundle: () => Promise<DatasetBundle>,
  now = new Date(),
): Promise<{ info: DatasetInfo; entities: Entity[] }> {
  const bundle = await loadBundle();
  const info = await seedDatabase(db, bundle, { now });
  return { info, entities: bundle.entities };
}

/**
 * Makes sure the database holds a usable dataset, and returns it. The bundled dataset `version` is
 * (re)seeded from `loadBundle` when the database is empty, holds another bundled version, or its
 * stamp does not match its contents. An imported dataset is kept, across worker restarts and
 * extension updates alike; after an update (a new bundled `version`) it is validated again once,
 * and replaced by the bundled dataset if this build refuses it.
 */
export async function ensureDataset(
  db: BackstoryDb,
  version: string,
  loadBundle: () => Promise<DatasetBundle>,
): Promise<{ info: DatasetInfo; entities: Entity[] }> {
  const tx = db.transaction(['entities', 'meta'], 'readonly');
  const [stored, entities] = await Promise.all([
    tx.objectStore('meta').get('dataset'),
    tx.objectStore('entities').getAll(),
  ]);
  await tx.done;
  const whole = stored !== undefined && stored.entityCount === entities.length && entities.length > 0;
  if (whole && stored.source === 'imported') {
    const { checkedWith, ...info } = stored;
    if (checkedWith === version) return { info, entities };
    const { errors } = parseBundle({
      format: BUNDLE_FORMAT,
      version: info.version,
      date: info.date,
      entities,
    });
    if (errors.length === 0) {
      await db.put('meta', { ...stored, checkedWith: version }, 'dataset');
      return { info, entities };
    }
    console.warn(
      "[Backstory] the imported dataset does not pass this version's checks; using the bundled one:",
      errors.slice(0, 3),
    );
  } else if (whole && stored.source === 'bundled' && stored.version === version) {
    return { info: stored, entities };
  }
  const bundle = await loadBundle();
  const seeded = await seedDatabase(db, bundle);
  return { info: seeded, entities: bundle.entities };
}

/**
 * The stored compiled matcher, if any. Whether it fits the dataset is for engine/matcher's
 * loadMatcher to say (it checks the dataset version and the format).
 */
export async function readCompiledMatcher(db: BackstoryDb): Promise<StoredMatcher | undefined> {
  return db.get('compiled', 'matcher');
}

/** Keeps a compiled matcher so that a restarted worker loads it instead of compiling. */
export async function writeCompiledMatcher(db: BackstoryDb, stored: StoredMatcher): Promise<void> {
  await db.put('compiled', stored, 'matcher');
}
