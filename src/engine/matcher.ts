// Finds every alias of every entity in an article in one pass over its normalised text.
//
// Every match must start at a word start, so instead of Aho–Corasick failure links the scanner walks
// a trie from each word start as far as the text follows it and keeps the longest alias that ends at
// a word boundary and passes the acronym-case check: this yields leftmost-longest, non-overlapping
// matches in O(text × longest alias) worst case and close to O(text) in practice: a hash of each
// word, taken as the scan passes over it, tells whether any key starts with that word (most words
// start none and cost no walk). Transitions live in typed arrays: a dense table for the root,
// sorted child lists for the rest, and a chain array for runs of only children.
//
// Compiling (Russian case forms, normalisation, sorting, the trie) is the expensive part; its
// result has a stored form (serializeMatcher/loadMatcher) that the background keeps in IndexedDB,
// so a restarted worker loads the trie instead of compiling it. `npm run bench` measures both.

import type { Entity, Lang } from '../shared/types';
import {
  ALONE,
  ALONE_HARD,
  ALONE_SPACE,
  ALONE_TABLE_SIZE,
  aloneHigh,
  codesToString,
  createNormBuffer,
  joinedSpellings,
  type NormBuffer,
  normalizeInto,
} from './normalize';
import { russianForms } from './russian';

export interface AliasHit {
  /** Offsets into the original text. */
  start: number;
  end: number;
  /** More than one when an alias is shared. */
  entityIds: string[];
  /**
   * Entities whose context alias (Entity.contextAliases) matched here: they are named only if their
   * context confirms it (see annotate). Empty for most hits.
   */
  contextIds: string[];
}

/** An event's place, cue word or participant, or a word that confirms a context alias. */
export type ClueKind = 'place' | 'cue' | 'participant' | 'context';

/**
 * A clue term: one word of the dataset's event clues or context words (Entity.event,
 * Entity.context) in one language and role, with every entity that lists it. A cue word such as
 * "summit" belongs to dozens of events: the matcher keeps it once, and one occurrence in a text is
 * one ClueHit that shares the term's entity list.
 */
export interface ClueTerm {
  kind: ClueKind;
  lang: Lang;
  /** The clue as the dataset writes it (tells two participants apart whatever their case form). */
  term: string;
  /** Every entity that lists the term, in dataset order. Shared: do not modify. */
  entityIds: readonly string[];
}

/** An occurrence of a clue term: an event's place, cue word or participant, or a context word. */
export interface ClueHit {
  start: number;
  end: number;
  kind: ClueKind;
  lang: Lang;
  term: string;
  /** The term's entities (ClueTerm.entityIds, shared by every hit of the term: do not modify). */
  entityIds: readonly string[];
}

export interface Matcher {
  readonly entities: ReadonlyMap<string, Entity>;
}

// ---- Character tables --------------------------------------------------------------------------

/** 1 for letters, digits and combining marks: what a match may not start or end inside of. */
const WORD = new Uint8Array(65536);
function markWord(from: number, to: number): void {
  WORD.fill(1, from, to + 1);
}
markWord(0x30, 0x39);
markWord(0x41, 0x5a);
markWord(0x61, 0x7a);
WORD[0xaa] = WORD[0xb5] = WORD[0xba] = 1;
markWord(0xc0, 0x2af);
WORD[0xd7] = WORD[0xf7] = 0;
markWord(0x300, 0x52f); // combining marks, Greek, Cyrillic
WORD[0x37e] = WORD[0x387] = WORD[0x482] = 0;
markWord(0x530, 0x1fff); // other alphabetic scripts and Latin/Greek extended
markWord(0x2c00, 0x2dff);
markWord(0x3040, 0x9fff);
markWord(0xac00, 0xd7af);
markWord(0xf900, 0xfaff);
markWord(0xff10, 0xff19);
markWord(0xff21, 0xff3a);
markWord(0xff41, 0xff5a);

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLetter = (c: number) => WORD[c] === 1 && !isDigit(c);

