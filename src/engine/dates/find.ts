// Date expressions in English and Russian article text, resolved against the publication date.
//
// A TASS article reports the past, so an expression without a year means the most recent such
// period on or before the publication date: "January 10" in an article of 14 January 2022 is
// 2022-01-10, "December 17" is 2021-12-17, "in June" is the last June that has begun, "on Monday"
// the last Monday on or before the day. "last June" is the last June before the current month.
// Explicitly future words ("tomorrow", "next year", "next June") resolve forwards. No other guess
// about announcements is made.

import { EN_MONTHS } from '../../shared/languages';
import type { IsoDate } from '../../shared/types';
import { iso, parseDay, publicationDay } from './periods';
import {
  EN_MONTH_ABBR,
  EN_WEEKDAYS,
  RU_MONTHS_GEN,
  RU_MONTHS_PREP,
  RU_WEEKDAYS,
  RULES,
  ruleNeeds,
  ruleStarts,
} from './rules';

export interface DateExpression {
  /** Offsets into the text. */
  start: number;
  end: number;
  /** The resolved period, inclusive. */
  from: IsoDate;
  to: IsoDate;
}

// ---- Where matches may start ---------------------------------------------------------------------
//
// Every rule begins with a word of a short list (its `starts`) right after a position that follows
// no letter or digit. Rather than run each of the eighteen expressions over the whole text, which
// costs a pass of the regular-expression engine per rule, findDates reads the text once, notes the
// word starts that begin some rule's match, and tries only those rules there, sticky. The matches
// are those of the global search: a rule's global search returns, from where its last match ended,
// the first position at which it matches, and every such position is one of the noted ones.

/**
 * Bit r set: rule r may start at a digit; at a word whose hash is in WORD_RULES or whose first
 * 3, 4 or 5 letters hash into PREFIX_RULES (a slot holds the bits of every word that hashes there:
 * a collision only costs a try that fails).
 */
let DIGIT_RULES = 0;
const HASH_MASK = 1023;
const WORD_RULES = new Int32Array(HASH_MASK + 1);
const PREFIX_RULES = new Int32Array(HASH_MASK + 1);
/** The length of the prefixes of PREFIX_RULES: bit k set for length k. */
let PREFIX_LENGTHS = 0;
/** Words of WORD_RULES are at most this long. */
let LONGEST_WORD = 0;

/** Hash of a lower-cased word, as `starts` computes it letter by letter. */
const step = (h: number, c: number) => (Math.imul(h, 31) + c) | 0;
function hashOf(word: string): number {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = step(h, word.charCodeAt(k));
  return h & HASH_MASK;
}

for (let r = 0; r < RULES.length; r++) {
  const bit = 1 << r;
  const addWord = (word: string) => {
    const h = hashOf(word);
    WORD_RULES[h] = WORD_RULES[h]! | bit;
    LONGEST_WORD = Math.max(LONGEST_WORD, word.length);
  };
  for (const start of ruleStarts[r]!.split(' ')) {
    if (start === '#') DIGIT_RULES |= bit;
    else if (start === 'MONTH') {
      for (const name of EN_MONTHS) addWord(name.toLowerCase());
      for (const abbr of EN_MONTH_ABBR) {
        const word = abbr.replace('?', '').toLowerCase();
        addWord(word);
        if (abbr.endsWith('?')) addWord(word.slice(0, -1)); // "Sept?": "sep" too
      }
    } else if (start === 'WEEKDAY') for (const day of EN_WEEKDAYS) addWord(day.toLowerCase());
    else if (start.endsWith('*')) {
      const prefix = start.slice(0, -1);
      if (prefix.length < 3 || prefix.length > 5) throw new Error(`prefix of 3 to 5 letters: ${prefix}`);
      const h = hashOf(prefix);
      PREFIX_RULES[h] = PREFIX_RULES[h]! | bit;
      PREFIX_LENGTHS |= 1 << prefix.length;
    } else addWord(start);
  }
}

/**
 * What texts must hold for the rules (see rule): ANCHOR_WORDS[hash] = the anchor bits of the words
 * with that hash, PREFIX_ANCHORS the same for words that begin with a prefix, DIGIT_ANCHOR the bit
 * of a digit; RULE_NEEDS[r] = the alternatives of rule r, each a set of anchor bits.
 */
