// Date expressions in English and Russian article text, resolved against the publication date.
//
// A TASS article reports the past, so an expression without a year means the most recent such
// period on or before the publication date: "January 10" in an article of 14 January 2022 is
// 2022-01-10, "December 17" is 2021-12-17, "in June" is the last June that has begun, "on Monday"
// the last Monday on or before the day. "last June" is the last June before the current month.
// Explicitly future words ("tomorrow", "next year", "next June") resolve forwards. No other guess
// about announcements is made.

import type { IsoDate } from '../shared/types';

export interface DateExpression {
  /** Offsets into the text. */
  start: number;
  end: number;
  /** The resolved period, inclusive. */
  from: IsoDate;
  to: IsoDate;
}

interface Day {
  y: number;
  m: number; // 1..12
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = ({ y, m, d }: Day): IsoDate => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function parseDay(date: IsoDate): Day {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m ?? 1, d: d ?? 1 };
}

/** The publication day of the last findDates call: the linker calls it once per sentence. */
let lastPublished = '';
let lastPub: Day = { y: 0, m: 1, d: 1 };
function publicationDay(date: IsoDate): Day {
  if (date !== lastPublished) {
    lastPub = parseDay(date);
    lastPublished = date;
  }
  return lastPub;
}

function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const weekday = (day: Day) => new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay(); // 0 = Sunday

type Period = { from: Day; to: Day };

const month = (y: number, m: number): Period => ({ from: { y, m, d: 1 }, to: { y, m, d: daysIn(y, m) } });
const year = (y: number): Period => ({ from: { y, m: 1, d: 1 }, to: { y, m: 12, d: 31 } });
const single = (day: Day): Period => ({ from: day, to: day });

/** A part of a year: its beginning (first quarter), middle, end (last quarter) or halves. */
function partOfYear(y: number, part: string): Period {
  switch (part) {
    case 'beginning':
      return { from: { y, m: 1, d: 1 }, to: { y, m: 3, d: 31 } };
    case 'middle':
      return { from: { y, m: 5, d: 1 }, to: { y, m: 8, d: 31 } };
    case 'end':
      return { from: { y, m: 10, d: 1 }, to: { y, m: 12, d: 31 } };
    default:
      return year(y);
  }
}

/** A part of a month: beginning (days 1–10), middle (11–20), end (21–last). */
function partOfMonth(y: number, m: number, part: string): Period {
  if (part === 'beginning') return { from: { y, m, d: 1 }, to: { y, m, d: 10 } };
  if (part === 'middle') return { from: { y, m, d: 11 }, to: { y, m, d: 20 } };
  if (part === 'end') return { from: { y, m, d: 21 }, to: { y, m, d: daysIn(y, m) } };
  return month(y, m);
}

/** The year of a month named without a year: the most recent one that has begun. */
function recentMonthYear(m: number, pub: Day): number {
  return m <= pub.m ? pub.y : pub.y - 1;
}

/** A day and month without a year: the most recent such day on or before publication. */
function recentDay(m: number, d: number, pub: Day): Day | null {
  let y = pub.y;
  if (m > pub.m || (m === pub.m && d > pub.d)) y--;
  return d <= daysIn(y, m) ? { y, m, d } : null;
}

/** The year a relative word points at ("last" → previous year). */
function relativeYear(word: string, pub: Day): number | null {
  const w = word.toLowerCase();
  if (['last', 'прошлого', 'прошлом'].includes(w)) return pub.y - 1;
  if (['позапрошлого', 'позапрошлом'].includes(w)) return pub.y - 2;
  if (['this', 'этого', 'этом', 'текущего', 'текущем', 'нынешнего', 'нынешнем'].includes(w)) return pub.y;
  if (['next', 'следующего', 'следующем', 'будущего', 'будущем'].includes(w)) return pub.y + 1;
  return null;
}

// ---- Vocabulary --------------------------------------------------------------------------------

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EN_MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept?', 'Oct', 'Nov', 'Dec'];
const RU_MONTHS_GEN = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const RU_MONTHS_PREP = [
  'январе',
  'феврале',
  'марте',
  'апреле',
  'мае',
  'июне',
  'июле',
  'августе',
  'сентябре',
  'октябре',
  'ноябре',
  'декабре',
];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const RU_WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу'];

function enMonth(name: string): number {
  const key = name.replace('.', '').slice(0, 3).toLowerCase();
  return EN_MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === key) + 1;
}
const ruMonth = (name: string, list: string[]) => list.indexOf(name.toLowerCase()) + 1;

