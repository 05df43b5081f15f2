// Recurring events as a series and its editions (src/data/series/<id>.json): curators write the
// series' names and naming patterns once and each edition as one row of facts; this module checks
// those rows and expands them into ordinary entities (the series, one event per edition) with
// generated names, aliases, summary, timeline, event clues and links, so the rest of Backstory
// sees plain entities. Pure TypeScript, like the rest of dataset/.

import type { Bilingual, PerLang } from '../shared/languages';
import { EN_MONTHS, RU_MONTHS_GENITIVE, RU_MONTHS_PREPOSITIONAL } from '../shared/languages';
import type { Entity, Source, TimelineStep } from '../shared/types';
import {
  englishOrdinalNumber,
  fillPattern,
  hasPlaceholder,
  type PlaceForms,
  type PlaceholderValues,
  russianAdjective,
  russianGender,
  russianOrdinalNumber,
  russianPreposition,
  unknownPlaceholders,
} from './edition-names';
import {
  aliasKey,
  countSentences,
  type EditionSource,
  MAX_SUMMARY_LENGTH,
  MAX_SUMMARY_SENTENCES,
  type Place,
  type SeriesSource,
  schemaProblems,
  show,
  sourceSchemas,
} from './schema';

/** Reports one problem: where (a label such as `edition "x"`), which field, what is wrong. */
export type SeriesReport = (where: string, field: string, message: string) => void;

interface Edition {
  source: EditionSource;
  index: number;
  id: string;
  year: number;
  city?: Place;
  country?: Place;
  /** The highest ordinal of the series' editions. */
  maxOrdinal?: number;
}

const FORMAT_EN = { online: 'online', extraordinary: 'extraordinary', informal: 'informal' } as const;
const FORMAT_RU_ADJ = { extraordinary: 'внеочередной', informal: 'неформальный' } as const;

/** The first date of an edition, padded so partial dates sort before full ones of the same period. */
function sortKey(e: EditionSource): string {
  return `${e.dates[0]!.padEnd(10, '-00')}|${(e.dates[1] ?? e.dates[0]!).padEnd(10, '-00')}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function forms(place: Place | undefined): PlaceForms | undefined {
  return place;
}

function uniqueByKey(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = aliasKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Checks one series file and expands it into entities: the series first, then its editions in date
 * order. Problems go to `report`; an edition with a problem of its own is left out, so one bad row
 * does not hide the problems of the others.
 */
export function expandSeries(
  content: unknown,
  places: ReadonlyMap<string, Place>,
  report: SeriesReport,
): Entity[] {
  const top = schemaProblems(sourceSchemas().SeriesFileSchema, content);
  const seriesLabel = (() => {
    const id = (content as { series?: { id?: unknown } } | null)?.series?.id;
    return typeof id === 'string' && id !== '' ? `series "${id}"` : 'series';
  })();
  for (const p of top.problems) {
    const [head, ...rest] = p.path.split('.');
    if (head === 'series') report(seriesLabel, rest.join('.') || '(root)', p.message);
    else report(seriesLabel, p.path || '(root)', p.message);
  }
  if (!top.shapeOk) return [];
  const file = content as { series: SeriesSource; editions: unknown[] };
  const series = file.series;

  checkPatterns(series, (field, message) => report(seriesLabel, field, message));

  // Each edition on its own: shape, places, year.
  const editions: Edition[] = [];
  file.editions.forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const where = typeof rawId === 'string' && rawId !== '' ? `edition "${rawId}"` : `edition #${index}`;
    const say = (field: string, message: string) => report(where, field, message);
    const { problems, shapeOk } = schemaProblems(sourceSchemas().EditionSourceSchema, raw);
    for (const p of problems) say(p.path || '(root)', p.message);
    if (!shapeOk || problems.length > 0) return;
    const source = raw as EditionSource;
    const edition = checkEdition(series, source, index, places, say);
    if (edition) editions.push(edition);
  });

  editions.sort((a, b) => {
    const ka = sortKey(a.source);
    const kb = sortKey(b.source);
    return ka < kb ? -1 : ka > kb ? 1 : a.index - b.index;
  });

  // Within the series: ids, ordinals.
  const ids = new Map<string, Edition>();
  const ordinals = new Map<number, Edition>();
  let lastOrdinal: Edition | undefined;
  const kept: Edition[] = [];
  for (const e of editions) {
    const where = `edition "${e.id}"`;
    let ok = true;
    const other = ids.get(e.id);
    if (other || e.id === series.id) {
      report(
        where,
        'id',
        other
          ? `two editions have the id ${show(e.id)} (editions[${other.index}] and editions[${e.index}]): give one an "id" with a suffix`
          : `${show(e.id)} is the series' own id`,
      );
      ok = false;
    } else ids.set(e.id, e);
    const n = e.source.ordinal;
    if (n !== undefined) {
      const same = ordinals.get(n);
      if (same) {
        report(where, 'ordinal', `${n} is also the ordinal of "${same.id}"`);
        ok = false;
      } else ordinals.set(n, e);
      if (lastOrdinal && lastOrdinal.source.ordinal! > n) {
        report(
          where,
          'ordinal',
          `${n} comes after "${lastOrdinal.id}" (number ${lastOrdinal.source.ordinal}) in date order: ordinals must grow with the dates`,
        );
        ok = false;
      }
      lastOrdinal = e;
    }
    if (ok) kept.push(e);
  }

  // With no edition left, the problems are the editions'; a series of nothing is not worth a line.
  if (kept.length === 0) return [];
  const maxOrdinal = Math.max(0, ...kept.map((e) => e.source.ordinal ?? 0));
  for (const e of kept) e.maxOrdinal = maxOrdinal;
  const titles = new Map<string, number>();
  const editionEntities = kept.map((e, i) => {
    const entity = editionEntity(series, e, places, kept[i - 1]?.id, kept[i + 1]?.id);
    titles.set(entity.name.en, (titles.get(entity.name.en) ?? 0) + 1);
    return entity;
  });
  // Two editions with the same title (two online summits in one year): the month tells them apart.
  editionEntities.forEach((entity, i) => {
    if ((titles.get(entity.name.en) ?? 0) < 2) return;
    const e = kept[i]!;
    entity.name = {
      en: entity.name.en.replace(
        /\((.*?)(\d{4})\)$/,
        (_m, before: string) => `(${before}${monthYearEn(e.source.dates[0]!)})`,
      ),
      ru: entity.name.ru.replace(
        /\((.*?)(\d{4})\)$/,
        (_m, before: string) => `(${before}${monthYearRu(e.source.dates[0]!)})`,
      ),
    };
  });
  return [seriesEntity(series, editionEntities), ...editionEntities];
}

