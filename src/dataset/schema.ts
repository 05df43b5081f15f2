// The dataset's shapes, declared once with valibot: the compiled Entity (what ships and what an
// imported file must be), and the source shapes curators write (series with editions, places).
// src/shared/types.ts infers its types from these schemas, so the checks and the types cannot drift
// apart. Checks that need more than one value at a time (dates in order, ids that exist, shared
// aliases) live in dataset.ts and series.ts; everything a single field can say about itself is here.
// Messages are the curator's: each names what was expected and shows what was found.

import * as v from 'valibot';
import { MAX_NAME_LENGTH, MAX_NAMES_PER_LIST } from '../shared/limits';
import { ENTITY_TYPES, STEP_KINDS } from '../shared/types';

/** Summaries are read in a hover card: a few sentences, not an essay. */
export const MAX_SUMMARY_SENTENCES = 3;
export const MAX_SUMMARY_LENGTH = 400;

/** Other free texts (names, labels, titles, notes, URLs): long enough for any honest use. */
const MAX_TEXT_LENGTH = 2000;
const MAX_LIST_LENGTH = 1000;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CYRILLIC = /[\u0400-\u04ff]/;
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * English words and place names that would mark every occurrence of a common word as an entity.
 * A place alone ("Geneva") is an event clue, not a name.
 */
const GENERIC_ALIASES = new Set([
  'treaty',
  'the treaty',
  'agreement',
  'the agreement',
  'memorandum',
  'the memorandum',
  'alliance',
  'the alliance',
  'council',
  'the council',
  'summit',
  'talks',
  'meeting',
  'organization',
  'union',
  'the union',
  'minsk',
  'geneva',
  'vienna',
  'brussels',
  'istanbul',
  'helsinki',
  'prague',
  'moscow',
  'washington',
]);

/** The comparison key of an alias: case, ё and runs of spaces do not make two names different. */
export function aliasKey(alias: string): string {
  return alias.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

export function isGenericAlias(alias: string): boolean {
  return GENERIC_ALIASES.has(aliasKey(alias));
}

/** True when `value` is YYYY, YYYY-MM or YYYY-MM-DD and names a real calendar date. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/[^\s/?#]+\.[^\s/?#]+/i.test(value) || /\s/.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Sentences end with . ! ? or … followed by the end or by a space and a capital or an opening quote. */
export function countSentences(text: string): number {
  const ends = text.trim().match(/[.!?…]+["»”')]*(?=\s+["«“(]?[A-ZА-ЯЁ0-9]|\s*$)/gu);
  return Math.max(1, ends?.length ?? 0);
}

/**
 * Short, single-line rendering of a bad value for an error message. Walks at most a few levels and
 * a few dozen characters, so a value nested a million levels deep or megabytes long costs nothing.
 */
export function show(value: unknown): string {
  const limit = 60;
  let out = '';
  const write = (text: string) => {
    out += text;
    return out.length <= limit;
  };
  const walk = (x: unknown, depth: number): boolean => {
    if (x === undefined) return write('undefined');
    if (typeof x === 'string') return write(JSON.stringify(x.length > limit ? x.slice(0, limit) : x));
    if (typeof x === 'number' || typeof x === 'boolean' || x === null) return write(String(x));
    if (typeof x !== 'object') return write(typeof x);
    if (depth > 3) return write(Array.isArray(x) ? '[...]' : '{...}');
    if (Array.isArray(x)) {
      if (!write('[')) return false;
      for (let i = 0; i < x.length; i++) {
        if ((i > 0 && !write(',')) || !walk(x[i] === undefined ? null : x[i], depth + 1)) return false;
      }
      return write(']');
    }
    if (!write('{')) return false;
    let first = true;
    for (const key in x) {
      if (!Object.hasOwn(x, key)) continue;
      const item = (x as Record<string, unknown>)[key];
      if (item === undefined) continue;
      if ((!first && !write(',')) || !write(`${JSON.stringify(key)}:`) || !walk(item, depth + 1))
        return false;
      first = false;
    }
    return write('}');
  };
  walk(value, 0);
  return out.length > limit ? `${out.slice(0, limit - 3)}...` : out;
}

// ---- Building blocks ----------------------------------------------------------------------------

const got = (issue: v.BaseIssue<unknown>) => show(issue.input);

/** A string that says something: not empty, not only spaces, within `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
function text(max = MAX_TEXT_LENGTH) {
  return v.pipe(
    v.string((issue) => `expected a string, got ${got(issue)}`),
    v.check((s) => s.trim() !== '', 'is empty'),
    v.maxLength(max, (issue) => `${issue.input.length} characters, more than ${max}`),
  );
}

/** An object whose unknown keys are reported (they are usually typos). */
/* @__NO_SIDE_EFFECTS__ */
function record<const T extends v.ObjectEntries>(entries: T, expected: string) {
  return v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') return 'unknown field';
    // A required key that is absent: the issue's path already names it.
    if (issue.expected?.startsWith('"')) return 'is missing';
    return `expected ${expected}, got ${got(issue)}`;
  });
}

