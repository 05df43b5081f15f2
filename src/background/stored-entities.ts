// The dataset's entities as the database stores them, and as a worker reads them back. A worker that
// starts reads them before it can answer the first article, so they are stored in the order and the
// shape that article needs: the outlines of all entities (what the matcher's tables over all of them
// read), then each entity's matcher fields as a JSON text of its own; each entity's card fields are
// a record of their own, read only for the entities an article names (and those its cards link to).
// Only the outlines are parsed at once; an entity or a card is parsed and checked when it is first
// asked for, and an article asks for a few dozen of the thousands. The matcher texts are stored as
// one UTF-8 text, one per line: one value reads faster than thousands of them, and UTF-8 takes fewer
// bytes than the two per character a string with Cyrillic in it is stored with (reading is what a
// worker waits for most after a browser start). The cards are not read at start at all: a few
// records read by key take a few milliseconds, the list of all of them (the previous version's form,
// still read once to move it) tens.
//
// Everything read back is checked before it is used (it was validated when it was written; the checks
// catch damage, cheaply): damage found later, when an entity or a card is parsed, throws
// DamagedEntity, and the background then treats the stored dataset as damaged.

import type { EntityLookup, EntitySet } from '../engine/matcher/compile';
import {
  CARD_FIELDS,
  ENTITY_TYPES,
  type Entity,
  type EntityCardFields,
  type EntityOutline,
  type MatchingEntity,
} from '../shared/types';

// ---- Checks ------------------------------------------------------------------------------------

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
const isBilingual = (v: unknown) => isObject(v) && isString(v.en) && isString(v.ru);
const isStrings = (v: unknown) => Array.isArray(v) && v.every(isString);
const isPerLang = (v: unknown) => isObject(v) && isStrings(v.en) && isStrings(v.ru);
const TYPES: ReadonlySet<unknown> = new Set(ENTITY_TYPES);

/** Whether an outline read back has its id, type and dated steps. */
export function outlineIsWhole(o: unknown): o is EntityOutline {
  return (
    isObject(o) &&
    isString(o.id) &&
    TYPES.has(o.type) &&
    Array.isArray(o.timeline) &&
    o.timeline.every((s) => isObject(s) && isString(s.date) && isString(s.kind))
  );
}

/** Whether an entity read back has every field the matcher reads, of the right type. */
export function matchingIsWhole(e: unknown): e is MatchingEntity {
  if (!outlineIsWhole(e)) return false;
  const { name, aliases, contextAliases, context, timeline, related, event } = e as unknown as Record<
    string,
    unknown
  >;
  return (
    isBilingual(name) &&
    isPerLang(aliases) &&
    (contextAliases === undefined || isPerLang(contextAliases)) &&
    (context === undefined || isPerLang(context)) &&
    (timeline as unknown[]).every((s) => isObject(s) && isBilingual(s.label)) &&
    (related === undefined || isStrings(related)) &&
    (event === undefined ||
      (isObject(event) &&
        isPerLang(event.places) &&
        isPerLang(event.cues) &&
        (event.participants === undefined || isPerLang(event.participants))))
  );
}

/** The same for the cards' fields (with the entity's id). */
export function cardIsWhole(c: unknown): c is EntityCardFields {
  return (
    isObject(c) &&
    isString(c.id) &&
    isBilingual(c.summary) &&
    Array.isArray(c.sources) &&
    c.sources.every((s) => isObject(s) && isString(s.url) && isString(s.title)) &&
    (c.parties === undefined || (Array.isArray(c.parties) && c.parties.every(isBilingual))) &&
    (c.documents === undefined || (Array.isArray(c.documents) && c.documents.every(isBilingual))) &&
    (c.note === undefined || isString(c.note))
  );
}

export const entityIsWhole = (e: unknown): e is Entity => matchingIsWhole(e) && cardIsWhole(e);

/** An entity or a card read back damaged when it was first asked for. */
export class DamagedEntity extends Error {
  constructor(id: string, part: 'entity' | 'card') {
    super(`the stored ${part} of ${id} is damaged`);
    this.name = 'DamagedEntity';
  }
}

