// Series with editions: what the build makes of one row of facts per edition (names, summary,
// timeline, clues, links), and what a curator is told when a series file is wrong.

import { describe, expect, it } from 'vitest';
import {
  compileBundle,
  MAX_REPORTED_PROBLEMS,
  parseBundle,
  validateDataset,
} from '../../../src/dataset/dataset';
import type { Entity } from '../../../src/shared/types';

const PLACES = {
  tianjin: { en: 'Tianjin', ru: 'Тяньцзинь', in: 'Тяньцзине', adj: 'тяньцзиньский', country: 'china' },
  astana: { en: 'Astana', ru: 'Астана', in: 'Астане', adj: 'астанинский', country: 'kazakhstan' },
  bali: { en: 'Bali', ru: 'Бали', in: 'Бали', country: 'indonesia', prep: 'на' },
  china: { en: 'China', ru: 'Китай', in: 'Китае', adj: 'китайский', enAdj: 'Chinese' },
  kazakhstan: { en: 'Kazakhstan', ru: 'Казахстан', in: 'Казахстане', enAdj: 'Kazakh' },
  india: { en: 'India', ru: 'Индия', in: 'Индии', enAdj: 'Indian' },
  indonesia: { en: 'Indonesia', ru: 'Индонезия', in: 'Индонезии', enAdj: 'Indonesian' },
};

const SOURCE = { url: 'https://www.sco-example.org/summits', title: 'Organiser: list of summits' };

function organisation(): Entity {
  return {
    id: 'sco',
    type: 'organization',
    name: { en: 'Shanghai Cooperation Organisation', ru: 'Шанхайская организация сотрудничества' },
    aliases: { en: ['SCO'], ru: ['ШОС'] },
    summary: { en: 'A regional organisation.', ru: 'Региональная организация.' },
    timeline: [{ date: '2001-06-15', kind: 'founded', label: { en: 'Founded', ru: 'Основана' } }],
    sources: [{ url: 'https://www.sco-example.org/', title: 'Organiser' }],
  };
}

function seriesFile(editions: unknown[], overrides: Record<string, unknown> = {}) {
  return {
    series: {
      id: 'sco-summit',
      name: { en: 'SCO summits', ru: 'Саммиты ШОС' },
      aliases: { en: ['SCO summit'], ru: ['саммит ШОС'] },
      summary: { en: 'Yearly summits of the SCO.', ru: 'Ежегодные саммиты ШОС.' },
      organizer: 'sco',
      sources: [SOURCE],
      cues: { en: ['summit'], ru: ['саммит'] },
      editionNames: {
        title: { en: 'SCO summit in {city} ({year})', ru: 'Саммит ШОС в {city:in} ({year})' },
        en: ['{ordinal} SCO summit', 'SCO summit in {city}', '{year} SCO summit'],
        ru: [
          '{ordinal} саммит ШОС',
          'саммит ШОС в {city:in}',
          '{city:adj} саммит ШОС',
          'саммит ШОС {year} года',
        ],
        short: { en: ['{city} summit'], ru: ['{city:adj} саммит'] },
      },
      ...overrides,
    },
    editions,
  };
}

const TIANJIN = {
  ordinal: 25,
  dates: ['2025-08-31', '2025-09-01'],
  city: 'tianjin',
  chair: { en: 'China', ru: 'Китай' },
  documents: [{ en: 'Tianjin Declaration', ru: 'Тяньцзиньская декларация' }],
  sources: [{ url: 'https://tass.com/politics/2009973', title: 'TASS, 1 September 2025' }],
};
const ASTANA = {
  ordinal: 24,
  dates: ['2024-07-03', '2024-07-04'],
  city: 'astana',
  sources: [{ url: 'https://en.kremlin.ru/events/president/news/74464', title: 'Kremlin, 4 July 2024' }],
};
const ONLINE = {
  ordinal: 23,
  dates: ['2023-07-04'],
  country: 'india',
  format: 'online',
  sources: [{ url: 'https://en.mehrnews.com/news/202784', title: 'Mehr, 4 July 2023' }],
};

