// One canonical form for article text and for aliases, so that the matcher compares like with like:
// NFC, lower case, ё→е, straight quotes, one hyphen for every dash, one space for every run of
// whitespace, invisible characters removed. In the matcher's mode, a dash between two letters also
// reads as a space ("Non-Proliferation" = "Non Proliferation", "Russia – NATO" = "Russia NATO"). Every normalised character keeps the offset of the
// original character it came from, so a match in the normalised text points back into the page.

export interface Normalized {
  text: string;
  /** map[i] = offset in the original of normalised char i; length text.length + 1, last = original.length. */
  map: Uint32Array;
}

/** Growable output buffer of the normaliser. The compiler reuses one for all aliases. */
export interface NormBuffer {
  codes: Uint16Array;
  map: Uint32Array;
  length: number;
}

export function createNormBuffer(capacity = 64): NormBuffer {
  return { codes: new Uint16Array(capacity), map: new Uint32Array(capacity + 1), length: 0 };
}

const SPACE = 0x20;
const HYPHEN = 0x2d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const CYR_IE = 0x435; // е

// Sentinels in FOLD (none of them is a character below TABLE_SIZE, so they cannot collide).
const WS = 0xffff;
const DROP = 0xfffe;
const SLOW = 0xfffd;

const TABLE_SIZE = 0x530; // Basic Latin up to the end of the Cyrillic Supplement
const FOLD = new Uint16Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) {
  const lower = String.fromCharCode(c).toLowerCase();
  FOLD[c] = lower.length === 1 ? lower.charCodeAt(0) : SLOW;
}
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0]) FOLD[c] = WS;
FOLD[0xad] = DROP; // soft hyphen
FOLD[0xab] = DQUOTE; // «
FOLD[0xbb] = DQUOTE; // »
FOLD[0x401] = CYR_IE; // Ё
FOLD[0x451] = CYR_IE; // ё
// Combining marks only reach FOLD when they follow no base character; keep them as they are.
for (let c = 0x300; c < 0x370; c++) FOLD[c] = c;

/** A folded letter (Latin, Latin-1 and Extended, Greek, Cyrillic): what a dash between letters joins. */
function isFoldedLetter(f: number): boolean {
  return (
    (f >= 0x61 && f <= 0x7a) ||
    (f >= 0xc0 && f < 0x250 && f !== 0xd7 && f !== 0xf7) ||
    (f >= 0x3b1 && f <= 0x3c9) ||
    (f >= 0x430 && f < 0x530)
  );
}