// ---- Splitting and joining ---------------------------------------------------------------------

const CARD_FIELD_SET: ReadonlySet<string> = new Set(CARD_FIELDS);

/** An entity as it is stored: its matcher's fields, and its cards' (with its id). */
export function splitEntity(entity: Entity): [MatchingEntity, EntityCardFields] {
  const matching: Record<string, unknown> = {};
  const card: Record<string, unknown> = { id: entity.id };
  for (const [key, value] of Object.entries(entity)) (CARD_FIELD_SET.has(key) ? card : matching)[key] = value;
  return [matching as MatchingEntity, card as EntityCardFields];
}

/** A whole entity from its two parts. */
export function joinEntity(matching: MatchingEntity, card: EntityCardFields): Entity {
  return { ...matching, ...card };
}

const outlineOf = ({ id, type, timeline }: MatchingEntity): EntityOutline => ({
  id,
  type,
  timeline: timeline.map(({ date, kind }) => ({ date, kind })),
});

/** What the database stores for `entities` (see the file's header). */
export interface EntityTexts {
  /** The outlines of all entities, as one JSON text. */
  outlines: string;
  /** Each entity's matcher fields, one JSON text per line, in the outlines' order, in UTF-8. */
  matching: Uint8Array;
  /** Each entity's card fields, in the same order: a record each (under cardKey(id)). */
  cards: EntityCardFields[];
}

/** The key of an entity's card fields in the database's `compiled` store. */
export const cardKey = (id: string): `card/${string}` => `card/${id}`;

const LINE_BREAK = 0x0a;

/**
 * Whether a value read back is a Uint8Array. Not `instanceof`: a value read from the database can
 * come from another realm (fake-indexeddb's structured clone in the tests does).
 */
export const isBytes = (v: unknown): v is Uint8Array =>
  Object.prototype.toString.call(v) === '[object Uint8Array]';

/**
 * JSON texts one per line, in UTF-8. JSON.stringify writes a line break inside a string as an
 * escape, so a text never holds one.
 */
export const asLines = (values: readonly unknown[]): Uint8Array =>
  new TextEncoder().encode(values.map((value) => JSON.stringify(value)).join('\n'));

export function entityTexts(entities: readonly Entity[]): EntityTexts {
  const split = entities.map(splitEntity);
  return {
    outlines: JSON.stringify(split.map(([matching]) => outlineOf(matching))),
    matching: asLines(split.map(([matching]) => matching)),
    cards: split.map(([, card]) => card),
  };
}

// ---- Reading back ------------------------------------------------------------------------------

/** The items of a JSON list, or null when it is not one (damaged). */
export function parseList(list: unknown): unknown[] | null {
  if (typeof list !== 'string') return null;
  try {
    const items: unknown = JSON.parse(list);
    return Array.isArray(items) ? items : null;
  } catch {
    return null;
  }
}

/**
 * JSON texts by id, each parsed and checked once, when first asked for. The ids are known from the
 * start; the texts may be attached later, when they have been read (has and size work before).
 */
