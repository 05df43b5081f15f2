// The extension-origin IndexedDB database, through idb. It holds the dataset the matcher is built
// from (the one bundled with the extension, or one the reader imported on the options page), its
// entities as two JSON lists (what the matcher reads, then the cards' fields: MATCHING_LIST and
// CARD_LIST), and the compiled matcher of it. Seeding, importing and
// resetting each replace the data in one transaction stamped with the dataset version, together
// with its compiled matcher, so a reader of the database sees either the old dataset or the new
// one, never half of one.
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
import type { StoredMatcher } from '../engine/matcher/stored';
import { benchStep } from '../shared/bench';
import type { DatasetInfo, DatasetSource } from '../shared/messages';
import {
  CARD_FIELDS,
  type DatasetBundle,
  ENTITY_TYPES,
  type Entity,
  type EntityCardFields,
  type EntityType,
  type MatchingEntity,
} from '../shared/types';

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
   * version) under 'matcher', and the dataset's entities under MATCHING_LIST and CARD_LIST (or,
   * as the version before wrote them, under LEGACY_ENTITY_LIST).
   */
  compiled: {
    key: 'matcher' | typeof MATCHING_LIST | typeof CARD_LIST | typeof LEGACY_ENTITY_LIST;
    value: StoredMatcher | string | string[];
  };
}

/**
 * The stored dataset's entities without their cards' fields (MatchingEntity), as one JSON text. A
 * worker reads them each time it starts, and the reader's first article after the worker stopped
 * waits for them: one string reads several times faster than thousands of records (getAll), and
 * without the cards' fields it is half as long.
 */
export const MATCHING_LIST = 'matching';

/**
 * The cards' fields of every entity (EntityCardFields), in MATCHING_LIST's order, each card its own
 * JSON text: read after the matcher, while the first article's mentions are found and sent, and
 * parsed a card at a time when one is needed (see Cards).
 */
export const CARD_LIST = 'cards';

/** The whole entities as one JSON text: how the version before the two lists stored them. */
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

// ---- Checking what is read back ----------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isBilingual = (v: unknown) => isObject(v) && isString(v.en) && isString(v.ru);
const isStrings = (v: unknown) => Array.isArray(v) && v.every(isString);
const isPerLang = (v: unknown) => isObject(v) && isStrings(v.en) && isStrings(v.ru);
const TYPES: ReadonlySet<unknown> = new Set(ENTITY_TYPES);

/**
 * Whether an entity read back from the database has every field the matcher and the interface read,
 * of the right type. It was validated when it was written; these only catch damage, cheaply (no
 * content rules), because they run on every worker start. This one checks the matcher's fields.
 */
export function matchingIsWhole(e: unknown): e is MatchingEntity {
  return (
    isObject(e) &&
    isString(e.id) &&
    TYPES.has(e.type) &&
    isBilingual(e.name) &&
    isPerLang(e.aliases) &&
    (e.contextAliases === undefined || isPerLang(e.contextAliases)) &&
    (e.context === undefined || isPerLang(e.context)) &&
    Array.isArray(e.timeline) &&
    e.timeline.every((s) => isObject(s) && isString(s.date) && isString(s.kind) && isBilingual(s.label)) &&
    (e.related === undefined || isStrings(e.related)) &&
    (e.event === undefined ||
      (isObject(e.event) &&
        isPerLang(e.event.places) &&
        isPerLang(e.event.cues) &&
        (e.event.participants === undefined || isPerLang(e.event.participants))))
  );
}

/** The same for the cards' fields (with the entity's id). */
export function cardIsWhole(c: unknown): c is EntityCardFields {
  return (
    isObject(c) &&
    isString(c.id) &&
    isBilingual(c.summary) &&
    Array.isArray(c.sources) &&
    c.sources.every((s) => isObject(s) && isString(s.url) && isString(s.title)) &&
    (c.parties === undefined || (Array.isArray(c.parties) && c.parties.every(isBilingual))) &&
    (c.documents === undefined || (Array.isArray(c.documents) && c.documents.every(isBilingual))) &&
    (c.note === undefined || isString(c.note))
  );
}

export const entityIsWhole = (e: unknown): e is Entity => matchingIsWhole(e) && cardIsWhole(e);

const CARD_FIELD_SET: ReadonlySet<string> = new Set(CARD_FIELDS);

/** An entity as the two lists store it: its matcher's fields, and its cards' (with its id). */
export function splitEntity(entity: Entity): [MatchingEntity, EntityCardFields] {
  const matching: Record<string, unknown> = {};
  const card: Record<string, unknown> = { id: entity.id };
  for (const [key, value] of Object.entries(entity)) (CARD_FIELD_SET.has(key) ? card : matching)[key] = value;
  return [matching as MatchingEntity, card as EntityCardFields];
}