/* @__NO_SIDE_EFFECTS__ */
function list<const T extends v.GenericSchema>(item: T, max = MAX_LIST_LENGTH) {
  return v.pipe(
    v.array(item, (issue) => `expected an array, got ${got(issue)}`),
    v.maxLength(max, (issue) => `${issue.input.length} entries, more than ${max}`),
  );
}

export const IdSchema = v.pipe(
  v.string((issue) => `expected a string, got ${got(issue)}`),
  v.maxLength(100, (issue) => `${issue.input.length} characters, more than 100`),
  v.regex(ID_PATTERN, (issue) => `${show(issue.input)} is not lowercase kebab-case`),
);

export const IsoDateSchema = v.pipe(
  v.string((issue) => `expected a string, got ${got(issue)}`),
  v.regex(ISO_DATE, (issue) => `${show(issue.input)} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`),
  v.check(
    (s: string) => isIsoDate(s),
    (issue) => `${show(issue.input)} is not a real date`,
  ),
);

/** A string in every language. */
export const BilingualSchema = record({ en: text(), ru: text() }, '{ en, ru }');

/** One alias or clue word: a name, not a paragraph (see MAX_NAME_LENGTH). */
/* @__NO_SIDE_EFFECTS__ */
function name() {
  return v.pipe(
    text(MAX_NAME_LENGTH),
    v.check(
      (s) => s === s.trim(),
      (issue) => `${show(issue.input)} has leading or trailing spaces`,
    ),
  );
}

/* @__NO_SIDE_EFFECTS__ */
function names(min: number, item: v.GenericSchema<string> = name()) {
  return v.pipe(
    v.array(item, (issue) => `expected an array of strings, got ${got(issue)}`),
    v.minLength(min, `needs at least ${min} entr${min === 1 ? 'y' : 'ies'}`),
    v.maxLength(
      MAX_NAMES_PER_LIST,
      (issue) => `${issue.input.length} names, more than ${MAX_NAMES_PER_LIST} in one language`,
    ),
  );
}

const englishAlias = v.pipe(
  name(),
  v.check(
    (s) => !isGenericAlias(s),
    (issue) => `${show(issue.input)} is a generic word, not a name`,
  ),
);
/**
 * Russian text writes some names in Latin letters ("SWIFT", "WADA", "Euroclear", "Africa CDC"); a
 * longer name without Cyrillic is English text in the wrong list.
 */
export function isRussianName(s: string): boolean {
  return CYRILLIC.test(s) || /^\S+(?: \S+)?$/.test(s.trim());
}

const russianAlias = v.pipe(
  name(),
  v.check(isRussianName, (issue) => `${show(issue.input)} has no Cyrillic letters`),
);

/** Lists of words or names in every language (aliases, clue words), `min` entries each. */
/* @__NO_SIDE_EFFECTS__ */
function perLang(min: number, en: v.GenericSchema<string> = name(), ru: v.GenericSchema<string> = name()) {
  return record({ en: names(min, en), ru: names(min, ru) }, '{ en: [...], ru: [...] }');
}

const summaryText = v.pipe(
  text(MAX_SUMMARY_LENGTH),
  v.check(
    (s) => countSentences(s) <= MAX_SUMMARY_SENTENCES,
    (issue) => `${countSentences(issue.input)} sentences, more than ${MAX_SUMMARY_SENTENCES}`,
  ),
);

// ---- The compiled entity ------------------------------------------------------------------------

export const TimelineStepSchema = record(
  {
    date: IsoDateSchema,
    kind: v.picklist(STEP_KINDS, (issue) => `${got(issue)} is not a known step kind`),
    /** What happened, short, in both languages ("Russia suspends its participation"). */
    label: BilingualSchema,
  },
  'an object',
);

export const SourceSchema = record(
  {
    url: v.pipe(
      v.string((issue) => `expected a string, got ${got(issue)}`),
      v.maxLength(
        MAX_TEXT_LENGTH,
        (issue) => `${issue.input.length} characters, more than ${MAX_TEXT_LENGTH}`,
      ),
      v.check(isHttpsUrl, (issue) => `${show(issue.input)} is not an https URL`),
    ),
    title: text(),
  },
  'an object',
);