function build(content: unknown, extra: unknown[] = [organisation()], places: unknown = PLACES) {
  return validateDataset([
    { file: 'src/data/places/gazetteer.json', content: places },
    { file: 'src/data/series/sco-summit.json', content },
    { file: 'src/data/organizations.json', content: extra },
  ]);
}

function byId(entities: Entity[], id: string): Entity {
  const found = entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
}

describe('a series expands into its own entity and one event per edition', () => {
  const { entities, errors } = build(seriesFile([TIANJIN, ONLINE, ASTANA]));

  it('validates, with editions in date order and default ids', () => {
    expect(errors).toEqual([]);
    expect(byId(entities, 'sco-summit').editions).toEqual([
      'sco-summit-2023',
      'sco-summit-2024',
      'sco-summit-2025',
    ]);
    expect(byId(entities, 'sco-summit').type).toBe('event');
  });

  it('names an edition from the title pattern, with a fallback where the city is missing', () => {
    expect(byId(entities, 'sco-summit-2025').name).toEqual({
      en: 'SCO summit in Tianjin (2025)',
      ru: 'Саммит ШОС в Тяньцзине (2025)',
    });
    expect(byId(entities, 'sco-summit-2023').name).toEqual({
      en: 'SCO summit (online, 2023)',
      ru: 'Саммит ШОС (онлайн, 2023)',
    });
  });

  it('generates aliases in both languages, with the documents and the short names', () => {
    const tianjin = byId(entities, 'sco-summit-2025');
    expect(tianjin.aliases.en).toEqual([
      '25th SCO summit',
      'twenty-fifth SCO summit',
      'SCO summit in Tianjin',
      '2025 SCO summit',
      'Tianjin summit',
      'Tianjin Declaration',
    ]);
    expect(tianjin.aliases.ru).toEqual([
      '25-й саммит ШОС',
      'XXV саммит ШОС',
      'двадцать пятый саммит ШОС',
      'саммит ШОС в Тяньцзине',
      'тяньцзиньский саммит ШОС',
      'саммит ШОС 2025 года',
      'тяньцзиньский саммит',
      'Тяньцзиньская декларация',
    ]);
    expect(tianjin.documents).toEqual(TIANJIN.documents);
  });

  it('writes a short neutral summary from the facts when none is given', () => {
    const tianjin = byId(entities, 'sco-summit-2025');
    expect(tianjin.summary.en).toBe(
      'This SCO summit, the 25th, was held in Tianjin, China, from 31 August to 1 September 2025, chaired by China. Documents adopted: Tianjin Declaration.',
    );
    expect(tianjin.summary.ru).toBe(
      'Этот саммит ШОС, 25-й по счету, прошел в Тяньцзине (Китай) с 31 августа по 1 сентября 2025 года (председатель — Китай). Принятые документы: Тяньцзиньская декларация.',
    );
    expect(byId(entities, 'sco-summit-2023').summary.en).toBe(
      'This SCO summit, the 23rd, was held online on 4 July 2023.',
    );
  });

  it('calls its earliest edition the first only when it is numbered first', () => {
    // The 23rd summit is the earliest listed here, not the first: the card must not say so.
    expect(byId(entities, 'sco-summit').timeline.map((s) => [s.date, s.kind, s.label.en])).toEqual([
      ['2023-07-04', 'started', 'Earliest edition listed here: SCO summit (online, 2023)'],
    ]);
    const first = { ...ASTANA, ordinal: 1, dates: ['2001-06-15'] };
    const { entities: fromTheFirst } = build(seriesFile([first, ASTANA]));
    expect(byId(fromTheFirst, 'sco-summit').timeline[0]!.label).toEqual({
      en: 'First edition: SCO summit in Astana (2001)',
      ru: 'Первое проведение: Саммит ШОС в Астане (2001)',
    });
  });

  it('dates it from its dates, links it to its series, organiser and neighbours, and cites its sources first', () => {
    const astana = byId(entities, 'sco-summit-2024');
    expect(astana.timeline.map((s) => [s.date, s.kind, s.label.en])).toEqual([
      ['2024-07-03', 'started', 'Opens in Astana'],
      ['2024-07-04', 'ended', 'Closes'],
    ]);
    expect(astana.series).toEqual({
      of: 'sco-summit',
      ordinal: 24,
      year: 2024,
      previous: 'sco-summit-2023',
      next: 'sco-summit-2025',
    });
    expect(astana.related).toEqual(['sco-summit', 'sco', 'sco-summit-2023', 'sco-summit-2025']);
    expect(astana.sources.map((s) => s.url)).toEqual([ASTANA.sources[0]!.url, SOURCE.url]);
    expect(astana.parties).toEqual([{ en: 'Kazakhstan', ru: 'Казахстан' }]);
  });

  it('gives the event linker the city in its Russian case forms and the series cue words', () => {
    expect(byId(entities, 'sco-summit-2025').event).toEqual({
      places: { en: ['Tianjin'], ru: ['Тяньцзинь', 'Тяньцзине'] },
      cues: { en: ['summit'], ru: ['саммит'] },
    });
  });

  it('lets editions share a short name without a note, and survives a round trip through the bundle', () => {
    const second = { ...ASTANA, ordinal: 26, dates: ['2026-06-01'], sources: ASTANA.sources };
    const result = build(seriesFile([ASTANA, second]));
    expect(result.errors).toEqual([]);
    const bundle = compileBundle(result.entities, '2026-11-27');
    expect(parseBundle(JSON.parse(JSON.stringify(bundle))).errors).toEqual([]);
    // The organiser lists the series, not every edition.
    expect(byId(bundle.entities, 'sco').related).toEqual(['sco-summit']);
  });
});