function monthYearEn(date: string): string {
  const [y, m] = date.split('-');
  return m ? `${EN_MONTHS[Number(m) - 1]} ${y}` : `${y}`;
}

function monthYearRu(date: string): string {
  const [y, m] = date.split('-');
  return m ? `${RU_MONTHS_NOMINATIVE[Number(m) - 1]} ${y}` : `${y}`;
}

/** The naming patterns: placeholders this generator knows, and identifying names that identify. */
function checkPatterns(series: SeriesSource, say: (field: string, message: string) => void): void {
  const names = series.editionNames;
  const check = (pattern: string, field: string, needsPlaceholder: boolean) => {
    for (const unknown of unknownPlaceholders(pattern))
      say(
        field,
        `${show(pattern)} uses ${unknown}, which is not a placeholder (see SPEC: {ordinal}, {year}, {city}, {city:in}, {city:adj}, {country}, {country:in}, {country:adj})`,
      );
    if (needsPlaceholder && !hasPlaceholder(pattern))
      say(field, `${show(pattern)} has no placeholder, so every edition would get the same name`);
  };
  check(names.title.en, 'editionNames.title.en', true);
  check(names.title.ru, 'editionNames.title.ru', true);
  for (const lang of ['en', 'ru'] as const) {
    names[lang].forEach((p, i) => {
      check(p, `editionNames.${lang}[${i}]`, true);
    });
    names.short?.[lang].forEach((p, i) => {
      check(p, `editionNames.short.${lang}[${i}]`, true);
    });
  }
}

