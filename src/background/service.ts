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
import { annotateArticle } from '../engine/annotate-article';
import { compileMatcher, type Matcher } from '../engine/matcher/compile';
import { loadMatcher, type StoredMatcher, serializeMatcher } from '../engine/matcher/stored';
import { benchStep } from '../shared/bench';
import type { DatasetInfo, RepairResult, ReplacedImport, Reply, Request } from '../shared/messages';
import type { DatasetBundle } from '../shared/types';
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
  writeCompiledMatcher,
} from './database';

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
  /** How long opening or deleting the database may take (database.ts's DB_TIMEOUT_MS by default). */
  dbTimeoutMs?: number;
  now?(): Date;
}

/** The dataset the background answers from. */
interface Loaded {
  matcher: Matcher;
  info: DatasetInfo;
  /** False when the database cannot be used and the bundled dataset serves from memory. */
  stored: boolean;
  /** The matcher came from the stored compiled form (which could be damaged in ways no check sees). */
  fromStoredForm: boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface Service {
  /** Loads the dataset and its matcher now (at worker start), rather than on the first request. */
  warm(): Promise<void>;
  handle(request: Request): Promise<Reply<Request['type']>>;
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

  /** From the database: the stored dataset (seeded when needed) and its matcher. */
  async function fromDatabase(db: BackstoryDb): Promise<Loaded> {
    if (__BENCH__) benchStep('opened');
    const ensured = await ensureDataset(db, bundledVersion, loadBundle, prepare);
    if (__BENCH__) benchStep('read');
    if (ensured.info.source === 'bundled')
      notesWritten = bundledInstalled(ensured.replacedImport).catch(() => undefined);
    if (ensured.matcher)
      return { matcher: ensured.matcher, info: ensured.info, stored: true, fromStoredForm: false };
    const loadedForm = loadMatcher(ensured.compiled as never, ensured.entities, stamp(ensured.info.version));
    if (__BENCH__) benchStep('matcher');
    if (loadedForm) return { matcher: loadedForm, info: ensured.info, stored: true, fromStoredForm: true };
    const matcher = compileMatcher(ensured.entities);
    // Stored for the next worker start; failing to store it costs only time.
    await writeCompiledMatcher(db, serializeMatcher(matcher, stamp(ensured.info.version))).catch((e) =>
      console.warn('[Backstory] could not store the compiled matcher', e),
    );
    return { matcher, info: ensured.info, stored: true, fromStoredForm: false };
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
    return { matcher: compileMatcher(bundle.entities), info, stored: false, fromStoredForm: false };
  }

  async function load(): Promise<Loaded> {
    if (__BENCH__) benchStep('load');
    try {
      return await withDatabase(fromDatabase);
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
      return await withDatabase(fromDatabase);
    } catch (error) {
      console.warn(
        '[Backstory] the database cannot be used; serving the bundled dataset from memory:',
        error,
      );
      return fromMemory();
    }
  }

  let loading: Promise<Loaded> | null = null;
  /** The dataset, loaded once per worker lifetime; a failure is not cached, so the next request retries. */
  function loaded(): Promise<Loaded> {
    loading ??= load().catch((error) => {
      loading = null;
      throw error;
    });
    return loading;
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
      if (installed) loading = Promise.resolve(installed);
      return result;
    });
    changing = run.catch(() => undefined);
    return run;
  }

  /** Annotates with `state`; a stored matcher that fails is compiled again once. */
  async function annotate(request: Extract<Request, { type: 'annotate' }>): Promise<Reply<'annotate'>> {
    let state: Loaded;
    try {
      state = await loaded();
    } catch (error) {
      return { ok: false, error: `no dataset could be loaded: ${message(error)}`, reason: 'repairing' };
    }
    const options = { date: request.date, lang: request.lang };
    let annotation: ReturnType<typeof annotateArticle>;
    try {
      annotation = annotateArticle(state.matcher, request.text, options);
    } catch (error) {
      if (!state.fromStoredForm)
        return { ok: false, error: `could not annotate: ${message(error)}`, reason: 'internal' };
      // Damage no check caught: compile from the entities, store that, and try once more.
      console.warn('[Backstory] the stored matcher failed; compiling it again:', error);
      const entities = [...state.matcher.entities.values()];
      const matcher = compileMatcher(entities);
      state = { ...state, matcher, fromStoredForm: false };
      loading = Promise.resolve(state);
      void withDatabase((db) =>
        writeCompiledMatcher(db, serializeMatcher(matcher, stamp(state.info.version))),
      ).catch(() => undefined);
      try {
        annotation = annotateArticle(matcher, request.text, options);
      } catch (again) {
        return { ok: false, error: `could not annotate: ${message(again)}`, reason: 'internal' };
      }
    }
    return {
      ok: true,
      result: {
        ...annotation,
        dataset: state.info,
        ...(state.stored ? {} : { notice: 'database-unavailable' }),
      },
    };
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
        const installed: Loaded = {
          matcher: imported.matcher!,
          info: imported.info,
          stored: true,
          fromStoredForm: false,
        };
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
      return { result: info, installed: { matcher, info, stored: true, fromStoredForm: false } };
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
        const stored = await withDatabase(readDataset);
        if (stored.meta?.source === 'imported') {
          const { bundle } = stored.whole
            ? parseBundle({
                format: BUNDLE_FORMAT,
                version: stored.meta.version,
                date: stored.meta.date,
                entities: stored.entities,
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
        return { result: repaired, installed: { matcher, info, stored: true, fromStoredForm: false } };
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
    warm: () => loaded().then(() => undefined),
    handle,
  };
}
