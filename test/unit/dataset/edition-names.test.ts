// The names an edition of a recurring event gets from its series' patterns: what a reader of TASS
// would search for ("25th SCO summit", "25-я сессия", "тяньцзиньская декларация", "на Бали").

import { describe, expect, it } from 'vitest';
import {
  englishOrdinalNumber,
  englishOrdinalWord,
  fillPattern,
  type PlaceForms,
  romanNumeral,
  russianAdjective,
  russianGender,
  russianOrdinalWord,
} from '../../../src/dataset/edition-names';

const tianjin: PlaceForms = { en: 'Tianjin', ru: 'Тяньцзинь', in: 'Тяньцзине', adj: 'тяньцзиньский' };
const china: PlaceForms = { en: 'China', ru: 'Китай', in: 'Китае', adj: 'китайский', enAdj: 'Chinese' };
const petersburg: PlaceForms = {
  en: 'St Petersburg',
  ru: 'Санкт-Петербург',
  in: 'Санкт-Петербурге',
  adj: 'петербургский',
  enAlt: ['St. Petersburg'],
  ruAlt: ['Петербург'],
};
const values = { ordinal: 25, year: 2025, city: tianjin, country: china };

describe('English ordinals', () => {
  it.each([
    [1, '1st', 'first'],
    [2, '2nd', 'second'],
    [3, '3rd', 'third'],
    [11, '11th', 'eleventh'],
    [12, '12th', 'twelfth'],
    [13, '13th', 'thirteenth'],
    [21, '21st', 'twenty-first'],
    [25, '25th', 'twenty-fifth'],
    [40, '40th', 'fortieth'],
    [80, '80th', 'eightieth'],
    [101, '101st', 'one hundred and first'],
  ])('%i is %s and %s', (n, number, word) => {
    expect(englishOrdinalNumber(n)).toBe(number);
    expect(englishOrdinalWord(n)).toBe(word);
  });

  it('writes both forms into a pattern', () => {
    expect(fillPattern('{ordinal} SCO summit', 'en', values)).toEqual([
      '25th SCO summit',
      'twenty-fifth SCO summit',
    ]);
  });
});

describe('Russian ordinals agree with the word after them', () => {
  it.each([
    ['{ordinal} саммит ШОС', ['25-й саммит ШОС', 'XXV саммит ШОС', 'двадцать пятый саммит ШОС']],
    ['{ordinal} сессия ГА ООН', ['25-я сессия ГА ООН', 'XXV сессия ГА ООН', 'двадцать пятая сессия ГА ООН']],
    [
      '{ordinal} заседание СМИД ОБСЕ',
      ['25-е заседание СМИД ОБСЕ', 'XXV заседание СМИД ОБСЕ', 'двадцать пятое заседание СМИД ОБСЕ'],
    ],
    [
      '{ordinal} обзорная конференция ДНЯО',
      [
        '25-я обзорная конференция ДНЯО',
        'XXV обзорная конференция ДНЯО',
        'двадцать пятая обзорная конференция ДНЯО',
      ],
    ],
    [
      '{ordinal} летние Олимпийские игры',
      [
        '25-е летние Олимпийские игры',
        'XXV летние Олимпийские игры',
        'двадцать пятые летние Олимпийские игры',
      ],
    ],
    [
      '{ordinal} ежегодное заседание клуба «Валдай»',
      [
        '25-е ежегодное заседание клуба «Валдай»',
        'XXV ежегодное заседание клуба «Валдай»',
        'двадцать пятое ежегодное заседание клуба «Валдай»',
      ],
    ],
  ])('%s', (pattern, names) => {
    expect(fillPattern(pattern, 'ru', values)).toEqual(names);
  });

  it.each([
    [1, 'f', 'первая'],
    [3, 'f', 'третья'],
    [3, 'n', 'третье'],
    [2, 'pl', 'вторые'],
    [40, 'm', 'сороковой'],
    [41, 'f', 'сорок первая'],
    [80, 'f', 'восьмидесятая'],
    [100, 'n', 'сотое'],
    [112, 'm', 'сто двенадцатый'],
  ] as const)('%i in gender %s is "%s"', (n, gender, word) => {
    expect(russianOrdinalWord(n, gender)).toBe(word);
  });

  it('does not name the 5th of a series that reaches the 25th in words, which the 25th would contain', () => {
    expect(fillPattern('{ordinal} саммит ШОС', 'ru', { ordinal: 5, year: 2005, maxOrdinal: 25 })).toEqual([
      '5-й саммит ШОС',
      'V саммит ШОС',
    ]);
    expect(fillPattern('{ordinal} саммит ШОС', 'ru', { ordinal: 5, year: 2005, maxOrdinal: 12 })).toEqual([
      '5-й саммит ШОС',
      'V саммит ШОС',
      'пятый саммит ШОС',
    ]);
  });

  it('writes Roman numerals', () => {
    expect([1, 4, 9, 14, 25, 40, 49, 90, 2026].map(romanNumeral)).toEqual([
      'I',
      'IV',
      'IX',
      'XIV',
      'XXV',
      'XL',
      'XLIX',
      'XC',
      'MMXXVI',
    ]);
  });

  it('reads the gender off nouns and adjectives', () => {
    expect(
      ['саммит', 'сессия', 'заседание', 'игры', 'Олимпийские', 'летние', 'встреча', 'форум', 'СМИД'].map(
        russianGender,
      ),
    ).toEqual(['m', 'f', 'n', 'pl', 'pl', 'pl', 'f', 'm', 'm']);
  });
});