const ANCHOR_WORDS = new Int32Array(HASH_MASK + 1);
const PREFIX_ANCHORS = new Int32Array(HASH_MASK + 1);
let DIGIT_ANCHOR = 0;
let LONGEST_ANCHOR = 0;
const RULE_NEEDS: number[][] = [];
/** RULE_NEEDS flattened: alternative k is the anchor set NEED_SETS[k] of the rule bit NEED_RULES[k]. */
let NEED_SETS = new Int32Array(0);
let NEED_RULES = new Int32Array(0);
{
  const bits = new Map<string, number>();
  const bitOf = (token: string) => {
    let bit = bits.get(token);
    if (bit === undefined) {
      if (bits.size === 31) throw new Error('too many kinds of anchor');
      bit = 1 << bits.size;
      bits.set(token, bit);
    }
    return bit;
  };
  const anchor = (word: string, bit: number) => {
    const h = hashOf(word);
    ANCHOR_WORDS[h] = ANCHOR_WORDS[h]! | bit;
    LONGEST_ANCHOR = Math.max(LONGEST_ANCHOR, word.length);
  };
  for (const needs of ruleNeeds) {
    const alternatives: number[] = [];
    for (const alternative of needs.split('|')) {
      let set = 0;
      for (const token of alternative.split('+')) {
        const bit = bitOf(token);
        set |= bit;
        if (token === '#') DIGIT_ANCHOR = bit;
        else if (token === 'MONTH') {
          for (const name of EN_MONTHS) anchor(name.toLowerCase(), bit);
          for (const abbr of EN_MONTH_ABBR) {
            const word = abbr.replace('?', '').toLowerCase();
            anchor(word, bit);
            if (abbr.endsWith('?')) anchor(word.slice(0, -1), bit);
          }
          for (const prefix of ['early', 'late', 'mid']) {
            const h = hashOf(prefix);
            PREFIX_ANCHORS[h] = PREFIX_ANCHORS[h]! | bit;
          }
        } else if (token === 'WEEKDAY') for (const day of EN_WEEKDAYS) anchor(day.toLowerCase(), bit);
        else if (token === 'RU_GEN') for (const name of RU_MONTHS_GEN) anchor(name, bit);
        else if (token === 'RU_PREP') for (const name of RU_MONTHS_PREP) anchor(name, bit);
        else if (token === 'RU_WEEKDAY') for (const day of RU_WEEKDAYS) anchor(day, bit);
        else anchor(token, bit);
      }
      alternatives.push(set);
    }
    RULE_NEEDS.push(alternatives);
  }
  const sets: number[] = [];
  const rules: number[] = [];
  RULE_NEEDS.forEach((alternatives, r) => {
    for (const set of alternatives) {
      sets.push(set);
      rules.push(1 << r);
    }
  });
  NEED_SETS = Int32Array.from(sets);
  NEED_RULES = Int32Array.from(rules);
  for (const prefix of ['early', 'late', 'mid']) {
    if (!PREFIX_LENGTHS || ((PREFIX_LENGTHS >> prefix.length) & 1) === 0) throw new Error('prefix');
  }
}

/**
 * The characters outside ASCII and the basic Cyrillic block (U+0400–U+045F) that a
 * case-insensitive rule takes for one of their letters: LATIN SMALL LETTER LONG S ("s"), the old
 * Cyrillic letter forms U+1C80–U+1C86 ("в", "д", "о", "с", "т", "т", "ъ") and KELVIN SIGN ("k").
 * A text holding one is searched the plain way, rule by rule. (A unit test checks this list
 * against the regular-expression engine.)
 */
export const FOLDS_INTO_WORD_LETTERS = [
  0x17f, 0x1c80, 0x1c81, 0x1c82, 0x1c83, 0x1c84, 0x1c85, 0x1c86, 0x212a,
];

/**
 * 1 for the characters words are read in: ASCII letters and digits and the basic Cyrillic block,
 * where lower-casing is what the case-insensitive rules do; 2 for FOLDS_INTO_WORD_LETTERS.
 */
