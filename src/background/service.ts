// What the background does, apart from the browser's events: keeps the dataset and its compiled
// matcher in memory and answers the typed requests of shared/messages.ts. index.ts wires it to the
// extension API; the unit tests drive it against fake-indexeddb with the same requests.
//
// The bundled dataset always serves. The database is tried first (it holds an imported dataset and
// the compiled matcher, which loads several times faster than compiling); when it fails it is
// deleted and built again; when that fails too, the bundled dataset is compiled in memory and
// serves until a later worker start or the options page's Repair finds a usable database.
//
// Nothing is reported as unchanged after it was committed: an import is validated and compiled in
// memory first, and stored with its compiled matcher in one transaction.

import { BUNDLE_FORMAT, parseBundle } from '../dataset/dataset';
import { annotateText } from '../engine/annotate';
import { type ArticleDetails, articleDetails, detailIds } from '../engine/annotate-article';
import { compileMatcher, type EntitySet, type Matcher } from '../engine/matcher/compile';
import { loadMatcher, type StoredMatcher, serializeMatcher } from '../engine/matcher/stored';
import { benchStep } from '../shared/bench';
import type {
  AnnotatedMentions,
  DatasetInfo,
  Failed,
  RepairResult,
  ReplacedImport,
  Reply,
  Request,
} from '../shared/messages';
import type { DatasetBundle, Entity, IsoDate, MatchingEntity, Mention } from '../shared/types';
import {
  type BackstoryDb,
  DatabaseUnavailable,
  deleteDatabase,
  ensureDataset,
  type ImportResult,
  importDataset,
  openDatabase,
  type Prepare,
  readDataset,
  seedDatabase,
  wholeEntities,
  writeCompiledMatcher,
} from './database';
import {
  type Cards,
  type CardsReader,
  cardsAtHand,
  cardsOf,
  DamagedEntity,
  joinEntity,
} from './stored-entities';

/**
 * A few notes kept outside IndexedDB (in storage.local), so that they survive a database that had to
 * be deleted: which imported dataset is installed, and which one was replaced without the reader
 * asking.
 */
export interface Notes {
  imported?: { version: string };
  replacedImport?: ReplacedImport;
}

export interface NoteStore {
  read(): Promise<Notes>;
  write(notes: Notes): Promise<void>;
}

export interface ServiceOptions {
  /** The dataset inside this build. */
  bundledVersion: string;
  /** Hash of the matcher's code (build.mjs): a stored matcher is valid only for the same code. */
  matcherCodeHash: string;
  /** Reads and validates the bundled dataset file. */
  loadBundle(): Promise<DatasetBundle>;
  /**
   * The bundled dataset's matcher as the build compiled and stored it (matcher.bin), if the build
   * ships one: installing the bundled dataset loads it (loadMatcher checks it) instead of compiling.
   */
  loadBundledMatcher?(): Promise<StoredMatcher | undefined>;
  notes: NoteStore;
  /** The extension's origin, reported by dataset-info. */
  origin: string;
  /**
   * Read every card as soon as the dataset is loaded, rather than each article's after its mentions
   * (see database.ts readDataset): for a background that is not a service worker, which loads long
   * before the reader's first article and reads a few cards more slowly than all of them then.
   */
  readCardsAtLoad?: boolean;
  /** How long opening or deleting the database may take (database.ts's DB_TIMEOUT_MS by default). */
  dbTimeoutMs?: number;
  now?(): Date;
}

