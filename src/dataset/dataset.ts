// Dataset validation and bundling. The source files in src/data/ are reviewed like code, and this
// module is the reviewer that never tires: the build, the CLI, the background (when it imports a
// dataset file or reads the database back) and the tests all run the same checks. The shapes are
// declared once in schema.ts; here are the checks that need more than one field or more than one
// entity, the expansion of series files (series.ts), and the compiled bundle.
// Pure TypeScript: no Node or browser API, so it runs everywhere.

import { MAX_ENTITIES } from '../shared/limits';
import type { DatasetBundle, Entity } from '../shared/types';
import { aliasKey, EntitySchema, isIsoDate, type Place, schemaProblems, show, sourceSchemas } from './schema';
import { expandSeries } from './series';

export { isIsoDate, MAX_SUMMARY_LENGTH, MAX_SUMMARY_SENTENCES } from './schema';

/** What a source file holds: a list of entities, a series with its editions, or places. */
export type SourceKind = 'entities' | 'series' | 'places';

export interface SourceFile {
  file: string;
  content: unknown;
  /** Default: from the path (a "series" or "places" folder), else a list of entities. */
  kind?: SourceKind;
}

/**
 * A dataset broken everywhere (a garbage import, a script gone wrong) could give millions of
 * problems; the first ones say what is wrong, the rest only cost memory.
 */
export const MAX_REPORTED_PROBLEMS = 1000;

export function sourceKind(file: string): SourceKind {
  if (/(^|\/)series\/[^/]+$/.test(file)) return 'series';
  if (/(^|\/)places\/[^/]+$/.test(file)) return 'places';
  return 'entities';
}

class Problems {
  readonly lines: string[] = [];
  total = 0;
  add(line: string): void {
    this.total++;
    if (this.lines.length < MAX_REPORTED_PROBLEMS) this.lines.push(line);
  }
  list(): string[] {
    const more = this.total - this.lines.length;
    return more > 0
      ? [
          ...this.lines,
          `... and ${more} more problem${more === 1 ? '' : 's'} (only the first ${MAX_REPORTED_PROBLEMS} are listed)`,
        ]
      : this.lines;
  }
}

