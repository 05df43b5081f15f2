// The dataset is reviewed like code: these tests are the reviewer that checks every source file,
// and they pin down what a curator sees when an entity is broken.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBundle, parseBundle, type SourceFile, validateDataset } from '../../../src/dataset/dataset';
import { readDatasetSources } from '../../../src/dataset/source-files';
import type { Entity } from '../../../src/shared/types';

const DATA_DIR = join(import.meta.dirname, '../../../src/data');

function loadSourceFiles(): SourceFile[] {
  return readDatasetSources(join(DATA_DIR, '../..')).files;
}

function good(overrides: Partial<Entity> = {}): Entity {
  return {
    id: 'test-treaty',
    type: 'treaty',
    name: { en: 'Test Treaty', ru: 'Тестовый договор' },
    aliases: { en: ['Test Treaty'], ru: ['Тестовый договор'] },
    summary: { en: 'A treaty used in tests.', ru: 'Договор для тестов.' },
    timeline: [
      { date: '2010-04-08', kind: 'signed', label: { en: 'Signed', ru: 'Подписан' } },
      { date: '2011-02-05', kind: 'in-force', label: { en: 'In force', ru: 'Вступает в силу' } },
    ],
    sources: [{ url: 'https://example.org/treaty', title: 'Example source' }],
    ...overrides,
  };
}

function goodEvent(overrides: Partial<Entity> = {}): Entity {
  return good({
    id: 'test-summit',
    type: 'event',
    name: { en: 'Test summit', ru: 'Тестовый саммит' },
    aliases: { en: ['Test summit'], ru: ['тестовый саммит'] },
    timeline: [{ date: '2021-06-16', kind: 'held', label: { en: 'Held', ru: 'Прошел' } }],
    event: {
      places: { en: ['Geneva'], ru: ['Женева', 'Женеве'] },
      cues: { en: ['summit'], ru: ['саммит'] },
    },
    ...overrides,
  });
}

function check(...entities: unknown[]) {
  return validateDataset([{ file: 'src/data/test.json', content: entities }]);
}

function errorsFor(entity: unknown): string[] {
  return check(entity).errors;
}

