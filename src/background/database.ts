// The extension-origin IndexedDB database, through idb. It holds the dataset the matcher is built
// from (the one bundled with the extension, or one the reader imported on the options page), its
// entities in the form a starting worker reads fastest (stored-entities.ts: OUTLINE_LIST,
// MATCHING_LIST and a record of card fields per entity), and the compiled matcher of it. Seeding,
// importing and resetting each replace the data in one transaction stamped with the dataset
// version, together with its compiled matcher, so a reader of the database sees either the old
// dataset or the new one, never half of one.
//
// The database is a cache of data that can be rebuilt, never the only copy of anything the reader
// needs: a database that cannot be opened, lacks a store, or gives back damaged records is rebuilt
// from the bundle (service.ts decides when, and serves the bundle from memory when even that fails).
// So everything read back is checked before it is used.
//
// What replaces an imported dataset: only the reader (a reset, a repair or another import), a schema
// change (DB_SCHEMA_VERSION), or a database that cannot be read. An extension update keeps it: the
// reader chose it on purpose, and the options page tells them when the extension ships a different
// dataset. The update does check it again with the new build's rules, though, and falls back to the
// bundled dataset when those rules refuse it (the new code may not understand it).

import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { BUNDLE_FORMAT, parseBundle } from '../dataset/dataset';
import { type EntitySet, entitySet } from '../engine/matcher/compile';
import type { StoredMatcher } from '../engine/matcher/stored';
import { benchStep } from '../shared/bench';
import type { DatasetInfo, DatasetSource } from '../shared/messages';
import type { DatasetBundle, Entity, EntityCardFields, EntityOutline, EntityType } from '../shared/types';
import {
  type CardsReader,
  cardKey,
  cardsAtHand,
  cardsOf,
  entityIsWhole,
  entityTexts,
  isBytes,
  isObject,
  isString,
  joinEntity,
  listedCards,
  outlineIsWhole,
  parseList,
  pendingEntitySet,
  recordedCards,
} from './stored-entities';

export const DB_NAME = 'backstory';
/** Bump when the stores change shape; an older database is then rebuilt from the bundle. */
export const DB_SCHEMA_VERSION = 3;
const STORES = ['entities', 'meta', 'compiled'] as const;

/**
 * How long opening or deleting the database may take. IndexedDB waits without end for a connection
 * that does not close (and a broken backing store can stall); past this the database counts as
 * unusable and the bundled dataset serves from memory.
 */
export const DB_TIMEOUT_MS = 5_000;

/** The meta record: what the reader sees, plus which bundled dataset an import was last checked with. */
export interface StoredDatasetInfo extends DatasetInfo {
  /** For an imported dataset: the bundled version of the build that last validated it. */
  checkedWith?: string;
}

interface BackstorySchema extends DBSchema {
  /**
   * One record per entity: how versions up to 0.1.0 stored the dataset. Read once to move an
   * imported dataset into the lists, then emptied; kept so that the schema, and with it an
   * imported dataset, does not change.
   */
  entities: { key: string; value: Entity };
  meta: { key: 'dataset'; value: StoredDatasetInfo };
  /**
   * The compiled matcher of the stored dataset (engine/matcher's StoredMatcher, stamped with its
   * version) under 'matcher', and the dataset's entities under OUTLINE_LIST, MATCHING_LIST and a
   * card record each (stored-entities.ts cardKey); or, as earlier versions wrote them, under
   * CARD_LIST or LEGACY_ENTITY_LIST.
   */
  compiled: {
    key:
      | 'matcher'
      | typeof OUTLINE_LIST
      | typeof MATCHING_LIST
      | typeof CARD_LIST
      | typeof LEGACY_ENTITY_LIST
      | `card/${string}`;
    value: StoredMatcher | string | Uint8Array | EntityCardFields;
  };
}