/** Checks what one edition says against the places; returns it ready to expand, or undefined. */
function checkEdition(
  series: SeriesSource,
  source: EditionSource,
  index: number,
  places: ReadonlyMap<string, Place>,
  say: (field: string, message: string) => void,
): Edition | undefined {
  let ok = true;
  const [start, end] = source.dates;
  if (end !== undefined && end !== start && start!.startsWith(end)) {
    say(
      'dates',
      `the end ${show(end)} is vaguer than the start ${show(start)}: give its day, or leave it out`,
    );
    ok = false;
  } else if (end !== undefined && end.padEnd(10, '-00') < start!.padEnd(10, '-00')) {
    say('dates', `the end ${show(end)} comes before the start ${show(start)}`);
    ok = false;
  }
  const dateYear = Number(start!.slice(0, 4));
  const year = source.year ?? dateYear;
  if (Math.abs(year - dateYear) > 1) {
    say('year', `${year} is more than a year away from the first date ${show(start)}`);
    ok = false;
  }
  const place = (key: string | undefined, field: string): Place | undefined => {
    if (key === undefined) return undefined;
    const found = places.get(key);
    if (!found) {
      say(field, `${show(key)} is not a place in src/data/places`);
      ok = false;
    }
    return found;
  };
  const city = place(source.city, 'city');
  const country = place(source.country ?? city?.country, source.country ? 'country' : 'city');
  if (!ok) return undefined;
  return { source, index, id: source.id ?? `${series.id}-${dateYear}`, year, city, country };
}

/** The placeholder values of one edition. */
function values(e: Edition): PlaceholderValues {
  return {
    maxOrdinal: e.maxOrdinal,
    ordinal: e.source.ordinal,
    year: e.year,
    city: forms(e.city),
    country: forms(e.country),
    prep: e.source.prep ?? e.city?.prep ?? (e.city ? undefined : e.country?.prep),
    countryPrep: e.city ? e.country?.prep : (e.source.prep ?? e.country?.prep),
  };
}

function kindOf(series: SeriesSource): Bilingual {
  return series.kind ?? { en: series.aliases.en[0]!, ru: series.aliases.ru[0]! };
}

/** The edition's display name: the title pattern, or a fallback where a placeholder has no value. */
function title(series: SeriesSource, e: Edition): Bilingual {
  const v = values(e);
  const en = fillPattern(series.editionNames.title.en, 'en', v, true)[0];
  const ru = fillPattern(series.editionNames.title.ru, 'ru', v, true)[0];
  const kind = kindOf(series);
  const format = e.source.format;
  const where = e.country;
  const fallbackEn = `${capitalize(kind.en)} (${[format && FORMAT_EN[format], !format && where?.en, e.year].filter(Boolean).join(', ')})`;
  const ruFormat =
    format === 'online'
      ? 'онлайн'
      : format
        ? russianAdjective(FORMAT_RU_ADJ[format], russianGender(firstWord(kind.ru)))
        : where?.ru;
  const fallbackRu = `${capitalize(kind.ru)} (${[ruFormat, e.year].filter(Boolean).join(', ')})`;
  return { en: capitalize(en ?? fallbackEn), ru: capitalize(ru ?? fallbackRu) };
}

function firstWord(text: string): string {
  return text.split(/\s+/)[0] ?? '';
}

/** English dates for a sentence: "on 4 July 2023", "from 3 to 6 June 2026", "in June 2026". */
export function datesEn(dates: string[]): string {
  const [a, b] = dates as [string, string | undefined];
  const one = (d: string) => {
    const [y, m, day] = d.split('-');
    if (day) return `${Number(day)} ${EN_MONTHS[Number(m) - 1]} ${y}`;
    if (m) return `${EN_MONTHS[Number(m) - 1]} ${y}`;
    return y!;
  };
  if (b === undefined || b === a) return `${a.length === 10 ? 'on' : 'in'} ${one(a)}`;
  if (a.length === 10 && b.length === 10) {
    const [ya, ma, da] = a.split('-');
    const [yb, mb] = b.split('-');
    if (ya === yb && ma === mb) return `from ${Number(da)} to ${one(b)}`;
    if (ya === yb) return `from ${Number(da)} ${EN_MONTHS[Number(ma) - 1]} to ${one(b)}`;
  }
  return `from ${one(a)} to ${one(b)}`;
}

