// The stored form of a compiled matcher: plain typed arrays the background keeps in IndexedDB, so a
// restarted worker loads the tries instead of compiling them.

import type { MatchingEntity } from '../../shared/types';
import { codesToString } from '../normalize';
import {
  type Automaton,
  arraysOf,
  NO_CAPS,
  Outputs,
  type TrieArrays,
  trieFromArrays,
  type Variant,
} from './automaton';
import {
  type ClueTermData,
  CONTEXT_FLAG,
  CompiledMatcher,
  compiled,
  DOCUMENT,
  type EntitySet,
  entitySet,
  type Matcher,
  SHORT_FLAG,
} from './compile';

// ---- The stored form ---------------------------------------------------------------------------

/**
 * Bump when the trie layout, the variant encoding or anything compileMatcher derives from the
 * dataset changes (pattern generation, normalisation, Russian forms): a stored form of another
 * format is ignored and the matcher compiled again.
 */
export const MATCHER_FORMAT = 8;

/** A trie as typed arrays (see TrieArrays) and its outputs flattened. */
interface AutomatonData extends TrieArrays {
  /**
   * Per output: variant count, then per variant its head (see VariantHead), caps, tail start (-1
   * for none) and payload.
   */
  outputs: Int32Array;
  /**
   * The tails' code units, each distinct tail once: the case forms of a long Russian name share
   * their rest, and code units take half the bytes here that they would in `outputs`.
   */
  tails: Uint16Array;
}

/**
 * A compiled matcher as plain data (typed arrays, strings, numbers): what the background keeps in
 * IndexedDB (store `compiled`, see background/database.ts) so that a restarted worker loads it
 * instead of compiling. Valid only for the dataset version it was made from, and this format.
 */
export interface StoredMatcher {
  format: number;
  datasetVersion: string;
  entityIds: string[];
  /** The clue terms (format 2: one per term, with its entities as indices into entityIds). */
  clueInfo: ClueTermData[];
  aliases: AutomatonData;
  clues: AutomatonData;
}

/**
 * A variant's guard and the lengths of its caps, tail and payload, packed into one non-negative
 * number: four of every five numbers a variant had before were these, and a restarted worker reads
 * every one of them from disk. Lengths too long for their bits (a dataset's names never are) are
 * written after a negative head instead: -1, or -2 with the guard, then the three lengths.
 */
const HEAD = {
  capsShift: 1,
  tailShift: 9,
  payloadShift: 23,
  capsMax: 0xff,
  tailMax: 0x3fff,
  payloadMax: 0xff,
};

interface VariantHead {
  guard: boolean;
  caps: number;
  tail: number;
  payload: number;
}

/** A head read back, and where what follows it starts. */
interface ReadHead extends VariantHead {
  next: number;
}

function writeHead(to: number[], { guard, caps, tail, payload }: VariantHead): void {
  if (caps <= HEAD.capsMax && tail <= HEAD.tailMax && payload <= HEAD.payloadMax)
    to.push(
      (guard ? 1 : 0) | (caps << HEAD.capsShift) | (tail << HEAD.tailShift) | (payload << HEAD.payloadShift),
    );
  else to.push(guard ? -2 : -1, caps, tail, payload);
}

/**
 * Reads the head at o[at] (see writeHead) into `into`, which the caller reuses: the check of a
 * stored form reads one head per variant and allocates nothing for it. False when it is cut short.
 */
function readHead(o: Int32Array, at: number, into: ReadHead): boolean {
  const head = o[at]!;
  if (head >= 0) {
    into.guard = (head & 1) === 1;
    into.caps = (head >>> HEAD.capsShift) & HEAD.capsMax;
    into.tail = (head >>> HEAD.tailShift) & HEAD.tailMax;
    into.payload = head >>> HEAD.payloadShift;
    into.next = at + 1;
    return true;
  }
  if (at + 3 >= o.length || (head !== -1 && head !== -2)) return false;
  into.guard = head === -2;
  into.caps = o[at + 1]!;
  into.tail = o[at + 2]!;
  into.payload = o[at + 3]!;
  into.next = at + 4;
  return true;
}

