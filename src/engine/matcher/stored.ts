// The stored form of a compiled matcher: plain typed arrays the background keeps in IndexedDB, so a
// restarted worker loads the tries instead of compiling them.

import type { Entity } from '../../shared/types';
import { type Automaton, chainOf, firstWordFilter, HYPHEN, NO_CAPS, SPACE, type Variant } from './automaton';
import { type ClueTermData, CompiledMatcher, compiled, type Matcher } from './compile';

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
  for (const variants of auto.outputs) {
    outputs.push(variants.length);
    for (const v of variants) {
      outputs.push(v.guard ? 1 : 0, v.caps.length, ...v.caps);
      outputs.push(v.tail?.length ?? -1, ...(v.tail ?? []));
      outputs.push(v.payload.length, ...v.payload);
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

function automatonFrom(data: AutomatonData): Automaton {
  const root = new Int32Array(65536);
  for (let k = 0; k < data.rootCodes.length; k++) root[data.rootCodes[k]!] = data.rootStates[k]!;
  const o = data.outputs;
  const outputs: Variant[][] = [];
  let at = 0;
  const take = (count: number) => {
    const out: number[] = new Array(count);
    for (let k = 0; k < count; k++) out[k] = o[at++]!;
    return out;
  };
  while (at < o.length) {
    const count = o[at++]!;
    const variants: Variant[] = new Array(count);
    for (let v = 0; v < count; v++) {
      const guard = o[at++] === 1;
      const capsLength = o[at++]!;
      const caps = capsLength === 0 ? NO_CAPS : take(capsLength);
      const tailLength = o[at++]!;
      const tail = tailLength < 0 ? null : Uint16Array.from(o.subarray(at, at + tailLength));
      if (tailLength > 0) at += tailLength;
      const payload = take(o[at++]!);
      variants[v] = { caps, guard, tail, payload };
    }
    outputs.push(variants);
  }
  const { childStart, childCode, childState, terminal } = data;
  const firstWords = firstWordFilter(root, childStart, childCode, childState, terminal);
  const chain = chainOf(childStart, childCode, childState);
  const readsAlone = root[SPACE] === 0 && root[HYPHEN] === 0;
  return { root, childStart, childCode, childState, terminal, outputs, firstWords, chain, readsAlone };
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
  if (byId.size !== stored.entityIds.length || !stored.entityIds.every((id) => byId.has(id))) return null;
  try {
    return new CompiledMatcher(
      byId,
      stored.entityIds,
      automatonFrom(stored.aliases),
      automatonFrom(stored.clues),
      stored.clueInfo,
    );
  } catch {
    return null; // damaged: compile instead
  }
}
