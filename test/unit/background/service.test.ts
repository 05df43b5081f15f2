// The background's answers when its database fails (fake-indexeddb, with the faults a real browser
// shows: a database that cannot be opened, a missing store, damaged records, a failing transaction)
// and when an import cannot be installed. A "worker restart" is a new service over the same
// database and notes, as a restarted service worker is.

import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_SCHEMA_VERSION, MATCHING_LIST } from '../../../src/background/database';
import {
  createService,
  type Notes,
  type Service,
  type ServiceOptions,
} from '../../../src/background/service';
import { cardKey } from '../../../src/background/stored-entities';
import { compileBundle } from '../../../src/dataset/dataset';
import { compileMatcher } from '../../../src/engine/matcher/compile';
import { serializeMatcher } from '../../../src/engine/matcher/stored';
import { MAX_NAME_LENGTH } from '../../../src/shared/limits';
import type { Reply, Request } from '../../../src/shared/messages';
import type { DatasetBundle, Entity } from '../../../src/shared/types';
import { loadDataset } from '../../eval/load';
import { changeStoredEntities, storedEntities } from './entity-list';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SEED_TEXT = 'NATO and the OSCE discussed the New START treaty in Geneva.';

let bundled: DatasetBundle;
beforeAll(() => {
  // A slice of the real dataset: enough for the seed sentence, quick to compile.
  const { entities } = loadDataset(ROOT);
  const keep = new Set(['nato', 'osce', 'new-start', 'start-i', 'start-ii', 'nato-russia-council']);
  const slice = entities
    .filter((e) => keep.has(e.id))
    .map((e) => ({ ...e, related: e.related?.filter((id) => keep.has(id)) }));
  bundled = compileBundle(slice, '2026-11-27');
});

/** A bundle of one more organisation, as the reader might import. */
function importable(id = 'imported-org'): DatasetBundle {
  const org: Entity = {
    id,
    type: 'organization',
    name: { en: 'Imported Organisation', ru: 'Импортированная организация' },
    aliases: { en: ['Imported Organisation'], ru: ['Импортированная организация'] },
    summary: { en: 'An organisation.', ru: 'Организация.' },
    timeline: [{ date: '1949-04-04', kind: 'founded', label: { en: 'Founded', ru: 'Основана' } }],
    sources: [{ url: 'https://example.org/', title: 'Example' }],
  };
  return compileBundle([...bundled.entities, org], '2026-12-01');
}

let notes: Notes = {};
function service(overrides: Partial<ServiceOptions> = {}): Service {
  return createService({
    bundledVersion: bundled.version,
    matcherCodeHash: 'test',
    loadBundle: async () => structuredClone(bundled),
    origin: 'chrome-extension://test',
    notes: {
      read: async () => structuredClone(notes),
      write: async (next) => {
        notes = structuredClone(next);
      },
    },
    dbTimeoutMs: 1_000,
    ...overrides,
  });
}

async function ask<T extends Request['type']>(s: Service, request: Extract<Request, { type: T }>) {
  return (await s.handle(request)) as Reply<T>;
}

const SEED_REQUEST = { type: 'annotate', text: SEED_TEXT, lang: 'en', date: '2022-01-14' } as const;

async function annotate(s: Service) {
  return ask(s, SEED_REQUEST);
}

/** The seed sentence's annotation as the request port sends it: mentions, then details. */
function annotateInParts(s: Service) {
  return s.annotateInParts(SEED_REQUEST);
}

/** The entity ids an annotate reply names, sorted; throws on a failed reply. */
async function mentioned(s: Service): Promise<string[]> {
  const reply = await annotate(s);
  if (!reply.ok) throw new Error(`annotate failed: ${reply.error}`);
  return [...new Set(reply.result.mentions.map((m) => m.entityId))].sort();
}

/** The distinct entity ids of mentions, sorted. */
const idsOf = (mentions: readonly { entityId: string }[]) =>
  [...new Set(mentions.map((m) => m.entityId))].sort();

/** Rewrites the stored OSCE as `change` makes it (damage). */
function changeOsce(change: (osce: Entity) => unknown): Promise<void> {
  return withRaw((db) =>
    changeStoredEntities(db, (entities) => entities.map((e) => (e.id === 'osce' ? change(e) : e))),
  );
}

/** Runs `body` on the database as a test opens it, closing it even when an assertion fails. */
async function withRaw<T>(body: (db: Awaited<ReturnType<typeof openDB>>) => Promise<T>): Promise<T> {
  const db = await openDB(DB_NAME);
  try {
    return await body(db);
  } finally {
    db.close();
  }
}