describe('the shipped dataset', () => {
  const files = loadSourceFiles();
  const result = validateDataset(files);

  it('validates with zero errors', () => {
    expect(result.errors).toEqual([]);
  });

  it('has at least 55 entities of all three types', () => {
    expect(result.entities.length).toBeGreaterThanOrEqual(55);
    const types = new Set(result.entities.map((e) => e.type));
    expect(types).toEqual(new Set(['treaty', 'event', 'organization']));
  });

  it('contains every id other parts of Backstory rely on', () => {
    const ids = new Set(result.entities.map((e) => e.id));
    const fixed = [
      'new-start',
      'start-i',
      'start-ii',
      'sort',
      'inf-treaty',
      'abm-treaty',
      'salt-i',
      'salt-ii',
      'npt',
      'ctbt',
      'open-skies',
      'cfe',
      'cwc',
      'bwc',
      'jcpoa',
      'unsc-resolution-2231',
      'minsk-protocol',
      'minsk-ii',
      'normandy-format',
      'black-sea-grain-initiative',
      'helsinki-final-act',
      'budapest-memorandum',
      'nato-russia-founding-act',
      'union-state',
      'nato',
      'osce',
      'osce-permanent-council',
      'nato-russia-council',
      'un-security-council',
      'united-nations',
      'iaea',
      'brics',
      'sco',
      'csto',
      'eaeu',
      'cis',
      'european-union',
      'g7',
      'g20',
      'us-russia-security-treaty-draft-2021',
      'russia-nato-security-agreement-draft-2021',
      'geneva-summit-2021',
      'russia-us-security-talks-geneva-2022',
      'nrc-meeting-2022-01-12',
      'osce-pc-session-2022-01-13',
      'istanbul-talks-2022',
      'alaska-summit-2025',
      'crimea-2014',
      'russia-ukraine-war-2022',
      'russia-un-memorandum-2022',
    ];
    expect(fixed.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('names the NATO-Russia Council the ways articles do', () => {
    const nrc = result.entities.find((e) => e.id === 'nato-russia-council');
    expect(nrc?.aliases.en).toEqual(expect.arrayContaining(['Russia-NATO Council', 'NATO-Russia Council']));
    expect(nrc?.aliases.ru).toEqual(expect.arrayContaining(['Совет Россия – НАТО', 'Совет Россия-НАТО']));
  });

  it('dates both security drafts to their publication on 17 December 2021', () => {
    for (const id of ['us-russia-security-treaty-draft-2021', 'russia-nato-security-agreement-draft-2021']) {
      const entity = result.entities.find((e) => e.id === id);
      expect(entity?.type).toBe('treaty');
      expect(entity?.timeline).toContainEqual(
        expect.objectContaining({ date: '2021-12-17', kind: 'proposed' }),
      );
    }
  });

  it('has a dataset date in meta.json', () => {
    const meta = JSON.parse(readFileSync(join(DATA_DIR, 'meta.json'), 'utf8')) as { date: string };
    expect(meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(() => compileBundle(result.entities, meta.date)).not.toThrow();
  });
});

describe('validateDataset rejects broken entities, naming file, id and field', () => {
  it('accepts a well-formed treaty and event', () => {
    const { errors, entities } = check(good(), goodEvent());
    expect(errors).toEqual([]);
    expect(entities.map((e) => e.id)).toEqual(['test-treaty', 'test-summit']);
  });

  it('rejects a date that is not ISO', () => {
    const e = good();
    e.timeline[1]!.date = '5 February 2011';
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": timeline[1].date: "5 February 2011" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)',
    ]);
  });

  it('rejects 31 February and other impossible days', () => {
    const e = good();
    e.timeline[1]!.date = '2011-02-31';
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": timeline[1].date: "2011-02-31" is not a real date',
    ]);
    e.timeline[1]!.date = '2011-13';
    expect(errorsFor(e)[0]).toContain('timeline[1].date: "2011-13" is not a real date');
    e.timeline[1]!.date = '2012-02-29';
    expect(errorsFor(e)).toEqual([]);
    e.timeline[1]!.date = '2100-02-29';
    expect(errorsFor(e)[0]).toContain('"2100-02-29" is not a real date');
  });

  it('rejects a timeline out of order', () => {
    const e = good();
    e.timeline.reverse();
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": timeline[1].date: "2010-04-08" comes before the previous step\'s "2011-02-05"',
    ]);
  });

  it('rejects an unknown step kind and a step without both label languages', () => {
    const e = good();
    (e.timeline[0] as { kind: string }).kind = 'launched';
    e.timeline[1]!.label = { en: 'In force', ru: '' };
    const errors = errorsFor(e);
    expect(errors).toContain(
      'src/data/test.json: entity "test-treaty": timeline[0].kind: "launched" is not a known step kind',
    );
    expect(errors).toContain('src/data/test.json: entity "test-treaty": timeline[1].label.ru: is empty');
  });

  it('rejects a missing Russian summary', () => {
    const e = good();
    (e.summary as { ru?: string }).ru = undefined;
    expect(errorsFor(e)).toContain(
      'src/data/test.json: entity "test-treaty": summary.ru: expected a string, got undefined',
    );
  });

  it('rejects a summary longer than three sentences or 400 characters', () => {
    const e = good({ summary: { en: 'One. Two. Three. Four.', ru: 'Один. Два. Три.' } });
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": summary.en: 4 sentences, more than 3',
    ]);
    const long = good({ summary: { en: `${'word '.repeat(90)}end.`, ru: 'Кратко.' } });
    expect(errorsFor(long)[0]).toMatch(/summary\.en: \d+ characters, more than 400$/);
  });

  it('rejects Russian names and aliases without Cyrillic, and languages without aliases', () => {
    const e = good({ aliases: { en: [], ru: ['New START Treaty'] } });
    const errors = errorsFor(e);
    expect(errors).toContain('src/data/test.json: entity "test-treaty": aliases.en: needs at least 1 entry');
    expect(errors).toContain(
      'src/data/test.json: entity "test-treaty": aliases.ru[0]: "New START Treaty" has no Cyrillic letters',
    );
  });

  it('accepts the Latin acronyms and brand names Russian text writes as they are', () => {
    expect(errorsFor(good({ aliases: { en: ['SWIFT'], ru: ['SWIFT', 'Africa CDC'] } }))).toEqual([]);
  });

  it('rejects generic words as English aliases', () => {
    const e = good({ aliases: { en: ['Test Treaty', 'the treaty', 'Geneva'], ru: ['Тестовый договор'] } });
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": aliases.en[1]: "the treaty" is a generic word, not a name',
      'src/data/test.json: entity "test-treaty": aliases.en[2]: "Geneva" is a generic word, not a name',
    ]);
  });

  it('rejects an id that is not lowercase kebab-case', () => {
    expect(errorsFor(good({ id: 'New_START' }))).toEqual([
      'src/data/test.json: entity "New_START": id: "New_START" is not lowercase kebab-case',
    ]);
  });

  it('rejects a duplicate id, even across files', () => {
    const { errors } = validateDataset([
      { file: 'src/data/a.json', content: [good()] },
      { file: 'src/data/b.json', content: [good({ aliases: { en: ['Other'], ru: ['Другой'] } })] },
    ]);
    expect(errors).toEqual([
      'src/data/b.json: entity "test-treaty": id: duplicate id, already used in src/data/a.json',
    ]);
  });

  it('rejects a relation to a missing id and to itself', () => {
    const e = good({ related: ['no-such-entity', 'test-treaty'] });
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": related[0]: "no-such-entity" is not an entity id',
      'src/data/test.json: entity "test-treaty": related[1]: refers to the entity itself',
    ]);
  });

  it('rejects an entity without a source', () => {
    expect(errorsFor(good({ sources: [] }))).toEqual([
      'src/data/test.json: entity "test-treaty": sources: at least one source is required',
    ]);
  });

  it('rejects a source that is not https or has no title', () => {
    const e = good({
      sources: [
        { url: 'http://example.org/x', title: 'Plain http' },
        { url: 'javascript:alert(1)', title: 'Script' },
        { url: 'https://example.org/y', title: ' ' },
      ],
    });
    expect(errorsFor(e)).toEqual([
      'src/data/test.json: entity "test-treaty": sources[0].url: "http://example.org/x" is not an https URL',
      'src/data/test.json: entity "test-treaty": sources[1].url: "javascript:alert(1)" is not an https URL',
      'src/data/test.json: entity "test-treaty": sources[2].title: is empty',
    ]);
  });

  it('rejects an alias two entities share unless both notes mention it', () => {
    const a = good({ aliases: { en: ['Test Treaty', 'START'], ru: ['Тестовый договор'] } });
    const b = good({ id: 'other-treaty', aliases: { en: ['start '.trim()], ru: ['Другой договор'] } });
    expect(check(a, b).errors).toEqual([
      'src/data/test.json: entity "test-treaty": aliases.en: "START" is shared with "other-treaty" but the note does not mention it',
      'src/data/test.json: entity "other-treaty": aliases.en: "start" is shared with "test-treaty" but the note does not mention it',
    ]);
    a.note = 'START is shared with other-treaty; the one in force wins.';
    expect(check(a, b).errors).toHaveLength(1);
    b.note = 'Shares "start" with test-treaty.';
    expect(check(a, b).errors).toEqual([]);
  });

  it('accepts context aliases with their context words, and does not count them as shared aliases', () => {
    const pc = good({
      id: 'test-council',
      contextAliases: { en: ['Permanent Council'], ru: ['Постоянный совет'] },
      context: { en: ['OSCE'], ru: ['ОБСЕ'] },
    });
    const other = good({ id: 'other-council', aliases: { en: ['Permanent Council'], ru: ['Другой совет'] } });
    expect(check(pc, other).errors).toEqual([]);
  });

  it('rejects context aliases without context words, context words without aliases, and bad lists', () => {
    const label = 'src/data/test.json: entity "test-treaty"';
    expect(errorsFor(good({ contextAliases: { en: ['Moscow Treaty'], ru: [] } }))).toEqual([
      `${label}: context: expected { en: [...], ru: [...] }, got undefined`,
    ]);
    expect(errorsFor(good({ context: { en: ['nuclear'], ru: [] } }))).toEqual([
      `${label}: context: context words without contextAliases confirm nothing`,
    ]);
    expect(
      errorsFor(good({ contextAliases: { en: ['Moscow Treaty'], ru: [] }, context: { en: [], ru: [] } })),
    ).toEqual([`${label}: context.en: needs at least 1 entry`]);
    expect(errorsFor(good({ contextAliases: { en: [], ru: [] }, context: { en: ['x'], ru: [] } }))).toEqual([
      `${label}: contextAliases: needs at least one alias`,
    ]);
    expect(
      errorsFor(
        good({
          contextAliases: { en: ['Test Treaty', 'treaty'], ru: ['the Moscow Treaty'] },
          context: { en: ['nuclear'], ru: ['ядерный'] },
        }),
      ),
    ).toEqual([
      `${label}: contextAliases.en[1]: "treaty" is a generic word, not a name`,
      `${label}: contextAliases.ru[0]: "the Moscow Treaty" has no Cyrillic letters`,
      `${label}: contextAliases.en[0]: "Test Treaty" is also a plain alias`,
    ]);
    expect(
      errorsFor(
        good({ contextAliases: { en: ['X'], ru: [], de: [] } as never, context: { en: ['y'], ru: [] } }),
      ),
    ).toEqual([`${label}: contextAliases.de: unknown field`]);
  });

  it('requires event clues exactly for events, with places in both languages and a held or started step', () => {
    expect(errorsFor(good({ event: goodEvent().event }))).toEqual([
      'src/data/test.json: entity "test-treaty": event: only events carry event clues, not a "treaty"',
    ]);
    const noClues = goodEvent();
    delete noClues.event;
    expect(errorsFor(noClues)).toEqual([
      'src/data/test.json: entity "test-summit": event: an event needs event clues (places, cues)',
    ]);
    const noPlace = goodEvent({
      event: { places: { en: ['Geneva'], ru: [] }, cues: { en: ['summit'], ru: ['саммит'] } },
    });
    expect(errorsFor(noPlace)).toEqual([
      'src/data/test.json: entity "test-summit": event.places.ru: needs at least 1 entry',
    ]);
    const undated = goodEvent({
      timeline: [{ date: '2021-06', kind: 'other', label: { en: 'Announced', ru: 'Объявлен' } }],
    });
    expect(errorsFor(undated)).toEqual([
      "src/data/test.json: entity \"test-summit\": timeline: an event needs a 'held' or 'started' step (or 'proposed', if it never took place)",
    ]);
  });

  it('reports unknown fields, which are usually typos', () => {
    const e = { ...good(), relatd: ['nato'] };
    expect(errorsFor(e)).toEqual(['src/data/test.json: entity "test-treaty": relatd: unknown field']);
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['a number', 42],
    ['an object', { id: 'x' }],
  ])('never throws on a file whose content is %s', (_label, content) => {
    const result = validateDataset([{ file: 'src/data/bad.json', content }]);
    expect(result.entities).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^src\/data\/bad\.json: expected a JSON array of entities/);
  });

  it.each([
    ['[1]', [1]],
    ['[null]', [null]],
    ['[[]]', [[]]],
    ['["x"]', ['x']],
  ])('never throws on garbage items such as %s', (_label, content) => {
    const result = validateDataset([{ file: 'src/data/bad.json', content }]);
    expect(result.entities).toEqual([]);
    expect(result.errors).toEqual([
      expect.stringMatching(/^src\/data\/bad\.json: entity #0: expected an object, got /),
    ]);
  });

  it('never throws on entities with every field of the wrong type', () => {
    const weird = {
      id: 7,
      type: 'pact',
      name: 'New START',
      aliases: { en: 'START', ru: [null] },
      summary: [],
      timeline: [null, { date: 20100408, kind: 3, label: 'x' }],
      parties: 'US',
      related: [1],
      sources: [{ url: 5 }],
      event: 'Geneva',
      note: 4,
    };
    const result = validateDataset([{ file: 'src/data/bad.json', content: [weird, {}] }]);
    expect(result.entities).toEqual([]);
    expect(result.errors.length).toBeGreaterThan(10);
    for (const line of result.errors) expect(line).toMatch(/^src\/data\/bad\.json: entity #[01]: /);
  });

  it('never throws when the file list itself is garbage', () => {
    for (const files of [null, 'x', [null], [1], [{}]] as unknown[]) {
      const result = validateDataset(files as { file: string; content: unknown }[]);
      expect(result.entities).toEqual([]);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('compileBundle', () => {
  const entities = validateDataset(loadSourceFiles()).entities;

  it('sorts entities by id and is deterministic whatever the input order', () => {
    const a = compileBundle(entities, '2026-11-27');
    const b = compileBundle([...entities].reverse(), '2026-11-27');
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^2026-11-27\+[0-9a-f]{8}$/);
    expect(a.entities.map((e) => e.id)).toEqual([...a.entities.map((e) => e.id)].sort());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('does not depend on the order of keys inside an entity', () => {
    const shuffled = entities.map(
      (e) => Object.fromEntries(Object.entries(e).reverse()) as unknown as Entity,
    );
    expect(compileBundle(shuffled, '2026-11-27').version).toBe(compileBundle(entities, '2026-11-27').version);
  });

  it('changes the version when one entity changes', () => {
    const before = compileBundle(entities, '2026-11-27').version;
    const changed = entities.map((e) =>
      e.id === 'new-start' ? { ...e, summary: { ...e.summary, en: `${e.summary.en} ` } } : e,
    );
    expect(compileBundle(changed, '2026-11-27').version).not.toBe(before);
  });

  it('makes every relation visible from both ends', () => {
    const compiled = compileBundle(entities, '2026-11-27').entities;
    const byId = new Map(compiled.map((e) => [e.id, e]));
    let links = 0;
    for (const entity of compiled) {
      const series = entity.series ? byId.get(entity.series.of) : undefined;
      for (const target of entity.related ?? []) {
        // An edition's link to its series is answered by the series' list of editions, and its
        // link to what the series relates to (the organiser) by the series.
        if (series && target === series.id) expect(series.editions).toContain(entity.id);
        else if (series?.related?.includes(target))
          expect(byId.get(target)?.related, `${target} links back to ${series.id}`).toContain(series.id);
        else expect(byId.get(target)?.related, `${target} links back to ${entity.id}`).toContain(entity.id);
        links++;
      }
    }
    expect(links).toBeGreaterThan(50);
  });

  it("does not list every edition of a series among its organiser's relations", () => {
    const compiled = compileBundle(entities, '2026-11-27').entities;
    const sco = compiled.find((e) => e.id === 'sco');
    expect(sco?.related).toContain('sco-summit');
    expect(sco?.related).not.toContain('sco-summit-2025');
    expect(compiled.find((e) => e.id === 'sco-summit')?.editions).toContain('sco-summit-2025');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => compileBundle(entities, '2026-02-31')).toThrow(/not a YYYY-MM-DD date/);
  });
});

describe('parseBundle', () => {
  const entities = validateDataset(loadSourceFiles()).entities;
  const bundle = compileBundle(entities, '2026-11-27');

  it('accepts a compiled bundle, also after a JSON round trip', () => {
    const parsed = parseBundle(JSON.parse(JSON.stringify(bundle)));
    expect(parsed.errors).toEqual([]);
    expect(parsed.bundle?.version).toBe(bundle.version);
    expect(parsed.bundle?.entities).toHaveLength(entities.length);
  });

  it('rejects a bundle whose content no longer matches its version', () => {
    const tampered = structuredClone(bundle);
    tampered.entities[0]!.summary.en = 'Something else.';
    expect(parseBundle(tampered).errors).toEqual([
      expect.stringMatching(
        /^dataset bundle: the content was changed after the file was compiled: its version ".+" was computed from other content \(this content's hash is [0-9a-f]{8}\)\. Edit the source files/,
      ),
    ]);
  });

  it('rejects invalid entities inside a bundle, naming them', () => {
    const broken = structuredClone(bundle);
    broken.entities[0]!.sources = [];
    const { errors, bundle: out } = parseBundle(broken);
    expect(out).toBeUndefined();
    expect(errors).toContain(
      `dataset bundle: entity "${broken.entities[0]!.id}": sources: at least one source is required`,
    );
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['[1]', [1]],
    ['an empty object', {}],
    ['a malformed version', { version: 'v1', date: '2026-11-27', entities: [] }],
    ['a malformed date', { ...bundle, date: 'today' }],
    ['no format', { ...bundle, format: undefined }],
    ['an unknown format', { ...bundle, format: 3 }],
    ['the format before series', { ...bundle, format: 1 }],
    ['a source file', bundle.entities.slice(0, 2)],
  ])('never throws on garbage: %s', (_label, raw) => {
    const result = parseBundle(raw);
    expect(result.bundle).toBeUndefined();
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