describe('edition rules', () => {
  it('names the year the edition carries, not the year it was held', () => {
    const tokyo = {
      ...TIANJIN,
      ordinal: undefined,
      documents: undefined,
      dates: ['2021-07-23', '2021-08-08'],
      year: 2020,
    };
    const { entities, errors } = build(seriesFile([tokyo]));
    expect(errors).toEqual([]);
    expect(byId(entities, 'sco-summit-2021').name.en).toBe('SCO summit in Tianjin (2020)');
    expect(byId(entities, 'sco-summit-2021').aliases.en).toContain('2020 SCO summit');
  });

  it('uses the preposition the place takes ("на Бали")', () => {
    const bali = { dates: ['2022-11-15', '2022-11-16'], city: 'bali', sources: TIANJIN.sources };
    const { entities, errors } = build(seriesFile([bali]));
    expect(errors).toEqual([]);
    expect(byId(entities, 'sco-summit-2022').name.ru).toBe('Саммит ШОС на Бали (2022)');
    expect(byId(entities, 'sco-summit-2022').aliases.ru).toContain('саммит ШОС на Бали');
  });

  it('keeps an upcoming edition to its announced dates, in the future tense', () => {
    const next = { dates: ['2027-06'], city: 'astana', status: 'upcoming', sources: ASTANA.sources };
    const { entities, errors } = build(seriesFile([next]));
    expect(errors).toEqual([]);
    const e = byId(entities, 'sco-summit-2027');
    expect(e.timeline).toEqual([
      {
        date: '2027-06',
        kind: 'held',
        label: { en: 'Due to be held in Astana', ru: 'Запланировано проведение в Астане' },
      },
    ]);
    expect(e.summary.en).toBe('This SCO summit is scheduled to be held in Astana, Kazakhstan, in June 2027.');
    expect(e.summary.ru).toBe('Этот саммит ШОС пройдет в Астане (Казахстан) в июне 2027 года.');
  });

  it("lets an edition's own step replace the generated label, and keeps its other steps in order", () => {
    const own = {
      ...ASTANA,
      timeline: [
        { date: '2024-07-04', kind: 'other', label: { en: 'Belarus admitted', ru: 'Белоруссия принята' } },
        {
          date: '2024-07-04',
          kind: 'ended',
          label: { en: 'Astana Declaration', ru: 'Астанинская декларация' },
        },
      ],
    };
    const { entities, errors } = build(seriesFile([own]));
    expect(errors).toEqual([]);
    expect(byId(entities, 'sco-summit-2024').timeline.map((s) => `${s.kind}: ${s.label.en}`)).toEqual([
      'started: Opens in Astana',
      'other: Belarus admitted',
      'ended: Astana Declaration',
    ]);
  });
});