function isUpper(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  if (c >= 0x400 && c <= 0x42f) return true;
  if (c >= 0x430 && c <= 0x45f) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

const SPACE = 0x20;
const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const LOWER_S = 0x73;

// ---- The trie ----------------------------------------------------------------------------------

/** One way of writing a pattern: which of its characters must be capitals, and whom it names. */
interface Variant {
  /** Pairs [from, to) of positions, relative to the match, that must be upper case in the original. */
  caps: number[];
  /** The pattern ends in an acronym: refuse it when a designation follows ("START II", "START-1"). */
  guard: boolean;
  /**
   * What must follow the trie key in the text. Only the first KEY_LENGTH characters of a pattern go
   * into the trie: long Russian names differ in their first words and share a long rest, which would
   * otherwise be copied into the trie once per case form.
   */
  tail: Uint16Array | null;
  payload: number[];
}

const KEY_LENGTH = 32;

/**
 * A trie over normalised UTF-16 code units, built from sorted keys (each key only appends the
 * states it does not share with the previous one: no lookups while building). Children of a state
 * are contiguous and sorted by code unit; the root has a dense table.
 */
interface Automaton {
  /** root[code] = child state of the root, 0 when none. */
  root: Int32Array;
  childStart: Int32Array;
  childCode: Uint16Array;
  childState: Int32Array;
  /** Index into `outputs` for states that end a pattern, else -1. */
  terminal: Int32Array;
  outputs: Variant[][];
  /** See firstWordFilter. */
  firstWords: Uint8Array;
  /**
   * chain[s] = the code unit to the only child of s when that child is s + 1, else -1. Keys are
   * added in sorted order, so the states of a key's unshared rest are consecutive: a walk along
   * such a chain reads this one array, in order.
   */
  chain: Int32Array;
  /**
   * No key starts with a space or a hyphen: what whitespace and dashes normalise to depends on
   * their neighbours, and scanOriginal starts walks only where the text tells the code at once.
   */
  readsAlone: boolean;
}

function chainOf(childStart: Int32Array, childCode: Uint16Array, childState: Int32Array): Int32Array {
  const states = childStart.length - 1;
  const chain = new Int32Array(states).fill(-1);
  for (let s = 0; s < states; s++) {
    const k = childStart[s]!;
    if (childStart[s + 1]! - k === 1 && childState[k] === s + 1) chain[s] = childCode[k]!;
  }
  return chain;
}

/** Hash of a word's code units, as the scan computes it while it passes over the word. */
const wordHash = (h: number, c: number) => (Math.imul(h, 31) + c) | 0;
const FIRST_WORDS_MASK = 0xffff;

/**
 * firstWords[hash & FIRST_WORDS_MASK] = 1 for the first word of every key (the letters and digits
 * before its first other character): a match starts at a word start, and that word of the text
 * must be exactly the key's first word, so a word not in this filter starts no match and needs no
 * walk through the trie. Most words of an article are not the first word of any alias. Derived
 * from the trie, so the stored form does not carry it. Keys cut at KEY_LENGTH inside their first
 * word are not in it: the scan walks from every word that long.
 */
function firstWordFilter(
  root: Int32Array,
  childStart: Int32Array,
  childCode: Uint16Array,
  childState: Int32Array,
  terminal: Int32Array,
): Uint8Array {
  const filter = new Uint8Array(FIRST_WORDS_MASK + 1);
  const states: number[] = [];
  const hashes: number[] = [];
  for (let c = 0; c < 65536; c++) {
    if (root[c] !== 0 && WORD[c] === 1) {
      states.push(root[c]!);
      hashes.push(wordHash(0, c));
    }
  }
  while (states.length > 0) {
    const s = states.pop()!;
    const h = hashes.pop()!;
    let wordEnds = terminal[s]! >= 0;
    for (let k = childStart[s]!; k < childStart[s + 1]!; k++) {
      const c = childCode[k]!;
      if (WORD[c] === 1) {
        states.push(childState[k]!);
        hashes.push(wordHash(h, c));
      } else wordEnds = true;
    }
    if (wordEnds) filter[h & FIRST_WORDS_MASK] = 1;
  }
  return filter;
}

/** Collects patterns (keyed by their normalised form) before building the trie. */
class PatternSet {
  readonly byKey = new Map<string, Variant[]>();
  /** Patterns added but not yet normalised (see addPending). */
  pending: { text: string; payload: number; capitalInitial: boolean }[] = [];

  add(key: string, tail: Uint16Array | null, caps: number[], guard: boolean, payload: number): void {
    let variants = this.byKey.get(key);
    if (variants === undefined) {
      variants = [];
      this.byKey.set(key, variants);
    }
    let variant: Variant | undefined;
    for (const v of variants) {
      if (v.guard === guard && sameNumbers(v.caps, caps) && sameNumbers(v.tail ?? NO_TAIL, tail ?? NO_TAIL))
        variant = v;
    }
    if (variant === undefined) {
      variant = { caps, guard, tail, payload: [] };
      variants.push(variant);
    }
    if (!variant.payload.includes(payload)) variant.payload.push(payload);
  }

  build(): Automaton {
    addPending(this);
    const keys = [...this.byKey.keys()].sort(); // code-unit order: a key's children come in order
    // First pass: how much of each key is shared with the previous one, hence how many states.
    const shared = new Int32Array(keys.length);
    let states = 1;
    let longest = 0;
    let prev = '';
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const limit = Math.min(prev.length, key.length);
      let lcp = 0;
      while (lcp < limit && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
      shared[k] = lcp;
      states += key.length - lcp;
      if (key.length > longest) longest = key.length;
      prev = key;
    }
    const parent = new Int32Array(states);
    const code = new Uint16Array(states);
    const terminal = new Int32Array(states).fill(-1);
    const outputs: Variant[][] = [];
    const path = new Int32Array(longest + 1); // path[i] = state after the first i chars of the previous key
    states = 1;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      let state = path[shared[k]!]!;
      for (let i = shared[k]!; i < key.length; i++) {
        parent[states] = state;
        code[states] = key.charCodeAt(i);
        state = states++;
        path[i + 1] = state;
      }
      terminal[state] = outputs.length;
      outputs.push(this.byKey.get(key)!);
    }
    // Children of each state, contiguous (counting sort by parent keeps creation order = code order).
    const childStart = new Int32Array(states + 1);
    for (let s = 1; s < states; s++) childStart[parent[s]! + 1]!++;
    for (let s = 0; s < states; s++) childStart[s + 1]! += childStart[s]!;
    const fill = childStart.slice(0, states);
    const childCode = new Uint16Array(Math.max(states - 1, 1));
    const childState = new Int32Array(Math.max(states - 1, 1));
    const root = new Int32Array(65536);
    for (let s = 1; s < states; s++) {
      const at = fill[parent[s]!]!++;
      childCode[at] = code[s]!;
      childState[at] = s;
      if (parent[s] === 0) root[code[s]!] = s;
    }
    const firstWords = firstWordFilter(root, childStart, childCode, childState, terminal);
    const chain = chainOf(childStart, childCode, childState);
    const readsAlone = root[SPACE] === 0 && root[HYPHEN] === 0;
    return { root, childStart, childCode, childState, terminal, outputs, firstWords, chain, readsAlone };
  }
}

const NO_TAIL = new Uint16Array(0);

function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The child of `state` for code unit `c`, or -1. */
function step(auto: Automaton, state: number, c: number): number {
  const { childStart, childCode } = auto;
  let lo = childStart[state]!;
  let hi = childStart[state + 1]!;
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (childCode[mid]! < c) lo = mid + 1;
    else hi = mid + 1; // keep mid: it may be the match
  }
  for (; lo < hi; lo++) {
    const k = childCode[lo]!;
    if (k === c) return auto.childState[lo]!;
    if (k > c) return -1;
  }
  return -1;
}

// ---- The compiled matcher ---------------------------------------------------------------------

/** A clue term as the matcher keeps it: its entities as indices into the matcher's entity ids. */
interface ClueTermData {
  kind: ClueKind;
  lang: Lang;
  term: string;
  entities: number[];
}

