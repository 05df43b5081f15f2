import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CARD_LIST,
  cardRecords,
  DB_NAME,
  DB_SCHEMA_VERSION,
  ensureDataset,
  importDataset,
  LEGACY_ENTITY_LIST,
  MATCHING_LIST,
  OUTLINE_LIST,
  openDatabase,
  readCompiledMatcher,
  readDatasetInfo,
  resetDataset,
  seedDatabase,
  writeCompiledMatcher,
} from '../../../src/background/database';
import { asLines, cardKey, DamagedEntity, splitEntity } from '../../../src/background/stored-entities';
import { compileBundle } from '../../../src/dataset/dataset';
import { compileMatcher, type EntitySet } from '../../../src/engine/matcher/compile';
import { findAliases } from '../../../src/engine/matcher/scan';
import type { StoredMatcher } from '../../../src/engine/matcher/stored';
import { loadMatcher, serializeMatcher } from '../../../src/engine/matcher/stored';
import type { DatasetBundle, Entity } from '../../../src/shared/types';
import { changeStoredEntities, storedIds } from './entity-list';

function entity(id: string): Entity {
  return {
    id,
    type: 'organization',
    name: { en: id.toUpperCase(), ru: id.toUpperCase() },
    aliases: { en: [id.toUpperCase()], ru: [id.toUpperCase()] },
    summary: { en: 'An organisation.', ru: 'Организация.' },
    timeline: [{ date: '1949-04-04', kind: 'founded', label: { en: 'Founded', ru: 'Основана' } }],
    sources: [{ url: 'https://example.org/', title: 'Example' }],
  };
}

function bundle(version: string, ids: string[]): DatasetBundle {
  return { format: 2, version, date: '2026-11-27', entities: ids.map(entity) };
}

afterEach(async () => {
  await deleteDB(DB_NAME);
});

/** Every entity of a set, each read (and checked) now. */
const all = (set: EntitySet) => [...set.byId.values()];

/** The ids of a set's entities, sorted. */
const idsOf = (set: EntitySet) =>
  all(set)
    .map((e) => e.id)
    .sort();