afterEach(async () => {
  vi.restoreAllMocks();
  notes = {};
  await deleteDB(DB_NAME);
});

describe('an article read after the worker starts', () => {
  it('gets its mentions, then the cards read from the two lists, together the whole reply', async () => {
    await mentioned(service());
    const restarted = service();
    const { mentions, details } = await annotateInParts(restarted);
    expect(mentions.ok).toBe(true);
    const whole = await details;
    expect(whole?.entities.map((e) => e.id).sort()).toEqual(['nato', 'new-start', 'osce']);
    expect(whole?.entities.every((e) => e.sources.length > 0 && e.summary.en.length > 0)).toBe(true);
    // The same as the whole reply gives.
    const reply = await annotate(restarted);
    expect(reply.ok && reply.result.entities).toEqual(whole?.entities);
    expect(reply.ok && reply.result.related).toEqual(whole?.related);
  });
});

describe('the cards', () => {
  /** The keys of every card record IndexedDB is asked for. */
  const cardReads = () => {
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    return () => get.mock.calls.map(([key]) => String(key)).filter((key) => key.startsWith(cardKey('')));
  };

  it('are read for the entities an article names and links to, after its mentions, once each', async () => {
    await mentioned(service());
    const reads = cardReads();
    const worker = service();
    await worker.warm();
    expect(reads()).toEqual([]);
    const { mentions, details } = await annotateInParts(worker);
    expect(mentions.ok && idsOf(mentions.result.mentions)).toEqual(['nato', 'new-start', 'osce']);
    const whole = await details;
    expect(whole?.entities.map((e) => e.id).sort()).toEqual(['nato', 'new-start', 'osce']);
    const linked = whole?.related.map((e) => e.id) ?? [];
    expect(linked.length).toBeGreaterThan(0);
    expect(reads().sort()).toEqual(['nato', 'new-start', 'osce', ...linked].map(cardKey).sort());
    // The next article naming them reads none again.
    await annotateInParts(worker).then((parts) => parts.details);
    expect(reads()).toHaveLength(3 + linked.length);
  });

  it('of a background page are all read once it has loaded; an article then reads none', async () => {
    await mentioned(service());
    const reads = cardReads();
    const page = service({ readCardsAtLoad: true });
    await page.warm();
    const all = bundled.entities.map((e) => cardKey(e.id)).sort();
    await vi.waitFor(() => expect(reads().sort()).toEqual(all));
    const { details } = await annotateInParts(page);
    expect((await details)?.entities.map((e) => e.id).sort()).toEqual(['nato', 'new-start', 'osce']);
    expect(reads()).toHaveLength(all.length);
  });

  it('of a dataset a change replaces under an article come from the new one; the change stands', async () => {
    await mentioned(service());
    const reads = cardReads();
    let between: Promise<unknown> | undefined;
    const s: Service = service({
      notes: {
        read: async () => structuredClone(notes),
        write: async (next) => {
          notes = structuredClone(next);
          if (!next.imported || between) return;
          // The import has written the database and has not yet installed its dataset: an article
          // that arrives now has its mentions from the dataset being replaced, and its cards are
          // read from the database before the import goes on.
          between = annotateInParts(s).then((parts) => parts.details);
          await vi.waitFor(() => expect(reads().length).toBeGreaterThan(0));
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      },
    });
    await s.warm();
    const file = importable();
    const reply = await ask(s, { type: 'import-dataset', bundle: JSON.parse(JSON.stringify(file)) });
    expect(reply).toMatchObject({ ok: true, result: { source: 'imported' } });
    const details = (await between) as { entities: { id: string }[] } | null;
    expect(details?.entities.map((e) => e.id).sort()).toEqual(['nato', 'new-start', 'osce']);
    // The cards were not taken for damage (which reseeds the bundled dataset): the import stands.
    expect(await withRaw((db) => db.get('meta', 'dataset'))).toMatchObject({ version: file.version });
    const info = await ask(service(), { type: 'dataset-info' });
    expect(info.ok && info.result).toMatchObject({ version: file.version, source: 'imported' });
  });
});

describe('imports', () => {
  it('refuse an alias of 300,000 characters and leave the dataset, and later workers, unharmed', async () => {
    const first = service();
    const before = await mentioned(first);
    const long = structuredClone(bundled);
    long.entities[0]!.aliases.en.push(`A${'b'.repeat(299_999)}`);
    const file = JSON.parse(JSON.stringify(compileBundle(long.entities, '2026-12-01')));
    const reply = await ask(first, { type: 'import-dataset', bundle: file });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.problems?.join('\n')).toMatch(
      new RegExp(`300000 characters, more than ${MAX_NAME_LENGTH}`),
    );
    // What "unchanged" promises: this worker, and a restarted one, answer from the previous dataset.
    expect(await mentioned(first)).toEqual(before);
    const restarted = service();
    expect(await mentioned(restarted)).toEqual(before);
    const info = await ask(restarted, { type: 'dataset-info' });
    expect(info.ok && info.result).toMatchObject({
      version: bundled.version,
      source: 'bundled',
      stored: true,
    });
  });

  it('install a valid file with its compiled matcher, which a restarted worker loads', async () => {
    const first = service();
    const file = importable();
    const reply = await ask(first, { type: 'import-dataset', bundle: JSON.parse(JSON.stringify(file)) });
    expect(reply).toMatchObject({ ok: true, result: { version: file.version, source: 'imported' } });
    const compiled = await withRaw((db) => db.get('compiled', 'matcher'));
    expect(compiled.datasetVersion).toBe(`${file.version}/test`);
    const restarted = service();
    const text = await ask(restarted, {
      type: 'annotate',
      text: 'The Imported Organisation met.',
      lang: 'en',
      date: null,
    });
    expect(text.ok && text.result.mentions.map((m) => m.entityId)).toEqual(['imported-org']);
  });
});