interface Checked {
  file: string;
  id: string;
  entity: Entity;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks dataset source files. Every problem becomes one line naming the file, the entity (or
 * series, edition, place) and the field. `entities` holds every item whose shape is an Entity
 * (so tools can still show them), series expanded into their editions; a dataset is only fit to
 * ship when `errors` is empty. Never throws, whatever `files` holds, and lists at most
 * MAX_REPORTED_PROBLEMS problems.
 */
export function validateDataset(files: SourceFile[]): { entities: Entity[]; errors: string[] } {
  return validateFiles(files, { expand: expandSeries, readPlaces });
}

interface SeriesSupport {
  expand: typeof expandSeries;
  readPlaces: typeof readPlaces;
}

/**
 * The validator itself. `support` reads places and expands series, or is null where only compiled
 * entities are checked (an imported bundle): the background then ships without the name generator.
 */
function validateFiles(
  files: SourceFile[],
  support: SeriesSupport | null,
): { entities: Entity[]; errors: string[] } {
  const problems = new Problems();
  const checked: Checked[] = [];
  if (!Array.isArray(files))
    return { entities: [], errors: [`dataset: expected a list of files, got ${show(files)}`] };
  const named = files.map((f, index) => {
    const file =
      isRecord(f) && typeof f.file === 'string' && f.file.trim() !== '' ? f.file : `file #${index}`;
    const kind =
      isRecord(f) && (f.kind === 'series' || f.kind === 'places' || f.kind === 'entities')
        ? f.kind
        : sourceKind(file);
    return { file, kind, content: isRecord(f) ? f.content : undefined };
  });

  const places =
    support === null
      ? new Map<string, Place>()
      : support.readPlaces(
          named.filter((f) => f.kind === 'places'),
          problems,
        );

  for (const { file, kind, content } of named) {
    if (kind === 'places') {
      if (support === null) problems.add(`${file}: a places source file is not a compiled dataset`);
      continue;
    }
    if (kind === 'series' && support === null) {
      problems.add(`${file}: a series source file is not a compiled dataset`);
      continue;
    }
    if (kind === 'series' && support !== null) {
      const entities = support.expand(content, places, (where, field, message) =>
        problems.add(`${file}: ${where}: ${field}: ${message}`),
      );
      for (const entity of entities) checkOne(file, `entity "${entity.id}"`, entity, checked, problems);
      continue;
    }
    if (!Array.isArray(content)) {
      problems.add(`${file}: expected a JSON array of entities, got ${show(content)}`);
      continue;
    }
    for (let index = 0; index < content.length; index++) {
      const item: unknown = content[index];
      const label =
        isRecord(item) && typeof item.id === 'string' && item.id !== ''
          ? `entity "${item.id.slice(0, 100)}"`
          : `entity #${index}`;
      if (!isRecord(item)) {
        problems.add(`${file}: ${label}: expected an object, got ${show(item)}`);
        continue;
      }
      checkOne(file, label, item, checked, problems);
    }
  }

  checkAcrossEntities(checked, problems);
  return { entities: checked.map((c) => c.entity), errors: problems.list() };
}

function checkOne(
  file: string,
  label: string,
  item: Record<string, unknown> | Entity,
  checked: Checked[],
  problems: Problems,
): void {
  const report = (field: string, message: string) => problems.add(`${file}: ${label}: ${field}: ${message}`);
  const { problems: found, shapeOk } = schemaProblems(EntitySchema, item);
  for (const p of found) report(p.path || '(root)', p.message);
  if (!shapeOk) return;
  const entity = item as Entity;
  checkEntityRules(entity, report);
  checked.push({ file, id: entity.id, entity });
}

/** The gazetteer: every places file, one key per place across all of them. */
function readPlaces(files: { file: string; content: unknown }[], problems: Problems): Map<string, Place> {
  const places = new Map<string, Place>();
  const firstFile = new Map<string, string>();
  for (const { file, content } of files) {
    if (!isRecord(content)) {
      problems.add(
        `${file}: expected an object of places { "key": { en, ru, in, ... } }, got ${show(content)}`,
      );
      continue;
    }
    for (const key of Object.keys(content)) {
      const label = `${file}: place "${key.slice(0, 100)}"`;
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(key))
        problems.add(`${label}: key: ${show(key)} is not lowercase kebab-case`);
      const seen = firstFile.get(key);
      if (seen !== undefined) {
        problems.add(`${label}: key: already defined in ${seen}`);
        continue;
      }
      firstFile.set(key, file);
      const { problems: found, shapeOk } = schemaProblems(sourceSchemas().PlaceSchema, content[key]);
      for (const p of found) problems.add(`${label}: ${p.path || '(root)'}: ${p.message}`);
      if (shapeOk && found.length === 0) places.set(key, content[key] as Place);
    }
  }
  for (const [key, place] of places) {
    if (place.country !== undefined && !places.has(place.country))
      problems.add(`${firstFile.get(key)}: place "${key}": country: ${show(place.country)} is not a place`);
  }
  return places;
}

type Report = (field: string, message: string) => void;

/**
 * Two names the matcher tells apart only by the case of a word written in capitals: "QUAD" must
 * be in capitals, "Quad" is any case (see Entity.aliases).
 */
function matcherKey(alias: string): string {
  return alias
    .trim()
    .split(/\s+/)
    .map((w) => (/^[A-ZА-ЯЁ0-9-]{2,}$/.test(w) ? w : aliasKey(w)))
    .join(' ');
}

/** What one entity's fields must say together (the schema checks each field alone). */
function checkEntityRules(e: Entity, report: Report): void {
  let previous: string | undefined;
  e.timeline.forEach((step, i) => {
    // Lexical order of ISO prefixes: "2021" sorts before "2021-02", so a vaguer step may
    // precede a precise one in the same year but not follow it.
    if (previous !== undefined && step.date < previous)
      report(`timeline[${i}].date`, `${show(step.date)} comes before the previous step's ${show(previous)}`);
    previous = step.date;
  });

  if (e.contextAliases === undefined) {
    if (e.context !== undefined) report('context', 'context words without contextAliases confirm nothing');
  } else if (e.context === undefined) {
    report('context', 'expected { en: [...], ru: [...] }, got undefined');
  } else {
    let count = 0;
    for (const lang of ['en', 'ru'] as const) {
      const own = new Set(e.aliases[lang].map(matcherKey));
      e.contextAliases[lang].forEach((a, i) => {
        if (own.has(matcherKey(a)))
          report(`contextAliases.${lang}[${i}]`, `${show(a)} is also a plain alias`);
      });
      if (e.contextAliases[lang].length > 0 && e.context[lang].length === 0)
        report(`context.${lang}`, 'needs at least 1 entry');
      count += e.contextAliases[lang].length;
    }
    if (count === 0) report('contextAliases', 'needs at least one alias');
  }

  if (e.type === 'event') {
    // A series is found through its editions, which carry the clues; the series needs none, nor
    // does an edition whose place is not known.
    if (e.event === undefined && e.editions === undefined && e.series === undefined)
      report('event', 'an event needs event clues (places, cues)');
    // A planned event that did not take place has its 'proposed' step instead.
    if (!e.timeline.some((s) => s.kind === 'held' || s.kind === 'started' || s.kind === 'proposed'))
      report('timeline', "an event needs a 'held' or 'started' step (or 'proposed', if it never took place)");
  } else {
    if (e.event !== undefined) report('event', `only events carry event clues, not a ${show(e.type)}`);
    if (e.series !== undefined)
      report('series', `only events are editions of a series, not a ${show(e.type)}`);
    if (e.editions !== undefined) report('editions', `only events have editions, not a ${show(e.type)}`);
  }
  if (e.documents !== undefined && e.series === undefined)
    report('documents', 'only editions of a series list outcome documents');
}

