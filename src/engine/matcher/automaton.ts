// The trie every scan walks: patterns (aliases in every generated form, clue words) are normalised,
// keyed and built into typed arrays. Every match must start at a word start, so instead of
// Aho–Corasick failure links the scanner walks the trie from each word start as far as the text
// follows it (see scan-normalized.ts): leftmost-longest, non-overlapping matches in
// O(text × longest alias) worst case and close to O(text) in practice. Transitions live in typed
// arrays: a dense table for the root, sorted child lists for the rest, and a chain array for runs
// of only children.

import { codesToString, createNormBuffer, type NormBuffer, normalizeInto } from '../normalize';

// ---- Character tables --------------------------------------------------------------------------

/** 1 for letters, digits and combining marks: what a match may not start or end inside of. */
export const WORD = new Uint8Array(65536);
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

export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLetter = (c: number) => WORD[c] === 1 && !isDigit(c);

export function isUpper(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  if (c >= 0x400 && c <= 0x42f) return true;
  if (c >= 0x430 && c <= 0x45f) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

export const SPACE = 0x20;
export const HYPHEN = 0x2d;
export const APOSTROPHE = 0x27;
export const LOWER_S = 0x73;

// ---- The trie ----------------------------------------------------------------------------------

/** One way of writing a pattern: which of its characters must be capitals, and whom it names. */
export interface Variant {
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

/**
 * The longest trie key. Shorter keys make fewer states (less for a restarted worker to read and
 * check) and longer tails; a word at least this long always starts a walk (see FIRST_WORDS_MASK),
 * so much shorter keys would cost the scan. At sixteen the scan is barely slower than at 32, and
 * the states are far fewer.
 */
export const KEY_LENGTH = 16;

/**
 * The variants of each pattern end, by output index. A compiled trie has them all at hand; a
 * stored one decodes each the first time a scan reaches it: most of a dataset's names never occur
 * in a given article, and decoding all of them was most of a restarted worker's load time.
 */
export class Outputs {
  private readonly cache: (Variant[] | undefined)[];
  constructor(
    readonly length: number,
    private readonly decode: (index: number) => Variant[],
    cache?: Variant[][],
  ) {
    this.cache = cache ?? new Array<Variant[] | undefined>(length);
  }

  static of(list: Variant[][]): Outputs {
    return new Outputs(list.length, (index) => list[index]!, list);
  }

  at(index: number): Variant[] {
    const cached = this.cache[index];
    if (cached !== undefined) return cached;
    const decoded = this.decode(index);
    this.cache[index] = decoded;
    return decoded;
  }
}

/**
 * A trie over normalised UTF-16 code units, built from sorted keys (each key only appends the
 * states it does not share with the previous one: no lookups while building). Children of a state
 * are contiguous and sorted by code unit; the root has a dense table.
 */
export interface Automaton {
  /** root[code] = child state of the root, 0 when none. */
  root: Int32Array;
  childStart: Int32Array;
  childCode: Uint16Array;
  childState: Int32Array;
  /** Index into `outputs` for states that end a pattern, else -1. */
  terminal: Int32Array;
  outputs: Outputs;
  /** See FIRST_WORDS_MASK. */
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

/**
 * What build makes before the child lists: states in the order the sorted keys create them (a
 * depth-first preorder), each with the code unit that leads to it and its depth, and the state
 * each output ends at. A state's parent is the last state before it one level up.
 */
interface TrieShape {
  /** code[s] = the code unit from s's parent to s (0 for the root, state 0). */
  code: Uint16Array;
  /** depth[s] = the length of the key prefix s stands for; at most KEY_LENGTH. */
  depth: Uint8Array;
  /** ends[k] = the state where output k's key ends, increasing with k. */
  ends: Int32Array;
}

/** Thrown by trieFromArrays for arrays no build makes (a damaged stored form). */
export class MalformedTrie extends Error {}

/** The trie of a shape: child lists, root table, terminals, chains and the first-word filter. */
function trieOf({ code, depth, ends }: TrieShape, outputs: Outputs): Automaton {
  const states = code.length;
  const terminal = new Int32Array(states).fill(-1);
  for (let k = 0; k < ends.length; k++) terminal[ends[k]!] = k;
  // Parents, child counts and the first-word filter (see firstWords), in preorder.
  const parent = new Int32Array(states);
  const childStart = new Int32Array(states + 1);
  const firstWords = new Uint8Array(FIRST_WORDS_MASK + 1);
  const last = new Int32Array(KEY_LENGTH + 1).fill(-1); // last[d] = the latest state at depth d
  last[0] = 0;
  // Per depth along the current path: whether the prefix is still all one word, and its hash.
  const inWord = new Uint8Array(KEY_LENGTH + 1);
  inWord[0] = 1;
  const hash = new Int32Array(KEY_LENGTH + 1);
  for (let s = 1; s < states; s++) {
    const d = depth[s]!;
    const c = code[s]!;
    const p = last[d - 1]!;
    parent[s] = p;
    last[d] = s;
    childStart[p + 1]!++;
    if (inWord[d - 1] === 1) {
      if (WORD[c] === 1) {
        inWord[d] = 1;
        const h = wordHash(hash[d - 1]!, c);
        hash[d] = h;
        if (terminal[s]! >= 0) firstWords[h & FIRST_WORDS_MASK] = 1;
      } else {
        inWord[d] = 0;
        // The first word ends here, before a space, a hyphen or another non-word character.
        if (d > 1) firstWords[hash[d - 1]! & FIRST_WORDS_MASK] = 1;
      }
    } else inWord[d] = 0;
  }
  for (let s = 0; s < states; s++) childStart[s + 1]! += childStart[s]!;
  // Children of each state, contiguous and in creation order, which is code order.
  const fill = childStart.slice(0, states);
  const childCode = new Uint16Array(Math.max(states - 1, 1));
  const childState = new Int32Array(Math.max(states - 1, 1));
  const root = new Int32Array(65536);
  const chain = new Int32Array(states).fill(-1);
  for (let s = 1; s < states; s++) {
    const p = parent[s]!;
    const at = fill[p]!++;
    childCode[at] = code[s]!;
    childState[at] = s;
    if (p === 0) root[code[s]!] = s;
    else if (p === s - 1 && childStart[s]! - childStart[p]! === 1) chain[p] = code[s]!;
  }
  const readsAlone = root[SPACE] === 0 && root[HYPHEN] === 0;
  return { root, childStart, childCode, childState, terminal, outputs, firstWords, chain, readsAlone };
}

/**
 * A built trie as its stored form keeps it: the child lists as they are scanned, less what the
 * preorder numbering tells (a state's first child is the next state, and its list starts where the
 * previous state's ends), the state each output ends at (ends[k], increasing with k) and the
 * first-word filter. What is left out is the bigger part of the child lists, which a restarted
 * worker reads from disk before its first article: rebuilding it costs a sum and a copy per state
 * in the pass that checks the lists anyway. Rebuilding the lists from a smaller shape still (the
 * code units and depths alone) costs several passes over every state before its loops are
 * optimised.
 */
export interface TrieArrays {
  /** childCount[s] = how many children state s has. */
  childCount: Uint16Array;
  childCode: Uint16Array;
  /** The child states that are not a first child, list by list. */
  laterChildren: Int32Array;
  ends: Int32Array;
  firstWords: Uint8Array;
}

/** The arrays of a built trie (see TrieArrays), copies that the trie does not share. */
export function arraysOf(auto: Automaton): TrieArrays {
  const { terminal, childStart, childState } = auto;
  const states = terminal.length;
  const ends = new Int32Array(auto.outputs.length);
  for (let s = 0; s < states; s++) if (terminal[s]! >= 0) ends[terminal[s]!] = s;
  const childCount = new Uint16Array(states);
  const later: number[] = [];
  for (let s = 0; s < states; s++) {
    const from = childStart[s]!;
    const count = childStart[s + 1]! - from;
    // A child count is stored in 16 bits: only a root with a child for every code unit has more.
    if (count > 0xffff || (count > 0 && childState[from] !== s + 1))
      throw new Error('a trie whose child lists do not follow its preorder');
    childCount[s] = count;
    for (let k = from + 1; k < from + count; k++) later.push(childState[k]!);
  }
  return {
    childCount,
    childCode: auto.childCode.slice(0, childStart[states]!),
    laterChildren: Int32Array.from(later),
    ends,
    firstWords: auto.firstWords.slice(),
  };
}

/**
 * The trie of stored arrays, checked in the pass that rebuilds its child lists, so that damaged
 * arrays are refused rather than scanned: child lists in range and in code order, every child a
 * later state (no walk can loop or leave the arrays), one output per end. The code units and the
 * filter are only compared with the text's: any value there is harmless.
 */
export function trieFromArrays(
  { childCount, childCode, laterChildren, ends, firstWords }: TrieArrays,
  outputs: Outputs,
): Automaton {
  const bad = (ok: boolean) => {
    if (!ok) throw new MalformedTrie('malformed trie');
  };
  const states = childCount.length;
  const slots = childCode.length;
  bad(states >= 1 && ends.length === outputs.length && firstWords.length === FIRST_WORDS_MASK + 1);
  const terminal = new Int32Array(states).fill(-1);
  let previous = 0;
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k]!;
    bad(end > previous && end < states);
    terminal[end] = k;
    previous = end;
  }
  const root = new Int32Array(65536);
  const chain = new Int32Array(states);
  const childStart = new Int32Array(states + 1);
  const childState = new Int32Array(Math.max(slots, 1));
  let to = 0;
  let nextLater = 0;
  for (let s = 0; s < states; s++) {
    const from = to;
    const count = childCount[s]!;
    to = from + count;
    childStart[s + 1] = to;
    if (count === 0) {
      chain[s] = -1;
      continue;
    }
    if (to > slots || s + 1 >= states || nextLater + count - 1 > laterChildren.length) bad(false);
    childState[from] = s + 1;
    let last = childCode[from]!;
    for (let k = from + 1; k < to; k++) {
      const child = laterChildren[nextLater++]!;
      const c = childCode[k]!;
      if (child <= s + 1 || child >= states || c <= last) bad(false);
      childState[k] = child;
      last = c;
    }
    chain[s] = count === 1 ? childCode[from]! : -1;
  }
  bad(to === slots && nextLater === laterChildren.length);
  chain[0] = -1; // walks start below the root
  for (let k = childStart[0]!; k < childStart[1]!; k++) root[childCode[k]!] = childState[k]!;
  const readsAlone = root[SPACE] === 0 && root[HYPHEN] === 0;
  return { root, childStart, childCode, childState, terminal, outputs, firstWords, chain, readsAlone };
}

/**
 * firstWords[hash & FIRST_WORDS_MASK] = 1 for the first word of every key (the letters and digits
 * before its first other character): a match starts at a word start, and that word of the text
 * must be exactly the key's first word, so a word not in this filter starts no match and needs no
 * walk through the trie. Most words of an article are not the first word of any alias. Derived
 * from the trie by trieOf, so the stored form does not carry it. Keys cut at KEY_LENGTH inside
 * their first word are not in it: the scan walks from every word that long.
 */
export const FIRST_WORDS_MASK = 0xffff;

/** Hash of a word's code units, as the scan computes it while it passes over the word. */
export const wordHash = (h: number, c: number) => (Math.imul(h, 31) + c) | 0;
/** Collects patterns (keyed by their normalised form) before building the trie. */
export class PatternSet {
  readonly byKey = new Map<string, Variant[]>();
  /** Patterns added but not yet normalised (see addPending). */
  pending: { text: string; payload: number; capitals: Capitals }[] = [];

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
    let prev = '';
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const limit = Math.min(prev.length, key.length);
      let lcp = 0;
      while (lcp < limit && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
      shared[k] = lcp;
      states += key.length - lcp;
      prev = key;
    }
    const code = new Uint16Array(states);
    const depth = new Uint8Array(states);
    const ends = new Int32Array(keys.length);
    const outputs: Variant[][] = [];
    states = 1;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      for (let i = shared[k]!; i < key.length; i++) {
        code[states] = key.charCodeAt(i);
        depth[states] = i + 1;
        states++;
      }
      ends[k] = states - 1;
      outputs.push(this.byKey.get(key)!);
    }
    return trieOf({ code, depth, ends }, Outputs.of(outputs));
  }
}