/** Russian dates for a sentence: "4 июля 2023 года", "с 3 по 6 июня 2026 года", "в июне 2026 года". */
export function datesRu(dates: string[]): string {
  const [a, b] = dates as [string, string | undefined];
  const genitive = (d: string) => {
    const [y, m, day] = d.split('-');
    if (day) return `${Number(day)} ${RU_MONTHS_GENITIVE[Number(m) - 1]} ${y} года`;
    if (m) return `${RU_MONTHS_GENITIVE[Number(m) - 1]} ${y} года`;
    return `${y} года`;
  };
  if (b === undefined || b === a) {
    const [y, m, day] = a.split('-');
    if (day) return genitive(a);
    if (m) return `в ${RU_MONTHS_PREPOSITIONAL[Number(m) - 1]} ${y} года`;
    return `в ${y} году`;
  }
  const accusative = (d: string) => {
    const [y, m, day] = d.split('-');
    if (day) return `${Number(day)} ${RU_MONTHS_GENITIVE[Number(m) - 1]} ${y} года`;
    if (m) return `${ruMonthAccusative(Number(m))} ${y} года`;
    return `${y} год`;
  };
  if (a.length === 10 && b.length === 10) {
    const [ya, ma, da] = a.split('-');
    const [yb, mb] = b.split('-');
    if (ya === yb && ma === mb) return `с ${Number(da)} по ${accusative(b)}`;
    if (ya === yb) return `с ${Number(da)} ${RU_MONTHS_GENITIVE[Number(ma) - 1]} по ${accusative(b)}`;
  }
  return `с ${genitive(a)} по ${accusative(b)}`;
}

const RU_MONTHS_NOMINATIVE = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

function ruMonthAccusative(month: number): string {
  return RU_MONTHS_NOMINATIVE[month - 1]!;
}

const EN_PLURAL_KINDS = /\b(games|talks|elections|olympics|paralympics)$/i;

/** A neutral summary written from the edition's facts, for editions without a hand-written one. */
function generatedSummary(series: SeriesSource, e: Edition): Bilingual {
  const s = e.source;
  const kind = kindOf(series);
  const upcoming = s.status === 'upcoming';
  const format = s.format;
  // English
  const plural = EN_PLURAL_KINDS.test(kind.en);
  const enKind = `${format && format !== 'online' ? `${FORMAT_EN[format]} ` : ''}${kind.en}`;
  const enOrdinal = s.ordinal !== undefined ? `, the ${englishOrdinalNumber(s.ordinal)},` : '';
  const enVerb = upcoming
    ? plural
      ? 'are scheduled to be held'
      : 'is scheduled to be held'
    : plural
      ? 'were held'
      : 'was held';
  const enPlace =
    format === 'online'
      ? 'online'
      : e.city
        ? `in ${e.city.en}${e.country && e.country !== e.city ? `, ${e.country.en},` : ''}`
        : e.country
          ? `in ${e.country.en}`
          : '';
  const enChair = s.chair ? `, chaired by ${s.chair.en}` : '';
  const en: string[] = [
    `${plural ? 'These' : 'This'} ${enKind}${enOrdinal} ${enVerb} ${enPlace} ${datesEn(s.dates)}${enChair}.`
      .replace(/,,/g, ',')
      .replace(/\s+/g, ' '),
  ];
  // Russian
  const ruGender = russianGender(firstWord(kind.ru));
  const ruThis = { m: 'Этот', f: 'Эта', n: 'Это', pl: 'Эти' }[ruGender];
  const ruFormat =
    format && format !== 'online' ? `${russianAdjective(FORMAT_RU_ADJ[format], ruGender)} ` : '';
  const ruOrdinal = s.ordinal !== undefined ? `, ${russianOrdinalNumber(s.ordinal, ruGender)} по счету,` : '';
  const ruVerb = upcoming
    ? ruGender === 'pl'
      ? 'пройдут'
      : 'пройдет'
    : { m: 'прошел', f: 'прошла', n: 'прошло', pl: 'прошли' }[ruGender];
  const where = e.city ?? e.country;
  const ruPlace =
    format === 'online'
      ? 'в режиме видеоконференции'
      : where
        ? `${russianPreposition(where.in, s.prep ?? where.prep)} ${where.in}${e.city && e.country && e.country !== e.city ? ` (${e.country.ru})` : ''}`
        : '';
  const ruChair = s.chair ? ` (председатель — ${s.chair.ru})` : '';
  const ru: string[] = [
    `${ruThis} ${ruFormat}${kind.ru}${ruOrdinal} ${ruVerb} ${ruPlace} ${datesRu(s.dates)}${ruChair}.`.replace(
      /\s+/g,
      ' ',
    ),
  ];
  if (s.documents && s.documents.length > 0) {
    en.push(`Documents adopted: ${s.documents.map((d) => d.en).join('; ')}.`);
    ru.push(`Принятые документы: ${s.documents.map((d) => d.ru).join('; ')}.`);
  }
  if (s.highlights) {
    en.push(s.highlights.en);
    ru.push(s.highlights.ru);
  }
  // Over the summary's length, the list of documents goes first (the card lists them anyway).
  const join = (parts: string[]) => parts.join(' ');
  const shortened = (parts: string[]) => {
    const fits = (text: string) =>
      text.length <= MAX_SUMMARY_LENGTH && countSentences(text) <= MAX_SUMMARY_SENTENCES;
    const all = join(parts);
    return fits(all) || parts.length < 3 || !s.documents?.length ? all : join([parts[0]!, ...parts.slice(2)]);
  };
  return { en: shortened(en), ru: shortened(ru) };
}