class CompiledMatcher implements Matcher {
  constructor(
    readonly entities: ReadonlyMap<string, Entity>,
    readonly entityIds: string[],
    readonly aliases: Automaton,
    readonly clues: Automaton,
    /** The clue terms; the payload of a clue pattern is an index into this table. */
    readonly clueInfo: ClueTermData[],
  ) {
    this.clueTerms = clueInfo.map(({ kind, lang, term, entities }) => ({
      kind,
      lang,
      term,
      entityIds: entities.map((e) => {
        const id = entityIds[e];
        if (id === undefined) throw new RangeError('clue term of an unknown entity');
        return id;
      }),
    }));
  }

  /** The clue terms with their entity ids (what ClueHit shares). */
  readonly clueTerms: ClueTerm[];
}

function compiled(matcher: Matcher): CompiledMatcher {
  if (!(matcher instanceof CompiledMatcher)) throw new TypeError('not a matcher from compileMatcher');
  return matcher;
}

/** Scratch space for normalising patterns. */
const scratch: NormBuffer = createNormBuffer(256);
const NO_CAPS: number[] = [];

/** Two capital letters in a row somewhere: the pattern may hold an acronym. */
function hasCapitalPair(text: string): boolean {
  let previous = false;
  for (let i = 0; i < text.length; i++) {
    const upper = isUpper(text.charCodeAt(i));
    if (upper && previous) return true;
    previous = upper;
  }
  return false;
}

/** A Russian name that starts with a capitalised word ("Союзное государство", not "НАТО"). */
const CAPITALISED_RU = /^[А-ЯЁ][а-яё]/;

/**
 * Adds one pattern. With `capitalInitial`, a pattern whose first word is capitalised must start
 * with a capital in the article too: Russian capitalises proper names only, so "союзное
 * государство" (any allied state) is not "Союзное государство". At a sentence start a capital
 * proves nothing either way; the name is taken.
 */
function addPattern(set: PatternSet, pattern: string, payload: number, capitalInitial = false): void {
  const text = pattern.trim();
  if (text === '') return;
  set.pending.push({ text, payload, capitalInitial });
}

/**
 * Normalises every pending pattern of a set in one call over the patterns joined by SEPARATOR (a
 * character that folds to itself and ends every rule's context), then adds them. One call instead
 * of one per pattern makes compiling cheaper, and keeps the normaliser's type feedback on long
 * two-byte strings, like article text: normalising thousands of short one-byte and two-byte
 * strings first made it twice as slow on articles.
 */
function addPending(set: PatternSet): void {
  const pending = set.pending;
  set.pending = [];
  const joinable: typeof pending = [];
  const alone: typeof pending = [];
  for (const p of pending) {
    const ok = !p.text.includes(SEPARATOR) && !isMark(p.text.charCodeAt(0));
    (ok ? joinable : alone).push(p);
  }
  const joined = createNormBuffer(4096);
  for (let a = 0; a < joinable.length; a += CHUNK) {
    const chunk = joinable.slice(a, a + CHUNK);
    normalizeInto(chunk.map((p) => p.text).join(SEPARATOR), true, joined);
    let from = 0;
    let offset = 0;
    for (const { text, payload, capitalInitial } of chunk) {
      // Builtins rather than loops over every character: a cold worker runs loops interpreted.
      let to = joined.codes.indexOf(SEPARATOR_CODE, from);
      if (to < 0 || to > joined.length) to = joined.length;
      const codes = joined.codes.subarray(from, to);
      addNormalized(set, text, payload, capitalInitial, codes, joined.map, from, offset);
      from = to + 1;
      offset += text.length + 1;
    }
  }
  for (const { text, payload, capitalInitial } of alone) {
    normalizeInto(text, true, scratch);
    const codes = scratch.codes.subarray(0, scratch.length);
    addNormalized(set, text, payload, capitalInitial, codes, scratch.map, 0, 0);
  }
}

/** Joins patterns for addPending: folds to itself, is no word, space, dash or mark. */
const SEPARATOR = '\u0000';
const SEPARATOR_CODE = 0;
/** Patterns per call: few enough calls that the normaliser is optimised early in a cold worker. */
const CHUNK = 64;
/** The combining marks of normalizeInto: one at a pattern's start would join the separator. */
const isMark = (c: number) =>
  (c >= 0x300 && c < 0x370) ||
  (c >= 0x1ab0 && c < 0x1b00) ||
  (c >= 0x1dc0 && c < 0x1e00) ||
  (c >= 0x20d0 && c < 0x2100) ||
  (c >= 0xfe20 && c < 0xfe30);

function addNormalized(
  set: PatternSet,
  text: string,
  payload: number,
  capitalInitial: boolean,
  /** The pattern's normalised code units. */
  codes: Uint16Array,
  /** map[mapFrom + k] - mapOffset = offset in `text` of codes[k]. */
  map: Uint32Array,
  mapFrom: number,
  mapOffset: number,
): void {
  const length = codes.length;
  if (length === 0) return;
  const keyLength = Math.min(length, KEY_LENGTH);
  const key = codesToString(codes, keyLength);
  const tail = length > keyLength ? codes.slice(keyLength, length) : null;
  const initial = capitalInitial && CAPITALISED_RU.test(text);
  if (!hasCapitalPair(text)) {
    set.add(key, tail, initial ? [0, 1] : NO_CAPS, false, payload);
    return;
  }
  // Tokens written in capitals (2+ letters) must be capitals in the article too: mark the
  // normalised positions that come from such tokens.
  const caps: number[] = initial ? [0, 1] : [];
  let guard = false;
  let k = 0;
  for (let i = 0; i < text.length; ) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let upper = true;
    while (j < text.length && isLetter(text.charCodeAt(j))) {
      if (upper && !isUpper(text.charCodeAt(j))) upper = false;
      j++;
    }
    if (upper && j - i >= 2) {
      while (k < length && map[mapFrom + k]! - mapOffset < i) k++;
      const from = k;
      while (k < length && map[mapFrom + k]! - mapOffset < j) k++;
      if (k > from) caps.push(from, k);
    }
    guard = upper && j - i >= 2 && j === text.length;
    i = j;
  }
  set.add(key, tail, caps.length > 0 ? caps : NO_CAPS, guard, payload);
}