/** "on" or "On": English function words may open a sentence; month names must be capitalised. */
const ci = (word: string) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const S = '\\s+';
const EN_MONTH = `(${EN_MONTHS.join('|')}|(?:${EN_MONTH_ABBR.join('|')})\\.)`;
const EN_REL = `(${ci('last')}|${ci('this')}|${ci('next')})`;
const RU_REL = '(прошлого|позапрошлого|этого|текущего|нынешнего|следующего|будущего)';
const RU_YEAR = `(?:${S}(\\d{4})(?:\\s*(?:года|году|г\\.))?|${S}${RU_REL}${S}года)`;

interface Rule {
  re: RegExp;
  /** The same expression, sticky: tried only where a match may start (see findDates). */
  sticky: RegExp;
  resolve: (m: RegExpExecArray, pub: Day) => Period | null;
}

/** Where a rule's match may start, and what a text must hold for it to match: see rule. */
const ruleStarts: string[] = [];
const ruleNeeds: string[] = [];

/**
 * A rule. `starts` names every word its matches may start with, lower case, space-separated: a
 * word, "MONTH" (an English month name or abbreviation), "WEEKDAY" (an English weekday), "word*"
 * (any word that begins so: "mid" also starts "midJune") or "#" (a digit). After " / ", what every
 * match holds: alternatives separated by "|", each one or more of these joined by "+": a word
 * (a whole word of the text, in any case), "#" (a digit anywhere), "MONTH" (an English month name
 * or abbreviation as a word, or a word that starts with "early", "late" or "mid", which a month
 * may follow without a space), "WEEKDAY", "RU_GEN" or "RU_PREP" (a Russian month name in the
 * genitive or prepositional), "RU_WEEKDAY". A text that holds none of a rule's alternatives is not
 * searched with it.
 */
const rule = (source: string, resolve: Rule['resolve'], starts: string, flags = 'gu'): Rule => {
  const [words, needs] = starts.split(' / ');
  ruleStarts.push(words!);
  ruleNeeds.push(needs!);
  return {
    re: new RegExp(`${B}${source}${E}`, flags),
    sticky: new RegExp(`${B}${source}${E}`, `${flags.replace('g', '')}y`),
    resolve,
  };
};

const yearOf = (digits: string | undefined, rel: string | undefined, pub: Day): number | null => {
  if (digits !== undefined) return Number(digits);
  if (rel !== undefined) return relativeYear(rel, pub);
  return null;
};

function dayPeriod(y: number | null, m: number, d: number, pub: Day): Period | null {
  if (m < 1 || d < 1) return null;
  if (y === null) {
    const day = recentDay(m, d, pub);
    return day === null ? null : single(day);
  }
  return d <= daysIn(y, m) ? single({ y, m, d }) : null;
}

const PART_EN: Record<string, string> = {
  beginning: 'beginning',
  start: 'beginning',
  middle: 'middle',
  end: 'end',
};
const EARLY_LATE: Record<string, string> = {
  early: 'beginning',
  mid: 'middle',
  'mid-': 'middle',
  late: 'end',
};
const PART_RU: Record<string, string> = { начале: 'beginning', середине: 'middle', конце: 'end' };

