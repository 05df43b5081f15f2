// Scanning a text for the matcher's patterns: the alias hits and the clue hits, in one pass. Two
// families of the same walk: over a normalised copy of the text (the reference, and the fallback),
// and over the text as it is (scanOriginal), which most articles take. They share their walk state
// in module variables, so they stay in one module: the hot loops whole.

import type { Lang } from '../../shared/languages';
import {
  ALONE,
  ALONE_HARD,
  ALONE_SPACE,
  ALONE_TABLE_SIZE,
  aloneHigh,
  createNormBuffer,
  type NormBuffer,
  normalizeInto,
} from '../normalize';
import {
  APOSTROPHE,
  type Automaton,
  FIRST_WORDS_MASK,
  HYPHEN,
  isDigit,
  isUpper,
  KEY_LENGTH,
  LOWER_S,
  SPACE,
  step,
  type Variant,
  WORD,
  wordHash,
} from './automaton';
import {
  type AliasHit,
  type ClueHit,
  CONTEXT_FLAG,
  type CompiledMatcher,
  compiled,
  DOCUMENT,
  type Matcher,
  SHORT_FLAG,
} from './compile';

// ---- Scanning ----------------------------------------------------------------------------------

export interface Prepared {
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

export function prepare(text: string): Prepared {
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
export function originalEnd(p: Prepared, k: number): number {
  return pastMarks(p.original, p.map[k]! + 1);
}

/** What a scan calls for each match: its offsets in the original text, and whom it names. */
export type Emit = (start: number, end: number, payload: number[]) => void;

/** Calls `emit` for each leftmost-longest match of the normalised text. */
export function scan(p: Prepared, auto: Automaton, emit: Emit): void {
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
export function scanTwo(p: Prepared, a: Automaton, emitA: Emit, b: Automaton, emitB: Emit): void {
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
export let walked: number[] | null = null;

/**
 * Set when a walk looked at the end of its text (or past it). A walk over a window of the text
 * (walkWindow) is valid only when it did not, or the window reaches the end of the text.
 */
export let overrun = false;

/**
 * The end of the longest match that starts at i (root[codes[i]] must be a state), or -1; its
 * payload is left in `walked`.
 */
export function walk(p: Prepared, auto: Automaton, i: number): number {
  const { codes, length: n } = p;
  const { terminal, outputs, chain } = auto;
  let state = auto.root[codes[i]!]!;
  let bestEnd = -1;
  let bestPayload: number[] | null = null;
  let j = i + 1;
  for (;;) {
    const out = terminal[state]!;
    if (out >= 0) {
      const payload = accept(p, i, j, outputs.at(out));
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
export let accepted = -1;

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

/** walkAlone's answer when the text around the walk must be normalised first. */
export const NEEDS_WINDOW = -2;
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
export let walkedEnd = -1;
/** Where the scan goes on after the match walkAlone or walkWindow found. */
let walkedTo = -1;

/**
 * walk() over the original text from offset i, reading each character on its own (see readAlone):
 * the end of the longest match (its payload in `walked`), -1, or NEEDS_WINDOW when a character it
 * needs does not normalise on its own. Offsets are the normalised positions, one to one.
 */
export function walkAlone(text: string, auto: Automaton, i: number, first: number): number {
  const n = text.length;
  const { terminal, outputs, chain } = auto;
  let state = auto.root[first]!;
  let bestEnd = -1;
  let bestPayload: number[] | null = null;
  let j = i + 1;
  for (;;) {
    const out = terminal[state]!;
    if (out >= 0) {
      const payload = acceptAlone(text, i, j, outputs.at(out));
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
export function pastMarks(text: string, k: number): number {
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
export function walkWindow(text: string, auto: Automaton, i: number): number {
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
export function scanOriginal(
  text: string,
  a: Automaton,
  emitA: Emit,
  b: Automaton | null,
  emitB: Emit,
): boolean {
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

export function walkFrom(text: string, auto: Automaton, i: number, first: number): number {
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

/** Shared by hits without context aliases or short names: do not modify. */
const NO_IDS: string[] = [];

/** What a scan calls for an alias match: appends its hit to `out`. */
function aliasEmitter(m: CompiledMatcher, out: AliasHit[]): Emit {
  return (start, end, payload) => {
    const sorted = ascending(payload);
    let entityIds = NO_IDS;
    let contextIds = NO_IDS;
    let shortIds = NO_IDS;
    let document = false;
    for (const e of sorted) {
      if (e === DOCUMENT) document = true;
      else if (e & SHORT_FLAG) {
        if (shortIds === NO_IDS) shortIds = [];
        shortIds.push(m.entityIds[e & ~SHORT_FLAG]!);
      } else if (e & CONTEXT_FLAG) {
        if (contextIds === NO_IDS) contextIds = [];
        contextIds.push(m.entityIds[e & ~CONTEXT_FLAG]!);
      } else {
        if (entityIds === NO_IDS) entityIds = [];
        entityIds.push(m.entityIds[e]!);
      }
    }
    out.push({ start, end, entityIds, contextIds, shortIds, document });
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
  return out.filter(isName);
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

/** A hit of an alias or context alias (not only of a short name or a document noun). */
export const isName = (hit: AliasHit) => hit.entityIds.length > 0 || hit.contextIds.length > 0;

/** Every alias occurrence in `text`, leftmost-longest and non-overlapping, as original offsets. */
export function findAliases(matcher: Matcher, text: string): AliasHit[] {
  return scanText(matcher, text, false).aliases.filter(isName);
}