/** English plural of a cue word: "meeting" → "meetings", "talks" stays. */
function englishPlural(word: string): string[] {
  if (/s$/i.test(word)) return [word];
  return [word, /(x|ch|sh)$/i.test(word) ? `${word}es` : `${word}s`];
}

/** Marks the payload of a context alias (the entity index is in the low bits). */
const CONTEXT_FLAG = 1 << 24;

/** Compiles the dataset's aliases (and its events' clue words) into a matcher. */
export function compileMatcher(entities: Entity[]): Matcher {
  const aliasSet = new PatternSet();
  const clueSet = new PatternSet();
  const clueInfo: ClueTermData[] = [];
  /** Term index by kind, language and term. */
  const termIndex = new Map<string, number>();
  const byId = new Map<string, Entity>();
  const ids: string[] = [];
  const asIs = (w: string) => [w];
  for (const entity of entities) {
    if (byId.has(entity.id)) continue;
    const index = ids.length;
    byId.set(entity.id, entity);
    ids.push(entity.id);
    // Context aliases carry CONTEXT_FLAG in their payload; their context words are clues.
    for (const [names, payload] of [
      [entity.aliases, index],
      [entity.contextAliases, index | CONTEXT_FLAG],
    ] as const) {
      if (names === undefined) continue;
      for (const alias of names.en) for (const v of joinedSpellings(alias)) addPattern(aliasSet, v, payload);
      for (const alias of names.ru) {
        for (const form of russianForms(alias, false)) addPattern(aliasSet, form, payload, true);
      }
    }
    const addClues = (
      kind: ClueKind,
      lang: Lang,
      words: string[] | undefined,
      forms: (w: string) => string[],
    ) => {
      if (words === undefined) return;
      for (const word of words) {
        // Its forms depend only on the kind and language: a term's patterns are added once.
        const key = `${kind}\u0000${lang}\u0000${word}`;
        let payload = termIndex.get(key);
        if (payload === undefined) {
          payload = clueInfo.length;
          termIndex.set(key, payload);
          clueInfo.push({ kind, lang, term: word, entities: [] });
          for (const form of forms(word)) addPattern(clueSet, form, payload);
        }
        const term = clueInfo[payload]!;
        if (term.entities[term.entities.length - 1] !== index) term.entities.push(index);
      }
    };
    if (entity.contextAliases !== undefined) {
      addClues('context', 'en', entity.context?.en, asIs);
      addClues('context', 'ru', entity.context?.ru, russianForms);
    }
    const clues = entity.type === 'event' ? entity.event : undefined;
    if (clues === undefined) continue;
    addClues('place', 'en', clues.places.en, asIs);
    addClues('place', 'ru', clues.places.ru, asIs);
    addClues('cue', 'en', clues.cues.en, englishPlural);
    addClues('cue', 'ru', clues.cues.ru, russianForms);
    addClues('participant', 'en', clues.participants?.en, asIs);
    addClues('participant', 'ru', clues.participants?.ru, russianForms);
  }
  return new CompiledMatcher(byId, ids, aliasSet.build(), clueSet.build(), clueInfo);
}

// ---- The stored form ---------------------------------------------------------------------------

/**
 * Bump when the trie layout, the variant encoding or anything compileMatcher derives from the
 * dataset changes (pattern generation, normalisation, Russian forms): a stored form of another
 * format is ignored and the matcher compiled again.
 */
export const MATCHER_FORMAT = 2;

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

// ---- Scanning ----------------------------------------------------------------------------------

interface Prepared {
  original: string;
  codes: Uint16Array;
  map: Uint32Array;
  length: number;
}

/**
 * The normalised text of the scan in progress. Reused across calls (a scan is synchronous and its
 * hits keep only numbers): allocating and zeroing 6 bytes per character each time cost more than a
 * tenth of the scan. Texts over REUSE_LIMIT characters get a buffer of their own, so that one huge
 * text does not stay in memory.
 */
const textBuffer: NormBuffer = createNormBuffer(4096);
const REUSE_LIMIT = 1 << 20;

function prepare(text: string): Prepared {
  const buf = text.length <= REUSE_LIMIT ? textBuffer : createNormBuffer(text.length + 8);
  normalizeInto(text, true, buf);
  return { original: text, codes: buf.codes, map: buf.map, length: buf.length };
}

/** Is a designation ("-1", " II") attached after position j? Then an acronym there is only its prefix. */
function designationFollows(p: Prepared, j: number): boolean {
  const { codes, length, original, map } = p;
  if (j >= length) {
    overrun = true;
    return false;
  }
  const c = codes[j]!;
  if (c === HYPHEN) {
    if (j + 1 >= length) {
      overrun = true;
      return false;
    }
    return isDigit(codes[j + 1]!) || isRoman(p, j + 1);
  }
  if (c === SPACE) return isRoman(p, j + 1) && isUpper(original.charCodeAt(map[j + 1]!));
  return false;
}

function isRoman(p: Prepared, from: number): boolean {
  let k = from;
  while (k < p.length && k - from < 4) {
    const c = p.codes[k]!;
    if (c !== 0x69 && c !== 0x76 && c !== 0x78) break; // i v x
    k++;
  }
  if (k >= p.length) overrun = true;
  return k > from && (k >= p.length || WORD[p.codes[k]!] === 0);
}

function capsHold(p: Prepared, start: number, caps: number[]): boolean {
  for (let t = 0; t < caps.length; t += 2) {
    for (let k = start + caps[t]!; k < start + caps[t + 1]!; k++) {
      if (!isUpper(p.original.charCodeAt(p.map[k]!))) return false;
    }
  }
  return true;
}

/** Original offset just past normalised char k (past any combining marks or low surrogate). */
function originalEnd(p: Prepared, k: number): number {
  return pastMarks(p.original, p.map[k]! + 1);
}