const RULES: Rule[] = [
  // "on January 10", "January 10, 2022", "Jan. 10", "December 17 last year"
  rule(
    `(?:${ci('on')}${S})?${EN_MONTH}${S}(\\d{1,2})(?:st|nd|rd|th)?(?:,?${S}(\\d{4})|${S}${EN_REL}${S}year)?`,
    (m, pub) => dayPeriod(yearOf(m[3], m[4], pub), enMonth(m[1]!), Number(m[2]), pub),
    'on MONTH / MONTH+#',
  ),
  // "on 10 January", "10th of January 2022"
  rule(
    `(?:${ci('on')}${S})?(\\d{1,2})(?:st|nd|rd|th)?${S}(?:of${S})?${EN_MONTH}(?:,?${S}(\\d{4}))?`,
    (m, pub) => dayPeriod(yearOf(m[3], undefined, pub), enMonth(m[2]!), Number(m[1]), pub),
    'on # / MONTH+#',
  ),
  // "in June 2021", "June of 2021"
  rule(
    `(?:${ci('in')}${S})?${EN_MONTH}(?:${S}of)?${S}(\\d{4})`,
    (m) => month(Number(m[2]), enMonth(m[1]!)),
    'in MONTH / MONTH+#',
  ),
  // "last June", "in June", "in early June", "June last year", "in June of last year"
  rule(
    `(?:(${ci('in')}|${ci('since')}|${ci('during')}|${ci('by')})${S})?(?:(${ci('early')}|${ci('late')}|${ci('mid')}-?)\\s*)?(?:${EN_REL}${S})?${EN_MONTH}(?:(?:${S}of)?${S}${EN_REL}${S}year)?`,
    (m, pub) => {
      const [, prep, part, rel, name, relYear] = m;
      if (prep === undefined && part === undefined && rel === undefined && relYear === undefined) return null;
      const mo = enMonth(name!);
      let y: number;
      if (relYear !== undefined) y = relativeYear(relYear, pub)!;
      else if (rel !== undefined) {
        const r = rel.toLowerCase();
        if (r === 'last') y = mo < pub.m ? pub.y : pub.y - 1;
        else if (r === 'next') y = mo > pub.m ? pub.y : pub.y + 1;
        else y = pub.y;
      } else y = recentMonthYear(mo, pub);
      return partOfMonth(y, mo, part === undefined ? '' : EARLY_LATE[part.toLowerCase()]!);
    },
    'in since during by early* late* mid* last this next MONTH / MONTH',
  ),
  // "last year", "at the beginning of last year", "early last year", "in 2021", "at the end of 2021"
  rule(
    `(?:(?:${ci('at')}|${ci('in')})${S}the${S}(beginning|start|middle|end)${S}of${S}|(${ci('early')}|${ci('late')}|${ci('mid')}-?)\\s*|(?:${ci('earlier')}|${ci('later')})${S}(?=this))?(?:${EN_REL}${S}year|(\\d{4}))`,
    (m, pub) => {
      const [whole, partWords, earlyLate, rel, digits] = m;
      let y: number;
      if (digits !== undefined) {
        // A bare year is too vague ("2021 results"); take it after a preposition or a part word.
        if (partWords === undefined && earlyLate === undefined) return null;
        y = Number(digits);
      } else y = relativeYear(rel!, pub)!;
      const part =
        partWords !== undefined
          ? PART_EN[partWords]!
          : earlyLate !== undefined
            ? EARLY_LATE[earlyLate.toLowerCase()]!
            : '';
      if (/^earlier/i.test(whole)) return { from: { y, m: 1, d: 1 }, to: pub };
      return partOfYear(y, part);
    },
    'at in early* late* mid* earlier later last this next # / year|#',
  ),
  rule(
    `(?:${ci('in')}|${ci('since')}|${ci('during')}|${ci('throughout')})${S}(\\d{4})`,
    (m) => year(Number(m[1])),
    'in since during throughout / #',
  ),
  // "on Monday", "last Friday"
  rule(
    `(?:(${ci('on')}|${ci('last')})${S})?(${EN_WEEKDAYS.join('|')})`,
    (m, pub) => {
      const target = EN_WEEKDAYS.indexOf(m[2]!);
      let back = (weekday(pub) - target + 7) % 7;
      if (back === 0 && m[1]?.toLowerCase() === 'last') back = 7;
      return single(addDays(pub, -back));
    },
    'on last WEEKDAY / WEEKDAY',
  ),
  rule(
    `(${ci('the')}${S}day${S}before${S}yesterday|${ci('yesterday')}|${ci('today')}|${ci('tomorrow')})`,
    (m, pub) => {
      const w = m[1]!.toLowerCase();
      const shift = w === 'yesterday' ? -1 : w === 'today' ? 0 : w === 'tomorrow' ? 1 : -2;
      return single(addDays(pub, shift));
    },
    'the yesterday today tomorrow / yesterday|today|tomorrow',
  ),
  rule(
    `(${ci('last')}|${ci('this')}|${ci('next')})${S}(week|month)`,
    (m, pub) => {
      const rel = m[1]!.toLowerCase();
      const shift = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
      if (m[2] === 'month') {
        const first = { y: pub.y, m: pub.m + shift, d: 1 };
        if (first.m < 1) Object.assign(first, { y: pub.y - 1, m: 12 });
        if (first.m > 12) Object.assign(first, { y: pub.y + 1, m: 1 });
        return month(first.y, first.m);
      }
      const monday = addDays(pub, -((weekday(pub) + 6) % 7) + 7 * shift);
      return { from: monday, to: addDays(monday, 6) };
    },
    'last this next / week|month',
  ),

  // ---- Russian (lower case in running text; the i flag also takes a capitalised sentence start)
  // "10 января", "17 декабря 2021 года", "17 декабря прошлого года"
  rule(
    `(\\d{1,2})(?:-го)?${S}(${RU_MONTHS_GEN.join('|')})${RU_YEAR}?`,
    (m, pub) => dayPeriod(yearOf(m[3], m[4], pub), ruMonth(m[2]!, RU_MONTHS_GEN), Number(m[1]), pub),
    '# / RU_GEN+#',
    'giu',
  ),
  // "в июне", "в июне прошлого года", "в июне 2021 года"
  rule(
    `(?:в|во)${S}(${RU_MONTHS_PREP.join('|')})${RU_YEAR}?`,
    (m, pub) => {
      const mo = ruMonth(m[1]!, RU_MONTHS_PREP);
      return month(yearOf(m[2], m[3], pub) ?? recentMonthYear(mo, pub), mo);
    },
    'в во / RU_PREP',
    'giu',
  ),
  // "в начале июня", "в конце декабря прошлого года"
  rule(
    `в${S}(начале|середине|конце)${S}(${RU_MONTHS_GEN.join('|')})${RU_YEAR}?`,
    (m, pub) => {
      const mo = ruMonth(m[2]!, RU_MONTHS_GEN);
      return partOfMonth(
        yearOf(m[3], m[4], pub) ?? recentMonthYear(mo, pub),
        mo,
        PART_RU[m[1]!.toLowerCase()]!,
      );
    },
    'в / RU_GEN',
    'giu',
  ),
  // "в прошлом году", "в этом году"
  rule(
    `в${S}(прошлом|позапрошлом|этом|текущем|нынешнем|следующем|будущем)${S}году`,
    (m, pub) => year(relativeYear(m[1]!, pub)!),
    'в / году',
    'giu',
  ),
  // "в начале прошлого года", "в конце 2021 года", "в середине года"
  rule(
    `в${S}(начале|середине|конце)${S}(?:${RU_REL}${S}года|(\\d{4})\\s*(?:года|г\\.)|(года))`,
    (m, pub) => {
      const y = m[2] !== undefined ? relativeYear(m[2], pub)! : m[3] !== undefined ? Number(m[3]) : pub.y;
      return partOfYear(y, PART_RU[m[1]!.toLowerCase()]!);
    },
    'в / года|#',
    'giu',
  ),
  // "в 2021 году", "в 2021 г."
  rule(`(?:в|с)${S}(\\d{4})\\s*(?:году|года|г\\.)`, (m) => year(Number(m[1])), 'в с / #', 'giu'),
  // "в понедельник", "в прошлую пятницу"
  rule(
    `(?:в|во)${S}(?:(прошл(?:ый|ую|ое))${S})?(${RU_WEEKDAYS.join('|')})`,
    (m, pub) => {
      const target = RU_WEEKDAYS.indexOf(m[2]!.toLowerCase());
      let back = (weekday(pub) - target + 7) % 7;
      if (back === 0 && m[1] !== undefined) back = 7;
      return single(addDays(pub, -back));
    },
    'в во / RU_WEEKDAY',
    'giu',
  ),
  rule(
    '(позавчера|вчера|сегодня|завтра)',
    (m, pub) => {
      const w = m[1]!.toLowerCase();
      return single(addDays(pub, w === 'позавчера' ? -2 : w === 'вчера' ? -1 : w === 'сегодня' ? 0 : 1));
    },
    'позавчера вчера сегодня завтра / позавчера|вчера|сегодня|завтра',
    'giu',
  ),
  rule(
    '(?:в|на)\\s+(прошлом|этом|следующем|прошлой|этой|следующей)\\s+(месяце|неделе)',
    (m, pub) => {
      const rel = m[1]!.toLowerCase();
      const shift = rel.startsWith('прошл') ? -1 : rel.startsWith('следующ') ? 1 : 0;
      if (m[2]!.toLowerCase() === 'месяце') {
        const t = new Date(Date.UTC(pub.y, pub.m - 1 + shift, 1));
        return month(t.getUTCFullYear(), t.getUTCMonth() + 1);
      }
      const monday = addDays(pub, -((weekday(pub) + 6) % 7) + 7 * shift);
      return { from: monday, to: addDays(monday, 6) };
    },
    'в на / месяце|неделе',
    'giu',
  ),
];

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
