// The languages Backstory reads and speaks, and the calendar words each one writes: one list, so a
// new language is this file plus its data (aliases, locales), not a hunt through the code.

export const LANGS = ['en', 'ru'] as const;

export type Lang = (typeof LANGS)[number];

/** A string in every language. */
export type Bilingual = Record<Lang, string>;

/** Lists of words or names in every language (aliases, clue words). */
export type PerLang<T = string[]> = Record<Lang, T>;

export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/** The text in `lang`, or in another language when `lang` has none. */
export function inLang(text: Bilingual, lang: Lang): string {
  return text[lang] || LANGS.map((other) => text[other]).find((t) => t !== '') || '';
}

/** English month names, January first. */
export const EN_MONTHS = [
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
] as const;

/** Russian cardinal tens, by their digit (none for 0 and 1): "двадцать" … "девяносто". */
export const RU_CARDINAL_TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
] as const;

/** Russian month names after a day ("5 февраля"), January first. */
export const RU_MONTHS_GENITIVE = [
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
] as const;

/** Russian month names after "в" ("в феврале"), January first. */
export const RU_MONTHS_PREPOSITIONAL = [
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
] as const;

/** A Russian month name on its own ("февраль 2021 г."), from its genitive. */
export const ruMonthNominative = (genitive: string): string =>
  genitive === 'мая' ? 'май' : genitive.replace(/а$/, '').replace(/я$/, 'ь');

/**
 * The month (1–12) a word names, from its first letters in any case ("Jan.", "Sept", "января",
 * "янв."), or 0. Russian "мар" is tried before "ма" (марта, мая).
 */
export function monthOfWord(word: string): number {
  const w = word.toLowerCase();
  if (/[а-яё]/.test(w)) {
    for (let m = 0; m < 12; m++) {
      const name = RU_MONTHS_GENITIVE[m]!;
      if (w.startsWith(name.slice(0, name === 'мая' ? 2 : 3))) return m + 1;
    }
    return 0;
  }
  return EN_MONTHS.findIndex((name) => w.startsWith(name.slice(0, 3).toLowerCase())) + 1;
}