/** What the event linker needs to recognise an event that the text names only by place and date. */
export const EventCluesSchema = record(
  {
    /** Place names as the text may write them, per language ("Geneva"; "Женеве", "Женева"). */
    places: perLang(1),
    /** Words that say an event of this kind happened ("meeting", "summit", "talks"; "встреча", "саммит"). */
    cues: perLang(0),
    /** People or parties whose names make the link surer ("Putin", "Biden"; "Путин", "Байден"). */
    participants: v.optional(perLang(0)),
  },
  '{ places, cues }',
);

function ordinalSchema() {
  return v.optional(
    v.pipe(
      v.number((issue) => `expected a number, got ${got(issue)}`),
      v.integer((issue) => `${got(issue)} is not a whole number`),
      v.minValue(1, (issue) => `${got(issue)} is less than 1`),
      v.maxValue(999, (issue) => `${got(issue)} is more than 999`),
    ),
  );
}

function yearSchema() {
  return v.pipe(
    v.number((issue) => `expected a number, got ${got(issue)}`),
    v.integer((issue) => `${got(issue)} is not a whole number`),
  );
}

/** Where an edition of a recurring event sits in its series. */
export const SeriesLinkSchema = record(
  {
    /** The series entity's id ("sco-summit"). */
    of: IdSchema,
    /** The organiser's own number for the edition (the 25th SCO summit), when it numbers them. */
    ordinal: ordinalSchema(),
    /** The year the edition's names carry (Tokyo 2020, held in 2021, says 2020). */
    year: yearSchema(),
    /** The editions before and after it in date order. */
    previous: v.optional(IdSchema),
    next: v.optional(IdSchema),
  },
  '{ of, year }',
);

export const EntitySchema = record(
  {
    /** Stable, lowercase kebab-case ("new-start", "geneva-summit-2021"). */
    id: IdSchema,
    type: v.picklist(ENTITY_TYPES, (issue) => `${got(issue)} is not one of ${ENTITY_TYPES.join(', ')}`),
    name: record(
      {
        en: text(MAX_NAME_LENGTH),
        ru: v.pipe(
          text(MAX_NAME_LENGTH),
          v.check(isRussianName, (issue) => `${show(issue.input)} has no Cyrillic letters`),
        ),
      },
      '{ en, ru }',
    ),
    /**
     * Names as articles write them. English aliases are matched case-insensitively except for tokens
     * written in capitals (acronyms such as START, INF, NPT), which must appear in capitals.
     * Russian aliases are written in the nominative; the matcher generates the other case forms
     * (plural forms only for a name written in the plural). A Russian alias whose first word is
     * capitalised ("Союзное государство") must be capitalised in the article too; write it in lower
     * case ("зерновая сделка") when articles do. Hyphen and space spellings read alike, and an
     * English hyphenated compound also matches joined ("Non-Proliferation", "Nonproliferation").
     */
    aliases: perLang(1, englishAlias, russianAlias),
    /**
     * Names that also name other things, so they name this entity only in context: "Permanent
     * Council" (of the OSCE, or of the OAS?), "Moscow Treaty" (SORT, or the 1970 USSR–FRG treaty?),
     * "NRC", "Istanbul agreements" (on grain, or the 2022 peace talks?). Written like `aliases`. A
     * context alias names this entity when one of its `context` words is in the same sentence, or
     * when the text also names the entity by a plain alias. Where the same name is a plain alias of
     * another entity, a context alias that is confirmed wins. Needs `context`.
     */
    contextAliases: v.optional(perLang(0, englishAlias, russianAlias)),
    /**
     * Words that confirm a context alias in its sentence ("OSCE", "Vienna"; "ОБСЕ", "Вене"). Matched
     * like aliases (capitals only for acronyms); Russian words in the nominative, inflected by the
     * matcher. Only with `contextAliases`.
     */
    context: v.optional(perLang(0)),
    summary: record(
      {
        en: summaryText,
        ru: v.pipe(
          summaryText,
          v.check((s) => CYRILLIC.test(s), 'has no Cyrillic letters'),
        ),
      },
      '{ en, ru }',
    ),
    timeline: list(TimelineStepSchema),
    /** Parties, members or participants, in both languages. */
    parties: v.optional(list(BilingualSchema)),
    /** Ids of related entities. */
    related: v.optional(list(v.string((issue) => `expected an id string, got ${got(issue)}`))),
    sources: v.pipe(list(SourceSchema), v.minLength(1, 'at least one source is required')),
    /** Only for type 'event'. */
    event: v.optional(EventCluesSchema),
    /** Curator's note: why a date was chosen where sources disagree, or how an ambiguous alias resolves. */
    note: v.optional(text()),
    /** Only for an edition of a recurring event (type 'event'): its series and place in it. */
    series: v.optional(SeriesLinkSchema),
    /** Only for a series of recurring events: the ids of its editions, in date order. */
    editions: v.optional(list(IdSchema, 10000)),
    /** An edition's outcome documents ("Tianjin Declaration"), also among its aliases. */
    documents: v.optional(list(BilingualSchema)),
  },
  'an object',
);