const newHead = (): ReadHead => ({ guard: false, caps: 0, tail: 0, payload: 0, next: 0 });

function automatonData(auto: Automaton): AutomatonData {
  const outputs: number[] = [];
  const tails: number[] = [];
  const tailStarts = new Map<string, number>();
  // Loops, not push(...list): caps, tails and payloads grow with the dataset (a tail is as long as
  // its alias), and spreading a long one into arguments overflows the stack.
  const append = (to: number[], list: ArrayLike<number>) => {
    for (let k = 0; k < list.length; k++) to.push(list[k]!);
  };
  const tailStart = (tail: Uint16Array) => {
    const key = codesToString(tail, tail.length);
    let start = tailStarts.get(key);
    if (start === undefined) {
      start = tails.length;
      tailStarts.set(key, start);
      append(tails, tail);
    }
    return start;
  };
  for (let index = 0; index < auto.outputs.length; index++) {
    const variants = auto.outputs.at(index);
    outputs.push(variants.length);
    for (const v of variants) {
      writeHead(outputs, {
        guard: v.guard,
        caps: v.caps.length,
        tail: v.tail?.length ?? 0,
        payload: v.payload.length,
      });
      append(outputs, v.caps);
      outputs.push(v.tail ? tailStart(v.tail) : -1);
      append(outputs, v.payload);
    }
  }
  return { ...arraysOf(auto), outputs: Int32Array.from(outputs), tails: Uint16Array.from(tails) };
}

/** Thrown while reading a stored form that is not what automatonData wrote. */
class Damaged extends Error {}

function check(ok: boolean): void {
  if (!ok) throw new Damaged('damaged stored matcher');
}

/**
 * Where each output starts in the flattened outputs, checked in one pass that allocates nothing
 * per output: counts and lengths in range, caps in pairs, payloads that name something
 * (`payloads`). The variants themselves are decoded when a scan first reaches them.
 */
function outputStarts(o: Int32Array, tails: number, payloads: (payload: number) => boolean): Int32Array {
  const starts: number[] = [];
  const head = newHead();
  let at = 0;
  while (at < o.length) {
    starts.push(at);
    const count = o[at++]!;
    check(count > 0 && count <= o.length - at);
    for (let v = 0; v < count; v++) {
      check(readHead(o, at, head));
      const { caps, tail, payload, next } = head;
      at = next;
      check(caps >= 0 && caps % 2 === 0 && at + caps < o.length);
      for (let k = at; k < at + caps; k++) check(o[k]! >= 0);
      at += caps;
      // A tail's code units are only compared with the text's: any value is harmless, unread here.
      const tailStart = o[at++]!;
      check(tailStart === -1 ? tail === 0 : tailStart >= 0 && tail >= 0 && tailStart + tail <= tails);
      check(payload > 0 && at + payload <= o.length);
      for (let k = at; k < at + payload; k++) check(payloads(o[k]!));
      at += payload;
    }
  }
  starts.push(at);
  return Int32Array.from(starts);
}

/** The variants of output `index`, from a flattened outputs array outputStarts has checked. */
function decodeOutput(o: Int32Array, tails: Uint16Array, starts: Int32Array, index: number): Variant[] {
  let at = starts[index]!;
  const count = o[at++]!;
  const variants: Variant[] = new Array(count);
  const head = newHead();
  for (let v = 0; v < count; v++) {
    readHead(o, at, head);
    const { guard, caps: capsLength, tail: tailLength, payload: payloadLength, next } = head;
    at = next;
    const caps = capsLength === 0 ? NO_CAPS : Array.from(o.subarray(at, at + capsLength));
    at += capsLength;
    const tailStart = o[at++]!;
    const tail = tailStart < 0 ? null : tails.subarray(tailStart, tailStart + tailLength);
    const payload = Array.from(o.subarray(at, at + payloadLength));
    at += payloadLength;
    variants[v] = { caps, guard, tail, payload };
  }
  return variants;
}