describe('a database that fails', () => {
  it('cannot be opened at all: the bundled dataset serves from memory, and the reader is told', async () => {
    const fail = () => {
      throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    };
    vi.spyOn(indexedDB, 'open').mockImplementation(fail);
    vi.spyOn(indexedDB, 'deleteDatabase').mockImplementation(fail);
    const s = service();
    const reply = await annotate(s);
    expect(reply.ok && reply.result.notice).toBe('database-unavailable');
    expect(await mentioned(s)).toEqual(['nato', 'new-start', 'osce']);
    const info = await ask(s, { type: 'dataset-info' });
    expect(info.ok && info.result).toMatchObject({
      stored: false,
      source: 'bundled',
      version: bundled.version,
    });
    // Repair works without the database too, and says it could not store anything.
    const repaired = await ask(s, { type: 'repair-dataset' });
    expect(repaired.ok && repaired.result).toMatchObject({ stored: false, version: bundled.version });
  });

  it('cannot be opened until it is deleted: it is rebuilt and stored again', async () => {
    const real = indexedDB.open.bind(indexedDB);
    let failures = 1;
    vi.spyOn(indexedDB, 'open').mockImplementation((...args: Parameters<IDBFactory['open']>) => {
      if (failures-- > 0) throw new DOMException('Internal error opening backing store', 'UnknownError');
      return real(...args);
    });
    const s = service();
    expect(await mentioned(s)).toEqual(['nato', 'new-start', 'osce']);
    const info = await ask(s, { type: 'dataset-info' });
    expect(info.ok && info.result.stored).toBe(true);
  });

  it('opens without a store it needs: it is rebuilt', async () => {
    const broken = await openDB(DB_NAME, DB_SCHEMA_VERSION, {
      upgrade(db) {
        db.createObjectStore('entities', { keyPath: 'id' });
        db.createObjectStore('meta');
      },
    });
    broken.close();
    const s = service();
    expect(await mentioned(s)).toEqual(['nato', 'new-start', 'osce']);
    expect(await withRaw(async (db) => [...db.objectStoreNames].sort())).toEqual([
      'compiled',
      'entities',
      'meta',
    ]);
  });

  it('gives back damaged entity records: the dataset is seeded again', async () => {
    await mentioned(service());
    await withRaw((db) =>
      changeStoredEntities(db, (entities) =>
        entities.map((e) =>
          e.id === 'nato' ? { id: 'nato', name: 5 } : e.id === 'osce' ? { id: 'osce', type: 'alien' } : e,
        ),
      ),
    );
    const restarted = service();
    expect(await mentioned(restarted)).toEqual(['nato', 'new-start', 'osce']);
    const nato = (await withRaw(storedEntities)).find((e) => e.id === 'nato');
    expect(nato?.name.en).toContain('NATO');
  });

  it('gives back entity texts that do not fit their outlines: the database is rebuilt', async () => {
    await mentioned(service());
    await withRaw(async (db) => {
      const texts = (await db.get('compiled', MATCHING_LIST)) as Uint8Array;
      // Without the first line.
      await db.put('compiled', texts.slice(texts.indexOf(0x0a) + 1), MATCHING_LIST);
    });
    expect(await mentioned(service())).toEqual(['nato', 'new-start', 'osce']);
    expect((await withRaw(storedEntities)).map((e) => e.id).sort()).toEqual(
      bundled.entities.map((e) => e.id).sort(),
    );
  });

  it('gives back an entity damaged in its own text: the article still gets its context, and the dataset is reseeded', async () => {
    await mentioned(service());
    await changeOsce((osce) => ({ ...osce, aliases: 'gone' }));
    const { mentions, details } = await annotateInParts(service());
    expect(mentions.ok && idsOf(mentions.result.mentions)).toEqual(['nato', 'new-start', 'osce']);
    expect((await details)?.entities.find((e) => e.id === 'osce')?.aliases.en).toContain('OSCE');
    const stored = (await withRaw(storedEntities)).find((e) => e.id === 'osce');
    expect(stored?.aliases.en).toContain('OSCE');
  });

  it('gives back damaged cards: the mentions still come, and the cards follow from the reseeded dataset', async () => {
    await mentioned(service());
    await changeOsce((osce) => ({ ...osce, summary: null }));
    const { mentions, details } = await annotateInParts(service());
    expect(mentions.ok && idsOf(mentions.result.mentions)).toEqual(['nato', 'new-start', 'osce']);
    const osce = (await details)?.entities.find((e) => e.id === 'osce');
    expect(osce?.summary.en).toMatch(/\w/);
    // Stored whole again: the next worker reads good cards.
    const stored = (await withRaw(storedEntities)).find((e) => e.id === 'osce');
    expect(stored?.summary.en).toBe(osce?.summary.en);
    const reply = await annotate(service());
    expect(reply.ok && reply.result.entities.map((e) => e.id).sort()).toEqual(['nato', 'new-start', 'osce']);
  });

  it('gives back a damaged compiled matcher: it is compiled again and replaced', async () => {
    await mentioned(service());
    await withRaw(async (db) => {
      const stored = await db.get('compiled', 'matcher');
      stored.aliases.laterChildren = stored.aliases.laterChildren.slice(0, 3);
      await db.put('compiled', stored, 'matcher');
    });
    expect(await mentioned(service())).toEqual(['nato', 'new-start', 'osce']);
    const replaced = await withRaw((db) => db.get('compiled', 'matcher'));
    expect(replaced.aliases.laterChildren.length).toBeGreaterThan(3);
  });

  it('fails a transaction with an unknown error: it is rebuilt', async () => {
    await mentioned(service());
    const transaction = IDBDatabase.prototype.transaction;
    let failures = 1;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args) {
      if (failures-- > 0) throw new DOMException('Internal error.', 'UnknownError');
      return transaction.apply(this, args as Parameters<IDBDatabase['transaction']>);
    });
    expect(await mentioned(service())).toEqual(['nato', 'new-start', 'osce']);
  });

  it('loses an imported dataset: the bundled one serves and the options page is told which', async () => {
    const first = service();
    const file = importable();
    await ask(first, { type: 'import-dataset', bundle: JSON.parse(JSON.stringify(file)) });
    await withRaw((db) => changeStoredEntities(db, (entities) => [...entities, { id: 'imported-org' }]));
    const restarted = service();
    expect(await mentioned(restarted)).toEqual(['nato', 'new-start', 'osce']);
    const info = await ask(restarted, { type: 'dataset-info' });
    expect(info.ok && info.result).toMatchObject({
      source: 'bundled',
      replacedImport: { version: file.version },
    });
    // Reset is the reader's own choice: the note goes.
    await ask(restarted, { type: 'reset-dataset' });
    const after = await ask(restarted, { type: 'dataset-info' });
    expect(after.ok && after.result.replacedImport).toBeUndefined();
  });

  it('loses an imported dataset with the whole database: still reported', async () => {
    const first = service();
    const file = importable();
    await ask(first, { type: 'import-dataset', bundle: JSON.parse(JSON.stringify(file)) });
    await deleteDB(DB_NAME); // what Chromium does to a backing store it finds corrupt
    const info = await ask(service(), { type: 'dataset-info' });
    expect(info.ok && info.result).toMatchObject({
      source: 'bundled',
      replacedImport: { version: file.version },
    });
  });
});