// ---- Source files: series with editions, and the places they are held in ---------------------

const PREPOSITIONS = ['в', 'на'] as const;
export const EDITION_FORMATS = ['online', 'extraordinary', 'informal'] as const;

/**
 * The source-file schemas, built on first use: valibot's schema calls are not dropped as unused by
 * the bundler, and the background (which only checks compiled entities) should not carry them.
 */
function prepSchema() {
  return v.optional(v.picklist(PREPOSITIONS, (issue) => `${got(issue)} is not "в" or "на"`));
}

function buildSourceSchemas() {
  /** One place of the gazetteer: a host city or country, with the forms the edition names need. */
  const PlaceSchema = record(
    {
      en: text(MAX_NAME_LENGTH),
      /** Russian nominative ("Тяньцзинь"). */
      ru: v.pipe(
        text(MAX_NAME_LENGTH),
        v.check(
          (s) => CYRILLIC.test(s),
          (issue) => `${show(issue.input)} has no Cyrillic letters`,
        ),
      ),
      /** Russian locative, as after в/на ("Тяньцзине"; "Бали"). */
      in: text(MAX_NAME_LENGTH),
      /** Russian masculine adjective in the nominative ("тяньцзиньский"), when Russian has one. */
      adj: v.optional(
        v.pipe(
          text(MAX_NAME_LENGTH),
          v.regex(
            /(ый|ий|ой)$/,
            (issue) => `${show(issue.input)} is not a masculine adjective (-ый, -ий, -ой)`,
          ),
        ),
      ),
      /** English adjective, countries only ("Chinese"). */
      enAdj: v.optional(text(MAX_NAME_LENGTH)),
      /** The country a city is in: a place key. */
      country: v.optional(IdSchema),
      /** Other spellings ("St. Petersburg"; "Петербург"), nominative. */
      enAlt: v.optional(names(0)),
      ruAlt: v.optional(names(0)),
      /** The Russian preposition the place takes: "на Бали", "на Мальте" (default "в"). */
      prep: prepSchema(),
    },
    'a place { en, ru, in, ... }',
  );

  const EditionNamesSchema = record(
    {
      /** The edition's display name; a fallback replaces it where a placeholder has no value. */
      title: BilingualSchema,
      /** Names that identify one edition. */
      en: names(0),
      ru: names(0),
      /** Names several series share ("the Tianjin summit"), resolved by the article's date. */
      short: v.optional(perLang(0)),
    },
    '{ title, en, ru }',
  );

  const SeriesSourceSchema = record(
    {
      id: IdSchema,
      name: BilingualSchema,
      aliases: perLang(1, englishAlias, russianAlias),
      contextAliases: v.optional(perLang(0, englishAlias, russianAlias)),
      context: v.optional(perLang(0)),
      summary: BilingualSchema,
      /** What one edition is, singular ("SCO summit"; "саммит ШОС"); defaults to the first aliases. */
      kind: v.optional(BilingualSchema),
      organizer: v.optional(IdSchema),
      related: v.optional(list(v.string((issue) => `expected an id string, got ${got(issue)}`))),
      sources: v.pipe(list(SourceSchema), v.minLength(1, 'at least one source is required')),
      /** Words for an edition named only by place and date. */
      cues: perLang(0),
      participants: v.optional(perLang(0)),
      /** Steps of the series itself (founded, renamed...); the first edition's date is added. */
      timeline: v.optional(list(TimelineStepSchema)),
      parties: v.optional(list(BilingualSchema)),
      note: v.optional(text()),
      editionNames: EditionNamesSchema,
    },
    'the series { id, name, ... }',
  );

  const EditionSourceSchema = record(
    {
      /** Default "<series id>-<year>". */
      id: v.optional(IdSchema),
      ordinal: ordinalSchema(),
      /** [start] or [start, end]. */
      dates: v.pipe(
        v.array(IsoDateSchema, (issue) => `expected [start] or [start, end], got ${got(issue)}`),
        v.minLength(1, 'needs a start date'),
        v.maxLength(2, (issue) => `${issue.input.length} dates, expected [start] or [start, end]`),
      ),
      /** The year the names carry when it is not the first date's (Tokyo 2020, held in 2021). */
      year: v.optional(yearSchema()),
      city: v.optional(IdSchema),
      country: v.optional(IdSchema),
      /** The Russian preposition before this edition's place, when the place's own does not fit. */
      prep: prepSchema(),
      chair: v.optional(BilingualSchema),
      format: v.optional(
        v.picklist(EDITION_FORMATS, (issue) => `${got(issue)} is not one of ${EDITION_FORMATS.join(', ')}`),
      ),
      documents: v.optional(list(BilingualSchema)),
      highlights: v.optional(BilingualSchema),
      summary: v.optional(BilingualSchema),
      aliases: v.optional(perLang(0, englishAlias, russianAlias)),
      contextAliases: v.optional(perLang(0, englishAlias, russianAlias)),
      context: v.optional(perLang(0)),
      timeline: v.optional(list(TimelineStepSchema)),
      parties: v.optional(list(BilingualSchema)),
      related: v.optional(list(v.string((issue) => `expected an id string, got ${got(issue)}`))),
      sources: v.pipe(list(SourceSchema), v.minLength(1, 'at least one source is required')),
      /** Clue words beyond the generated ones (places in more case forms, participants). */
      event: v.optional(
        record(
          { places: perLang(0), cues: perLang(0), participants: v.optional(perLang(0)) },
          '{ places, cues }',
        ),
      ),
      status: v.optional(v.picklist(['upcoming'] as const, (issue) => `${got(issue)} is not "upcoming"`)),
      note: v.optional(text()),
    },
    'an edition { dates, sources, ... }',
  );

  const SeriesFileSchema = record(
    {
      series: SeriesSourceSchema,
      editions: v.pipe(list(v.unknown(), 10000), v.minLength(1, 'a series needs at least one edition')),
    },
    '{ series, editions }',
  );
  return { PlaceSchema, SeriesSourceSchema, EditionSourceSchema, SeriesFileSchema };
}