/** What MATCHING_LIST and CARD_LIST hold for `entities`. */
function entityLists(entities: readonly Entity[]): { matching: string; cards: string[] } {
  const split = entities.map(splitEntity);
  return {
    matching: JSON.stringify(split.map(([matching]) => matching)),
    cards: split.map(([, card]) => JSON.stringify(card)),
  };
}

/** A card read back damaged: the stored dataset is damaged after all. */
export class DamagedCard extends Error {
  constructor(id: string) {
    super(`the stored card of ${id} is damaged`);
    this.name = 'DamagedCard';
  }
}

/**
 * The cards' fields by entity id. An article needs a few dozen cards of the thousands: read from
 * the database, each is parsed when first asked for, so that parsing them all does not hold up
 * the worker while an article's request waits.
 */
export interface Cards {
  /** The card of `id`; undefined when there is no such entity. Throws DamagedCard. */
  get(id: string): EntityCardFields | undefined;
}

/** The cards of whole entities (the bundle's, an import's). */
export function cardsOf(entities: readonly Entity[]): Cards {
  const byId = new Map(entities.map((entity) => [entity.id, splitEntity(entity)[1]]));
  return { get: (id) => byId.get(id) };
}

/** A whole entity from its two parts. */
export function joinEntity(matching: MatchingEntity, card: EntityCardFields): Entity {
  return { ...matching, ...card };
}

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
  /** Every entity the meta record counts, with the matcher's fields: empty unless `whole`. */
  entities: MatchingEntity[];
  /** The meta record is whole and every entity it counts is there and whole (cards aside). */
  whole: boolean;
  /**
   * The cards' fields, which arrive after the rest: null when they are missing, damaged or do not
   * fit the entities (the dataset is then damaged after all). Never rejects.
   */
  cards: Promise<Cards | null>;
  /** The stored compiled matcher record, unchecked (engine/matcher's loadMatcher checks it). */
  compiled: unknown;
  /**
   * The whole entities, when an older version stored them (one record each, or one list): the
   * lists are then written from them (storeEntityLists).
   */
  legacy?: Entity[];
}

/** The items of a JSON list, or null when it is not one (damaged). */
function parseList(list: unknown): unknown[] | null {
  if (typeof list !== 'string') return null;
  try {
    const items: unknown = JSON.parse(list);
    return Array.isArray(items) ? items : null;
  } catch {
    return null;
  }
}

/**
 * The cards of what CARD_LIST held, when it is one text for each of `entities`; each card is
 * checked when it is parsed (Cards.get).
 */
function storedCards(list: unknown, entities: readonly MatchingEntity[]): Cards | null {
  if (!Array.isArray(list) || list.length !== entities.length || !list.every(isString)) return null;
  const texts: readonly string[] = list;
  const index = new Map(entities.map((entity, at) => [entity.id, at]));
  const parsed = new Map<string, EntityCardFields>();
  return {
    get(id) {
      const known = parsed.get(id);
      if (known) return known;
      const at = index.get(id);
      if (at === undefined) return undefined;
      let card: unknown;
      try {
        card = JSON.parse(texts[at]!);
      } catch {
        throw new DamagedCard(id);
      }
      if (!cardIsWhole(card) || card.id !== id) throw new DamagedCard(id);
      parsed.set(id, card);
      return card;
    },
  };
}

/**
 * Reads the dataset and its compiled matcher in one transaction. Throws when the database fails.
 * The requests go in the order the worker needs their answers: the matcher's entities, parsed as
 * soon as they arrive (while the database reads the rest), the compiled matcher, and last the cards,
 * which the caller awaits only when it needs them.
 */
export async function readDataset(db: BackstoryDb): Promise<StoredDataset> {
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
  const listed = (compiledStore.get(MATCHING_LIST) as Promise<unknown>).then((list) => {
    if (__BENCH__) benchStep('list');
    const entities = parseList(list);
    const whole = entities?.every(matchingIsWhole) === true;
    if (__BENCH__) benchStep('list parsed');
    return { present: list !== undefined, entities: entities ?? [], whole };
  });
  const compiled = stepped('stored matcher', compiledStore.get('matcher') as Promise<unknown>);
  const cardList = compiledStore.get(CARD_LIST) as Promise<unknown>;
  // Only a database written by an older version has these; asking costs little.
  const legacyList = compiledStore.get(LEGACY_ENTITY_LIST) as Promise<unknown>;
  const records = tx.objectStore('entities').count();
  // The cards may still be read when the rest is used; a failure there reaches `cards` (null).
  tx.done.catch(() => undefined);
  const [storedMeta, list, storedMatcher] = await Promise.all([meta, listed, compiled]);
  const metaOk = metaIsWhole(storedMeta);
  const counted = (entities: readonly unknown[]) =>
    metaOk && entities.length > 0 && storedMeta.entityCount === entities.length;
  if (!list.present) {
    // An older version's database: whole entities, in one list or one record each.
    const old = parseList(await legacyList);
    const entities: unknown[] = old ?? ((await records) > 0 ? await db.getAll('entities') : []);
    const whole = counted(entities) && entities.every(entityIsWhole);
    const legacy = whole ? (entities as Entity[]) : undefined;
    return {
      meta: metaOk ? storedMeta : undefined,
      entities: legacy ?? [],
      whole,
      cards: Promise.resolve(legacy ? cardsOf(legacy) : null),
      compiled: storedMatcher,
      legacy,
    };
  }
  const whole = counted(list.entities) && list.whole;
  const entities = whole ? (list.entities as MatchingEntity[]) : [];
  return {
    meta: metaOk ? storedMeta : undefined,
    entities,
    whole,
    cards: whole
      ? cardList.then(
          (cards) => storedCards(cards, entities),
          () => null,
        )
      : Promise.resolve(null),
    compiled: storedMatcher,
  };
}