const NO_TAIL = new Uint16Array(0);

function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The child of `state` for code unit `c`, or -1. */
export function step(auto: Automaton, state: number, c: number): number {
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

/** Scratch space for normalising patterns. */
const scratch: NormBuffer = createNormBuffer(256);
export const NO_CAPS: number[] = [];

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
 * Which capitals of a pattern must be capitals in the article too, besides its acronyms (which
 * always must): none, the first letter of a Russian name (see addPattern), or the first letter of
 * every capitalised word (a short name such as "Security Council", which in lower case is a phrase).
 */
export type Capitals = 'acronyms' | 'initial' | 'words';

/**
 * Adds one pattern. With `initial`, a pattern whose first word is capitalised must start
 * with a capital in the article too: Russian capitalises proper names only, so "союзное
 * государство" (any allied state) is not "Союзное государство". At a sentence start a capital
 * proves nothing either way; the name is taken. A name of three words or more is taken in lower
 * case too: "совет коллективной безопасности" is no ordinary phrase, and articles do write names so.
 */
export function addPattern(
  set: PatternSet,
  pattern: string,
  payload: number,
  capitals: Capitals = 'acronyms',
): void {
  const text = pattern.trim();
  if (text === '') return;
  set.pending.push({ text, payload, capitals });
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
    for (const { text, payload, capitals } of chunk) {
      // Builtins rather than loops over every character: a cold worker runs loops interpreted.
      let to = joined.codes.indexOf(SEPARATOR_CODE, from);
      if (to < 0 || to > joined.length) to = joined.length;
      const codes = joined.codes.subarray(from, to);
      addNormalized(set, text, payload, capitals, codes, joined.map, from, offset);
      from = to + 1;
      offset += text.length + 1;
    }
  }
  for (const { text, payload, capitals } of alone) {
    normalizeInto(text, true, scratch);
    const codes = scratch.codes.subarray(0, scratch.length);
    addNormalized(set, text, payload, capitals, codes, scratch.map, 0, 0);
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
  capitals: Capitals,
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
  const initial = capitals === 'initial' && CAPITALISED_RU.test(text) && !/^\S+\s+\S+\s+\S/.test(text);
  if (!hasCapitalPair(text) && capitals !== 'words') {
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
    // A capitalised word of a short name: its first letter.
    const end = upper && j - i >= 2 ? j : capitals === 'words' && isUpper(text.charCodeAt(i)) ? i + 1 : i;
    if (end > i) {
      while (k < length && map[mapFrom + k]! - mapOffset < i) k++;
      const from = k;
      while (k < length && map[mapFrom + k]! - mapOffset < end) k++;
      if (k > from) caps.push(from, k);
    }
    guard = upper && j - i >= 2 && j === text.length;
    i = j;
  }
  set.add(key, tail, caps.length > 0 ? caps : NO_CAPS, guard, payload);
}