/** The dataset the background answers from. */
interface Loaded {
  matcher: Matcher;
  /**
   * The cards' fields of the matcher's entities. From the database, those an article needs are read
   * after its mentions are answered (database.ts readDataset).
   */
  cards: CardsReader;
  info: DatasetInfo;
  /** False when the database cannot be used and the bundled dataset serves from memory. */
  stored: boolean;
  /** The matcher came from the stored compiled form (which could be damaged in ways no check sees). */
  fromStoredForm: boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What detailsWith answers when the database holds another dataset than the one it was given. */
const REPLACED = Symbol('replaced');

/**
 * A dataset held whole in memory (the bundle, or an import) as the background answers from it:
 * its matcher, built from it (not from a stored form), and its cards at hand.
 */
function inMemory(matcher: Matcher, entities: readonly Entity[], info: DatasetInfo, stored: boolean): Loaded {
  return { matcher, cards: cardsAtHand(cardsOf(entities)), info, stored, fromStoredForm: false };
}

/** An annotation as the request port sends it: first the mentions, then what the cards show. */
export interface AnnotationInParts {
  mentions: { ok: true; result: AnnotatedMentions } | Failed;
  /** Null when the mentions failed, or the cards' fields could not be had. */
  details: Promise<ArticleDetails | null>;
}

export interface Service {
  /** Loads the dataset and its matcher now (at worker start), rather than on the first request. */
  warm(): Promise<void>;
  handle(request: Request): Promise<Reply<Request['type']>>;
  /** An annotation whose mentions are answered without waiting for the cards' fields. */
  annotateInParts(request: Extract<Request, { type: 'annotate' }>): Promise<AnnotationInParts>;
}

export function createService(options: ServiceOptions): Service {
  const { bundledVersion, notes, origin } = options;
  const now = () => options.now?.() ?? new Date();
  const stamp = (datasetVersion: string) => `${datasetVersion}/${options.matcherCodeHash}`;
  const open = () => openDatabase(options.dbTimeoutMs);

  /** The build's compiled matcher of the bundled dataset, read with it (see loadBundledMatcher). */
  let shipped: StoredMatcher | undefined;
  const loadBundle = async (): Promise<DatasetBundle> => {
    const [bundle, stored] = await Promise.all([
      options.loadBundle(),
      options.loadBundledMatcher?.().catch((error: unknown) => {
        console.warn('[Backstory] the shipped matcher could not be read; compiling instead:', error);
        return undefined;
      }),
    ]);
    shipped = stored;
    return bundle;
  };

  /** A bundle's matcher and its stored form, in memory: the shipped one when it fits, else compiled. */
  const prepare: Prepare<Matcher> = (bundle) => {
    const version = stamp(bundle.version);
    const loaded = shipped && loadMatcher(shipped, bundle.entities, version);
    if (loaded) return { matcher: loaded, stored: shipped! };
    const matcher = compileMatcher(bundle.entities);
    return { matcher, stored: serializeMatcher(matcher, version) };
  };

  const readNotes = () => notes.read().catch((): Notes => ({}));
  const updateNotes = async (change: (current: Notes) => Notes) => {
    await notes.write(change(await readNotes())).catch((e) => console.warn('[Backstory] notes:', e));
  };
  /** The bundled dataset is installed without the reader asking: an imported one is then replaced. */
  const bundledInstalled = async (replaced?: { version?: string }) => {
    const current = await readNotes();
    const lost = replaced ?? current.imported;
    if (!lost) return;
    await updateNotes(({ imported: _gone, ...rest }) => ({
      ...rest,
      replacedImport: { ...(lost.version ? { version: lost.version } : {}), at: now().toISOString() },
    }));
  };

  /**
   * The notes being written after a load: not awaited there (storage.local is a round trip the first
   * article should not wait for), only by dataset-info, which reads them.
   */
  let notesWritten: Promise<void> = Promise.resolve();

  /** The build's compiled matcher of `info`'s dataset, when that is the bundled one and it fits. */
  async function shippedFor(
    info: DatasetInfo,
    entities: EntitySet,
  ): Promise<{ matcher: Matcher; stored: StoredMatcher } | null> {
    if (info.source !== 'bundled' || info.version !== bundledVersion || !options.loadBundledMatcher)
      return null;
    const stored = await options.loadBundledMatcher().catch(() => undefined);
    const matcher = stored && loadMatcher(stored, entities, stamp(info.version));
    return matcher ? { matcher, stored: stored! } : null;
  }

  /**
   * From the database: the stored dataset (seeded when needed) and its matcher. `damaged`: a load
   * before found one of its entities or cards damaged, so the stored dataset counts as damaged.
   */
  async function fromDatabase(db: BackstoryDb, damaged = false): Promise<Loaded> {
    if (__BENCH__) benchStep('opened');
    const ensured = await ensureDataset(db, bundledVersion, loadBundle, prepare, { damaged, reopen: open });
    if (__BENCH__) benchStep('read');
    if (ensured.info.source === 'bundled')
      notesWritten = bundledInstalled(ensured.replacedImport).catch(() => undefined);
    const { info, cards } = ensured;
    if (ensured.matcher)
      return { matcher: ensured.matcher, cards, info, stored: true, fromStoredForm: false };
    // Loaded against the entities' ids while their texts are still being read.
    const loadedForm = loadMatcher(ensured.compiled as never, ensured.entities, stamp(info.version));
    if (__BENCH__) benchStep('matcher');
    // Texts that do not fit the outlines fail the load, and the database is rebuilt.
    if (!(await ensured.entitiesRead)) throw new Error('the stored entities do not fit their outlines');
    if (__BENCH__) benchStep('entities');
    if (loadedForm) return { matcher: loadedForm, cards, info, stored: true, fromStoredForm: true };
    // The stored matcher is missing, damaged or made by other matcher code (an update): for the
    // bundled dataset the build's own is loaded rather than compiled (seconds in a worker).
    const shippedForm = await shippedFor(info, ensured.entities);
    if (shippedForm) {
      await writeCompiledMatcher(db, shippedForm.stored).catch((e) =>
        console.warn('[Backstory] could not store the shipped matcher', e),
      );
      return { matcher: shippedForm.matcher, cards, info, stored: true, fromStoredForm: true };
    }
    // Reads every entity: one that is damaged fails the load, and the database is rebuilt.
    const matcher = compileMatcher([...ensured.entities.byId.values()]);
    // Stored for the next worker start; failing to store it costs only time.
    await writeCompiledMatcher(db, serializeMatcher(matcher, stamp(info.version))).catch((e) =>
      console.warn('[Backstory] could not store the compiled matcher', e),
    );
    return { matcher, cards, info, stored: true, fromStoredForm: false };
  }

  async function withDatabase<T>(body: (db: BackstoryDb) => Promise<T>): Promise<T> {
    const db = await open();
    try {
      return await body(db);
    } finally {
      db.close();
    }
  }

  /** The bundled dataset compiled in memory: when no database can be used. */
  async function fromMemory(): Promise<Loaded> {
    const bundle = await loadBundle();
    const info: DatasetInfo = {
      version: bundle.version,
      date: bundle.date,
      entityCount: bundle.entities.length,
      counts: { treaty: 0, event: 0, organization: 0 },
      source: 'bundled',
      seededAt: now().toISOString(),
    };
    for (const entity of bundle.entities) info.counts[entity.type]++;
    return inMemory(compileMatcher(bundle.entities), bundle.entities, info, false);
  }

  async function load(damaged = false): Promise<Loaded> {
    if (__BENCH__) benchStep('load');
    const fromThisDatabase = (db: BackstoryDb) => fromDatabase(db, damaged);
    try {
      return await withDatabase(fromThisDatabase);
    } catch (error) {
      // A transaction that failed (a missing store, damaged data the checks did not catch, an
      // internal error of the backing store): build the database again from the bundle.
      console.warn('[Backstory] the database failed; rebuilding it:', error);
    }
    try {
      if (
        !(await deleteDatabase(options.dbTimeoutMs).then(
          () => true,
          () => false,
        ))
      )
        throw new DatabaseUnavailable('the database could not be deleted');
      return await withDatabase(fromThisDatabase);
    } catch (error) {
      console.warn(
        '[Backstory] the database cannot be used; serving the bundled dataset from memory:',
        error,
      );
      return fromMemory();
    }
  }

  let loading: Promise<Loaded> | null = null;
  /** What `loading` last gave, or was set to: the dataset requests are answered from now. */
  let current: Loaded | null = null;
  /** Makes `load` the dataset to answer from; a failure is not cached, so the next request retries. */
  function answerFrom(pending: Promise<Loaded>): Promise<Loaded> {
    loading = pending.then(
      (state) => {
        current = state;
        return state;
      },
      (error) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  }
  /** The dataset, loaded once per worker lifetime. */
  function loaded(): Promise<Loaded> {
    return loading ?? answerFrom(load());
  }

  /**
   * What to answer from after `state` turned out damaged (DamagedEntity): the first request to find
   * it so loads the dataset again as a damaged one (reseeded, or served from memory); the others,
   * and a dataset the reader installed meanwhile, are answered from what is current.
   */
  function afterDamage(state: Loaded, why: string): Promise<Loaded> {
    if (current === state) {
      console.warn('[Backstory] the stored dataset is damaged; loading it again:', why);
      current = null;
      void answerFrom(load(true)).catch(() => undefined);
    }
    return loaded();
  }

  /**
   * The details of `mentions`, found with `state`; why not, when an entity or a card of `state` turns
   * out damaged. A reload after damage may bring another matcher: a mention's entity it does not know
   * is left out.
   */
  async function detailsWith(
    state: Loaded,
    mentions: readonly Mention[],
    date: IsoDate | null,
  ): Promise<ArticleDetails | string | typeof REPLACED> {
    const { matcher } = state;
    let cards: Cards | null;
    try {
      cards = await state.cards(detailIds(matcher, mentions, date));
    } catch (error) {
      // A damaged entity or card, or cards the database could not read: not to be trusted either way.
      return error instanceof DamagedEntity
        ? error.message
        : `its cards could not be read: ${message(error)}`;
    }
    if (!cards) return REPLACED;
    const entityOf = (id: string) => {
      const matching = matcher.entities.get(id);
      const card = matching && cards.get(id);
      return matching && card ? joinEntity(matching, card) : undefined;
    };
    try {
      return articleDetails(matcher, mentions, date, entityOf);
    } catch (error) {
      if (error instanceof DamagedEntity) return error.message;
      throw error;
    }
  }

  /** The details of `mentions`, or with the dataset loaded again when `state` turns out damaged. */
  async function detailsOf(
    state: Loaded,
    mentions: readonly Mention[],
    date: IsoDate | null,
  ): Promise<ArticleDetails | null> {
    const found = await detailsWith(state, mentions, date);
    if (found === REPLACED) {
      // A change replaced the dataset while this article was answered: its details come from the
      // dataset the change installs (an entity that one does not know is left out).
      await changing;
      const now = await detailsWith(await loaded(), mentions, date).catch(() => null);
      return typeof now === 'object' ? now : null;
    }
    if (typeof found !== 'string') return found;
    try {
      const again = await detailsWith(await afterDamage(state, found), mentions, date);
      return typeof again === 'object' ? again : null;
    } catch {
      return null;
    }
  }

  /** Dataset changes (import, reset, repair) one at a time, so two quick clicks cannot interleave. */
  let changing: Promise<unknown> = Promise.resolve();
  /**
   * Runs `change`, which returns the new dataset to answer from (if any) with its result. Requests
   * that arrive meanwhile still get the previous dataset's answers.
   */
  function changeDataset<T>(change: () => Promise<{ result: T; installed?: Loaded }>): Promise<T> {
    const run = changing.then(async () => {
      // Let a first seeding finish before replacing what it writes.
      await loaded().catch(() => undefined);
      const { result, installed } = await change();
      if (installed) void answerFrom(Promise.resolve(installed));
      return result;
    });
    changing = run.catch(() => undefined);
    return run;
  }

  /**
   * `state` with its matcher compiled again from its entities: the stored form failed in a way no
   * check saw. The compiled matcher is stored for the next worker start.
   */
  async function recompiled(state: Loaded, failure: unknown): Promise<Loaded> {
    console.warn('[Backstory] the stored matcher failed; compiling it again:', failure);
    let entities: MatchingEntity[];
    try {
      entities = [...state.matcher.entities.values()];
    } catch (error) {
      if (error instanceof DamagedEntity) return afterDamage(state, error.message);
      throw error;
    }
    const matcher = compileMatcher(entities);
    const again: Loaded = { ...state, matcher, fromStoredForm: false };
    void answerFrom(Promise.resolve(again));
    const version = stamp(state.info.version);
    void withDatabase((db) => writeCompiledMatcher(db, serializeMatcher(matcher, version))).catch(
      () => undefined,
    );
    return again;
  }

  /**
   * Finds an article's mentions. A stored matcher that fails is compiled again once; an entity read
   * back damaged has the dataset loaded again, and the article is tried once more with that.
   */
  async function annotateInParts(
    request: Extract<Request, { type: 'annotate' }>,
  ): Promise<AnnotationInParts> {
    const failed = (failure: Failed): AnnotationInParts => ({
      mentions: failure,
      details: Promise.resolve(null),
    });
    let state: Loaded;
    try {
      state = await loaded();
    } catch (error) {
      return failed({
        ok: false,
        error: `no dataset could be loaded: ${message(error)}`,
        reason: 'repairing',
      });
    }
    const options = { date: request.date, lang: request.lang };
    const find = (from: Loaded) => annotateText(from.matcher, request.text, options);
    let mentions: Mention[];
    try {
      mentions = find(state);
    } catch (error) {
      try {
        if (error instanceof DamagedEntity) state = await afterDamage(state, error.message);
        else if (state.fromStoredForm) state = await recompiled(state, error);
        else throw error;
        mentions = find(state);
      } catch (again) {
        return failed({ ok: false, error: `could not annotate: ${message(again)}`, reason: 'internal' });
      }
    }
    const answered = state;
    const details = detailsOf(answered, mentions, request.date).catch((error: unknown) => {
      console.warn('[Backstory] could not give the details of an article:', error);
      return null;
    });
    return {
      mentions: {
        ok: true,
        result: {
          mentions,
          dataset: answered.info,
          ...(answered.stored ? {} : { notice: 'database-unavailable' as const }),
        },
      },
      details,
    };
  }

  /** The whole annotation, once its details are there too. */
  async function annotate(request: Extract<Request, { type: 'annotate' }>): Promise<Reply<'annotate'>> {
    const { mentions, details } = await annotateInParts(request);
    if (!mentions.ok) return mentions;
    const rest = await details;
    if (rest === null)
      return { ok: false, error: "the entities' cards could not be read", reason: 'repairing' };
    return { ok: true, result: { ...mentions.result, ...rest } };
  }

  async function importFile(raw: unknown): Promise<Reply<'import-dataset'>> {
    const outcome = await changeDataset<ImportResult<Matcher>>(async () => {
      let db: BackstoryDb;
      try {
        db = await open();
      } catch (error) {
        return {
          result: {
            ok: false as const,
            problems: [
              `Backstory cannot use its database (${message(error)}); choose Repair, then import the file again.`,
            ],
          },
        };
      }
      try {
        const imported = await importDataset(db, raw, bundledVersion, now(), prepare);
        if (!imported.ok) return { result: imported };
        await updateNotes(() => ({ imported: { version: imported.info.version } }));
        const installed = inMemory(imported.matcher!, imported.entities, imported.info, true);
        return { result: imported, installed };
      } finally {
        db.close();
      }
    });
    if (!outcome.ok)
      return {
        ok: false,
        error: 'The file is not a valid Backstory dataset; the current dataset is unchanged.',
        problems: outcome.problems,
      };
    return { ok: true, result: outcome.info };
  }

  async function reset(): Promise<Reply<'reset-dataset'>> {
    const info = await changeDataset(async () => {
      const bundle = await loadBundle();
      const { matcher, stored } = prepare(bundle);
      const info = await withDatabase((db) => seedDatabase(db, bundle, { compiled: stored, now: now() }));
      await updateNotes(() => ({}));
      return { result: info, installed: inMemory(matcher, bundle.entities, info, true) };
    });
    return { ok: true, result: info };
  }

  async function repair(): Promise<Reply<'repair-dataset'>> {
    const result = await changeDataset(async () => {
      const current = await readNotes();
      // An imported dataset that can still be read whole, and that this build accepts, is kept.
      let rescued: DatasetBundle | undefined;
      let lostImport: { version?: string } | undefined;
      try {
        const stored = await withDatabase((db) => readDataset(db, open));
        if (stored.meta?.source === 'imported') {
          const entities = await wholeEntities(stored);
          const { bundle } = entities
            ? parseBundle({
                format: BUNDLE_FORMAT,
                version: stored.meta.version,
                date: stored.meta.date,
                entities,
              })
            : {};
          if (bundle) rescued = bundle;
          else lostImport = { version: stored.meta.version };
        }
      } catch {
        // Unreadable: whatever it held is lost.
      }
      if (!rescued && !lostImport && current.imported) lostImport = { version: current.imported.version };

      const bundle = rescued ?? (await loadBundle());
      const { matcher, stored: compiled } = prepare(bundle);
      try {
        await deleteDatabase(options.dbTimeoutMs);
        const info = await withDatabase((db) =>
          seedDatabase(db, bundle, {
            compiled,
            now: now(),
            ...(rescued ? { source: 'imported' as const, checkedWith: bundledVersion } : {}),
          }),
        );
        await updateNotes(() => (rescued ? { imported: { version: rescued.version } } : {}));
        const repaired: RepairResult = {
          ...info,
          stored: true,
          keptImport: rescued !== undefined,
          ...(lostImport ? { lostImport } : {}),
        };
        return { result: repaired, installed: inMemory(matcher, bundle.entities, info, true) };
      } catch (error) {
        console.warn('[Backstory] repair: the database cannot be used; serving from memory:', error);
        const memory = await fromMemory();
        const lost = rescued ? { version: rescued.version } : lostImport;
        const repaired: RepairResult = {
          ...memory.info,
          stored: false,
          keptImport: false,
          ...(lost ? { lostImport: lost } : {}),
        };
        return { result: repaired, installed: memory };
      }
    });
    return { ok: true, result };
  }

  async function handle(request: Request): Promise<Reply<Request['type']>> {
    switch (request.type) {
      case 'annotate':
        return annotate(request);
      case 'page-ui':
      case 'open-options':
      case 'page-problem':
        throw new Error(`${request.type} is answered by index.ts, which has the browser's APIs`);
      case 'dataset-info': {
        const state = await loaded();
        await notesWritten;
        const { replacedImport } = await readNotes();
        return {
          ok: true,
          result: {
            ...state.info,
            origin,
            bundledVersion,
            stored: state.stored,
            ...(replacedImport ? { replacedImport } : {}),
          },
        };
      }
      case 'import-dataset':
        return importFile(request.bundle);
      case 'reset-dataset':
        return reset();
      case 'repair-dataset':
        return repair();
    }
  }

  return {
    warm: () =>
      loaded().then((state) => {
        if (options.readCardsAtLoad)
          void state.cards(state.matcher.outlines.map((o) => o.id)).catch(() => undefined);
      }),
    handle,
    annotateInParts,
  };
}