/**
 * The trie of a stored form, checked as it is read: a record damaged in IndexedDB must be refused
 * (and the matcher compiled again), never scanned, where an index out of range would crash or loop.
 * `payloads` tells the payloads the trie may carry (entity or clue term indices).
 */
function automatonFrom(data: AutomatonData, payloads: (payload: number) => boolean): Automaton {
  check(typeof data === 'object' && data !== null);
  const { childCount, childCode, laterChildren, ends, firstWords, outputs: o, tails } = data;
  check(
    childCount instanceof Uint16Array &&
      childCode instanceof Uint16Array &&
      laterChildren instanceof Int32Array &&
      ends instanceof Int32Array &&
      firstWords instanceof Uint8Array &&
      o instanceof Int32Array &&
      tails instanceof Uint16Array,
  );
  const starts = outputStarts(o, tails.length, payloads);
  const outputs = new Outputs(starts.length - 1, (index) => decodeOutput(o, tails, starts, index));
  return trieFromArrays({ childCount, childCode, laterChildren, ends, firstWords }, outputs);
}

const CLUE_KINDS: ReadonlySet<unknown> = new Set(['place', 'cue', 'participant', 'context']);

function validClueInfo(clueInfo: unknown[], entityCount: number): boolean {
  return clueInfo.every((term) => {
    if (typeof term !== 'object' || term === null) return false;
    const { kind, lang, term: text, entities } = term as Record<string, unknown>;
    return (
      CLUE_KINDS.has(kind) &&
      (lang === 'en' || lang === 'ru') &&
      typeof text === 'string' &&
      Array.isArray(entities) &&
      entities.every((e) => Number.isInteger(e) && e >= 0 && e < entityCount)
    );
  });
}

/** The stored form of a matcher compiled from the dataset `datasetVersion`. */
export function serializeMatcher(matcher: Matcher, datasetVersion: string): StoredMatcher {
  const m = compiled(matcher);
  return {
    format: MATCHER_FORMAT,
    datasetVersion,
    entityIds: m.entityIds,
    clueInfo: m.clueInfo,
    aliases: automatonData(m.aliases),
    clues: automatonData(m.clues),
  };
}

const isEntitySet = (entities: readonly MatchingEntity[] | EntitySet): entities is EntitySet =>
  !Array.isArray(entities);

/**
 * The matcher of a stored form, or null when it was made from another dataset version or in
 * another format, or does not fit `entities` (then compile it again). `entities` are the dataset's
 * entities (the stored form keeps only their ids): a list, or a set whose entities are read when
 * first asked for (only their ids are looked at here).
 */
export function loadMatcher(
  stored: StoredMatcher | null | undefined,
  entities: readonly MatchingEntity[] | EntitySet,
  datasetVersion: string,
): Matcher | null {
  if (
    stored === null ||
    typeof stored !== 'object' ||
    stored.format !== MATCHER_FORMAT ||
    stored.datasetVersion !== datasetVersion ||
    !Array.isArray(stored.entityIds) ||
    !Array.isArray(stored.clueInfo)
  )
    return null;
  const { byId, outlines } = isEntitySet(entities) ? entities : entitySet(entities);
  const ids = stored.entityIds.length;
  if (byId.size !== ids || !stored.entityIds.every((id) => byId.has(id))) return null;
  if (!validClueInfo(stored.clueInfo, ids)) return null;
  const clueTerms = stored.clueInfo.length;
  try {
    return new CompiledMatcher(
      byId,
      outlines,
      stored.entityIds,
      automatonFrom(
        stored.aliases,
        (p) => p === DOCUMENT || (p >= 0 && (p & ~(CONTEXT_FLAG | SHORT_FLAG)) < ids),
      ),
      automatonFrom(stored.clues, (p) => p >= 0 && p < clueTerms),
      stored.clueInfo,
    );
  } catch {
    return null; // damaged: compile instead
  }
}
