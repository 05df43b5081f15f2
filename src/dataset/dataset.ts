// Dataset validation and bundling. The source files in src/data/ are reviewed like code, and this
// module is the reviewer that never tires: the build, the CLI, the background (when it imports a
// dataset file or reads the database back) and the tests all run the same checks.
// Pure TypeScript: no Node or browser API, so it runs everywhere src/core runs.

import { MAX_ENTITIES, MAX_NAME_LENGTH, MAX_NAMES_PER_LIST } from '../shared/limits';
import type { DatasetBundle, Entity, EntityType, IsoDate, StepKind } from '../shared/types';

const ENTITY_TYPES: readonly EntityType[] = ['treaty', 'event', 'organization'];

const STEP_KINDS: readonly StepKind[] = [
  'proposed',
  'signed',
  'ratified',
  'in-force',
  'extended',
  'suspended',
  'resumed',
  'withdrawn',
  'expired',
  'terminated',
  'founded',
  'joined',
  'left',
  'dissolved',
  'started',
  'ended',
  'held',
  'other',
];

const ENTITY_KEYS = new Set([
  'id',
  'type',
  'name',
  'aliases',
  'contextAliases',
  'context',
  'summary',
  'timeline',
  'parties',
  'related',
  'sources',
  'event',
  'note',
]);

/** Summaries are read in a hover card: a few sentences, not an essay. */
export const MAX_SUMMARY_SENTENCES = 3;
export const MAX_SUMMARY_LENGTH = 400;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CYRILLIC = /[\u0400-\u04ff]/;
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

