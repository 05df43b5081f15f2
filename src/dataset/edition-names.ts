// The words an edition's generated names are made of: ordinals in English and Russian, Russian
// adjectives and ordinals agreeing with the word that follows them ("25-я сессия", "тяньцзиньская
// декларация"), and the filling of a series' name patterns with an edition's values. Curators write
// a pattern once per series; these rules write it out for every edition.

import { RU_CARDINAL_TENS } from '../shared/languages';

export type Gender = 'm' | 'f' | 'n' | 'pl';

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_ORDINAL_WORDS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** "25th" (1st, 2nd, 3rd, 11th, 12th, 13th, 21st...). */
export function englishOrdinalNumber(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function englishCardinal(n: number): string {
  if (n < 10) return EN_UNITS[n]!;
  if (n < 20) return EN_TEENS[n - 10]!;
  if (n < 100) return EN_TENS[Math.floor(n / 10)]! + (n % 10 ? `-${EN_UNITS[n % 10]}` : '');
  const rest = n % 100;
  return `${EN_UNITS[Math.floor(n / 100)]} hundred${rest ? ` and ${englishCardinal(rest)}` : ''}`;
}

/** "twenty-fifth", "first", "one hundredth"; for 1–999. */
export function englishOrdinalWord(n: number): string {
  const words = englishCardinal(n);
  return words.replace(/[a-z]+$/, (last) => {
    if (EN_ORDINAL_WORDS[last]) return EN_ORDINAL_WORDS[last]!;
    if (last.endsWith('y')) return `${last.slice(0, -1)}ieth`;
    return `${last}th`;
  });
}

/** "XXV"; for 1–3999. */
export function romanNumeral(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

// Russian ordinal words in the masculine nominative; the endings are changed for the gender.
const RU_ORDINAL_UNITS = [
  '',
  'первый',
  'второй',
  'третий',
  'четвертый',
  'пятый',
  'шестой',
  'седьмой',
  'восьмой',
  'девятый',
];
const RU_ORDINAL_TEENS = [
  'десятый',
  'одиннадцатый',
  'двенадцатый',
  'тринадцатый',
  'четырнадцатый',
  'пятнадцатый',
  'шестнадцатый',
  'семнадцатый',
  'восемнадцатый',
  'девятнадцатый',
];
const RU_ORDINAL_TENS = [
  '',
  '',
  'двадцатый',
  'тридцатый',
  'сороковой',
  'пятидесятый',
  'шестидесятый',
  'семидесятый',
  'восьмидесятый',
  'девяностый',
];
const RU_CARDINAL_HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];
const RU_ORDINAL_HUNDREDS = [
  '',
  'сотый',
  'двухсотый',
  'трехсотый',
  'четырехсотый',
  'пятисотый',
  'шестисотый',
  'семисотый',
  'восьмисотый',
  'девятисотый',
];

/**
 * A Russian adjective (or ordinal) from its masculine nominative to `gender`: "тяньцзиньский" →
 * "тяньцзиньская", "второй" → "второе", "третий" → "третья". The nominative only: the matcher makes
 * the other cases.
 */
export function russianAdjective(masculine: string, gender: Gender): string {
  if (gender === 'm') return masculine;
  const lower = masculine.toLowerCase();
  if (lower.endsWith('третий')) {
    const stem = masculine.slice(0, -2);
    return stem + { f: 'ья', n: 'ье', pl: 'ьи' }[gender];
  }
  const stem = masculine.slice(0, -2);
  const before = lower.slice(-3, -2);
  const velar = 'гкх'.includes(before);
  const sibilant = 'жшщч'.includes(before);
  if (lower.endsWith('ый')) return stem + { f: 'ая', n: 'ое', pl: 'ые' }[gender];
  if (lower.endsWith('ой')) return stem + { f: 'ая', n: 'ое', pl: velar || sibilant ? 'ие' : 'ые' }[gender];
  if (lower.endsWith('ий')) {
    if (velar) return stem + { f: 'ая', n: 'ое', pl: 'ие' }[gender];
    if (sibilant) return stem + { f: 'ая', n: 'ее', pl: 'ие' }[gender];
    return stem + { f: 'яя', n: 'ее', pl: 'ие' }[gender];
  }
  return masculine;
}

/** "двадцать пятый", "сороковая", "сотое"; for 1–999. */
export function russianOrdinalWord(n: number, gender: Gender): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  let last: string;
  if (n % 100 === 0) last = RU_ORDINAL_HUNDREDS[hundreds]!;
  else {
    if (hundreds) words.push(RU_CARDINAL_HUNDREDS[hundreds]!);
    if (tens === 1) last = RU_ORDINAL_TEENS[units]!;
    else if (units === 0) last = RU_ORDINAL_TENS[tens]!;
    else {
      if (tens) words.push(RU_CARDINAL_TENS[tens]!);
      last = RU_ORDINAL_UNITS[units]!;
    }
  }
  words.push(russianAdjective(last, gender));
  return words.join(' ');
}

