import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DB_NAME,
  DB_SCHEMA_VERSION,
  ensureDataset,
  openDatabase,
  readCompiledMatcher,
  readDatasetInfo,
  seedDatabase,
  writeCompiledMatcher,
} from '../../src/background/database';
import { compileMatcher, findAliases, loadMatcher, serializeMatcher } from '../../src/core/matcher';
import type { DatasetBundle, Entity } from '../../src/core/types';

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
  return { version, date: '2026-11-27', entities: ids.map(entity) };
}

afterEach(async () => {
  await deleteDB(DB_NAME);
});

describe('the background database', () => {
  it('keeps the compiled matcher for a restarted worker, and drops it when the dataset changes', async () => {
    const db = await openDatabase();
    const { entities } = await ensureDataset(db, 'v1', async () => bundle('v1', ['nato', 'osce']));
    await writeCompiledMatcher(db, serializeMatcher(compileMatcher(entities), 'v1'));
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
    expect(entities.map((e) => e.id).sort()).toEqual(['nato', 'osce']);
    expect(await readDatasetInfo(db)).toMatchObject({ version: 'v1', entityCount: 2 });
    db.close();
  });

  it('does not reseed when the stored version is current (a restarted worker reads it back)', async () => {
    const db = await openDatabase();
    await ensureDataset(db, 'v1', async () => bundle('v1', ['nato']));
    const load = vi.fn(async () => bundle('v1', ['nato']));
    const { entities } = await ensureDataset(db, 'v1', load);
    expect(load).not.toHaveBeenCalled();
    expect(entities.map((e) => e.id)).toEqual(['nato']);
    db.close();
  });

  it('replaces an older dataset completely on update, dropping entities that were removed', async () => {
    const db = await openDatabase();
    await ensureDataset(db, 'v1', async () => bundle('v1', ['nato', 'old-entity']));
    const { info, entities } = await ensureDataset(db, 'v2', async () => bundle('v2', ['nato', 'osce']));
    expect(info.version).toBe('v2');
    expect(entities.map((e) => e.id).sort()).toEqual(['nato', 'osce']);
    expect((await db.getAllKeys('entities')).sort()).toEqual(['nato', 'osce']);
    db.close();
  });

  it('reseeds when the stamp and the contents disagree (an interrupted write by an older version)', async () => {
    const db = await openDatabase();
    await ensureDataset(db, 'v1', async () => bundle('v1', ['nato', 'osce']));
    await db.delete('entities', 'osce');
    const load = vi.fn(async () => bundle('v1', ['nato', 'osce']));
    const { entities } = await ensureDataset(db, 'v1', load);
    expect(load).toHaveBeenCalledOnce();
    expect(entities).toHaveLength(2);
    db.close();
  });

  it('keeps the old dataset intact when seeding fails part-way', async () => {
    const db = await openDatabase();
    await seedDatabase(db, bundle('v1', ['nato', 'osce']));
    // A record without its key path makes put() throw inside the transaction, which then aborts.
    const broken = bundle('v2', ['csto']);
    broken.entities.push({ name: 'no id' } as unknown as Entity);
    try {
      await expect(seedDatabase(db, broken)).rejects.toThrow();
      expect(await readDatasetInfo(db)).toMatchObject({ version: 'v1' });
      expect((await db.getAllKeys('entities')).sort()).toEqual(['nato', 'osce']);
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
    expect(entities.map((e) => e.id)).toEqual(['nato']);
    db.close();
  });
});