/** Checks that need the whole dataset: unique ids, related ids, series links, shared aliases. */
function checkAcrossEntities(checked: Checked[], problems: Problems): void {
  const byId = new Map<string, Checked>();
  for (const c of checked) {
    const seen = byId.get(c.id);
    if (seen !== undefined)
      problems.add(`${c.file}: entity "${c.id}": id: duplicate id, already used in ${seen.file}`);
    else byId.set(c.id, c);
  }

  for (const c of checked) {
    const at = `${c.file}: entity "${c.id}"`;
    const seen = new Set<string>();
    (c.entity.related ?? []).forEach((r, i) => {
      if (r === c.id) problems.add(`${at}: related[${i}]: refers to the entity itself`);
      else if (!byId.has(r)) problems.add(`${at}: related[${i}]: ${show(r)} is not an entity id`);
      if (seen.has(r)) problems.add(`${at}: related[${i}]: ${show(r)} is listed twice`);
      seen.add(r);
    });
    const link = c.entity.series;
    if (link) {
      const series = byId.get(link.of)?.entity;
      if (!series?.editions)
        problems.add(`${at}: series.of: ${show(link.of)} is not a series (an entity with editions)`);
      else if (!series.editions.includes(c.id))
        problems.add(`${at}: series.of: the series ${show(link.of)} does not list this edition`);
      for (const side of ['previous', 'next'] as const) {
        const other = link[side];
        if (other !== undefined && byId.get(other)?.entity.series?.of !== link.of)
          problems.add(`${at}: series.${side}: ${show(other)} is not an edition of ${show(link.of)}`);
      }
    }
    (c.entity.editions ?? []).forEach((id, i) => {
      if (byId.get(id)?.entity.series?.of !== c.id)
        problems.add(`${at}: editions[${i}]: ${show(id)} is not an edition of this series`);
    });
  }

  // The matcher can resolve an alias two entities share (by the article's date), but only on
  // purpose: each entity sharing it must say so in its note. Editions of series are exempt: their
  // names come from patterns, and names several editions share ("the Tianjin summit", "SCO summit
  // in Astana") are meant to be told apart by the article's date.
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
      if (o.checked.entity.series !== undefined) continue;
      const note = typeof o.checked.entity.note === 'string' ? aliasKey(o.checked.entity.note) : '';
      if (note.includes(aliasKey(o.alias))) continue;
      const others = [...ids].filter((id) => id !== o.checked.id).map((id) => `"${id}"`);
      problems.add(
        `${o.checked.file}: entity "${o.checked.id}": aliases.${o.lang}: ${show(o.alias)} is shared with ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''} but the note does not mention it`,
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
export const BUNDLE_FORMAT = 2;

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
 * once, in whichever file they are working on. The bundle carries both directions, with one
 * exception: an edition's links to its series and to what its series relates to (the organiser)
 * are not mirrored, or the organiser's card would list every summit it ever held; the series
 * lists its editions, and the organiser links to the series.
 */
function withReverseRelations(entities: Entity[]): Entity[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const reverse = new Map<string, string[]>();
  for (const entity of entities) {
    const series = entity.series ? byId.get(entity.series.of) : undefined;
    for (const target of entity.related ?? []) {
      if (series && (target === series.id || (series.related ?? []).includes(target))) continue;
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
  const result = validateFiles([{ file: where, kind: 'entities', content: entities }], null);
  // A loop, not push(...errors): a spread of many problems overflows the stack.
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