const CHAR_KIND = new Uint8Array(65536);
CHAR_KIND.fill(1, 0x30, 0x3a);
CHAR_KIND.fill(1, 0x41, 0x5b);
CHAR_KIND.fill(1, 0x61, 0x7b);
CHAR_KIND.fill(1, 0x400, 0x460);
for (const c of FOLDS_INTO_WORD_LETTERS) CHAR_KIND[c] = 2;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Where rules may start in `text`: pairs of (position, bit set of rules), in text order, dropping
 * the rules whose needs the text does not meet (see rule); null when the text holds one of
 * FOLDS_INTO_WORD_LETTERS.
 */
function starts(text: string): number[] | null {
  const kinds = CHAR_KIND;
  const out: number[] = [];
  const n = text.length;
  let anchors = 0;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    const kind = kinds[c]!;
    if (kind !== 1) {
      if (kind === 2) return null;
      p++;
      continue;
    }
    // A word start: p follows no letter or digit of kind 1 (the rules ask for less).
    let e = p + 1;
    let rules = 0;
    if (isDigit(c)) {
      rules = DIGIT_RULES;
      anchors |= DIGIT_ANCHOR;
    } else {
      // Hash the word's letters, lower-cased, up to its end or a digit.
      let h = step(0, lower(c));
      for (; e < n; e++) {
        const d = text.charCodeAt(e);
        if (kinds[d] !== 1 || isDigit(d)) break;
        if ((PREFIX_LENGTHS >> (e - p)) & 1) {
          rules |= PREFIX_RULES[h & HASH_MASK]!;
          anchors |= PREFIX_ANCHORS[h & HASH_MASK]!;
        }
        h = step(h, lower(d));
      }
      const length = e - p;
      if ((PREFIX_LENGTHS >> length) & 1) {
        rules |= PREFIX_RULES[h & HASH_MASK]!;
        anchors |= PREFIX_ANCHORS[h & HASH_MASK]!;
      }
      if (length <= LONGEST_WORD) rules |= WORD_RULES[h & HASH_MASK]!;
      if (length <= LONGEST_ANCHOR) anchors |= ANCHOR_WORDS[h & HASH_MASK]!;
    }
    // The rest of the word: digits in it count.
    for (; e < n; e++) {
      const d = text.charCodeAt(e);
      if (kinds[d] !== 1) break;
      if (isDigit(d)) anchors |= DIGIT_ANCHOR;
    }
    if (rules !== 0) out.push(p, rules);
    p = e;
  }
  // Rules whose needs are not met start nowhere.
  let runnable = 0;
  for (let k = 0; k < NEED_SETS.length; k++) {
    const set = NEED_SETS[k]!;
    if ((anchors & set) === set) runnable |= NEED_RULES[k]!;
  }
  let kept = 0;
  for (let k = 0; k < out.length; k += 2) {
    const rules = out[k + 1]! & runnable;
    if (rules !== 0) {
      out[kept++] = out[k]!;
      out[kept++] = rules;
    }
  }
  out.length = kept;
  return out;
}

/** The rules that may start at the word at p (its first character of kind 1), as bits. */
function wordRules(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (isDigit(c)) return DIGIT_RULES;
  // Hash the word's letters, lower-cased, up to its end or a digit.
  const n = text.length;
  let rules = 0;
  let h = step(0, lower(c));
  let e = p + 1;
  for (; e < n; e++) {
    const d = text.charCodeAt(e);
    if (CHAR_KIND[d] !== 1 || isDigit(d)) break;
    if ((PREFIX_LENGTHS >> (e - p)) & 1) rules |= PREFIX_RULES[h & HASH_MASK]!;
    h = step(h, lower(d));
  }
  const length = e - p;
  if ((PREFIX_LENGTHS >> length) & 1) rules |= PREFIX_RULES[h & HASH_MASK]!;
  if (length <= LONGEST_WORD) rules |= WORD_RULES[h & HASH_MASK]!;
  return rules;
}

/**
 * False when no date expression can start at position q of `text` (true may be wrong: it is for
 * skipping work). Every expression starts with a word of its rule's `starts`.
 */
export function mayStartDate(text: string, q: number): boolean {
  if (q >= text.length) return false;
  const kind = CHAR_KIND[text.charCodeAt(q)]!;
  return kind === 2 || (kind === 1 && wordRules(text, q) !== 0);
}