/** Labels of the steps the edition's dates give. */
function dateSteps(e: Edition): TimelineStep[] {
  const s = e.source;
  const upcoming = s.status === 'upcoming';
  const online = s.format === 'online';
  const where = e.city ?? e.country;
  const inEn = online ? 'online' : where ? `in ${where.en}` : '';
  const inRu = online
    ? 'в режиме видеоконференции'
    : where
      ? `${russianPreposition(where.in, s.prep ?? where.prep)} ${where.in}`
      : '';
  const [start, end] = s.dates as [string, string | undefined];
  if (end === undefined || end === start)
    return [
      {
        date: start,
        kind: 'held',
        label: upcoming
          ? { en: `Due to be held ${inEn}`.trim(), ru: `Запланировано проведение ${inRu}`.trim() }
          : { en: `Held ${inEn}`.trim(), ru: `Проходит ${inRu}`.trim() },
      },
    ];
  return [
    {
      date: start,
      kind: 'started',
      label: upcoming
        ? { en: `Due to open ${inEn}`.trim(), ru: `Запланировано открытие ${inRu}`.trim() }
        : { en: `Opens ${inEn}`.trim(), ru: `Открывается ${inRu}`.trim() },
    },
    {
      date: end,
      kind: 'ended',
      label: upcoming
        ? { en: 'Due to close', ru: 'Запланировано закрытие' }
        : { en: 'Closes', ru: 'Завершается' },
    },
  ];
}

const STEP_ORDER: Record<string, number> = { started: 0, held: 0, ended: 2 };

function byDate(a: TimelineStep, b: TimelineStep): number {
  const da = a.date.padEnd(10, '-00');
  const db = b.date.padEnd(10, '-00');
  if (da !== db) return da < db ? -1 : 1;
  return (STEP_ORDER[a.kind] ?? 1) - (STEP_ORDER[b.kind] ?? 1);
}

/**
 * The generated steps with the edition's own steps merged in: an own step of the same kind on the
 * same date replaces the generated label (curators write better labels than "Opens").
 */
function timeline(e: Edition): TimelineStep[] {
  const own = e.source.timeline ?? [];
  const generated = dateSteps(e).filter(
    (g) => !own.some((step) => step.kind === g.kind && step.date === g.date),
  );
  return [...generated, ...own].sort(byDate);
}

function mergeSources(first: Source[], then: Source[]): Source[] {
  const seen = new Set(first.map((s) => s.url));
  return [...first, ...then.filter((s) => !seen.has(s.url))];
}

function uniqueIds(ids: (string | undefined)[], self: string): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined && id !== self))];
}