describe('repair', () => {
  it('keeps an imported dataset that reads back whole', async () => {
    const s = service();
    const file = importable();
    await ask(s, { type: 'import-dataset', bundle: JSON.parse(JSON.stringify(file)) });
    const repaired = await ask(s, { type: 'repair-dataset' });
    expect(repaired.ok && repaired.result).toMatchObject({
      stored: true,
      keptImport: true,
      version: file.version,
      source: 'imported',
    });
    expect(repaired.ok && repaired.result.lostImport).toBeUndefined();
  });

  it('reports an imported dataset it could not keep, and installs the bundled one', async () => {
    const s = service();
    const file = importable();
    await ask(s, { type: 'import-dataset', bundle: JSON.parse(JSON.stringify(file)) });
    await withRaw((db) => changeStoredEntities(db, (entities) => entities.filter((e) => e.id !== 'nato')));
    const repaired = await ask(s, { type: 'repair-dataset' });
    expect(repaired.ok && repaired.result).toMatchObject({
      stored: true,
      keptImport: false,
      lostImport: { version: file.version },
      version: bundled.version,
      source: 'bundled',
    });
    expect(await mentioned(service())).toEqual(['nato', 'new-start', 'osce']);
  });

  it('rebuilds a database without its stores', async () => {
    await mentioned(service());
    const db = await openDB(DB_NAME, DB_SCHEMA_VERSION + 1, {
      upgrade(upgrading) {
        upgrading.deleteObjectStore('meta');
      },
    });
    db.close();
    const repaired = await ask(service(), { type: 'repair-dataset' });
    expect(repaired.ok && repaired.result).toMatchObject({ stored: true, source: 'bundled' });
  });
});