/**
 * The last words of date expressions, lower case: every expression ends with one of these, or
 * with a word that starts or ends with a digit ("10th", "2021", "mid-2021", "2021г."), or with
 * one of these and a period ("Jan.", "г.").
 */
const FINAL_WORDS = new Set([
  ...EN_MONTHS.map((m) => m.toLowerCase()),
  ...EN_MONTH_ABBR.map((a) => a.replace('?', '').toLowerCase()),
  'sep',
  'year',
  'week',
  'month',
  ...EN_WEEKDAYS.map((d) => d.toLowerCase()),
  'yesterday',
  'today',
  'tomorrow',
  ...RU_MONTHS_GEN,
  ...RU_MONTHS_PREP,
  'года',
  'году',
  'г',
  ...RU_WEEKDAYS,
  'позавчера',
  'вчера',
  'сегодня',
  'завтра',
  'месяце',
  'неделе',
]);
const FINAL_LENGTHS = [...new Set([...FINAL_WORDS].map((w) => w.length))];

/**
 * False when no date expression can end at position q of `text` (true may be wrong: it is for
 * skipping work): the word before q, less a final period, ends no expression.
 */
export function mayEndDate(text: string, q: number): boolean {
  let end = q;
  if (end > 0 && text.charCodeAt(end - 1) === 0x2e) end--; // "Jan.", "г."
  let start = end;
  while (start > 0) {
    const kind = CHAR_KIND[text.charCodeAt(start - 1)]!;
    if (kind === 0) break;
    if (kind === 2) return true;
    start--;
  }
  if (start === end) return false;
  if (isDigit(text.charCodeAt(start)) || isDigit(text.charCodeAt(end - 1))) return true;
  const word = text.slice(start, end).toLowerCase();
  for (const length of FINAL_LENGTHS) {
    if (length <= word.length && FINAL_WORDS.has(word.slice(word.length - length))) return true;
  }
  return false;
}

/** Lower case of a character of kind 1 (ASCII letter or digit, basic Cyrillic). */
function lower(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (c < 0x410) return c + 0x50; // Ѐ…Џ
  return c < 0x430 ? c + 0x20 : c;
}

/**
 * Every date expression in `text`, with the period it names resolved against `published`
 * (YYYY-MM-DD). Overlapping candidates keep the one that starts first, then the longest.
 * `offset` is added to the offsets found: the position of `text` in a longer text it was cut from.
 */
export function findDates(text: string, published: IsoDate, offset = 0): DateExpression[] {
  const at = starts(text);
  if (at === null) return findDatesByRule(text, published, offset);
  if (at.length === 0) return [];
  const pub = publicationDay(published);
  const found: DateExpression[] = [];
  for (let r = 0; r < RULES.length; r++) {
    const { sticky, resolve } = RULES[r]!;
    const bit = 1 << r;
    let from = 0; // where the rule's global search would go on
    for (let k = 0; k < at.length; k += 2) {
      const p = at[k]!;
      if (p < from || (at[k + 1]! & bit) === 0) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (m === null) continue;
      from = p + m[0].length;
      const period = resolve(m, pub);
      if (period !== null) {
        found.push({ start: p + offset, end: from + offset, from: iso(period.from), to: iso(period.to) });
      }
    }
  }
  return firstLongest(found);
}

/** findDates the plain way: every rule's global search over the whole text. */
export function findDatesByRule(text: string, published: IsoDate, offset = 0): DateExpression[] {
  const pub = parseDay(published);
  const found: DateExpression[] = [];
  for (const { re, resolve } of RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const period = resolve(m, pub);
      if (period !== null) {
        found.push({
          start: m.index + offset,
          end: m.index + m[0].length + offset,
          from: iso(period.from),
          to: iso(period.to),
        });
      }
    }
  }
  return firstLongest(found);
}

/** Of overlapping expressions, the one that starts first, then the longest. */
function firstLongest(found: DateExpression[]): DateExpression[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateExpression[] = [];
  let end = -1;
  for (const d of found) {
    if (d.start >= end) {
      out.push(d);
      end = d.end;
    }
  }
  return out;
}