describe('the background database', () => {
  it('keeps the compiled matcher for a restarted worker, and drops it when the dataset changes', async () => {
    const db = await openDatabase();
    const { entities } = await ensureDataset(db, 'v1', async () => bundle('v1', ['nato', 'osce']));
    await writeCompiledMatcher(db, serializeMatcher(compileMatcher(all(entities)), 'v1'));
    const matcher = loadMatcher(await readCompiledMatcher(db), entities, 'v1');
    expect(matcher && findAliases(matcher, 'NATO and OSCE').map((h) => h.entityIds)).toEqual([
      ['nato'],
      ['osce'],
    ]);
    await ensureDataset(db, 'v2', async () => bundle('v2', ['nato']));
    expect(await readCompiledMatcher(db)).toBeUndefined();
    db.close();
  });

  it('seeds an empty database from the bundle and stamps it with the version', async () => {
    const db = await openDatabase();
    const load = vi.fn(async () => bundle('v1', ['nato', 'osce']));
    const { info, entities } = await ensureDataset(db, 'v1', load);
    expect(load).toHaveBeenCalledOnce();
    expect(info).toMatchObject({ version: 'v1', entityCount: 2 });
    expect(idsOf(entities)).toEqual(['nato', 'osce']);
    expect(await readDatasetInfo(db)).toMatchObject({ version: 'v1', entityCount: 2 });
    db.close();
  });

  it('does not reseed when the stored version is current (a restarted worker reads it back)', async () => {
    const db = await openDatabase();
    await ensureDataset(db, 'v1', async () => bundle('v1', ['nato']));
    const load = vi.fn(async () => bundle('v1', ['nato']));
    const { entities, entitiesRead } = await ensureDataset(db, 'v1', load);
    expect(load).not.toHaveBeenCalled();
    // The ids at once, each entity once its text has been read.
    expect(entities.byId.has('nato')).toBe(true);
    expect(await entitiesRead).toBe(true);
    expect(all(entities).map((e) => e.id)).toEqual(['nato']);
    db.close();
  });

  it('replaces an older dataset completely on update, dropping entities that were removed', async () => {
    const db = await openDatabase();
    await ensureDataset(db, 'v1', async () => bundle('v1', ['nato', 'old-entity']));
    const { info, entities } = await ensureDataset(db, 'v2', async () => bundle('v2', ['nato', 'osce']));
    expect(info.version).toBe('v2');
    expect(idsOf(entities)).toEqual(['nato', 'osce']);
    expect(await storedIds(db)).toEqual(['nato', 'osce']);
    db.close();
  });

  it('reseeds when the stamp and the contents disagree (an interrupted write by an older version)', async () => {
    const db = await openDatabase();
    await ensureDataset(db, 'v1', async () => bundle('v1', ['nato', 'osce']));
    await changeStoredEntities(db, (entities) => entities.filter((e) => e.id !== 'osce'));
    const load = vi.fn(async () => bundle('v1', ['nato', 'osce']));
    const { entities } = await ensureDataset(db, 'v1', load);
    expect(load).toHaveBeenCalledOnce();
    expect(all(entities)).toHaveLength(2);
    db.close();
  });

  it('keeps the old dataset intact when seeding fails part-way', async () => {
    const db = await openDatabase();
    await seedDatabase(db, bundle('v1', ['nato', 'osce']));
    // A value that cannot be stored makes put() throw inside the transaction, which then aborts.
    const uncloneable = { format: 1, build: () => undefined } as unknown as StoredMatcher;
    try {
      await expect(seedDatabase(db, bundle('v2', ['csto']), { compiled: uncloneable })).rejects.toThrow();
      expect(await readDatasetInfo(db)).toMatchObject({ version: 'v1' });
      expect(await storedIds(db)).toEqual(['nato', 'osce']);
    } finally {
      db.close();
    }
  });

  it('rebuilds a database left by a newer schema version instead of failing', async () => {
    const newer = await openDB(DB_NAME, DB_SCHEMA_VERSION + 5, {
      upgrade(db) {
        db.createObjectStore('something-else');
      },
    });
    newer.close();
    const db = await openDatabase();
    const { entities } = await ensureDataset(db, 'v1', async () => bundle('v1', ['nato']));
    expect(all(entities).map((e) => e.id)).toEqual(['nato']);
    db.close();
  });
});

/** A real compiled bundle (its version carries its content hash), as the build writes it. */
function compiled(ids: string[], date = '2026-11-27'): DatasetBundle {
  const valid = (id: string): Entity => ({
    ...entity(id),
    name: { en: id.toUpperCase(), ru: `Организация ${id}` },
    aliases: { en: [id.toUpperCase()], ru: [`Организация ${id}`] },
  });
  return compileBundle(ids.map(valid), date);
}

/** Removes the entities as this version stores them, as a database an earlier version wrote has none. */
async function dropCurrentForm(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  for (const key of [OUTLINE_LIST, MATCHING_LIST, CARD_LIST] as const) await db.delete('compiled', key);
  await db.delete('compiled', cardRecords());
}

/** Runs `body` with an open database, closing it even when an assertion fails (deleteDB waits for that). */
async function withDb(body: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>): Promise<void> {
  const db = await openDatabase();
  try {
    await body(db);
  } finally {
    db.close();
  }
}

