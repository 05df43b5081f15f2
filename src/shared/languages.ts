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

/** Russian month names by case, January first. */
export const RU_MONTHS = {
  /** After a day: "5 февраля". */
  genitive: [
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
  ],
  /** On its own: "февраль 2021 г.". */
  nominative: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  /** After "в": "в феврале". */
  prepositional: [
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
  ],
} as const;

/**
 * The month (1–12) a word names, from its first letters in any case ("Jan.", "Sept", "января",
 * "янв."), or 0. Russian "мар" is tried before "ма" (марта, мая).
 */
export function monthOfWord(word: string): number {
  const w = word.toLowerCase();
  if (/[а-яё]/.test(w)) {
    const index = RU_MONTHS.genitive.findIndex((name) => w.startsWith(name.slice(0, name === 'мая' ? 2 : 3)));
    return index + 1;
  }
  return EN_MONTHS.findIndex((name) => w.startsWith(name.slice(0, 3).toLowerCase())) + 1;
}