describe('validation of series files names the file, the series or edition and the field', () => {
  const file = 'src/data/series/sco-summit.json';

  it('rejects a place that is not in the gazetteer, a duplicate id and a repeated ordinal', () => {
    const { errors } = build(
      seriesFile([
        { ...TIANJIN, city: 'tianjn' },
        { ...ASTANA, id: 'sco-summit-x' },
        { ...ONLINE, id: 'sco-summit-x', ordinal: 24 },
      ]),
    );
    expect(errors).toEqual([
      `${file}: edition #0: city: "tianjn" is not a place in src/data/places`,
      `${file}: edition "sco-summit-x": id: two editions have the id "sco-summit-x" (editions[2] and editions[1]): give one an "id" with a suffix`,
      `${file}: edition "sco-summit-x": ordinal: 24 is also the ordinal of "sco-summit-x"`,
    ]);
  });

  it('rejects ordinals that do not grow with the dates', () => {
    const { errors } = build(seriesFile([{ ...TIANJIN, ordinal: 20 }, ASTANA]));
    expect(errors).toEqual([
      `${file}: edition "sco-summit-2025": ordinal: 20 comes after "sco-summit-2024" (number 24) in date order: ordinals must grow with the dates`,
    ]);
  });

  it('rejects unknown placeholders, patterns without one, and unknown fields anywhere', () => {
    const names = {
      title: { en: 'SCO summit in {town} ({year})', ru: 'Саммит ШОС в {city:in} ({year})' },
      en: ['SCO summit'],
      ru: ['саммит ШОС в {city:in}'],
    };
    const { errors } = build(seriesFile([{ ...ASTANA, venue: 'x' }], { editionNames: names, colour: 'red' }));
    expect(errors).toEqual([
      `${file}: series "sco-summit": colour: unknown field`,
      `${file}: series "sco-summit": editionNames.title.en: "SCO summit in {town} ({year})" uses {town}, which is not a placeholder (see SPEC: {ordinal}, {year}, {city}, {city:in}, {city:adj}, {country}, {country:in}, {country:adj})`,
      `${file}: series "sco-summit": editionNames.en[0]: "SCO summit" has no placeholder, so every edition would get the same name`,
      `${file}: edition #0: venue: unknown field`,
    ]);
  });

  it('rejects dates out of order, a vague end, an edition without sources, a year far from its dates', () => {
    const { errors } = build(
      seriesFile([
        { ...ASTANA, dates: ['2024-07-04', '2024-07-03'] },
        { ...TIANJIN, dates: ['2025-08-31', '2025-08'] },
        { ...ONLINE, sources: [] },
        { ...ONLINE, ordinal: 22, dates: ['2022-09-16'], year: 2030 },
      ]),
    );
    expect(errors).toEqual([
      `${file}: edition #0: dates: the end "2024-07-03" comes before the start "2024-07-04"`,
      `${file}: edition #1: dates: the end "2025-08" is vaguer than the start "2025-08-31": give its day, or leave it out`,
      `${file}: edition #2: sources: at least one source is required`,
      `${file}: edition #3: year: 2030 is more than a year away from the first date "2022-09-16"`,
    ]);
  });

  it('rejects a places key defined twice and a country that is not a place', () => {
    const { errors } = validateDataset([
      { file: 'src/data/places/a.json', content: PLACES },
      {
        file: 'src/data/places/b.json',
        content: {
          tianjin: PLACES.tianjin,
          lhasa: { en: 'Lhasa', ru: 'Лхаса', in: 'Лхасе', country: 'tibet' },
        },
      },
    ]);
    expect(errors).toEqual([
      'src/data/places/b.json: place "tianjin": key: already defined in src/data/places/a.json',
      'src/data/places/b.json: place "lhasa": country: "tibet" is not a place',
    ]);
  });

  it('takes ids and place keys such as "constructor" and "prototype" as plain names', () => {
    const places = JSON.parse(
      '{"constructor": {"en": "Tianjin", "ru": "Тяньцзинь", "in": "Тяньцзине", "country": "prototype"}, "prototype": {"en": "China", "ru": "Китай", "in": "Китае"}, "__proto__": {"en": "X", "ru": "Икс", "in": "Иксе"}}',
    );
    const { entities, errors } = build(
      seriesFile([{ ...ASTANA, city: 'constructor' }], { id: 'constructor', organizer: undefined }),
      [],
      places,
    );
    expect(errors).toEqual([
      'src/data/places/gazetteer.json: place "__proto__": key: "__proto__" is not lowercase kebab-case',
    ]);
    expect(byId(entities, 'constructor-2024').name.en).toBe('SCO summit in Tianjin (2024)');
    expect(byId(entities, 'constructor-2024').parties).toEqual([{ en: 'China', ru: 'Китай' }]);
    // Without a "constructor" place, the name is not found on Object.prototype either.
    const missing = build(seriesFile([ASTANA, { ...ONLINE, country: 'constructor' }]));
    expect(missing.errors).toEqual([
      `${file}: edition #1: country: "constructor" is not a place in src/data/places`,
    ]);
  });

  it('refuses series and places files inside a compiled bundle', () => {
    const { entities } = build(seriesFile([ASTANA]));
    const bundle = compileBundle(entities, '2026-11-27');
    const forged = { ...bundle, entities: [...bundle.entities, seriesFile([ASTANA])] };
    expect(parseBundle(forged).errors[0]).toMatch(/^dataset bundle: entity #\d+: /);
  });
});

describe('the validator never throws and caps what it reports', () => {
  it('lists at most MAX_REPORTED_PROBLEMS problems of a file with hundreds of thousands', () => {
    const content = Array.from({ length: 120_000 }, () => ({ id: 'x' }));
    const { errors } = validateDataset([{ file: 'src/data/huge.json', content }]);
    expect(errors).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(errors.at(-1)).toMatch(/^\.\.\. and \d+ more problems \(only the first 1000 are listed\)$/);
  });

  it('reports a value nested a hundred thousand levels deep instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const { errors } = validateDataset([
      { file: 'src/data/deep.json', content: [{ id: 'x', note: deep }, deep] },
    ]);
    expect(errors).toContain('src/data/deep.json: entity "x": note: expected a string, got [[[[[...]]]]]');
    expect(errors.at(-1)).toBe('src/data/deep.json: entity #1: expected an object, got [[[[[...]]]]]');
  });

  it('rejects an alias too long for the matcher, and too many aliases', () => {
    const entity = {
      ...organisation(),
      aliases: { en: ['SCO', 'S'.repeat(300_000)], ru: Array.from({ length: 201 }, (_, i) => `ШОС ${i}`) },
    };
    const { errors } = validateDataset([{ file: 'src/data/long.json', content: [entity] }]);
    expect(errors).toEqual([
      'src/data/long.json: entity "sco": aliases.en[1]: 300000 characters, more than 200',
      'src/data/long.json: entity "sco": aliases.ru: 201 names, more than 200 in one language',
    ]);
  });

  it('rejects unknown keys in nested records', () => {
    const entity = {
      ...organisation(),
      timeline: [{ ...organisation().timeline[0]!, where: 'Shanghai' }],
      sources: [{ ...organisation().sources[0]!, accessed: '2026' }],
      name: { ...organisation().name, de: 'SOZ' },
    };
    const { errors } = validateDataset([{ file: 'src/data/extra.json', content: [entity] }]);
    expect(errors).toEqual([
      'src/data/extra.json: entity "sco": name.de: unknown field',
      'src/data/extra.json: entity "sco": timeline[0].where: unknown field',
      'src/data/extra.json: entity "sco": sources[0].accessed: unknown field',
    ]);
  });
});
