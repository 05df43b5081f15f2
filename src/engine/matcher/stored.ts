// The stored form of a compiled matcher: plain typed arrays the background keeps in IndexedDB, so a
// restarted worker loads the tries instead of compiling them.

import type { Entity } from '../../shared/types';
import { type Automaton, chainOf, firstWordFilter, HYPHEN, NO_CAPS, SPACE, type Variant } from './automaton';
import {
  type ClueTermData,
  CONTEXT_FLAG,
  CompiledMatcher,
  compiled,
  DOCUMENT,
  type Matcher,
  SHORT_FLAG,
} from './compile';

// ---- The stored form ---------------------------------------------------------------------------

/**
 * Bump when the trie layout, the variant encoding or anything compileMatcher derives from the
 * dataset changes (pattern generation, normalisation, Russian forms): a stored form of another
 * format is ignored and the matcher compiled again.
 */
export const MATCHER_FORMAT = 4;

/** A trie as typed arrays: the root's transitions as a sparse list, variants flattened. */
interface AutomatonData {
  rootCodes: Uint16Array;
  rootStates: Int32Array;
  childStart: Int32Array;
  childCode: Uint16Array;
  childState: Int32Array;
  terminal: Int32Array;
  /** Per output: variant count, then per variant guard, caps length, caps, tail length, tail, payload length, payload. */
  outputs: Int32Array;
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

function automatonData(auto: Automaton): AutomatonData {
  const rootCodes: number[] = [];
  const rootStates: number[] = [];
  for (let c = 0; c < 65536; c++) {
    if (auto.root[c] !== 0) {
      rootCodes.push(c);
      rootStates.push(auto.root[c]!);
    }
  }
  const outputs: number[] = [];
  // Loops, not push(...list): caps, tails and payloads grow with the dataset (a tail is as long as
  // its alias), and spreading a long one into arguments overflows the stack.
  const append = (list: ArrayLike<number>) => {
    for (let k = 0; k < list.length; k++) outputs.push(list[k]!);
  };
  for (const variants of auto.outputs) {
    outputs.push(variants.length);
    for (const v of variants) {
      outputs.push(v.guard ? 1 : 0, v.caps.length);
      append(v.caps);
      outputs.push(v.tail?.length ?? -1);
      if (v.tail) append(v.tail);
      outputs.push(v.payload.length);
      append(v.payload);
    }
  }
  return {
    rootCodes: Uint16Array.from(rootCodes),
    rootStates: Int32Array.from(rootStates),
    childStart: auto.childStart,
    childCode: auto.childCode,
    childState: auto.childState,
    terminal: auto.terminal,
    outputs: Int32Array.from(outputs),
  };
}

/** Thrown while reading a stored form that is not what automatonData wrote. */
class Damaged extends Error {}

function check(ok: boolean): void {
  if (!ok) throw new Damaged('damaged stored matcher');
}

/**
 * The trie of a stored form, checked as it is read: a record damaged in IndexedDB must be refused
 * (and the matcher compiled again), never scanned, where an index out of range would crash or loop.
 * `payloads` is one past the largest payload the trie may carry (entity or clue term indices).
 */
function automatonFrom(data: AutomatonData, payloads: (payload: number) => boolean): Automaton {
  check(typeof data === 'object' && data !== null);
  const { rootCodes, rootStates, childStart, childCode, childState, terminal, outputs: o } = data;
  check(
    rootCodes instanceof Uint16Array &&
      rootStates instanceof Int32Array &&
      childStart instanceof Int32Array &&
      childCode instanceof Uint16Array &&
      childState instanceof Int32Array &&
      terminal instanceof Int32Array &&
      o instanceof Int32Array,
  );
  const states = childStart.length - 1;
  check(states >= 1 && terminal.length === states && childCode.length === childState.length);
  check(rootCodes.length === rootStates.length && childStart[0] === 0);
  const edges = childStart[states]!;
  check(edges <= childCode.length);
  for (let s = 0; s < states; s++) check(childStart[s]! <= childStart[s + 1]!);
  // A child is always a later state: walks only go forward, so none can loop.
  for (let s = 0; s < states; s++) {
    for (let k = childStart[s]!; k < childStart[s + 1]!; k++) {
      const child = childState[k]!;
      check(child > s && child < states);
    }
  }
  const root = new Int32Array(65536);
  for (let k = 0; k < rootCodes.length; k++) {
    const state = rootStates[k]!;
    check(state > 0 && state < states);
    root[rootCodes[k]!] = state;
  }
  const outputs: Variant[][] = [];
  let at = 0;
  const next = () => {
    check(at < o.length);
    return o[at++]!;
  };
  const take = (count: number) => {
    check(count >= 0 && at + count <= o.length);
    const out: number[] = new Array(count);
    for (let k = 0; k < count; k++) out[k] = o[at++]!;
    return out;
  };
  while (at < o.length) {
    const count = next();
    check(count > 0 && count <= o.length - at);
    const variants: Variant[] = new Array(count);
    for (let v = 0; v < count; v++) {
      const guard = next() === 1;
      const capsLength = next();
      check(capsLength % 2 === 0);
      const caps = capsLength === 0 ? NO_CAPS : take(capsLength);
      for (const c of caps) check(c >= 0);
      const tailLength = next();
      check(tailLength >= -1 && at + tailLength <= o.length);
      const tail = tailLength < 0 ? null : Uint16Array.from(o.subarray(at, at + tailLength));
      if (tailLength > 0) at += tailLength;
      const payload = take(next());
      check(payload.length > 0);
      for (const p of payload) check(payloads(p));
      variants[v] = { caps, guard, tail, payload };
    }
    outputs.push(variants);
  }
  for (let s = 0; s < states; s++) check(terminal[s]! >= -1 && terminal[s]! < outputs.length);
  const firstWords = firstWordFilter(root, childStart, childCode, childState, terminal);
  const chain = chainOf(childStart, childCode, childState);
  const readsAlone = root[SPACE] === 0 && root[HYPHEN] === 0;
  return { root, childStart, childCode, childState, terminal, outputs, firstWords, chain, readsAlone };
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

/**
 * The matcher of a stored form, or null when it was made from another dataset version or in
 * another format, or does not fit `entities` (then compile it again). `entities` are the dataset's
 * entities (the stored form keeps only their ids).
 */
export function loadMatcher(
  stored: StoredMatcher | null | undefined,
  entities: Entity[],
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
  const byId = new Map<string, Entity>();
  for (const entity of entities) if (!byId.has(entity.id)) byId.set(entity.id, entity);
  const ids = stored.entityIds.length;
  if (byId.size !== ids || !stored.entityIds.every((id) => byId.has(id))) return null;
  if (!validClueInfo(stored.clueInfo, ids)) return null;
  const clueTerms = stored.clueInfo.length;
  try {
    return new CompiledMatcher(
      byId,
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