let sourceSchemaCache: ReturnType<typeof buildSourceSchemas> | undefined;

export function sourceSchemas(): ReturnType<typeof buildSourceSchemas> {
  sourceSchemaCache ??= buildSourceSchemas();
  return sourceSchemaCache;
}

type SourceSchemas = ReturnType<typeof buildSourceSchemas>;

export type EntityData = v.InferOutput<typeof EntitySchema>;
export type Place = v.InferOutput<SourceSchemas['PlaceSchema']>;
export type SeriesSource = v.InferOutput<SourceSchemas['SeriesSourceSchema']>;
export type EditionSource = v.InferOutput<SourceSchemas['EditionSourceSchema']>;

/**
 * The problems valibot found in `input`, as "path: message" (path as a.b[0].c; empty at the root).
 * `shapeOk` says whether the value has the right types everywhere (content problems aside).
 */
export function schemaProblems(
  schema: v.GenericSchema,
  input: unknown,
): { problems: { path: string; message: string }[]; shapeOk: boolean } {
  // One message per field: the first check of a field that fails says what is wrong with it.
  const result = v.safeParse(schema, input, { abortEarly: false, abortPipeEarly: true });
  let shapeOk = true;
  const problems: { path: string; message: string }[] = [];
  for (const issue of result.issues ?? []) {
    // valibot reports only the first unknown key of an object; unknownKeys below reports them all.
    if (issue.expected === 'never') continue;
    if (issue.kind === 'schema') shapeOk = false;
    problems.push({ path: issuePath(issue), message: issue.message });
  }
  const unknown: string[] = [];
  unknownKeys(schema, input, '', unknown);
  for (const path of unknown) problems.push({ path, message: 'unknown field' });
  return { problems, shapeOk };
}

type Inspectable = { type: string; entries?: Record<string, unknown>; item?: unknown; wrapped?: unknown };

/** Every key of `input` that its strict-object schema does not declare, at any depth of the schema. */
function unknownKeys(schema: unknown, input: unknown, path: string, out: string[]): void {
  const s = schema as Inspectable;
  if (s.type === 'optional' && input !== undefined) unknownKeys(s.wrapped, input, path, out);
  else if (s.type === 'array' && Array.isArray(input))
    input.forEach((item, i) => {
      unknownKeys(s.item, item, `${path}[${i}]`, out);
    });
  else if (
    s.type === 'strict_object' &&
    s.entries &&
    typeof input === 'object' &&
    input &&
    !Array.isArray(input)
  )
    for (const key of Object.keys(input)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (Object.hasOwn(s.entries, key))
        unknownKeys(s.entries[key], (input as Record<string, unknown>)[key], at, out);
      else out.push(at);
    }
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}