function editionEntity(
  series: SeriesSource,
  e: Edition,
  places: ReadonlyMap<string, Place>,
  previous: string | undefined,
  next: string | undefined,
): Entity {
  const s = e.source;
  const v = values(e);
  const name = title(series, e);
  const aliases: PerLang = { en: [], ru: [] };
  for (const lang of ['en', 'ru'] as const) {
    const generated = [
      ...series.editionNames[lang].flatMap((p) => fillPattern(p, lang, v)),
      ...(series.editionNames.short?.[lang] ?? []).flatMap((p) => fillPattern(p, lang, v)),
      ...(s.documents ?? []).map((d) => d[lang]),
      ...(s.aliases?.[lang] ?? []),
    ];
    aliases[lang] = uniqueByKey(generated);
  }
  const where = e.city ?? e.country;
  const placeNames: PerLang = {
    en: where ? [where.en, ...(where.enAlt ?? [])] : [],
    ru: where ? [where.ru, where.in, ...(where.ruAlt ?? [])] : [],
  };
  const clues = {
    places: {
      en: uniqueByKey([...placeNames.en, ...(s.event?.places.en ?? [])]),
      ru: uniqueByKey([...placeNames.ru, ...(s.event?.places.ru ?? [])]),
    },
    cues: {
      en: uniqueByKey([...series.cues.en, ...(s.event?.cues.en ?? [])]),
      ru: uniqueByKey([...series.cues.ru, ...(s.event?.cues.ru ?? [])]),
    },
    participants:
      series.participants || s.event?.participants
        ? {
            en: uniqueByKey([...(series.participants?.en ?? []), ...(s.event?.participants?.en ?? [])]),
            ru: uniqueByKey([...(series.participants?.ru ?? []), ...(s.event?.participants?.ru ?? [])]),
          }
        : undefined,
  };
  const host = e.city?.country ? places.get(e.city.country) : e.country;
  const parties = s.parties ?? (s.chair ? [s.chair] : host ? [{ en: host.en, ru: host.ru }] : undefined);
  const entity: Entity = {
    id: e.id,
    type: 'event',
    name,
    aliases,
    ...(s.contextAliases ? { contextAliases: s.contextAliases } : {}),
    ...(s.context ? { context: s.context } : {}),
    summary: s.summary ?? generatedSummary(series, e),
    timeline: timeline(e),
    ...(parties ? { parties } : {}),
    related: uniqueIds([series.id, series.organizer, previous, next, ...(s.related ?? [])], e.id),
    sources: mergeSources(s.sources, series.sources),
    // An edition whose place is not known cannot be found by place and date: it has no clues.
    ...(clues.places.en.length > 0 && clues.places.ru.length > 0
      ? { event: clues.participants ? clues : { places: clues.places, cues: clues.cues } }
      : {}),
    ...(s.note ? { note: s.note } : {}),
    series: {
      of: series.id,
      ...(s.ordinal !== undefined ? { ordinal: s.ordinal } : {}),
      year: e.year,
      ...(previous ? { previous } : {}),
      ...(next ? { next } : {}),
    },
    ...(s.documents && s.documents.length > 0 ? { documents: s.documents } : {}),
  };
  return entity;
}

/**
 * The series' own entity: its names and summary as written, its editions in date order. Without a
 * start of its own, the series starts with its earliest edition listed, which is called the first
 * only when it is numbered first: most series list recent editions only (the Summer Olympics from
 * the 22nd, in Moscow), and "First edition: Moscow 1980" would be a false fact on the card.
 */
function seriesEntity(series: SeriesSource, editions: Entity[]): Entity {
  const own = series.timeline ?? [];
  const first = editions[0];
  const steps = [...own];
  if (first && !own.some((s) => s.kind === 'started' || s.kind === 'held')) {
    const known = first.series?.ordinal === 1;
    steps.push({
      date:
        first.timeline.find((s) => s.kind === 'started' || s.kind === 'held')?.date ??
        first.timeline[0]!.date,
      kind: 'started',
      label: known
        ? { en: `First edition: ${first.name.en}`, ru: `Первое проведение: ${first.name.ru}` }
        : {
            en: `Earliest edition listed here: ${first.name.en}`,
            ru: `Самое раннее проведение в этом списке: ${first.name.ru}`,
          },
    });
  }
  return {
    id: series.id,
    type: 'event',
    name: series.name,
    aliases: series.aliases,
    ...(series.contextAliases ? { contextAliases: series.contextAliases } : {}),
    ...(series.context ? { context: series.context } : {}),
    summary: series.summary,
    timeline: steps.sort(byDate),
    ...(series.parties ? { parties: series.parties } : {}),
    related: uniqueIds([series.organizer, ...(series.related ?? [])], series.id),
    sources: series.sources,
    ...(series.note ? { note: series.note } : {}),
    editions: editions.map((e) => e.id),
  };
}