/** What a scan calls for each match: its offsets in the original text, and whom it names. */
type Emit = (start: number, end: number, payload: number[]) => void;

/** Calls `emit` for each leftmost-longest match of the normalised text. */
function scan(p: Prepared, auto: Automaton, emit: Emit): void {
  const { codes, length: n } = p;
  const { root, firstWords } = auto;
  let i = 0;
  while (i < n) {
    const c = codes[i]!;
    if (WORD[c] === 1) {
      if (i > 0 && WORD[codes[i - 1]!] === 1) {
        // Inside a word, where no match starts: skip to its end.
        i++;
        while (i < n && WORD[codes[i]!] === 1) i++;
        continue;
      }
      // A word start: pass over the word (most of the text goes by here) and walk the trie from
      // its start only if some key starts with this word.
      let e = i + 1;
      let h = wordHash(0, c);
      while (e < n && WORD[codes[e]!] === 1) h = wordHash(h, codes[e++]!);
      if (e - i < KEY_LENGTH && firstWords[h & FIRST_WORDS_MASK] === 0) {
        i = e;
        continue;
      }
    }
    if (root[c] === 0) {
      i++;
      continue;
    }
    const end = walk(p, auto, i);
    if (end >= 0) {
      emit(p.map[i]!, originalEnd(p, end - 1), walked!);
      i = end;
    } else i++;
  }
}

/**
 * scan with two automata in one pass over the text: the same matches of each, as if each had its
 * own scan (each goes on from the end of its own last match), but the words are read and hashed
 * once.
 */
function scanTwo(p: Prepared, a: Automaton, emitA: Emit, b: Automaton, emitB: Emit): void {
  const { codes, length: n } = p;
  let nextA = 0;
  let nextB = 0;
  let i = 0;
  while (i < n) {
    const c = codes[i]!;
    if (WORD[c] === 1) {
      if (i > 0 && WORD[codes[i - 1]!] === 1) {
        i++;
        while (i < n && WORD[codes[i]!] === 1) i++;
        continue;
      }
      let e = i + 1;
      let h = wordHash(0, c);
      while (e < n && WORD[codes[e]!] === 1) h = wordHash(h, codes[e++]!);
      const long = e - i >= KEY_LENGTH;
      h &= FIRST_WORDS_MASK;
      if (i >= nextA && (long || a.firstWords[h] !== 0) && a.root[c] !== 0) {
        const end = walk(p, a, i);
        if (end >= 0) {
          emitA(p.map[i]!, originalEnd(p, end - 1), walked!);
          nextA = end;
        }
      }
      if (i >= nextB && (long || b.firstWords[h] !== 0) && b.root[c] !== 0) {
        const end = walk(p, b, i);
        if (end >= 0) {
          emitB(p.map[i]!, originalEnd(p, end - 1), walked!);
          nextB = end;
        }
      }
      i = e;
      continue;
    }
    if (i >= nextA && a.root[c] !== 0) {
      const end = walk(p, a, i);
      if (end >= 0) {
        emitA(p.map[i]!, originalEnd(p, end - 1), walked!);
        nextA = end;
      }
    }
    if (i >= nextB && b.root[c] !== 0) {
      const end = walk(p, b, i);
      if (end >= 0) {
        emitB(p.map[i]!, originalEnd(p, end - 1), walked!);
        nextB = end;
      }
    }
    i++;
  }
}

/** The payload of the last match walk() found. */
let walked: number[] | null = null;

/**
 * Set when a walk looked at the end of its text (or past it). A walk over a window of the text
 * (walkWindow) is valid only when it did not, or the window reaches the end of the text.
 */
let overrun = false;

/**
 * The end of the longest match that starts at i (root[codes[i]] must be a state), or -1; its
 * payload is left in `walked`.
 */
function walk(p: Prepared, auto: Automaton, i: number): number {
  const { codes, length: n } = p;
  const { terminal, outputs, chain } = auto;
  let state = auto.root[codes[i]!]!;
  let bestEnd = -1;
  let bestPayload: number[] | null = null;
  let j = i + 1;
  for (;;) {
    const out = terminal[state]!;
    if (out >= 0) {
      const payload = accept(p, i, j, outputs[out]!);
      if (payload !== null && accepted > bestEnd) {
        bestEnd = accepted;
        bestPayload = payload;
      }
    }
    if (j >= n) {
      overrun = true;
      break;
    }
    const next = chain[state]!;
    if (next >= 0) {
      if (next !== codes[j]) break;
      state++;
    } else {
      state = step(auto, state, codes[j]!);
      if (state < 0) break;
    }
    j++;
  }
  walked = bestPayload;
  return bestPayload === null ? -1 : bestEnd;
}

/** Can a match end before position j? Not inside a word; an English possessive "'s" is fine. */
function endsWord(codes: Uint16Array, j: number, n: number): boolean {
  if (WORD[codes[j - 1]!] === 0) return true;
  if (j >= n) {
    overrun = true;
    return true;
  }
  const c = codes[j]!;
  if (WORD[c] === 1) return false;
  if (c === APOSTROPHE) {
    if (j + 1 >= n) overrun = true;
    else if (WORD[codes[j + 1]!] === 1) {
      if (codes[j + 1] !== LOWER_S) return false;
      if (j + 2 >= n) {
        overrun = true;
        return true;
      }
      return WORD[codes[j + 2]!] === 0;
    }
  }
  return true;
}

/** The payload of the variants that hold at [i, j), or null when none does. */
/** End of the longest variant accepted by accept(); set alongside its return value. */
let accepted = -1;

/**
 * The payload of the longest variants of a trie key ending at j that hold at i (their tail
 * follows, they end at a word boundary, their acronyms are capitals, no designation follows), or
 * null when none does. Sets `accepted` to where they end.
 */