/** True when `value` is YYYY, YYYY-MM or YYYY-MM-DD and names a real calendar date. */
export function isIsoDate(value: unknown): value is IsoDate {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Short, single-line rendering of a bad value for an error message. */
function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Sentences end with . ! ? or … followed by the end or by a space and a capital or an opening quote. */
function countSentences(text: string): number {
  const ends = text.trim().match(/[.!?…]+["»”')]*(?=\s+["«“(]?[A-ZА-ЯЁ0-9]|\s*$)/gu);
  return Math.max(1, ends?.length ?? 0);
}

function aliasKey(alias: string): string {
  return alias.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

interface Checked {
  file: string;
  id: string;
  entity: Entity;
}

/**
 * Checks dataset source files. Every problem becomes one line naming the file, the entity and the
 * field. `entities` holds every item whose shape is an Entity (so tools can still show them), but a
 * dataset is only fit to ship when `errors` is empty. Never throws, whatever `files` holds.
 */
export function validateDataset(files: { file: string; content: unknown }[]): {
  entities: Entity[];
  errors: string[];
} {
  const errors: string[] = [];
  const checked: Checked[] = [];
  if (!Array.isArray(files))
    return { entities: [], errors: [`dataset: expected a list of files, got ${show(files)}`] };

  files.forEach((f, fileIndex) => {
    const file = isRecord(f) && nonEmptyString(f.file) ? f.file : `file #${fileIndex}`;
    const content = isRecord(f) ? f.content : undefined;
    if (!Array.isArray(content)) {
      errors.push(`${file}: expected a JSON array of entities, got ${show(content)}`);
      return;
    }
    content.forEach((item, index) => {
      const label =
        isRecord(item) && typeof item.id === 'string' && item.id !== ''
          ? `entity "${item.id}"`
          : `entity #${index}`;
      const report = (field: string, message: string) =>
        errors.push(`${file}: ${label}: ${field}: ${message}`);
      if (!isRecord(item)) {
        errors.push(`${file}: ${label}: expected an object, got ${show(item)}`);
        return;
      }
      const shapeOk = checkEntity(item, report);
      if (shapeOk && typeof item.id === 'string')
        checked.push({ file, id: item.id, entity: item as unknown as Entity });
    });
  });

  checkAcrossEntities(checked, errors);
  return { entities: checked.map((c) => c.entity), errors };
}

type Report = (field: string, message: string) => void;

/** Checks one entity on its own; returns whether its shape is an Entity (content errors aside). */
function checkEntity(e: Record<string, unknown>, report: Report): boolean {
  let shapeOk = true;
  const shape = (field: string, message: string) => {
    shapeOk = false;
    report(field, message);
  };

  for (const key of Object.keys(e)) if (!ENTITY_KEYS.has(key)) report(key, 'unknown field');

  if (typeof e.id !== 'string') shape('id', `expected a string, got ${show(e.id)}`);
  else if (!ID_PATTERN.test(e.id)) report('id', `${show(e.id)} is not lowercase kebab-case`);

  if (!ENTITY_TYPES.includes(e.type as EntityType))
    shape('type', `${show(e.type)} is not one of ${ENTITY_TYPES.join(', ')}`);

  if (!checkBilingual(e.name, 'name', shape)) shapeOk = false;
  else {
    const name = e.name as Record<string, string>;
    if (!CYRILLIC.test(name.ru ?? '')) report('name.ru', `${show(name.ru)} has no Cyrillic letters`);
  }

  checkAliases(e.aliases, shape, report);
  checkContext(e, shape, report);

  if (checkBilingual(e.summary, 'summary', shape)) {
    const summary = e.summary as Record<string, string>;
    for (const lang of ['en', 'ru'] as const) {
      const text = summary[lang] ?? '';
      if (text.length > MAX_SUMMARY_LENGTH)
        report(`summary.${lang}`, `${text.length} characters, more than ${MAX_SUMMARY_LENGTH}`);
      const sentences = countSentences(text);
      if (sentences > MAX_SUMMARY_SENTENCES)
        report(`summary.${lang}`, `${sentences} sentences, more than ${MAX_SUMMARY_SENTENCES}`);
    }
    if (!CYRILLIC.test(summary.ru ?? '')) report('summary.ru', 'has no Cyrillic letters');
  }

  if (!Array.isArray(e.timeline)) shape('timeline', `expected an array, got ${show(e.timeline)}`);
  else {
    let previous: string | undefined;
    e.timeline.forEach((step, i) => {
      const at = `timeline[${i}]`;
      if (!isRecord(step)) {
        shape(at, `expected an object, got ${show(step)}`);
        return;
      }
      for (const key of Object.keys(step))
        if (key !== 'date' && key !== 'kind' && key !== 'label') report(`${at}.${key}`, 'unknown field');
      if (typeof step.date !== 'string') shape(`${at}.date`, `expected a string, got ${show(step.date)}`);
      else if (!ISO_DATE.test(step.date))
        report(`${at}.date`, `${show(step.date)} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
      else if (!isIsoDate(step.date)) report(`${at}.date`, `${show(step.date)} is not a real date`);
      else {
        // Lexical order of ISO prefixes: "2021" sorts before "2021-02", so a vaguer step may
        // precede a precise one in the same year but not follow it.
        if (previous !== undefined && step.date < previous)
          report(`${at}.date`, `${show(step.date)} comes before the previous step's ${show(previous)}`);
        previous = step.date;
      }
      if (!STEP_KINDS.includes(step.kind as StepKind))
        shape(`${at}.kind`, `${show(step.kind)} is not a known step kind`);
      checkBilingual(step.label, `${at}.label`, shape);
    });
  }

  if (e.parties !== undefined) {
    if (!Array.isArray(e.parties)) shape('parties', `expected an array, got ${show(e.parties)}`);
    else
      e.parties.forEach((p, i) => {
        checkBilingual(p, `parties[${i}]`, shape);
      });
  }

  if (e.related !== undefined) {
    if (!Array.isArray(e.related)) shape('related', `expected an array, got ${show(e.related)}`);
    else
      e.related.forEach((r, i) => {
        if (typeof r !== 'string') shape(`related[${i}]`, `expected an id string, got ${show(r)}`);
      });
  }

  if (!Array.isArray(e.sources)) shape('sources', `expected an array, got ${show(e.sources)}`);
  else {
    if (e.sources.length === 0) report('sources', 'at least one source is required');
    e.sources.forEach((s, i) => {
      const at = `sources[${i}]`;
      if (!isRecord(s)) {
        shape(at, `expected an object, got ${show(s)}`);
        return;
      }
      if (typeof s.url !== 'string') shape(`${at}.url`, `expected a string, got ${show(s.url)}`);
      else if (!isHttpsUrl(s.url)) report(`${at}.url`, `${show(s.url)} is not an https URL`);
      if (typeof s.title !== 'string') shape(`${at}.title`, `expected a string, got ${show(s.title)}`);
      else if (s.title.trim() === '') report(`${at}.title`, 'is empty');
    });
  }

  if (e.note !== undefined) {
    if (typeof e.note !== 'string') shape('note', `expected a string, got ${show(e.note)}`);
    else if (e.note.trim() === '') report('note', 'is empty');
  }

  if (e.type === 'event') {
    if (e.event === undefined) report('event', 'an event needs event clues (places, cues)');
    else checkEventClues(e.event, shape, report);
    if (
      Array.isArray(e.timeline) &&
      !e.timeline.some((s) => isRecord(s) && (s.kind === 'held' || s.kind === 'started'))
    )
      report('timeline', "an event needs a 'held' or 'started' step");
  } else if (e.event !== undefined) report('event', `only events carry event clues, not a ${show(e.type)}`);

  return shapeOk;
}

function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/[^\s/?#]+\.[^\s/?#]+/i.test(value) || /\s/.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function checkBilingual(value: unknown, field: string, report: Report): boolean {
  if (!isRecord(value)) {
    report(field, `expected { en, ru }, got ${show(value)}`);
    return false;
  }
  let ok = true;
  for (const lang of ['en', 'ru'] as const) {
    if (typeof value[lang] !== 'string') {
      report(`${field}.${lang}`, `expected a string, got ${show(value[lang])}`);
      ok = false;
    } else if (!nonEmptyString(value[lang])) {
      report(`${field}.${lang}`, 'is empty');
      ok = false;
    }
  }
  return ok;
}

function checkStringList(
  value: unknown,
  field: string,
  shape: Report,
  report: Report,
  min: number,
): string[] {
  if (!Array.isArray(value)) {
    shape(field, `expected an array of strings, got ${show(value)}`);
    return [];
  }
  // Names go into the matcher: the caps keep compiling and storing it within bounds.
  if (value.length > MAX_NAMES_PER_LIST) {
    report(field, `${value.length} entries, more than ${MAX_NAMES_PER_LIST}`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    if (typeof v !== 'string') shape(`${field}[${i}]`, `expected a string, got ${show(v)}`);
    else if (v.trim() === '') report(`${field}[${i}]`, 'is empty');
    else if (v.length > MAX_NAME_LENGTH)
      report(`${field}[${i}]`, `${v.length} characters, more than ${MAX_NAME_LENGTH}`);
    else out.push(v);
  });
  if (value.length < min) report(field, `needs at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
  return out;
}

function checkAliases(value: unknown, shape: Report, report: Report): void {
  if (!isRecord(value)) {
    shape('aliases', `expected { en: [...], ru: [...] }, got ${show(value)}`);
    return;
  }
  const en = checkStringList(value.en, 'aliases.en', shape, report, 1);
  const ru = checkStringList(value.ru, 'aliases.ru', shape, report, 1);
  en.forEach((a) => {
    if (a !== a.trim()) report('aliases.en', `${show(a)} has leading or trailing spaces`);
    if (GENERIC_ALIASES.has(aliasKey(a))) report('aliases.en', `${show(a)} is a generic word, not a name`);
  });
  ru.forEach((a) => {
    if (a !== a.trim()) report('aliases.ru', `${show(a)} has leading or trailing spaces`);
    if (!CYRILLIC.test(a)) report('aliases.ru', `${show(a)} has no Cyrillic letters`);
  });
}

/** Context aliases and their context words: both or neither, no repeats of a plain alias. */
function checkContext(e: Record<string, unknown>, shape: Report, report: Report): void {
  const { contextAliases, context } = e;
  if (contextAliases === undefined && context === undefined) return;
  if (contextAliases === undefined) {
    report('context', 'context words without contextAliases confirm nothing');
    return;
  }
  for (const [field, value] of [
    ['contextAliases', contextAliases],
    ['context', context],
  ] as const) {
    if (!isRecord(value)) {
      shape(field, `expected { en: [...], ru: [...] }, got ${show(value)}`);
      return;
    }
    for (const key of Object.keys(value))
      if (key !== 'en' && key !== 'ru') report(`${field}.${key}`, 'unknown field');
  }
  const aliases = contextAliases as Record<string, unknown>;
  const words = context as Record<string, unknown>;
  const plain = isRecord(e.aliases) ? e.aliases : {};
  let count = 0;
  for (const lang of ['en', 'ru'] as const) {
    const list = checkStringList(aliases[lang], `contextAliases.${lang}`, shape, report, 0);
    const own = new Set(
      (Array.isArray(plain[lang]) ? (plain[lang] as unknown[]) : [])
        .filter((a): a is string => typeof a === 'string')
        .map(aliasKey),
    );
    for (const a of list) {
      if (a !== a.trim()) report(`contextAliases.${lang}`, `${show(a)} has leading or trailing spaces`);
      if (lang === 'en' && GENERIC_ALIASES.has(aliasKey(a)))
        report('contextAliases.en', `${show(a)} is a generic word, not a name`);
      if (lang === 'ru' && !CYRILLIC.test(a))
        report('contextAliases.ru', `${show(a)} has no Cyrillic letters`);
      if (own.has(aliasKey(a))) report(`contextAliases.${lang}`, `${show(a)} is also a plain alias`);
    }
    const needed = list.length > 0 ? 1 : 0;
    checkStringList(words[lang], `context.${lang}`, shape, report, needed);
    count += list.length;
  }
  if (count === 0) report('contextAliases', 'needs at least one alias');
}

function checkEventClues(value: unknown, shape: Report, report: Report): void {
  if (!isRecord(value)) {
    shape('event', `expected { places, cues }, got ${show(value)}`);
    return;
  }
  for (const key of Object.keys(value))
    if (key !== 'places' && key !== 'cues' && key !== 'participants') report(`event.${key}`, 'unknown field');
  for (const part of ['places', 'cues', 'participants'] as const) {
    const v = value[part];
    if (v === undefined && part === 'participants') continue;
    if (!isRecord(v)) {
      shape(`event.${part}`, `expected { en: [...], ru: [...] }, got ${show(v)}`);
      continue;
    }
    const min = part === 'places' ? 1 : 0;
    checkStringList(v.en, `event.${part}.en`, shape, report, min);
    checkStringList(v.ru, `event.${part}.ru`, shape, report, min);
  }
}

/** Checks that need the whole dataset: unique ids, related ids, shared aliases. */
function checkAcrossEntities(checked: Checked[], errors: string[]): void {
  const firstFile = new Map<string, string>();
  for (const c of checked) {
    const seen = firstFile.get(c.id);
    if (seen !== undefined)
      errors.push(`${c.file}: entity "${c.id}": id: duplicate id, already used in ${seen}`);
    else firstFile.set(c.id, c.file);
  }

  for (const c of checked) {
    const related = c.entity.related ?? [];
    const seen = new Set<string>();
    related.forEach((r, i) => {
      if (r === c.id) errors.push(`${c.file}: entity "${c.id}": related[${i}]: refers to the entity itself`);
      else if (!firstFile.has(r))
        errors.push(`${c.file}: entity "${c.id}": related[${i}]: ${show(r)} is not an entity id`);
      if (seen.has(r)) errors.push(`${c.file}: entity "${c.id}": related[${i}]: ${show(r)} is listed twice`);
      seen.add(r);
    });
  }

  // The matcher can resolve an alias two entities share (by the article's date), but only on
  // purpose: each entity sharing it must say so in its note.
  const owners = new Map<string, { checked: Checked; alias: string; lang: string }[]>();
  for (const c of checked) {
    for (const lang of ['en', 'ru'] as const) {
      const seenHere = new Set<string>();
      for (const alias of c.entity.aliases[lang]) {
        const key = `${lang}:${aliasKey(alias)}`;
        if (seenHere.has(key)) continue;
        seenHere.add(key);
        const list = owners.get(key) ?? [];
        list.push({ checked: c, alias, lang });
        owners.set(key, list);
      }
    }
  }
  for (const list of owners.values()) {
    const ids = new Set(list.map((o) => o.checked.id));
    if (ids.size < 2) continue;
    for (const o of list) {
      const note = typeof o.checked.entity.note === 'string' ? aliasKey(o.checked.entity.note) : '';
      if (note.includes(aliasKey(o.alias))) continue;
      const others = [...ids].filter((id) => id !== o.checked.id).map((id) => `"${id}"`);
      errors.push(
        `${o.checked.file}: entity "${o.checked.id}": aliases.${o.lang}: ${show(o.alias)} is shared with ${others.join(', ')} but the note does not mention it`,
      );
    }
  }
}

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (isRecord(value)) {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      if (value[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** 32-bit FNV-1a over the UTF-8 bytes of `text`, as 8 lowercase hex digits. */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  const byte = (b: number) => {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return hash.toString(16).padStart(8, '0');
}

function byId(a: Entity, b: Entity): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function contentHash(entities: Entity[]): string {
  return fnv1a32(canonicalJson(entities));
}

/** The compiled bundle's file format. Bump it when the bundle's shape changes incompatibly. */
export const BUNDLE_FORMAT = 1;

/**
 * Compiles validated entities into the bundle that ships in the extension. The version is
 * `${date}+${hash of the content}`: the same entities always give the same version, and any change
 * to any entity gives a new one. Throws only on a `date` that is not YYYY-MM-DD (a build error).
 */
export function compileBundle(entities: Entity[], date: string): DatasetBundle {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isIsoDate(date))
    throw new TypeError(`compileBundle: dataset date ${show(date)} is not a YYYY-MM-DD date`);
  const sorted = withReverseRelations([...entities].sort(byId));
  return { format: BUNDLE_FORMAT, version: `${date}+${contentHash(sorted)}`, date, entities: sorted };
}

/**
 * Relations are symmetric for the reader ("related" in both cards), but curators write each link
 * once, in whichever file they are working on. The bundle carries both directions.
 */
function withReverseRelations(entities: Entity[]): Entity[] {
  const reverse = new Map<string, string[]>();
  for (const entity of entities) {
    for (const target of entity.related ?? []) {
      const list = reverse.get(target) ?? [];
      list.push(entity.id);
      reverse.set(target, list);
    }
  }
  return entities.map((entity) => {
    const own = entity.related ?? [];
    const added = (reverse.get(entity.id) ?? []).filter((id) => !own.includes(id));
    return added.length === 0 ? entity : { ...entity, related: [...own, ...added] };
  });
}

/**
 * Checks a compiled bundle (an imported dataset file, or what the database gives back): its shape,
 * every entity, and that its version matches its content. Never throws.
 */
export function parseBundle(raw: unknown): { bundle?: DatasetBundle; errors: string[] } {
  const where = 'dataset bundle';
  if (Array.isArray(raw) && raw.some((item) => isRecord(item) && 'aliases' in item))
    return {
      errors: [
        `${where}: this is a list of entities (a dataset source file), not a compiled dataset; compile the sources with the build (node build.mjs) and use its dataset.json`,
      ],
    };
  if (!isRecord(raw)) return { errors: [`${where}: expected an object, got ${show(raw)}`] };
  if (raw.format !== BUNDLE_FORMAT)
    return {
      errors: [
        raw.format === undefined
          ? `${where}: format: missing; this is not a compiled Backstory dataset (or one from before format ${BUNDLE_FORMAT})`
          : `${where}: format: ${show(raw.format)} is not a format this version of Backstory knows (it reads format ${BUNDLE_FORMAT})`,
      ],
    };
  const errors: string[] = [];
  const { version, date, entities } = raw;
  const dateOk = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && isIsoDate(date);
  if (!dateOk) errors.push(`${where}: date: ${show(date)} is not a YYYY-MM-DD date`);
  const versionMatch =
    typeof version === 'string' ? /^(\d{4}-\d{2}-\d{2})\+([0-9a-f]{8})$/.exec(version) : null;
  if (!versionMatch)
    errors.push(`${where}: version: ${show(version)} is not of the form YYYY-MM-DD+8 hex digits`);
  else if (dateOk && versionMatch[1] !== date)
    errors.push(`${where}: version: ${show(version)} does not carry the bundle's date ${show(date)}`);
  if (!Array.isArray(entities)) {
    errors.push(`${where}: entities: expected an array, got ${show(entities)}`);
    return { errors };
  }
  if (entities.length > MAX_ENTITIES) {
    errors.push(`${where}: entities: ${entities.length} entities, more than ${MAX_ENTITIES}`);
    return { errors };
  }
  const result = validateDataset([{ file: where, content: entities }]);
  // A loop, not push(...errors): a spread of millions of problems overflows the stack.
  for (const error of result.errors) errors.push(error);
  if (errors.length > 0) return { errors };
  const sorted = [...result.entities].sort(byId);
  const hash = contentHash(sorted);
  if (versionMatch && versionMatch[2] !== hash)
    return {
      errors: [
        `${where}: the content was changed after the file was compiled: its version ${show(version)} was computed from other content (this content's hash is ${hash}). Edit the source files and compile them again instead of editing the compiled file.`,
      ],
    };
  return {
    bundle: { format: BUNDLE_FORMAT, version: version as string, date: date as string, entities: sorted },
    errors: [],
  };
}