/** "25-й" (m), "25-я" (f), "25-е" (n, pl): the numeric ordinal as Russian text writes it. */
export function russianOrdinalNumber(n: number, gender: Gender): string {
  return `${n}-${{ m: 'й', f: 'я', n: 'е', pl: 'е' }[gender]}`;
}

/** Grammatical gender of Russian abbreviations that can follow an ordinal or an adjective. */
const ABBREVIATION_GENDER: Record<string, Gender> = {
  ШОС: 'f',
  ОДКБ: 'f',
  ОБСЕ: 'f',
  ООН: 'f',
  СНГ: 'n',
  НАТО: 'f',
};

/** Feminine nouns in -ь and masculine nouns in -а/-я that the endings alone would misjudge. */
const FEMININE_SOFT = new Set([
  'ночь',
  'речь',
  'связь',
  'площадь',
  'мощь',
  'помощь',
  'часть',
  'власть',
  'область',
]);
const MASCULINE_IN_A = new Set(['мужчина', 'судья', 'глава']);

/**
 * The gender (or plural) of a Russian word that an ordinal or adjective agrees with: read off an
 * adjective's ending ("обзорная" conference → f), or a noun's ("сессия" f, "заседание" n, "игры"
 * pl, "саммит" m). Abbreviations are masculine unless listed (most stand for a council or forum).
 */
export function russianGender(word: string): Gender {
  const bare = word.replace(/^[«"„(]+|[»"“)]+$/g, '');
  if (Object.hasOwn(ABBREVIATION_GENDER, bare)) return ABBREVIATION_GENDER[bare]!;
  if (/^[A-ZА-ЯЁ0-9-]{2,}$/.test(bare)) return 'm';
  const w = bare.toLowerCase();
  if (/(ый|ий|ой)$/.test(w) && w.length > 3) return 'm';
  if (/(ая|яя)$/.test(w)) return 'f';
  if (/(ое|ее)$/.test(w) && w.length > 3) return 'n';
  // Nouns in -ание/-ение/-тие ("заседание", "соглашение", "событие") are neuter; other words in
  // -ые/-ие are plural adjectives ("летние", "Олимпийские").
  if (/(ание|ение|яние|тие|жие|ье)$/.test(w)) return 'n';
  if (/(ые|ие)$/.test(w)) return 'pl';
  if (/[оеё]$/.test(w)) return 'n';
  if (MASCULINE_IN_A.has(w)) return 'm';
  if (/[ая]$/.test(w)) return 'f';
  if (/[ыи]$/.test(w)) return 'pl';
  if (FEMININE_SOFT.has(w)) return 'f';
  return 'm';
}

/** Russian "во" before a cluster starting with в/ф ("во Владивостоке", "во Франции"). */
function needsVo(word: string): boolean {
  return /^[вфВФ][^аеёиоуыэюяАЕЁИОУЫЭЮЯ]/.test(word);
}

export function russianPreposition(locative: string, prep: 'в' | 'на' | undefined): string {
  if (prep === 'на') return 'на';
  return needsVo(locative) ? 'во' : 'в';
}

/** A placeholder's value: one string, or several variants (an ordinal's "25th" and "twenty-fifth"). */
export interface PlaceholderValues {
  ordinal?: number;
  year: number;
  city?: PlaceForms;
  country?: PlaceForms;
  /** The preposition this edition's place takes in Russian, where the pattern writes "в". */
  prep?: 'в' | 'на';
  /** The same for its country ("в Индонезии" for a summit "на Бали"). */
  countryPrep?: 'в' | 'на';
  /** The series' highest ordinal: see placeholderVariants. */
  maxOrdinal?: number;
}

export interface PlaceForms {
  en: string;
  ru: string;
  in: string;
  adj?: string;
  enAdj?: string;
  enAlt?: string[];
  ruAlt?: string[];
}

export const PLACEHOLDERS = [
  'ordinal',
  'year',
  'city',
  'city:in',
  'city:adj',
  'country',
  'country:in',
  'country:adj',
] as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders a pattern uses that this generator does not know. */
export function unknownPlaceholders(pattern: string): string[] {
  const out: string[] = [];
  for (const m of pattern.matchAll(PLACEHOLDER))
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) out.push(`{${m[1]}}`);
  return out;
}

export function hasPlaceholder(pattern: string): boolean {
  return /\{[^{}]*\}/.test(pattern);
}