function accept(p: Prepared, i: number, j: number, variants: Variant[]): number[] | null {
  const { codes, length: n } = p;
  let result: number[] | null = null;
  let resultEnd = -1;
  for (const v of variants) {
    let end = j;
    if (v.tail !== null) {
      const tail = v.tail;
      if (j + tail.length > n) {
        overrun = true;
        continue;
      }
      let k = 0;
      while (k < tail.length && codes[j + k] === tail[k]) k++;
      if (k < tail.length) continue;
      end = j + tail.length;
    }
    if (end < resultEnd || !endsWord(codes, end, n)) continue;
    if (v.caps.length > 0 && !capsHold(p, i, v.caps)) continue;
    if (v.guard && designationFollows(p, end)) continue;
    if (result === null || end > resultEnd) result = v.payload;
    else result = [...new Set([...result, ...v.payload])];
    resultEnd = end;
  }
  accepted = resultEnd;
  return result;
}

// ---- Scanning the text as it is -----------------------------------------------------------------
//
// Normalising a whole article into a copy with an offset map, then scanning the copy, reads and
// writes every character twice, although almost every character normalises to one code unit on
// its own (lower case, ё→е, a quote) and only a walk through the trie needs more than that. So
// scanOriginal reads the article itself: it folds each character with a table, hashes words as
// `scan` does, and walks the trie from a word start straight over the original characters while
// each maps to exactly one normalised code unit at the same offset (walkAlone). Whitespace and
// dashes, whose normalised form depends on their neighbours, end such a walk when the trie could
// go on through them; the walk is then done again on a normalised window of the text (walkWindow).
// Characters that normalise together with their neighbours (combining marks, soft hyphens, letters
// whose lower case or NFC form is longer) send the whole text to the normalising scan: they are
// rare, and every character is either passed over by scanOriginal or read by a walk, so none is
// missed.

/** walkAlone's answer when the text around the walk must be normalised first. */
const NEEDS_WINDOW = -2;
/** A walk's answer when the text holds a character only the normalising scan reads right. */
const NEEDS_NORMALIZING = -3;
/** readAlone's answer for whitespace or a dash: a space or a hyphen, not known which. */
const SPACE_OR_HYPHEN = -1;
/** readAlone's answer when the character does not normalise on its own. */
const NOT_ALONE = -2;

/** The normalised form of a code unit on its own, or a class of normalize's ALONE. */
const aloneAt = (text: string, j: number) => {
  const c = text.charCodeAt(j);
  return c < ALONE_TABLE_SIZE ? ALONE[c]! : aloneHigh(c);
};

/**
 * The normalised code unit at offset j, where the walk has read j - 1 as a code unit of its own:
 * that code unit, SPACE_OR_HYPHEN for whitespace or a dash, or NOT_ALONE. A single whitespace
 * character between two such characters is one space.
 */
function readAlone(text: string, j: number): number {
  const f = aloneAt(text, j);
  if (f < ALONE_HARD) return f;
  if (f === ALONE_HARD) return NOT_ALONE;
  if (f === ALONE_SPACE && j + 1 < text.length && j > 0) {
    if (aloneAt(text, j + 1) < ALONE_HARD && aloneAt(text, j - 1) < ALONE_HARD) return SPACE;
  }
  return SPACE_OR_HYPHEN;
}

/** The end of the match walkAlone found (its resume offset is `walkedTo`). */
let walkedEnd = -1;
/** Where the scan goes on after the match walkAlone or walkWindow found. */
let walkedTo = -1;

/**
 * walk() over the original text from offset i, reading each character on its own (see readAlone):
 * the end of the longest match (its payload in `walked`), -1, or NEEDS_WINDOW when a character it
 * needs does not normalise on its own. Offsets are the normalised positions, one to one.
 */
function walkAlone(text: string, auto: Automaton, i: number, first: number): number {
  const n = text.length;
  const { terminal, outputs, chain } = auto;
  let state = auto.root[first]!;
  let bestEnd = -1;
  let bestPayload: number[] | null = null;
  let j = i + 1;
  for (;;) {
    const out = terminal[state]!;
    if (out >= 0) {
      const payload = acceptAlone(text, i, j, outputs[out]!);
      if (accepted === NEEDS_WINDOW) return NEEDS_WINDOW;
      if (payload !== null && accepted > bestEnd) {
        bestEnd = accepted;
        bestPayload = payload;
      }
    }
    if (j >= n) break;
    const c = readAlone(text, j);
    if (c < 0) {
      if (c === NOT_ALONE) return NEEDS_WINDOW;
      if (step(auto, state, SPACE) >= 0 || step(auto, state, HYPHEN) >= 0) return NEEDS_WINDOW;
      break;
    }
    const next = chain[state]!;
    if (next >= 0) {
      if (next !== c) break;
      state++;
    } else {
      state = step(auto, state, c);
      if (state < 0) break;
    }
    j++;
  }
  walked = bestPayload;
  if (bestPayload === null) return -1;
  walkedTo = bestEnd;
  walkedEnd = pastMarks(text, bestEnd);
  return bestEnd;
}

/** accept() for walkAlone; sets `accepted` to NEEDS_WINDOW when it cannot tell. */
function acceptAlone(text: string, i: number, j: number, variants: Variant[]): number[] | null {
  const n = text.length;
  let result: number[] | null = null;
  let resultEnd = -1;
  for (const v of variants) {
    let end = j;
    if (v.tail !== null) {
      const tail = v.tail;
      if (j + tail.length > n) continue;
      let k = 0;
      for (; k < tail.length; k++) {
        const c = readAlone(text, j + k);
        if (c === tail[k]) continue;
        if (c === NOT_ALONE || (c === SPACE_OR_HYPHEN && (tail[k] === SPACE || tail[k] === HYPHEN))) {
          accepted = NEEDS_WINDOW;
          return null;
        }
        break;
      }
      if (k < tail.length) continue;
      end = j + tail.length;
    }
    if (end < resultEnd) continue;
    const ends = endsWordAlone(text, end);
    if (ends < 0) {
      accepted = NEEDS_WINDOW;
      return null;
    }
    if (ends === 0) continue;
    if (v.caps.length > 0 && !capsHoldAlone(text, i, v.caps)) continue;
    if (v.guard) {
      const follows = designationFollowsAlone(text, end);
      if (follows < 0) {
        accepted = NEEDS_WINDOW;
        return null;
      }
      if (follows === 1) continue;
    }
    if (result === null || end > resultEnd) result = v.payload;
    else result = [...new Set([...result, ...v.payload])];
    resultEnd = end;
  }
  accepted = resultEnd;
  return result;
}