describe('the reader is told why there is no context', () => {
  it('when no dataset can be loaded at all', async () => {
    const s = createService({
      bundledVersion: 'v',
      matcherCodeHash: 'test',
      loadBundle: async () => {
        throw new Error('dataset.json is missing');
      },
      origin: 'chrome-extension://test',
      notes: { read: async () => ({}), write: async () => undefined },
      dbTimeoutMs: 1_000,
    });
    const reply = await annotate(s);
    expect(reply).toMatchObject({ ok: false, reason: 'repairing' });
  });
});

describe('the matcher the build ships', () => {
  /** A matcher that also knows a name the bundled entities do not have: it shows which one answers. */
  const marked = (stamp: string) =>
    serializeMatcher(
      compileMatcher(
        bundled.entities.map((e) =>
          e.id === 'nato'
            ? { ...e, aliases: { ...e.aliases, en: [...e.aliases.en, 'North Atlantic Bloc'] } }
            : e,
        ),
      ),
      stamp,
    );
  const names = async (s: Service, text: string) => {
    const reply = await ask(s, { type: 'annotate', text, lang: 'en', date: '2022-01-14' });
    if (!reply.ok) throw new Error(reply.error);
    return reply.result.mentions.map((m) => m.entityId);
  };

  it('answers the first article after install, instead of a matcher compiled on the spot', async () => {
    const s = service({ loadBundledMatcher: async () => marked(`${bundled.version}/test`) });
    expect(await names(s, 'The North Atlantic Bloc met.')).toEqual(['nato']);
    // Stored as it is: a restarted worker loads the same one.
    expect(await names(service(), 'The North Atlantic Bloc met.')).toEqual(['nato']);
  });

  it('replaces a stored matcher that other matcher code made (an update), instead of compiling', async () => {
    await names(service({ loadBundledMatcher: async () => marked(`${bundled.version}/test`) }), 'NATO.');
    // The update: the same bundled dataset, new matcher code, and the build's matcher made by it.
    const updated = service({
      matcherCodeHash: 'new',
      loadBundledMatcher: async () => marked(`${bundled.version}/new`),
    });
    expect(await names(updated, 'The North Atlantic Bloc met.')).toEqual(['nato']);
    // Stored: a restarted worker of the update loads it without the build's file.
    const restarted = service({ matcherCodeHash: 'new', loadBundledMatcher: async () => undefined });
    expect(await names(restarted, 'The North Atlantic Bloc met.')).toEqual(['nato']);
  });

  it('is not used when it was made by other matcher code or cannot be read: the dataset is compiled', async () => {
    for (const loadBundledMatcher of [
      async () => marked(`${bundled.version}/other-code`),
      async () => {
        throw new Error('matcher.bin is missing');
      },
    ]) {
      await deleteDB(DB_NAME);
      const s = service({ loadBundledMatcher });
      expect(await names(s, 'The North Atlantic Bloc met.')).toEqual([]);
      expect(await mentioned(s)).toEqual(['nato', 'new-start', 'osce']);
    }
  });
});