describe('place adjectives and prepositions', () => {
  it('makes the city adjective agree with the next word', () => {
    expect(fillPattern('{city:adj} саммит', 'ru', values)).toEqual(['тяньцзиньский саммит']);
    expect(fillPattern('{city:adj} декларация', 'ru', values)).toEqual(['тяньцзиньская декларация']);
    expect(fillPattern('{city:adj} заседание', 'ru', values)).toEqual(['тяньцзиньское заседание']);
    expect(fillPattern('{country:adj} саммит', 'ru', values)).toEqual(['китайский саммит']);
    expect(russianAdjective('петербургский', 'f')).toBe('петербургская');
    expect(russianAdjective('городской', 'pl')).toBe('городские');
    expect(russianAdjective('синий', 'f')).toBe('синяя');
  });

  it('uses the plain name in English, and the English adjective for a country', () => {
    expect(fillPattern('{city:adj} summit', 'en', values)).toEqual(['Tianjin summit']);
    expect(fillPattern('{country:adj} presidency', 'en', values)).toEqual(['Chinese presidency']);
  });

  it('puts the locative after the preposition the place takes', () => {
    expect(fillPattern('саммит ШОС в {city:in}', 'ru', values)).toEqual(['саммит ШОС в Тяньцзине']);
    const bali: PlaceForms = { en: 'Bali', ru: 'Бали', in: 'Бали' };
    expect(fillPattern('саммит G20 в {city:in}', 'ru', { year: 2022, city: bali, prep: 'на' })).toEqual([
      'саммит G20 на Бали',
    ]);
    const vladivostok: PlaceForms = { en: 'Vladivostok', ru: 'Владивосток', in: 'Владивостоке' };
    expect(fillPattern('форум в {city:in}', 'ru', { year: 2025, city: vladivostok })).toEqual([
      'форум во Владивостоке',
    ]);
    expect(fillPattern('чемпионат мира в {country:in}', 'ru', values)).toEqual(['чемпионат мира в Китае']);
  });

  it('gives the country its own preposition, and the article an English country name needs', () => {
    const bali: PlaceForms = { en: 'Bali', ru: 'Бали', in: 'Бали' };
    const indonesia: PlaceForms = { en: 'Indonesia', ru: 'Индонезия', in: 'Индонезии' };
    // The summit was "на Бали", but in Indonesia.
    expect(
      fillPattern('саммит G20 в {country:in}', 'ru', {
        year: 2022,
        city: bali,
        country: indonesia,
        prep: 'на',
      }),
    ).toEqual(['саммит G20 в Индонезии']);
    const cuba: PlaceForms = { en: 'Cuba', ru: 'Куба', in: 'Кубе' };
    expect(
      fillPattern('форум в {country:in}', 'ru', { year: 2025, country: cuba, countryPrep: 'на' }),
    ).toEqual(['форум на Кубе']);
    const us: PlaceForms = { en: 'United States', ru: 'США', in: 'США', enAlt: ['US', 'USA'] };
    expect(fillPattern('APEC summit in {country}', 'en', { year: 2023, country: us })).toEqual([
      'APEC summit in the United States',
      'APEC summit in the US',
      'APEC summit in the USA',
    ]);
    expect(fillPattern('APEC summit in {country}', 'en', values)).toEqual(['APEC summit in China']);
    // Not where the name is no place after "in".
    expect(fillPattern('{country} summit', 'en', { year: 2023, country: us }, true)).toEqual([
      'United States summit',
    ]);
  });

  it('writes every spelling of a city, and the main one in a title', () => {
    const v = { year: 2013, city: petersburg };
    expect(fillPattern('{city} G20 summit', 'en', v)).toEqual([
      'St Petersburg G20 summit',
      'St. Petersburg G20 summit',
    ]);
    expect(fillPattern('{city} G20 summit', 'en', v, true)).toEqual(['St Petersburg G20 summit']);
    expect(fillPattern('{city:adj} саммит G20', 'ru', v)).toEqual(['петербургский саммит G20']);
  });

  it('skips a name whose placeholder has no value for the edition', () => {
    expect(fillPattern('{ordinal} BRICS summit', 'en', { year: 2020 })).toEqual([]);
    expect(
      fillPattern('{city:adj} саммит', 'ru', { year: 2022, city: { en: 'Bali', ru: 'Бали', in: 'Бали' } }),
    ).toEqual([]);
    expect(fillPattern('BRICS summit in {city}', 'en', { year: 2020 })).toEqual([]);
  });
});