/** endsWord() for walkAlone: 1 or 0, or -1 when it cannot tell. */
function endsWordAlone(text: string, j: number): number {
  const n = text.length;
  if (j >= n || WORD[readAlone(text, j - 1)] !== 1) return 1;
  const c = readAlone(text, j);
  if (c === NOT_ALONE) return -1;
  if (c < 0) return 1;
  if (WORD[c] === 1) return 0;
  if (c === APOSTROPHE && j + 1 < n) {
    const s = readAlone(text, j + 1);
    if (s === NOT_ALONE) return -1;
    if (s >= 0 && WORD[s] === 1) {
      if (s !== LOWER_S || j + 2 >= n) return s === LOWER_S ? 1 : 0;
      const after = readAlone(text, j + 2);
      if (after === NOT_ALONE) return -1;
      return after < 0 || WORD[after] === 0 ? 1 : 0;
    }
  }
  return 1;
}

/** designationFollows() for walkAlone: 1 or 0, or -1 when it cannot tell. */
function designationFollowsAlone(text: string, j: number): number {
  const n = text.length;
  if (j >= n) return 0;
  const c = readAlone(text, j);
  if (c === SPACE) {
    const roman = isRomanAlone(text, j + 1);
    return roman === 1 ? (isUpper(text.charCodeAt(j + 1)) ? 1 : 0) : roman;
  }
  return c < 0 ? -1 : 0;
}

/** isRoman() for walkAlone: 1 or 0, or -1 when it cannot tell. */
function isRomanAlone(text: string, from: number): number {
  const n = text.length;
  let k = from;
  for (; k < n && k - from < 4; k++) {
    const c = readAlone(text, k);
    if (c === NOT_ALONE) return -1;
    if (c !== 0x69 && c !== 0x76 && c !== 0x78) break; // i v x
  }
  if (k === from) return 0;
  if (k >= n) return 1;
  const c = readAlone(text, k);
  if (c === NOT_ALONE) return -1;
  return c < 0 || WORD[c] === 0 ? 1 : 0;
}

function capsHoldAlone(text: string, start: number, caps: number[]): boolean {
  for (let t = 0; t < caps.length; t += 2) {
    for (let k = start + caps[t]!; k < start + caps[t + 1]!; k++) {
      if (!isUpper(text.charCodeAt(k))) return false;
    }
  }
  return true;
}

/** Offset just past the character at k - 1 and any combining marks or low surrogate after it. */
function pastMarks(text: string, k: number): number {
  let end = k;
  for (;;) {
    const c = text.charCodeAt(end);
    if (
      (c >= 0x300 && c < 0x370) ||
      (c >= 0xdc00 && c < 0xe000) ||
      (c >= 0x1ab0 && c < 0x1b00) ||
      (c >= 0x1dc0 && c < 0x1e00) ||
      (c >= 0x20d0 && c < 0x2100) ||
      (c >= 0xfe20 && c < 0xfe30)
    )
      end++;
    else return end;
  }
}

/** The normalised window of walkWindow (reused: a walk is synchronous). */
const windowBuffer: NormBuffer = createNormBuffer(256);
const windowPrepared: Prepared = {
  original: '',
  codes: windowBuffer.codes,
  map: windowBuffer.map,
  length: 0,
};

/**
 * walk() from offset i (a character that normalises on its own, so the normalised text from there
 * on does not depend on what comes before) over a normalised window of the text, grown until the
 * walk did not look at its end: the end of the longest match as an original offset (its payload in
 * `walked`, where to go on in `walkedTo`), -1, or NEEDS_NORMALIZING.
 */
function walkWindow(text: string, auto: Automaton, i: number): number {
  const n = text.length;
  for (let size = 64; ; size *= 4) {
    const to = Math.min(n, i + size);
    for (let k = i; k < to; k++) if (aloneAt(text, k) === ALONE_HARD) return NEEDS_NORMALIZING;
    normalizeInto(text, true, windowBuffer, i, to);
    // Only the last normalised character may change with what follows the window.
    const trusted = to === n ? windowBuffer.length : windowBuffer.length - 1;
    if (trusted < 1) continue;
    const p = windowPrepared;
    p.original = text;
    p.codes = windowBuffer.codes;
    p.map = windowBuffer.map;
    p.length = trusted;
    overrun = false;
    const end = walk(p, auto, 0);
    if (overrun && to < n) continue;
    if (end < 0) return -1;
    walkedTo = p.map[end]!;
    return originalEnd(p, end - 1);
  }
}

/**
 * scan (with `b`, scanTwo) over the original text, without normalising it: false, with some hits
 * emitted, when the text holds a character that normalises together with its neighbours; then the
 * caller drops the hits and scans the normalised text. Both automata must read alone.
 */