describe('importing and resetting the dataset', () => {
  const bundled = compiled(['nato', 'osce']);
  const loadBundled = async () => structuredClone(bundled);

  it('records where the dataset came from and how many entities of each type it has', () =>
    withDb(async (db) => {
      const { info } = await ensureDataset(db, bundled.version, loadBundled);
      expect(info).toMatchObject({
        source: 'bundled',
        entityCount: 2,
        counts: { treaty: 0, event: 0, organization: 2 },
      });
      expect(await readDatasetInfo(db)).toEqual(info);
    }));

  it('changes nothing when the file is invalid, and lists its problems', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      const stored = serializeMatcher(compileMatcher(bundled.entities), bundled.version);
      await writeCompiledMatcher(db, stored);
      const before = await readDatasetInfo(db);

      const edited = compiled(['csto']);
      edited.entities[0]!.summary.en = 'Edited by hand.';
      const result = await importDataset(db, JSON.parse(JSON.stringify(edited)), bundled.version);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems.join('\n')).toMatch(/changed after the file was compiled/);

      const garbage = await importDataset(db, { format: 2, version: 'x', date: 'y', entities: [{}] }, 'v');
      expect(!garbage.ok && garbage.problems.length).toBeGreaterThan(1);

      expect(await readDatasetInfo(db)).toEqual(before);
      expect(await storedIds(db)).toEqual(['nato', 'osce']);
      expect(await readCompiledMatcher(db)).toEqual(stored);
    }));

  it('caps a long list of problems', () =>
    withDb(async (db) => {
      const many = {
        format: 2,
        version: '2026-11-27+00000000',
        date: '2026-11-27',
        entities: Array(500).fill(5),
      };
      const result = await importDataset(db, many, 'v');
      expect(!result.ok && result.problems).toHaveLength(101);
      expect(!result.ok && result.problems.at(-1)).toMatch(/and \d+ more problems/);
    }));

  it('replaces everything with a valid file, drops the old compiled matcher, and marks it imported', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      await writeCompiledMatcher(db, serializeMatcher(compileMatcher(bundled.entities), bundled.version));

      const other = compiled(['csto', 'sco', 'brics'], '2026-12-01');
      const result = await importDataset(db, JSON.parse(JSON.stringify(other)), bundled.version);
      expect(result).toMatchObject({
        ok: true,
        info: { version: other.version, source: 'imported', entityCount: 3 },
      });
      expect(await storedIds(db)).toEqual(['brics', 'csto', 'sco']);
      expect(await readDatasetInfo(db)).toMatchObject({
        version: other.version,
        date: '2026-12-01',
        source: 'imported',
      });
      expect(await readCompiledMatcher(db)).toBeUndefined();
    }));

  it('keeps an imported dataset when the worker restarts, and when the extension is updated', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      const other = compiled(['csto']);
      await importDataset(db, other, bundled.version);

      const load = vi.fn(loadBundled);
      const restarted = await ensureDataset(db, bundled.version, load);
      expect(restarted.info).toMatchObject({ version: other.version, source: 'imported' });
      expect(await restarted.entitiesRead).toBe(true);
      expect(all(restarted.entities).map((e) => e.id)).toEqual(['csto']);

      // An update that ships another bundled dataset checks the import again and keeps it.
      const updated = await ensureDataset(db, 'a-newer-bundled-version', load);
      expect(updated.info).toMatchObject({ version: other.version, source: 'imported' });
      expect(load).not.toHaveBeenCalled();
    }));

  it('falls back to the bundled dataset when an update cannot read the imported one', () =>
    withDb(async (db) => {
      await importDataset(db, compiled(['csto']), bundled.version);
      // What a later build's stricter rules would refuse: here, an entity the rules reject.
      await changeStoredEntities(db, (entities) => entities.map((e) => ({ ...e, sources: [] })));
      const { info, entities } = await ensureDataset(db, 'a-newer-bundled-version', loadBundled);
      expect(info.source).toBe('bundled');
      expect(idsOf(entities)).toEqual(['nato', 'osce']);
    }));

  it('reset restores the bundled dataset', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      await importDataset(db, compiled(['csto']), bundled.version);
      const { info } = await resetDataset(db, loadBundled);
      expect(info).toMatchObject({ version: bundled.version, source: 'bundled', entityCount: 2 });
      expect(await storedIds(db)).toEqual(['nato', 'osce']);
      const again = await ensureDataset(db, bundled.version, vi.fn(loadBundled));
      expect(again.info.source).toBe('bundled');
    }));

  it('stores nothing when the matcher cannot be built from a valid file', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      const before = await readDatasetInfo(db);
      const result = await importDataset(db, compiled(['csto']), bundled.version, new Date(), () => {
        throw new RangeError('Maximum call stack size exceeded');
      });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems.join('\n')).toMatch(/could not build its matcher/);
      expect(await readDatasetInfo(db)).toEqual(before);
      expect(await storedIds(db)).toEqual(['nato', 'osce']);
    }));

  it('stores an import with its compiled matcher in the same transaction', () =>
    withDb(async (db) => {
      const other = compiled(['csto']);
      const result = await importDataset(db, other, bundled.version, new Date(), (bundle) => {
        const matcher = compileMatcher(bundle.entities);
        return { matcher, stored: serializeMatcher(matcher, bundle.version) };
      });
      expect(result.ok).toBe(true);
      expect(loadMatcher(await readCompiledMatcher(db), other.entities, other.version)).not.toBeNull();
    }));

  it('reseeds when a stored entity comes back damaged', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      await changeStoredEntities(db, (entities) =>
        entities.map((e) => (e.id === 'osce' ? { id: 'osce', type: 'organization', name: null } : e)),
      );
      const load = vi.fn(loadBundled);
      const { entities } = await ensureDataset(db, bundled.version, load);
      expect(load).toHaveBeenCalledOnce();
      expect(all(entities).find((e) => e.id === 'osce')?.name.en).toBe('OSCE');
    }));

  it('keeps an imported dataset that an older version stored as one record per entity, moved into the lists', () =>
    withDb(async (db) => {
      const other = compiled(['csto', 'sco']);
      await importDataset(db, other, bundled.version);
      // As versions up to 0.1.0 left it: the entities as records, no list.
      for (const entity of other.entities) await db.put('entities', entity);
      await dropCurrentForm(db);
      const load = vi.fn(loadBundled);
      const { info, entities } = await ensureDataset(db, bundled.version, load);
      expect(load).not.toHaveBeenCalled();
      expect(info).toMatchObject({ version: other.version, source: 'imported' });
      expect(idsOf(entities)).toEqual(['csto', 'sco']);
      expect(await storedIds(db)).toEqual(['csto', 'sco']);
      expect(await db.count('entities')).toBe(0);
    }));

  it('keeps an imported dataset that the version before stored as one list of whole entities', () =>
    withDb(async (db) => {
      const other = compiled(['csto', 'sco']);
      await importDataset(db, other, bundled.version);
      await db.put('compiled', JSON.stringify(other.entities), LEGACY_ENTITY_LIST);
      await dropCurrentForm(db);
      const load = vi.fn(loadBundled);
      const { info, entities, cards } = await ensureDataset(db, bundled.version, load);
      expect(load).not.toHaveBeenCalled();
      expect(info).toMatchObject({ version: other.version, source: 'imported' });
      expect(idsOf(entities)).toEqual(['csto', 'sco']);
      expect((await cards(['sco']))?.get('sco')?.summary).toEqual(other.entities[1]!.summary);
      // Stored the new way, the old list gone: the next start reads the two lists.
      expect(await db.get('compiled', LEGACY_ENTITY_LIST)).toBeUndefined();
      expect(await storedIds(db)).toEqual(['csto', 'sco']);
    }));

  it('moves the cards the previous version kept in one list into a record each, keeping an import', () =>
    withDb(async (db) => {
      const other = compiled(['csto', 'sco']);
      await importDataset(db, other, bundled.version);
      // As the previous version left it: the cards in one list, no records.
      await db.put('compiled', asLines(other.entities.map((e) => splitEntity(e)[1])), CARD_LIST);
      await db.delete('compiled', cardRecords());
      const summary = (id: string) => other.entities.find((e) => e.id === id)!.summary;
      const load = vi.fn(loadBundled);
      const first = await ensureDataset(db, bundled.version, load);
      expect(load).not.toHaveBeenCalled();
      expect(first.info).toMatchObject({ version: other.version, source: 'imported' });
      expect((await first.cards(['sco']))?.get('sco')?.summary).toEqual(summary('sco'));
      expect(await db.get('compiled', CARD_LIST)).toBeUndefined();
      expect(await db.get('compiled', cardKey('sco'))).toMatchObject({ id: 'sco', summary: summary('sco') });
      const restarted = await ensureDataset(db, bundled.version, vi.fn(loadBundled));
      expect((await restarted.cards(['csto']))?.get('csto')?.summary).toEqual(summary('csto'));
    }));

  it('gives the entities before their cards, which arrive whole and in step with them', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      const { entities, entitiesRead, cards } = await ensureDataset(db, bundled.version, vi.fn(loadBundled));
      // What the matcher reads, without what only the cards show.
      expect(await entitiesRead).toBe(true);
      expect(idsOf(entities)).toEqual(['nato', 'osce']);
      expect(all(entities).every((e) => !('summary' in e) && !('sources' in e))).toBe(true);
      const byId = await cards(['nato', 'osce', 'csto']);
      expect(byId?.get('nato')?.summary).toEqual(bundled.entities.find((e) => e.id === 'nato')!.summary);
      expect(byId?.get('osce')?.sources).toEqual(bundled.entities.find((e) => e.id === 'osce')!.sources);
      expect(byId?.get('csto')).toBeUndefined();
    }));

  it('reads all the cards in one request when asked for many, and finds one missing among them', () =>
    withDb(async (db) => {
      const ids = Array.from({ length: 250 }, (_, k) => `org-${k}`);
      const many = compiled(ids);
      await ensureDataset(db, many.version, async () => structuredClone(many));
      await db.delete('compiled', cardKey('org-7'));
      const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
      const { cards } = await ensureDataset(db, many.version, vi.fn());
      const all = await cards(ids);
      expect(getAll).toHaveBeenCalledWith(cardRecords());
      expect(all?.get('org-249')?.summary).toEqual(many.entities.find((e) => e.id === 'org-249')!.summary);
      expect(() => all?.get('org-7')).toThrow(DamagedEntity);
    }));

  /**
   * The cards of the bundled dataset as a restarted worker loads them, on a connection closed once
   * loaded (and `meanwhile` has run on it), as the worker closes its own.
   */
  async function cardsOfRestartedWorker(
    meanwhile?: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>,
  ) {
    await withDb((db) => ensureDataset(db, bundled.version, loadBundled).then(() => undefined));
    let cards: Awaited<ReturnType<typeof ensureDataset>>['cards'] = async () => null;
    await withDb(async (db) => {
      ({ cards } = await ensureDataset(db, bundled.version, vi.fn(loadBundled)));
      await meanwhile?.(db);
    });
    return cards;
  }

  it('reads each card when first asked for, after the loading connection is closed, then keeps it', async () => {
    const cards = await cardsOfRestartedWorker();
    // The worker closes its connection once loaded; the first article's details come later.
    const nato = bundled.entities.find((e) => e.id === 'nato')!;
    expect((await cards(['nato']))?.get('nato')?.summary).toEqual(nato.summary);
    expect((await cards(['nato']))?.get('osce')).toBeUndefined(); // not asked for yet
    await withDb(async (db) => {
      await db.delete('compiled', cardKey('nato'));
    });
    // Kept once read; one not read before is read now, and its loss shows.
    expect((await cards(['nato']))?.get('nato')?.summary).toEqual(nato.summary);
    await withDb(async (db) => {
      await db.delete('compiled', cardKey('osce'));
    });
    const osce = await cards(['osce']);
    expect(() => osce?.get('osce')).toThrow(DamagedEntity);
  });

  it("answers no cards for a dataset that was replaced before they were read, not the new one's", async () => {
    const cards = await cardsOfRestartedWorker(async (db) => {
      // Same ids, other cards: an import while the first article was on its way.
      const edited = compileBundle(
        bundled.entities.map((e) => ({ ...e, summary: { en: `Imported ${e.id}.`, ru: `Импорт ${e.id}.` } })),
        bundled.date,
      );
      const result = await importDataset(db, JSON.parse(JSON.stringify(edited)), bundled.version);
      expect(result.ok).toBe(true);
    });
    expect(await cards(['nato'])).toBeNull();
  });

  it('reads an entity when it is asked for, and says then when its own text came back damaged', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      // Its outline (id, type, dated steps) whole, its name damaged.
      await changeStoredEntities(db, (entities) =>
        entities.map((e) => (e.id === 'osce' ? { ...e, name: 5 } : e)),
      );
      const load = vi.fn(loadBundled);
      const { entities, entitiesRead } = await ensureDataset(db, bundled.version, load);
      expect(load).not.toHaveBeenCalled();
      expect(entities.outlines.map((o) => o.id).sort()).toEqual(['nato', 'osce']);
      expect(await entitiesRead).toBe(true);
      expect(entities.byId.get('nato')?.name.en).toBe('NATO');
      expect(() => entities.byId.get('osce')).toThrow(DamagedEntity);
      const again = await ensureDataset(db, bundled.version, load, undefined, { damaged: true });
      expect(load).toHaveBeenCalledOnce();
      expect(again.entities.byId.get('osce')?.name.en).toBe('OSCE');
    }));

  it('says when the entities\u2019 texts do not fit their outlines', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      const texts = (await db.get('compiled', MATCHING_LIST)) as Uint8Array;
      // The first line only.
      await db.put('compiled', texts.subarray(0, texts.indexOf(0x0a)), MATCHING_LIST);
      const { entities, entitiesRead } = await ensureDataset(db, bundled.version, vi.fn(loadBundled));
      expect(entities.byId.size).toBe(2);
      expect(await entitiesRead).toBe(false);
    }));

  it('says when the cards come back damaged, and then treats the dataset as damaged', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      await changeStoredEntities(db, (entities) =>
        entities.map((e) => (e.id === 'osce' ? { ...e, sources: 'gone' } : e)),
      );
      const load = vi.fn(loadBundled);
      const first = await ensureDataset(db, bundled.version, load);
      // The matcher's part is whole: served without waiting, and the damage shows in the card.
      expect(load).not.toHaveBeenCalled();
      const cards = await first.cards(['nato', 'osce']);
      expect(cards?.get('nato')?.sources).toHaveLength(1);
      expect(() => cards?.get('osce')).toThrow(DamagedEntity);
      const again = await ensureDataset(db, bundled.version, load, undefined, { damaged: true });
      expect(load).toHaveBeenCalledOnce();
      expect((await again.cards(['osce']))?.get('osce')?.sources).toHaveLength(1);
      const restarted = await ensureDataset(db, bundled.version, vi.fn(loadBundled));
      expect((await restarted.cards(['osce']))?.get('osce')?.sources).toHaveLength(1);
    }));

  it('reseeds when the meta record comes back damaged', () =>
    withDb(async (db) => {
      await ensureDataset(db, bundled.version, loadBundled);
      await db.put('meta', { version: 7 } as never, 'dataset');
      const load = vi.fn(loadBundled);
      const { info } = await ensureDataset(db, bundled.version, load);
      expect(load).toHaveBeenCalledOnce();
      expect(info.version).toBe(bundled.version);
    }));

  it('reseeds an imported dataset whose stamp and contents disagree', () =>
    withDb(async (db) => {
      await importDataset(db, compiled(['csto', 'sco']), bundled.version);
      await changeStoredEntities(db, (entities) => entities.filter((e) => e.id !== 'sco'));
      const { info } = await ensureDataset(db, bundled.version, loadBundled);
      expect(info).toMatchObject({ source: 'bundled', version: bundled.version });
    }));
});