/**
 * The outlines of all entities, one JSON text (stored-entities.ts EntityTexts.outlines). The worker
 * reads the entities each time it starts, and the reader's first article after the worker stopped
 * waits for them: one text reads several times faster than thousands of records (getAll), and only
 * the outlines are parsed before the first article is answered.
 */
export const OUTLINE_LIST = 'outlines';

/**
 * Each entity's matcher fields, one JSON text per line in UTF-8 (EntityTexts.matching), parsed when
 * needed.
 * Read after the compiled matcher, which is loaded against the outlines' ids meanwhile.
 */
export const MATCHING_LIST = 'matching';

/**
 * Every entity's card fields, one JSON text per line in UTF-8: how the previous version stored them.
 * Read once to move them into a record each (stored-entities.ts cardKey).
 */
export const CARD_LIST = 'cards';

/** The whole entities as one JSON text: how an earlier version stored them. */
export const LEGACY_ENTITY_LIST = 'entities';

export type BackstoryDb = IDBPDatabase<BackstorySchema>;

/** The database cannot be used: it could not be opened or rebuilt in time. */
export class DatabaseUnavailable extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseUnavailable';
  }
}

/** Settles like `promise`, or rejects after `ms`; `late` gets a value that arrives after that. */
function within<T>(promise: Promise<T>, ms: number, what: string, late?: (value: T) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new DatabaseUnavailable(`${what} took more than ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        if (!done) {
          clearTimeout(timer);
          resolve(value);
        } else late?.(value);
      },
      (error) => {
        if (!done) {
          clearTimeout(timer);
          reject(error);
        }
      },
    );
  });
}

/** Opens the database and checks it has every store; throws when it cannot or has not. */
async function openChecked(timeoutMs: number): Promise<BackstoryDb> {
  let db: BackstoryDb | undefined;
  const opening = openDB<BackstorySchema>(DB_NAME, DB_SCHEMA_VERSION, {
    upgrade(upgrading) {
      // No migration of old data is needed: the dataset is re-seeded from the bundle.
      for (const name of Array.from(upgrading.objectStoreNames)) upgrading.deleteObjectStore(name);
      upgrading.createObjectStore('entities', { keyPath: 'id' });
      upgrading.createObjectStore('meta');
      upgrading.createObjectStore('compiled');
    },
    // Another connection wants to delete or upgrade the database (a repair): let it.
    blocking: () => db?.close(),
  });
  db = await within(opening, timeoutMs, 'opening the database', (late) => late.close());
  const missing = STORES.filter((store) => !db!.objectStoreNames.contains(store));
  if (missing.length > 0) {
    db.close();
    throw new Error(`the database has no ${missing.join(', ')} store`);
  }
  return db;
}

/** Deletes the database, whatever state it is in. */
export async function deleteDatabase(timeoutMs = DB_TIMEOUT_MS): Promise<void> {
  await within(deleteDB(DB_NAME), timeoutMs, 'deleting the database');
}

/**
 * Opens the database. One that cannot be opened (corrupt, written by a newer version of Backstory,
 * or missing a store) is deleted and created again: its only content is the re-creatable dataset.
 * Throws DatabaseUnavailable when that fails too.
 */
export async function openDatabase(timeoutMs = DB_TIMEOUT_MS): Promise<BackstoryDb> {
  try {
    return await openChecked(timeoutMs);
  } catch (error) {
    console.warn('[Backstory] the database cannot be opened; rebuilding it:', error);
    try {
      await deleteDatabase(timeoutMs);
      return await openChecked(timeoutMs);
    } catch (again) {
      throw new DatabaseUnavailable(
        `the database cannot be used: ${again instanceof Error ? again.message : String(again)}`,
        again,
      );
    }
  }
}

// ---- Reading ------------------------------------------------------------------------------------

function metaIsWhole(m: unknown): m is StoredDatasetInfo {
  return (
    isObject(m) &&
    isString(m.version) &&
    isString(m.date) &&
    typeof m.entityCount === 'number' &&
    isObject(m.counts) &&
    (m.source === 'bundled' || m.source === 'imported') &&
    isString(m.seededAt) &&
    (m.checkedWith === undefined || isString(m.checkedWith))
  );
}

/** What the database holds, as read in one transaction. */
export interface StoredDataset {
  /** The meta record, when it is whole. */
  meta?: StoredDatasetInfo;
  /**
   * Every entity the meta record counts, each read when first asked for: an empty set unless
   * `whole`. Its ids are there at once, its entities once `entitiesRead` is true; reading one may
   * throw DamagedEntity.
   */
  entities: EntitySet;
  /**
   * Whether the entities' own texts arrived and fit the outlines (false: damaged). They are read
   * after the compiled matcher, which needs only the ids. Never rejects.
   */
  entitiesRead: Promise<boolean>;
  /** The meta record is whole, and the outlines of every entity it counts are there and whole. */
  whole: boolean;
  /** The cards' fields, each read when first asked for (see readDataset). */
  cards: CardsReader;
  /** The stored compiled matcher record, unchecked (engine/matcher's loadMatcher checks it). */
  compiled: unknown;
  /** The whole entities, when an earlier version stored them (one record each, or one list). */
  legacy?: Entity[];
  /**
   * An earlier version wrote the dataset (LEGACY_ENTITY_LIST, entity records, or CARD_LIST): the
   * current form is then written from the whole entities (storeEntityTexts).
   */
  olderForm?: boolean;
}

const NO_ENTITIES: EntitySet = entitySet([]);
const NO_CARDS = cardsAtHand({ get: () => undefined });

/**
 * Reads the dataset and its compiled matcher in one transaction. Throws when the database fails.
 * The requests go in the order the worker needs their answers: the outlines, parsed as soon as they
 * arrive (while the database reads the rest), the compiled matcher, and the entities' texts (which
 * the worker waits for only after loading the matcher against the outlines' ids).
 *
 * The cards are not read here but those of an article's entities when it asks, on a connection of
 * their own (`reopen`): right after a browser start Chromium delivers an article's request to the
 * worker only once the worker's reads are done, and the mentions, which that request waits for, do
 * not need the cards.
 */
export async function readDataset(
  db: BackstoryDb,
  reopen: () => Promise<BackstoryDb> = () => openDatabase(),
): Promise<StoredDataset> {
  const tx = db.transaction(['entities', 'meta', 'compiled'], 'readonly');
  const stepped = <T>(name: string, request: Promise<T>) =>
    __BENCH__
      ? request.then((value) => {
          benchStep(name);
          return value;
        })
      : request;
  const compiledStore = tx.objectStore('compiled');
  const meta = stepped('meta', tx.objectStore('meta').get('dataset') as Promise<unknown>);
  const outlined = (compiledStore.get(OUTLINE_LIST) as Promise<unknown>).then((list) => {
    if (__BENCH__) benchStep('outlines');
    const outlines = parseList(list);
    const whole = outlines?.every(outlineIsWhole) === true;
    if (__BENCH__) benchStep('outlines parsed');
    return { present: list !== undefined, outlines: (outlines ?? []) as EntityOutline[], whole };
  });
  // Only a database the previous version wrote has it (read once, then moved into records); asking
  // for a key that is not there costs little, and is answered before the matcher.
  const cardList = compiledStore.get(CARD_LIST) as Promise<unknown>;
  const compiled = stepped('stored matcher', compiledStore.get('matcher') as Promise<unknown>);
  const matchingTexts = stepped('texts', compiledStore.get(MATCHING_LIST) as Promise<unknown>);
  // Only a database written by an earlier version has these; asking costs little.
  const legacyList = compiledStore.get(LEGACY_ENTITY_LIST) as Promise<unknown>;
  const records = tx.objectStore('entities').count();
  // Which of these are awaited depends on what the database holds, and the texts may still be read
  // when the rest is used: a failure of any of them is handled where it is awaited (`entitiesRead`
  // false, `cards` null), and the others are let go.
  for (const request of [tx.done, matchingTexts, cardList, legacyList, records])
    request.catch(() => undefined);
  const [storedMeta, outlineRead, storedMatcher] = await Promise.all([meta, outlined, compiled]);
  const metaOk = metaIsWhole(storedMeta);
  const counted = (entities: readonly unknown[]) =>
    metaOk && entities.length > 0 && storedMeta.entityCount === entities.length;
  if (!outlineRead.present) {
    // An earlier version's database: whole entities, in one list or one record each.
    const old = parseList(await legacyList);
    const entities: unknown[] = old ?? ((await records) > 0 ? await db.getAll('entities') : []);
    const whole = counted(entities) && entities.every(entityIsWhole);
    const legacy = whole ? (entities as Entity[]) : undefined;
    return {
      meta: metaOk ? storedMeta : undefined,
      entities: legacy ? entitySet(legacy) : NO_ENTITIES,
      entitiesRead: Promise.resolve(legacy !== undefined),
      whole,
      cards: legacy ? cardsAtHand(cardsOf(legacy)) : NO_CARDS,
      compiled: storedMatcher,
      legacy,
      olderForm: true,
    };
  }
  const { outlines } = outlineRead;
  const whole = counted(outlines) && outlineRead.whole;
  if (!whole) {
    return {
      meta: metaOk ? storedMeta : undefined,
      entities: NO_ENTITIES,
      entitiesRead: Promise.resolve(false),
      whole,
      cards: NO_CARDS,
      compiled: storedMatcher,
    };
  }
  const pending = pendingEntitySet(outlines);
  const entitiesRead = matchingTexts.then(
    (texts) => pending.attach(texts),
    () => false,
  );
  const wholeMeta = storedMeta as StoredDatasetInfo; // whole: its meta is (see counted)
  const list = await cardList.catch(() => undefined);
  if (list !== undefined) {
    // The previous version's form: the cards in one list, moved into records by ensureDataset.
    const listed = listedCards(outlines, list);
    return {
      meta: wholeMeta,
      entities: pending.entities,
      entitiesRead,
      whole: listed !== null,
      cards: listed ? cardsAtHand(listed) : NO_CARDS,
      compiled: storedMatcher,
      olderForm: true,
    };
  }
  return {
    meta: wholeMeta,
    entities: pending.entities,
    entitiesRead,
    whole,
    cards: cardsReadWhenAsked(reopen, new Set(outlines.map((o) => o.id)), wholeMeta),
    compiled: storedMatcher,
  };
}

let cardRange: IDBKeyRange | undefined;
/** The keys of every card record (stored-entities.ts cardKey); made on first use, by IndexedDB. */
export const cardRecords = () => (cardRange ??= IDBKeyRange.bound(cardKey(''), cardKey('\uffff')));
/** More cards than an article ever asks for: read all of them at once. */
const MANY_CARDS = 200;

/**
 * Reads the card records of the dataset `meta` describes as they are asked for, each once, in a
 * transaction that also reads the meta record again: a dataset replaced meanwhile (an import, a
 * reset) has cards of its own, and null is answered for the one read before. `ids` are the ids the
 * dataset has (a card asked for that it has no record of is damage).
 */
function cardsReadWhenAsked(
  reopen: () => Promise<BackstoryDb>,
  ids: ReadonlySet<string>,
  meta: StoredDatasetInfo,
): CardsReader {
  const read = new Map<string, unknown>();
  const cards = recordedCards(read);
  return async (wanted) => {
    const missing = [...new Set(wanted)].filter((id) => ids.has(id) && !read.has(id));
    if (missing.length === 0) return cards;
    if (__BENCH__) benchStep('cards asked');
    const db = await reopen();
    if (__BENCH__) benchStep('cards opened');
    try {
      const tx = db.transaction(['meta', 'compiled'], 'readonly');
      const store = tx.objectStore('compiled');
      const now = tx.objectStore('meta').get('dataset') as Promise<unknown>;
      // An article's few dozen by key; many more (all of them, to keep) in one request.
      const records = await (missing.length <= MANY_CARDS
        ? Promise.all(missing.map((id) => store.get(cardKey(id)) as Promise<unknown>))
        : (store.getAll(cardRecords()) as Promise<unknown[]>).then((all) => {
            const byId = new Map(all.map((card) => [(card as { id?: unknown } | null)?.id, card]));
            return missing.map((id) => byId.get(id));
          }));
      const then = await now;
      if (__BENCH__) benchStep('cards');
      if (!metaIsWhole(then) || then.seededAt !== meta.seededAt || then.version !== meta.version) return null;
      missing.forEach((id, k) => {
        read.set(id, records[k]);
      });
      return cards;
    } finally {
      db.close();
    }
  };
}

/**
 * The stored dataset's whole entities: reads every entity and waits for the cards; null when any
 * of them is damaged.
 */
export async function wholeEntities(stored: StoredDataset): Promise<Entity[] | null> {
  if (stored.legacy) return stored.legacy;
  if (!stored.whole || !(await stored.entitiesRead)) return null;
  const cards = await stored.cards(stored.entities.outlines.map((o) => o.id)).catch(() => null);
  if (cards === null) return null;
  try {
    return [...stored.entities.byId.values()].map((entity) => joinEntity(entity, cards.get(entity.id)!));
  } catch {
    return null; // a damaged entity or card
  }
}

/** Writes `entities` in the current form (EntityTexts) in one transaction, dropping older forms. */
export async function storeEntityTexts(db: BackstoryDb, entities: readonly Entity[]): Promise<void> {
  const texts = entityTexts(entities);
  const tx = db.transaction(['entities', 'compiled'], 'readwrite');
  const store = tx.objectStore('compiled');
  await Promise.all([
    store.put(texts.outlines, OUTLINE_LIST),
    store.put(texts.matching, MATCHING_LIST),
    ...texts.cards.map((card) => store.put(card, cardKey(card.id))),
    store.delete(CARD_LIST),
    store.delete(LEGACY_ENTITY_LIST),
    tx.objectStore('entities').clear(),
    tx.done,
  ]);
}

export async function readDatasetInfo(db: BackstoryDb): Promise<DatasetInfo | undefined> {
  const stored = await db.get('meta', 'dataset');
  if (!metaIsWhole(stored)) return undefined;
  const { checkedWith: _internal, ...info } = stored;
  return info;
}

function countByType(entities: Entity[]): Record<EntityType, number> {
  const counts: Record<EntityType, number> = { treaty: 0, event: 0, organization: 0 };
  for (const entity of entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
  return counts;
}

// ---- Writing -----------------------------------------------------------------------------------

export interface SeedOptions {
  /** 'bundled' unless the reader imported the bundle. */
  source?: DatasetSource;
  /** For an import: the bundled version of this build (see StoredDatasetInfo.checkedWith). */
  checkedWith?: string;
  /** The bundle's compiled matcher, stored in the same transaction (none: the store is emptied). */
  compiled?: StoredMatcher;
  now?: Date;
}

/**
 * Replaces the stored dataset with `bundle` in a single transaction, with its compiled matcher or
 * without the previous one's. On any failure the previous dataset stays whole.
 */
export async function seedDatabase(
  db: BackstoryDb,
  bundle: DatasetBundle,
  { source = 'bundled', checkedWith, compiled, now = new Date() }: SeedOptions = {},
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
  // Before the transaction: an entity that cannot be written as JSON changes nothing.
  const texts = entityTexts(bundle.entities);
  const tx = db.transaction(['entities', 'meta', 'compiled'], 'readwrite');
  // Every request's promise rejects when the transaction aborts; track them all so none goes unhandled.
  const pending: Promise<unknown>[] = [];
  const track = (request: Promise<unknown>) => {
    request.catch(() => undefined);
    pending.push(request);
  };
  track(tx.done);
  try {
    track(tx.objectStore('entities').clear()); // an older version's records
    const matchers = tx.objectStore('compiled');
    track(matchers.clear()); // compiled from the old dataset
    // A value that cannot be stored makes put() throw synchronously without aborting the
    // transaction by itself, so the clear() before it would commit: abort explicitly to keep the
    // previous dataset.
    if (compiled) track(matchers.put(compiled, 'matcher'));
    track(matchers.put(texts.outlines, OUTLINE_LIST));
    track(matchers.put(texts.matching, MATCHING_LIST));
    for (const card of texts.cards) track(matchers.put(card, cardKey(card.id)));
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

/**
 * Compiles a valid bundle into its matcher, in memory, before anything is stored: `stored` goes into
 * the same transaction as the entities. Throws when the bundle cannot be compiled or stored.
 */
export type Prepare<M> = (bundle: DatasetBundle) => { matcher: M; stored: StoredMatcher };

export type ImportResult<M> =
  | { ok: true; info: DatasetInfo; entities: Entity[]; matcher?: M }
  | { ok: false; problems: string[] };

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_REPORTED_PROBLEMS),
    `... and ${problems.length - MAX_REPORTED_PROBLEMS} more problems`,
  ];
}

/**
 * Validates `raw` (the parsed JSON of a compiled dataset file), compiles it with `prepare` and only
 * then, when both succeed, replaces the stored dataset with it in one transaction. Otherwise nothing
 * in the database changes and the problems come back, one line each. `bundledVersion` is the
 * dataset inside this build.
 */
export async function importDataset<M>(
  db: BackstoryDb,
  raw: unknown,
  bundledVersion: string,
  now = new Date(),
  prepare?: Prepare<M>,
): Promise<ImportResult<M>> {
  const { bundle, errors } = parseBundle(raw);
  if (!bundle)
    return { ok: false, problems: errors.length > 0 ? capped(errors) : ['the file is not a dataset'] };
  let prepared: ReturnType<Prepare<M>> | undefined;
  try {
    prepared = prepare?.(bundle);
  } catch (error) {
    return {
      ok: false,
      problems: [`dataset bundle: Backstory could not build its matcher from this file (${String(error)})`],
    };
  }
  const info = await seedDatabase(db, bundle, {
    source: 'imported',
    checkedWith: bundledVersion,
    compiled: prepared?.stored,
    now,
  });
  return { ok: true, info, entities: bundle.entities, matcher: prepared?.matcher };
}

/** Goes back to the bundled dataset, whatever the database holds. */
export async function resetDataset<M>(
  db: BackstoryDb,
  loadBundle: () => Promise<DatasetBundle>,
  now = new Date(),
  prepare?: Prepare<M>,
): Promise<{ info: DatasetInfo; entities: Entity[]; matcher?: M }> {
  const bundle = await loadBundle();
  const prepared = prepare?.(bundle);
  const info = await seedDatabase(db, bundle, { now, compiled: prepared?.stored });
  return { info, entities: bundle.entities, matcher: prepared?.matcher };
}

export interface Ensured<M> {
  info: DatasetInfo;
  /** Its entities, read when first asked for (see StoredDataset.entities). */
  entities: EntitySet;
  /** Whether the entities' texts arrived whole (see StoredDataset.entitiesRead). */
  entitiesRead: Promise<boolean>;
  /** Their cards' fields; null when the database's turn out damaged (see StoredDataset.cards). */
  cards: CardsReader;
  /** The stored compiled matcher record when the dataset was read back (unchecked). */
  compiled?: unknown;
  /** The matcher `prepare` built when the bundled dataset was seeded. */
  matcher?: M;
  /** An imported dataset that the bundled one replaced: damaged, or refused by this build's rules. */
  replacedImport?: { version?: string; date?: string };
}

/**
 * Makes sure the database holds a usable dataset, and returns it. The bundled dataset `version` is
 * (re)seeded from `loadBundle` when the database is empty, holds another bundled version, or its
 * records are damaged or do not match its stamp. An imported dataset is kept, across worker
 * restarts and extension updates alike; after an update (a new bundled `version`) it is validated
 * again once, and replaced by the bundled dataset if this build refuses it. Throws when the
 * database fails (service.ts then rebuilds it).
 *
 * Neither the cards nor the entities themselves are read here (only their outlines): a caller that
 * finds one of them damaged (DamagedEntity) calls again with `damaged`, and the dataset is then
 * treated as damaged.
 */
export async function ensureDataset<M>(
  db: BackstoryDb,
  version: string,
  loadBundle: () => Promise<DatasetBundle>,
  prepare?: Prepare<M>,
  { damaged = false, reopen }: { damaged?: boolean; reopen?: () => Promise<BackstoryDb> } = {},
): Promise<Ensured<M>> {
  const stored = await readDataset(db, reopen);
  const { meta, entities, entitiesRead, compiled, cards } = stored;
  const whole = stored.whole && !damaged;
  const moved = whole && stored.olderForm ? await wholeEntities(stored) : null;
  if (moved)
    await storeEntityTexts(db, moved).catch((error: unknown) =>
      console.warn(
        '[Backstory] could not store the entities in the current form; read the old way again:',
        error,
      ),
    );
  let replacedImport: Ensured<M>['replacedImport'];
  if (meta?.source === 'imported') {
    const { checkedWith, ...info } = meta;
    if (whole && checkedWith === version) return { info, entities, entitiesRead, cards, compiled };
    const all = whole ? (moved ?? (await wholeEntities(stored))) : null;
    if (all) {
      const { errors } = parseBundle({
        format: BUNDLE_FORMAT,
        version: info.version,
        date: info.date,
        entities: all,
      });
      if (errors.length === 0) {
        await db.put('meta', { ...meta, checkedWith: version }, 'dataset');
        return { info, entities, entitiesRead, cards, compiled };
      }
      console.warn(
        "[Backstory] the imported dataset does not pass this version's checks; using the bundled one:",
        errors.slice(0, 3),
      );
    } else console.warn('[Backstory] the imported dataset is damaged; using the bundled one');
    replacedImport = { version: info.version, date: info.date };
  } else if (whole && meta?.source === 'bundled' && meta.version === version) {
    const { checkedWith: _none, ...info } = meta;
    return { info, entities, entitiesRead, cards, compiled };
  }
  const bundle = await loadBundle();
  const prepared = prepare?.(bundle);
  const info = await seedDatabase(db, bundle, { compiled: prepared?.stored });
  return {
    info,
    entities: entitySet(bundle.entities),
    entitiesRead: Promise.resolve(true),
    cards: cardsAtHand(cardsOf(bundle.entities)),
    matcher: prepared?.matcher,
    replacedImport,
  };
}

/**
 * The stored compiled matcher, if any. Whether it fits the dataset is for engine/matcher's
 * loadMatcher to say (it checks the dataset version, the format and the data).
 */
export async function readCompiledMatcher(db: BackstoryDb): Promise<StoredMatcher | undefined> {
  const stored = await db.get('compiled', 'matcher');
  return typeof stored === 'object' && !isBytes(stored) ? (stored as StoredMatcher) : undefined;
}

/** Keeps a compiled matcher so that a restarted worker loads it instead of compiling. */
export async function writeCompiledMatcher(db: BackstoryDb, stored: StoredMatcher): Promise<void> {
  await db.put('compiled', stored, 'matcher');
}