function scanOriginal(text: string, a: Automaton, emitA: Emit, b: Automaton | null, emitB: Emit): boolean {
  const n = text.length;
  // Read once: the walks in the loop would make the engine read them again each time.
  const rootA = a.root;
  const firstA = a.firstWords;
  const rootB = b === null ? rootA : b.root;
  const firstB = b === null ? firstA : b.firstWords;
  let nextA = 0;
  let nextB = 0;
  let i = 0;
  while (i < n) {
    const f = aloneAt(text, i);
    if (WORD[f] === 1) {
      // A word start: the scan passes over whole words, and a match ends before a non-word
      // character. Pass over the word, hashing it, then walk from its start if a key may start so.
      let e = i + 1;
      let h = wordHash(0, f);
      for (; e < n; e++) {
        const g = aloneAt(text, e);
        if (WORD[g] !== 1) {
          if (g === ALONE_HARD) return false;
          break;
        }
        h = wordHash(h, g);
      }
      const long = e - i >= KEY_LENGTH;
      h &= FIRST_WORDS_MASK;
      if (i >= nextA && (long || firstA[h] !== 0) && rootA[f] !== 0) {
        const end = walkFrom(text, a, i, f);
        if (end === NEEDS_NORMALIZING) return false;
        if (end >= 0) {
          emitA(i, end, walked!);
          nextA = walkedTo;
        }
      }
      if (b !== null && i >= nextB && (long || firstB[h] !== 0) && rootB[f] !== 0) {
        const end = walkFrom(text, b, i, f);
        if (end === NEEDS_NORMALIZING) return false;
        if (end >= 0) {
          emitB(i, end, walked!);
          nextB = walkedTo;
        }
      }
      i = b === null && nextA > e ? nextA : e;
      continue;
    }
    if (f >= ALONE_HARD) {
      if (f === ALONE_HARD) return false;
      i++;
      continue;
    }
    if (i >= nextA && rootA[f] !== 0) {
      const end = walkFrom(text, a, i, f);
      if (end === NEEDS_NORMALIZING) return false;
      if (end >= 0) {
        emitA(i, end, walked!);
        nextA = walkedTo;
      }
    }
    if (b !== null && i >= nextB && rootB[f] !== 0) {
      const end = walkFrom(text, b, i, f);
      if (end === NEEDS_NORMALIZING) return false;
      if (end >= 0) {
        emitB(i, end, walked!);
        nextB = walkedTo;
      }
    }
    i = b === null && nextA > i ? nextA : i + 1;
  }
  return true;
}

/** A walk from offset i, whose character normalises on its own to `first`: see scanOriginal. */
function walkFrom(text: string, auto: Automaton, i: number, first: number): number {
  const end = walkAlone(text, auto, i, first);
  if (end === NEEDS_WINDOW) return walkWindow(text, auto, i);
  return end < 0 ? end : walkedEnd;
}

/** Alias hits and (optionally) event clue hits of one text. */
export function scanText(
  matcher: Matcher,
  text: string,
  withClues: boolean,
): { aliases: AliasHit[]; clues: ClueHit[] } {
  return scanWithClues(compiled(matcher), text, withClues, null);
}

/** The payload in ascending order: itself when it is (most are), else a sorted copy. */
function ascending(payload: number[]): number[] {
  for (let k = 1; k < payload.length; k++) {
    if (payload[k]! < payload[k - 1]!) return [...payload].sort((a, b) => a - b);
  }
  return payload;
}

/** What a scan calls for an alias match: appends its hit to `out`. */
function aliasEmitter(m: CompiledMatcher, out: AliasHit[]): Emit {
  return (start, end, payload) => {
    const sorted = ascending(payload);
    const entityIds: string[] = [];
    const contextIds: string[] = [];
    for (const e of sorted) {
      if (e & CONTEXT_FLAG) contextIds.push(m.entityIds[e & ~CONTEXT_FLAG]!);
      else entityIds.push(m.entityIds[e]!);
    }
    out.push({ start, end, entityIds, contextIds });
  };
}

/**
 * The alias hits and (with `withClues`) the clue hits of a text, in text order, in one pass: one
 * clue hit per clue term found (an occurrence shared by several terms gives one hit per term, in
 * term order). With `lang`, only context words and the clues of that language. Reads the text as
 * it is when it can (see scanOriginal), else its normalised copy.
 */
function scanWithClues(
  m: CompiledMatcher,
  text: string,
  withClues: boolean,
  lang: Lang | null,
): { aliases: AliasHit[]; clues: ClueHit[] } {
  const aliases: AliasHit[] = [];
  const clues: ClueHit[] = [];
  const emitAliases = aliasEmitter(m, aliases);
  const emitClues = clueEmitter(m, clues, lang);
  const two = withClues && m.clueTerms.length > 0;
  if (m.aliases.readsAlone && (!two || m.clues.readsAlone)) {
    if (scanOriginal(text, m.aliases, emitAliases, two ? m.clues : null, emitClues))
      return { aliases, clues };
    aliases.length = 0;
    clues.length = 0;
  }
  const p = prepare(text);
  if (two) scanTwo(p, m.aliases, emitAliases, m.clues, emitClues);
  else scan(p, m.aliases, emitAliases);
  return { aliases, clues };
}

/** The clue hits alone, as scanWithClues finds them, in a pass of their own (for tests). */
export function clueHitsAlone(matcher: Matcher, text: string, lang: Lang | null): ClueHit[] {
  const m = compiled(matcher);
  const p = prepare(text);
  const out: ClueHit[] = [];
  if (m.clueTerms.length > 0) scan(p, m.clues, clueEmitter(m, out, lang));
  return out;
}

/** The alias hits of a text as scanning its normalised copy finds them (for tests). */
export function aliasHitsNormalized(matcher: Matcher, text: string): AliasHit[] {
  const m = compiled(matcher);
  const out: AliasHit[] = [];
  scan(prepare(text), m.aliases, aliasEmitter(m, out));
  return out;
}

/** What a scan calls for a clue match: appends its hits to `out` (see scanWithClues). */
function clueEmitter(m: CompiledMatcher, out: ClueHit[], lang: Lang | null): Emit {
  const terms = m.clueTerms;
  return (start, end, payload) => {
    const sorted = ascending(payload);
    for (const k of sorted) {
      const { kind, lang: termLang, term, entityIds } = terms[k]!;
      if (lang !== null && termLang !== lang && kind !== 'context') continue;
      out.push({ start, end, kind, lang: termLang, term, entityIds });
    }
  };
}

/**
 * Alias hits and the clue hits annotateText needs: context words in both languages, event clues
 * in `lang` only (the event linker ignores the others).
 */
export function scanForAnnotation(
  matcher: Matcher,
  text: string,
  lang: Lang,
  withClues: boolean,
): { aliases: AliasHit[]; clues: ClueHit[] } {
  return scanWithClues(compiled(matcher), text, withClues, lang);
}

/** Every alias occurrence in `text`, leftmost-longest and non-overlapping, as original offsets. */
export function findAliases(matcher: Matcher, text: string): AliasHit[] {
  return scanText(matcher, text, false).aliases;
}