class ParsedOnDemand<T> {
  private readonly index = new Map<string, number>();
  private readonly parsed: (T | undefined)[];
  private text: Uint8Array = new Uint8Array(0);
  /** Where each text starts in `text`, and one past where the last ends; null until attached. */
  private lines: readonly number[] | null = null;
  /** Invalid UTF-8 is damage, not something to replace with U+FFFD and serve. */
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly ids: readonly string[],
    private readonly whole: (value: unknown) => value is T,
    private readonly part: 'entity' | 'card',
  ) {
    ids.forEach((id, at) => {
      if (!this.index.has(id)) this.index.set(id, at);
    });
    this.parsed = new Array(ids.length);
  }

  /** Takes the texts read back; false (and none taken) when they are not one line for each id. */
  attach(text: unknown): boolean {
    const lines = linesFor(text, this.ids.length);
    if (lines === null) return false;
    this.text = text as Uint8Array;
    this.lines = lines;
    return true;
  }

  get size(): number {
    return this.index.size;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Throws DamagedEntity when the text does not parse, is not whole or is another entity's. */
  get(id: string): T | undefined {
    const at = this.index.get(id);
    if (at === undefined) return undefined;
    let value = this.parsed[at];
    if (value === undefined) {
      const { lines } = this;
      if (lines === null) throw new Error(`the stored ${this.part}s were asked for before they were read`);
      let read: unknown;
      try {
        read = JSON.parse(this.decoder.decode(this.text.subarray(lines[at]!, lines[at + 1]! - 1)));
      } catch {
        throw new DamagedEntity(id, this.part);
      }
      if (!this.whole(read) || (read as { id?: unknown }).id !== id) throw new DamagedEntity(id, this.part);
      value = read;
      this.parsed[at] = value;
    }
    return value;
  }

  *values(): IterableIterator<T> {
    for (const id of this.index.keys()) yield this.get(id)!;
  }
}

/** The cards' fields by entity id; `get` throws DamagedEntity for a damaged card. */
export interface Cards {
  get(id: string): EntityCardFields | undefined;
}

/**
 * Where each line of `text` starts, and one past where the last ends, when it has `count` lines;
 * null when it is not a text of as many lines (damaged).
 */
function linesFor(text: unknown, count: number): number[] | null {
  if (!isBytes(text) || count === 0) return null;
  const starts = [0];
  for (let at = text.indexOf(LINE_BREAK); at !== -1; at = text.indexOf(LINE_BREAK, at + 1)) {
    if (starts.length === count) return null;
    starts.push(at + 1);
  }
  if (starts.length !== count) return null;
  starts.push(text.length + 1);
  return starts;
}

/**
 * The entity set of stored outlines, whose matcher texts are still being read: its ids are there
 * at once (a stored matcher can be loaded against them), each entity once `attach` has taken texts
 * that fit the outlines (it returns false for texts that do not: damaged).
 */
export function pendingEntitySet(outlines: readonly EntityOutline[]): {
  entities: EntitySet;
  attach(text: unknown): boolean;
} {
  const byId = new ParsedOnDemand(
    outlines.map((o) => o.id),
    matchingIsWhole,
    'entity',
  );
  return { entities: { byId: byId satisfies EntityLookup, outlines }, attach: (text) => byId.attach(text) };
}

/**
 * The cards of the previous version's form, one list of JSON texts in UTF-8, or null when the texts
 * do not fit the outlines (damaged).
 */
export function listedCards(outlines: readonly EntityOutline[], text: unknown): Cards | null {
  const cards = new ParsedOnDemand(
    outlines.map((o) => o.id),
    cardIsWhole,
    'card',
  );
  return cards.attach(text) ? cards : null;
}

/** The cards of whole entities in memory (the bundle's, an import's). */
export function cardsOf(entities: readonly Entity[]): Cards {
  const byId = new Map(entities.map((entity) => [entity.id, splitEntity(entity)[1]]));
  return { get: (id) => byId.get(id) };
}

/**
 * The cards of records read back (by id; undefined: not there), each checked when first got: one
 * that is missing, not whole or another entity's throws DamagedEntity.
 */
export function recordedCards(records: ReadonlyMap<string, unknown>): Cards {
  return {
    get(id) {
      if (!records.has(id)) return undefined;
      const card = records.get(id);
      if (!cardIsWhole(card) || card.id !== id) throw new DamagedEntity(id, 'card');
      return card;
    },
  };
}

/**
 * The cards' fields of the entities `ids` (others may be there too), as the background asks for
 * them: from the database, each read the first time it is asked for. Null when the database holds
 * another dataset by then (a change replaced it meanwhile); rejects when the database cannot be
 * read. A card read back damaged throws DamagedEntity when it is got.
 */
export type CardsReader = (ids: readonly string[]) => Promise<Cards | null>;

/** A CardsReader of cards at hand. */
export function cardsAtHand(cards: Cards): CardsReader {
  const read = Promise.resolve(cards);
  return () => read;
}