/**
 * Every name a pattern gives for one edition, or [] when a placeholder it uses has no value here
 * ("{city:adj}" for a city without a Russian adjective, "{ordinal}" for an unnumbered edition).
 * `primary` keeps one variant per placeholder (the display title): "25th", "25-я", the main spelling.
 */
export function fillPattern(
  pattern: string,
  lang: 'en' | 'ru',
  values: PlaceholderValues,
  primary = false,
): string[] {
  // Split into literal text and placeholders, then expand left to right.
  const parts: ({ text: string } | { name: string })[] = [];
  let at = 0;
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push({ text: pattern.slice(at, m.index) });
    parts.push({ name: m[1]! });
    at = m.index + m[0].length;
  }
  if (at < pattern.length) parts.push({ text: pattern.slice(at) });

  let results = [''];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ('text' in part) {
      let text = part.text;
      // "в {city:in}": the place chooses its preposition ("на Бали", "во Владивостоке").
      const next = parts[i + 1];
      if (lang === 'ru' && next && 'name' in next && /:in$/.test(next.name)) {
        const city = next.name === 'city:in';
        const place = city ? values.city : values.country;
        if (place)
          text = text.replace(/(^|\s)(в|во|на)\s$/u, (_m, space: string, written: string) => {
            const chosen = russianPreposition(place.in, city ? values.prep : values.countryPrep);
            // Keep the capital of a pattern that starts with the preposition.
            const cased =
              written[0] === written[0]!.toUpperCase() ? chosen[0]!.toUpperCase() + chosen.slice(1) : chosen;
            return `${space}${cased} `;
          });
      }
      results = results.map((r) => r + text);
      continue;
    }
    const following = nextWord(parts, i);
    let variants = placeholderVariants(part.name, lang, values, following, primary);
    if (variants.length === 0) return [];
    // "in the United States", "in the UAE": after "in" a country takes the article its name needs.
    if (lang === 'en' && part.name === 'country' && results.every((r) => /(?:^|\s)in $/.test(r)))
      variants = variants.map((v) => (TAKES_THE.test(v) ? `the ${v}` : v));
    results = results.flatMap((r) => variants.map((v) => r + v));
  }
  return [...new Set(results.map((r) => r.replace(/\s+/g, ' ').trim()))];
}

/** English country names written with "the". */
const TAKES_THE =
  /^(?:United |Netherlands$|Philippines$|Czech Republic$|Dominican Republic$|Central African Republic$|Maldives$|Bahamas$|Gambia$|Vatican$|(?:US|USA|UK|UAE|DRC)$)/;

/** The word after part i (for agreement), or '' at the end of the pattern. */
function nextWord(parts: ({ text: string } | { name: string })[], i: number): string {
  const next = parts[i + 1];
  if (!next || !('text' in next)) return '';
  return /^\s*([^\s,;:()]+)/u.exec(next.text)?.[1] ?? '';
}

function placeholderVariants(
  name: string,
  lang: 'en' | 'ru',
  values: PlaceholderValues,
  following: string,
  primary: boolean,
): string[] {
  const gender = russianGender(following);
  const pick = (list: string[]) => (primary ? list.slice(0, 1) : list);
  switch (name) {
    case 'year':
      return [String(values.year)];
    case 'ordinal': {
      const n = values.ordinal;
      if (n === undefined) return [];
      if (lang === 'en') return pick([englishOrdinalNumber(n), englishOrdinalWord(n)]);
      // "пятый саммит" is the end of "двадцать пятого саммита", and the matcher inflects only the
      // last word of a compound ordinal: in a series that reaches the twenties, the units 1-9 are
      // not written in words, or the 25th summit in any case but the nominative would be the 5th.
      const words = n < 10 && (values.maxOrdinal ?? 0) > 20 ? [] : [russianOrdinalWord(n, gender)];
      return pick([russianOrdinalNumber(n, gender), romanNumeral(n), ...words]);
    }
    case 'city':
    case 'country': {
      const place = values[name];
      if (!place) return [];
      return lang === 'en'
        ? pick([place.en, ...(place.enAlt ?? [])])
        : pick([place.ru, ...(place.ruAlt ?? [])]);
    }
    case 'city:in':
    case 'country:in': {
      const place = name === 'city:in' ? values.city : values.country;
      if (!place) return [];
      return lang === 'en' ? pick([place.en, ...(place.enAlt ?? [])]) : [place.in];
    }
    case 'city:adj':
    case 'country:adj': {
      const place = name === 'city:adj' ? values.city : values.country;
      if (!place) return [];
      if (lang === 'en') {
        if (name === 'country:adj') return place.enAdj ? [place.enAdj] : [];
        return pick([place.en, ...(place.enAlt ?? [])]);
      }
      return place.adj ? [russianAdjective(place.adj, gender)] : [];
    }
    default:
      return [];
  }
}
