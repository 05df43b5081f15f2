// The rule table: one regular expression per way English and Russian write a date, each with how
// it resolves against the publication day. find.ts decides where each rule is tried.

import { EN_MONTHS, RU_MONTHS_GENITIVE, RU_MONTHS_PREPOSITIONAL } from '../../shared/languages';
import {
  addDays,
  type Day,
  daysIn,
  month,
  type Period,
  partOfMonth,
  partOfYear,
  recentDay,
  recentMonthYear,
  relativeYear,
  single,
  weekday,
  year,
} from './periods';

// ---- Vocabulary --------------------------------------------------------------------------------

export const EN_MONTH_ABBR = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sept?',
  'Oct',
  'Nov',
  'Dec',
];
export const RU_MONTHS_GEN: readonly string[] = RU_MONTHS_GENITIVE;
export const RU_MONTHS_PREP: readonly string[] = RU_MONTHS_PREPOSITIONAL;
export const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const RU_WEEKDAYS = [
  'воскресенье',
  'понедельник',
  'вторник',
  'среду',
  'четверг',
  'пятницу',
  'субботу',
];

function enMonth(name: string): number {
  const key = name.replace('.', '').slice(0, 3).toLowerCase();
  return EN_MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === key) + 1;
}
const ruMonth = (name: string, list: readonly string[]) => list.indexOf(name.toLowerCase()) + 1;

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
export const ruleStarts: string[] = [];
export const ruleNeeds: string[] = [];

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

export const RULES: Rule[] = [
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