/** The stored dataset's whole entities: waits for its cards; null when they are damaged. */
export async function wholeEntities(stored: StoredDataset): Promise<Entity[] | null> {
  if (stored.legacy) return stored.legacy;
  const cards = await stored.cards;
  if (!stored.whole || cards === null) return null;
  try {
    return stored.entities.map((entity) => joinEntity(entity, cards.get(entity.id)!));
  } catch {
    return null; // a damaged card
  }
}

/**
 * Writes whole entities an older version stored (StoredDataset.legacy) as the two lists, in one
 * transaction: the next worker start reads them the fast way, and an imported dataset is kept.
 */
export async function storeEntityLists(db: BackstoryDb, entities: readonly Entity[]): Promise<void> {
  const { matching, cards } = entityLists(entities);
  const tx = db.transaction(['entities', 'compiled'], 'readwrite');
  const store = tx.objectStore('compiled');
  await Promise.all([
    store.put(matching, MATCHING_LIST),
    store.put(cards, CARD_LIST),
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
  const lists = entityLists(bundle.entities);
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
    track(matchers.put(lists.matching, MATCHING_LIST));
    track(matchers.put(lists.cards, CARD_LIST));
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
  /** Its entities, with the matcher's fields (whole entities, when the bundle was seeded). */
  entities: MatchingEntity[];
  /** Their cards' fields; null when the database's turn out damaged (see StoredDataset.cards). */
  cards: Promise<Cards | null>;
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
 * The cards' fields are not waited for (Ensured.cards): a caller that finds them damaged calls
 * again with `cardsDamaged`, and the dataset is then treated as damaged.
 */
export async function ensureDataset<M>(
  db: BackstoryDb,
  version: string,
  loadBundle: () => Promise<DatasetBundle>,
  prepare?: Prepare<M>,
  { cardsDamaged = false }: { cardsDamaged?: boolean } = {},
): Promise<Ensured<M>> {
  const stored = await readDataset(db);
  const { meta, entities, compiled, legacy, cards } = stored;
  const whole = stored.whole && !cardsDamaged;
  if (whole && legacy)
    await storeEntityLists(db, legacy).catch((error: unknown) =>
      console.warn('[Backstory] could not store the entities as two lists; read the old way again:', error),
    );
  let replacedImport: Ensured<M>['replacedImport'];
  if (meta?.source === 'imported') {
    const { checkedWith, ...info } = meta;
    if (whole && checkedWith === version) return { info, entities, cards, compiled };
    const all = whole ? await wholeEntities(stored) : null;
    if (all) {
      const { errors } = parseBundle({
        format: BUNDLE_FORMAT,
        version: info.version,
        date: info.date,
        entities: all,
      });
      if (errors.length === 0) {
        await db.put('meta', { ...meta, checkedWith: version }, 'dataset');
        return { info, entities, cards, compiled };
      }
      console.warn(
        "[Backstory] the imported dataset does not pass this version's checks; using the bundled one:",
        errors.slice(0, 3),
      );
    } else console.warn('[Backstory] the imported dataset is damaged; using the bundled one');
    replacedImport = { version: info.version, date: info.date };
  } else if (whole && meta?.source === 'bundled' && meta.version === version) {
    const { checkedWith: _none, ...info } = meta;
    return { info, entities, cards, compiled };
  }
  const bundle = await loadBundle();
  const prepared = prepare?.(bundle);
  const info = await seedDatabase(db, bundle, { compiled: prepared?.stored });
  return {
    info,
    entities: bundle.entities,
    cards: Promise.resolve(cardsOf(bundle.entities)),
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
  return typeof stored === 'object' && !Array.isArray(stored) ? stored : undefined;
}

/** Keeps a compiled matcher so that a restarted worker loads it instead of compiling. */
export async function writeCompiledMatcher(db: BackstoryDb, stored: StoredMatcher): Promise<void> {
  await db.put('compiled', stored, 'matcher');
}