/** The folded form of one code unit at or above TABLE_SIZE, or a sentinel. */
function foldHigh(c: number): number {
  if (c >= 0x2000 && c <= 0x206f) {
    if (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) return WS;
    if (c <= 0x200d || c === 0x2060) return DROP; // zero-width space, non-joiner, joiner, word joiner
    if (c <= 0x2015) return HYPHEN; // ‐ ‑ ‒ – — ―
    if (c >= 0x2018 && c <= 0x201b) return SQUOTE; // ‘ ’ ‚ ‛
    if (c >= 0x201c && c <= 0x201f) return DQUOTE; // “ ” „ ‟
    if (c === 0x2032 || c === 0x2039 || c === 0x203a) return SQUOTE; // ′ ‹ ›
    if (c === 0x2033) return DQUOTE; // ″
    return c;
  }
  if (c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return HYPHEN; // − and wide dashes
  if (c === 0xfeff || c === 0x180e) return DROP;
  if (c === 0x1680 || c === 0x3000) return WS;
  // Surrogates, CJK and Hangul syllables: caseless and already NFC.
  if (c >= 0xd800 || (c >= 0x2e80 && c < 0xd800)) return c;
  return SLOW;
}

function isCombining(c: number): boolean {
  return (
    (c >= 0x300 && c < 0x370) ||
    (c >= 0x1ab0 && c < 0x1b00) ||
    (c >= 0x1dc0 && c < 0x1e00) ||
    (c >= 0x20d0 && c < 0x2100) ||
    (c >= 0xfe20 && c < 0xfe30)
  );
}

function grow(buf: NormBuffer, need: number): void {
  if (need <= buf.codes.length) return;
  const size = Math.max(need, buf.codes.length * 2);
  const codes = new Uint16Array(size);
  codes.set(buf.codes.subarray(0, buf.length));
  const map = new Uint32Array(size + 1);
  map.set(buf.map.subarray(0, buf.length));
  buf.codes = codes;
  buf.map = map;
}

/**
 * FOLD for the tight loop of normalizeInto: the folded character for plain characters, WS for
 * whitespace, END_RUN for every character the loop must leave to the general paths (dropped, slow,
 * combining marks, hyphens). Derived from FOLD, so it follows any change to it.
 */
const END_RUN = 0xfffe;
const RUN = FOLD.map((f) =>
  f === WS ? WS : f >= SLOW || f === DROP || f === HYPHEN || (f >= 0x300 && f < 0x370) ? END_RUN : f,
);

/**
 * Normalises `original` (or its range [from, to): map offsets stay offsets into `original`) into
 * `buf` (replacing its content). With `foldDashSpaces` (the matcher's
 * mode; `normalize` does not use it), spaces next to a hyphen are dropped and a hyphen between two
 * letters becomes a space, so "Russia – NATO", "Russia—NATO", "Russia-NATO" and "Russia NATO" read
 * the same, and so do "Test-Ban" and "Test Ban". A hyphen next to a digit stays ("START-1", "G-20").
 */
export function normalizeInto(
  original: string,
  foldDashSpaces: boolean,
  buf: NormBuffer,
  from = 0,
  to = original.length,
): void {
  const n = to;
  grow(buf, n - from + 2);
  let codes = buf.codes;
  let map = buf.map;
  let len = 0;
  let last = -1; // last emitted code
  let pendingSpace = -1; // origin of a whitespace run not yet written
  let i = from;
  while (i < n) {
    if (pendingSpace < 0 && last !== HYPHEN) {
      // Tight loop for runs of plain characters (most of any text, and what makes the matcher's
      // throughput): table characters that fold to one code unit and are neither whitespace,
      // dropped, a combining mark nor a hyphen, with no whitespace pending and no hyphen before
      // them, so that no rule below applies to them, and single whitespace characters between
      // them. A rule added below for such characters must end this loop on them.
      const lastBefore = last;
      const runStart = len;
      while (i < n) {
        const c = original.charCodeAt(i);
        if (c >= TABLE_SIZE) break;
        let f = RUN[c]!;
        if (f >= END_RUN) {
          if (f !== WS || i + 1 >= n) break;
          const d = original.charCodeAt(i + 1);
          if (d >= TABLE_SIZE) break;
          f = RUN[d]!;
          if (f >= END_RUN) break;
          codes[len] = SPACE;
          map[len++] = i++;
        }
        codes[len] = f;
        map[len++] = i++;
      }
      if (len > runStart) {
        last = codes[len - 1]!;
        if (i < n && isCombining(original.charCodeAt(i))) {
          // The mark belongs to the run's last character: give that one to the paths below.
          len--;
          i--;
          last = len > runStart ? codes[len - 1]! : lastBefore;
        }
      }
      if (i >= n) break;
    }
    const c = original.charCodeAt(i);
    const next = i + 1 < n ? original.charCodeAt(i + 1) : 0;
    let f = c < TABLE_SIZE ? FOLD[c]! : foldHigh(c);
    if (f === WS) {
      if (pendingSpace < 0) pendingSpace = i;
      i++;
      continue;
    }
    if (f === DROP) {
      i++;
      continue;
    }
    if (f !== SLOW && (next < 0x300 || !isCombining(next))) {
      // Fast path: one code unit in, at most one out (plus the space of a whitespace run already
      // consumed), so the capacity kept below (len + unread input + 2) always suffices.
      if (pendingSpace >= 0) {
        if (!(foldDashSpaces && (f === HYPHEN || last === HYPHEN))) {
          codes[len] = SPACE;
          map[len++] = pendingSpace;
        }
        pendingSpace = -1;
      }
      if (
        last === HYPHEN &&
        foldDashSpaces &&
        len >= 2 &&
        isFoldedLetter(f) &&
        isFoldedLetter(codes[len - 2]!)
      )
        codes[len - 1] = SPACE;
      codes[len] = f;
      map[len++] = i;
      last = f;
      i++;
      continue;
    }
    // Slow path: a base character with combining marks, or a character whose NFC or lower-case
    // form is not a single code unit. All output characters point at the cluster's start.
    let j = i + 1;
    while (j < n && isCombining(original.charCodeAt(j))) j++;
    const cluster = original.slice(i, j).normalize('NFC').toLowerCase();
    for (let k = 0; k < cluster.length; k++) {
      const u = cluster.charCodeAt(k);
      f = u < TABLE_SIZE ? FOLD[u]! : foldHigh(u);
      if (f === SLOW) f = u;
      // Marks NFC cannot compose (a stress mark on a Cyrillic vowel) would split words: drop them.
      if (f === DROP || (k > 0 && isCombining(f))) continue;
      if (f === WS) {
        if (pendingSpace < 0) pendingSpace = i;
        continue;
      }
      if (len + 2 > codes.length) {
        buf.length = len;
        grow(buf, len + 2 + cluster.length);
        codes = buf.codes;
        map = buf.map;
      }
      if (pendingSpace >= 0) {
        if (!(foldDashSpaces && (f === HYPHEN || last === HYPHEN))) {
          codes[len] = SPACE;
          map[len++] = pendingSpace;
        }
        pendingSpace = -1;
      }
      if (
        last === HYPHEN &&
        foldDashSpaces &&
        len >= 2 &&
        isFoldedLetter(f) &&
        isFoldedLetter(codes[len - 2]!)
      )
        codes[len - 1] = SPACE;
      codes[len] = f;
      map[len++] = i;
      last = f;
    }
    i = j;
    if (len + (n - i) + 2 > codes.length) {
      buf.length = len;
      grow(buf, len + (n - i) + 2);
      codes = buf.codes;
      map = buf.map;
    }
  }
  if (pendingSpace >= 0 && !(foldDashSpaces && last === HYPHEN)) {
    if (len + 2 > codes.length) {
      buf.length = len;
      grow(buf, len + 2);
      codes = buf.codes;
      map = buf.map;
    }
    codes[len] = SPACE;
    map[len++] = pendingSpace;
  }
  map[len] = n;
  buf.length = len;
}

// ---- One code unit at a time -------------------------------------------------------------------
//
// The matcher reads article text without normalising it first: most characters normalise to one
// code unit whatever surrounds them, and only those decide which words may start a match. These
// tell it what normalizeInto (in the matcher's mode) makes of one code unit, or that the answer
// depends on its neighbours.

/** A whitespace character: one space, none, or part of a dash, depending on its neighbours. */
export const ALONE_SPACE = 0xffff;
/** A dash: a hyphen, or a space between two letters. */
export const ALONE_DASH = 0xfffe;
/** Dropped, combining, or normalised with its neighbours (NFC, lower case of more than one unit). */
export const ALONE_HARD = 0xfffd;

/** Below TABLE_SIZE: the folded code unit, or one of the three classes above. */
export const ALONE_TABLE_SIZE = TABLE_SIZE;
export const ALONE = FOLD.map((f) =>
  f === WS
    ? ALONE_SPACE
    : f === HYPHEN
      ? ALONE_DASH
      : f === DROP || f === SLOW || (f >= 0x300 && f < 0x370)
        ? ALONE_HARD
        : f,
);

/** ALONE for a code unit at or above TABLE_SIZE. */
export function aloneHigh(c: number): number {
  if (isCombining(c)) return ALONE_HARD;
  const f = foldHigh(c);
  if (f === WS) return ALONE_SPACE;
  if (f === HYPHEN) return ALONE_DASH;
  // U+FFFD..U+FFFF fold to themselves and would read as the classes.
  return Math.min(f, ALONE_HARD);
}

/** Builds a string from UTF-16 code units in chunks (spreading a huge array would overflow the stack). */
export function codesToString(codes: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    out += String.fromCharCode.apply(
      null,
      codes.subarray(i, Math.min(length, i + 8192)) as unknown as number[],
    );
  }
  return out;
}

export function normalize(original: string): Normalized {
  const buf = createNormBuffer(original.length + 8);
  normalizeInto(original, false, buf);
  return { text: codesToString(buf.codes, buf.length), map: buf.map.slice(0, buf.length + 1) };
}

/**
 * English spellings of an alias that differ only in joining a hyphenated compound: "Nuclear
 * Non-Proliferation Treaty" is also written "Nuclear Nonproliferation Treaty". (Hyphen and space
 * spellings need no variant: the matcher's normalisation reads them alike.) Every combination of
 * joined and kept hyphens between two letters, the alias itself first; at most 8.
 */
export function joinedSpellings(alias: string): string[] {
  const parts = alias.split(/(?<=\p{L})-(?=\p{L})/u);
  if (parts.length === 1 || parts.length > 4) return [alias];
  const out: string[] = [];
  for (let mask = 0; mask < 1 << (parts.length - 1); mask++) {
    let s = parts[0]!;
    for (let k = 1; k < parts.length; k++) s += (mask & (1 << (k - 1)) ? '' : '-') + parts[k]!;
    out.push(s);
  }
  return out;
}
