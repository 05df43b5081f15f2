import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FOLDS_INTO_WORD_LETTERS,
  findDates,
  findDatesByRule,
  mayEndDate,
  mayStartDate,
} from '../../../src/engine/dates/find';
import { loadCorpus } from '../../eval/load';

const PUB = '2022-01-14'; // a Friday

/** [text, from, to] for each expression found. */
function dates(text: string, published = PUB): [string, string, string][] {
  return findDates(text, published).map((d) => [text.slice(d.start, d.end), d.from, d.to]);
}

describe('findDates, English', () => {
  it('resolves a day and month to the most recent such day on or before publication', () => {
    expect(dates('Talks were held on January 10.')).toEqual([['on January 10', '2022-01-10', '2022-01-10']]);
    expect(dates('On December 17, the ministry released drafts.')).toEqual([
      ['On December 17', '2021-12-17', '2021-12-17'],
    ]);
    expect(dates('MOSCOW, January 14. /TASS/.')).toEqual([['January 14', '2022-01-14', '2022-01-14']]);
    expect(dates('on 10 January and the 3rd of February')).toEqual([
      ['on 10 January', '2022-01-10', '2022-01-10'],
      ['3rd of February', '2021-02-03', '2021-02-03'],
    ]);
  });

  it('takes an explicit year or a relative one', () => {
    expect(dates('January 10, 2022 and June 16, 2021')).toEqual([
      ['January 10, 2022', '2022-01-10', '2022-01-10'],
      ['June 16, 2021', '2021-06-16', '2021-06-16'],
    ]);
    expect(dates('on December 17 last year')).toEqual([
      ['on December 17 last year', '2021-12-17', '2021-12-17'],
    ]);
    expect(dates('in June 2021')).toEqual([['in June 2021', '2021-06-01', '2021-06-30']]);
  });

  it('resolves months named without a day', () => {
    expect(dates('their meeting in Geneva last June')).toEqual([['last June', '2021-06-01', '2021-06-30']]);
    expect(dates('in June')).toEqual([['in June', '2021-06-01', '2021-06-30']]);
    expect(dates('in January')).toEqual([['in January', '2022-01-01', '2022-01-31']]);
    expect(dates('in early June')).toEqual([['in early June', '2021-06-01', '2021-06-10']]);
    expect(dates('in June last year')).toEqual([['in June last year', '2021-06-01', '2021-06-30']]);
    expect(dates('last June', '2022-08-01')).toEqual([['last June', '2022-06-01', '2022-06-30']]);
  });

  it('does not read the modal "may" or a capitalised month alone as a date', () => {
    expect(dates('They may march. May I ask? March on.')).toEqual([]);
  });

  it('resolves years and parts of years', () => {
    expect(dates('at the beginning of last year')).toEqual([
      ['at the beginning of last year', '2021-01-01', '2021-03-31'],
    ]);
    expect(dates('early last year')).toEqual([['early last year', '2021-01-01', '2021-03-31']]);
    expect(dates('last year')).toEqual([['last year', '2021-01-01', '2021-12-31']]);
    expect(dates('in 2021')).toEqual([['in 2021', '2021-01-01', '2021-12-31']]);
    expect(dates('at the end of 2019')).toEqual([['at the end of 2019', '2019-10-01', '2019-12-31']]);
    expect(dates('the 2021 results')).toEqual([]);
  });

  it('resolves weekdays and relative days', () => {
    expect(dates('on Monday')).toEqual([['on Monday', '2022-01-10', '2022-01-10']]);
    expect(dates('on Friday')).toEqual([['on Friday', '2022-01-14', '2022-01-14']]);
    expect(dates('last Friday')).toEqual([['last Friday', '2022-01-07', '2022-01-07']]);
    expect(dates('yesterday')).toEqual([['yesterday', '2022-01-13', '2022-01-13']]);
    expect(dates('Yesterday and tomorrow')).toEqual([
      ['Yesterday', '2022-01-13', '2022-01-13'],
      ['tomorrow', '2022-01-15', '2022-01-15'],
    ]);
    expect(dates('last month')).toEqual([['last month', '2021-12-01', '2021-12-31']]);
    expect(dates('last week')).toEqual([['last week', '2022-01-03', '2022-01-09']]);
  });

  it('rolls back across a year boundary', () => {
    expect(dates('on December 31', '2022-01-01')).toEqual([['on December 31', '2021-12-31', '2021-12-31']]);
    expect(dates('yesterday', '2022-01-01')).toEqual([['yesterday', '2021-12-31', '2021-12-31']]);
    expect(dates('on February 29', '2021-03-01')).toEqual([]);
  });
});

describe('findDates, Russian', () => {
  it('resolves days and months', () => {
    expect(dates('10 января в Женеве')).toEqual([['10 января', '2022-01-10', '2022-01-10']]);
    expect(dates('17 декабря МИД опубликовал')).toEqual([['17 декабря', '2021-12-17', '2021-12-17']]);
    expect(dates('17 декабря 2021 года')).toEqual([['17 декабря 2021 года', '2021-12-17', '2021-12-17']]);
    expect(dates('17 декабря прошлого года')).toEqual([
      ['17 декабря прошлого года', '2021-12-17', '2021-12-17'],
    ]);
  });

  it('resolves months and years', () => {
    expect(dates('в Женеве в июне прошлого года')).toEqual([
      ['в июне прошлого года', '2021-06-01', '2021-06-30'],
    ]);
    expect(dates('в июне')).toEqual([['в июне', '2021-06-01', '2021-06-30']]);
    expect(dates('в июне 2021 года')).toEqual([['в июне 2021 года', '2021-06-01', '2021-06-30']]);
    expect(dates('в прошлом году')).toEqual([['в прошлом году', '2021-01-01', '2021-12-31']]);
    expect(dates('В начале прошлого года')).toEqual([['В начале прошлого года', '2021-01-01', '2021-03-31']]);
    expect(dates('в 2021 году')).toEqual([['в 2021 году', '2021-01-01', '2021-12-31']]);
    expect(dates('в конце декабря')).toEqual([['в конце декабря', '2021-12-21', '2021-12-31']]);
  });

  it('resolves weekdays and relative days', () => {
    expect(dates('в понедельник')).toEqual([['в понедельник', '2022-01-10', '2022-01-10']]);
    expect(dates('во вторник')).toEqual([['во вторник', '2022-01-11', '2022-01-11']]);
    expect(dates('вчера')).toEqual([['вчера', '2022-01-13', '2022-01-13']]);
    expect(dates('Позавчера')).toEqual([['Позавчера', '2022-01-12', '2022-01-12']]);
  });

  it('does not read parts of words as dates', () => {
    expect(dates('вчерашний январский маечный')).toEqual([]);
  });
});

describe('findDates on a piece of a longer text', () => {
  it('gives offsets into the longer text when told where the piece starts', () => {
    const text = 'Talks began. They met in Geneva last June and again on January 10.';
    const from = text.indexOf('They');
    const whole = findDates(text, '2022-01-14');
    expect(whole.map((d) => text.slice(d.start, d.end))).toEqual(['last June', 'on January 10']);
    expect(findDates(text.slice(from), '2022-01-14', from)).toEqual(whole);
    // The same when a character that folds into a letter sends the search rule by rule.
    const folded = `${text} \u017f`;
    expect(findDates(folded.slice(from), '2022-01-14', from)).toEqual(whole);
  });
});

describe('findDates tries rules only where their matches may start', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

  it('finds what each rule finds searching the whole text, in the seed article and the corpus', () => {
    const texts = [readFileSync(join(root, 'test/fixtures/seed-article.txt'), 'utf8')];
    for (const item of loadCorpus(root)) texts.push(item.text);
    for (const text of texts) {
      for (const published of ['2022-01-14', '2021-06-16', '2024-02-29']) {
        expect(findDates(text, published)).toEqual(findDatesByRule(text, published));
      }
    }
  });

  it('finds the same in random strings of date words, numbers, cases and separators', () => {
    const words = (
      'on in since during by throughout at the of day before yesterday today tomorrow early late mid ' +
      'earlier later last this next year week month beginning start middle end January May June Sept ' +
      'December Jan. Sep. Sept. Dec. Monday Friday Sunday earlyJune midJune mid- 1 3rd 10 10th 17 31 ' +
      '2021 2022 12345 в во с на января июня декабря январе июне мае начале середине конце прошлого ' +
      'позапрошлого этого следующего прошлом этом году года г. понедельник среду пятницу прошлую ' +
      'прошлый позавчера вчера сегодня завтра месяце неделе -го ſince ᲀ ᲀо Д К TASS said'
    ).split(' ');
    const glue = [' ', ' ', ' ', '  ', ', ', ',', '\n', '-', '.', '', '\u00a0', 'é', '\u0301', '/', '"'];
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const cased = (w: string) => {
      const r = random(6);
      if (r === 0) return w.toUpperCase();
      if (r === 1) return w.charAt(0).toUpperCase() + w.slice(1);
      return w;
    };
    for (let k = 0; k < 4000; k++) {
      let text = '';
      const count = 1 + random(14);
      for (let w = 0; w < count; w++)
        text += cased(words[random(words.length)]!) + glue[random(glue.length)]!;
      for (const published of ['2022-01-14', '2020-02-29']) {
        const found = findDatesByRule(text, published);
        expect(findDates(text, published), text).toEqual(found);
        // What the event linker asks before it looks for dates next to a place.
        for (const d of found) {
          expect(mayStartDate(text, d.start), text).toBe(true);
          expect(mayEndDate(text, d.end), text).toBe(true);
        }
      }
    }
  });

  it('knows every character outside ASCII and basic Cyrillic that folds into their letters', () => {
    const others: string[] = [];
    for (let c = 0x80; c < 0x10000; c++) {
      if ((c < 0x400 || c >= 0x460) && (c < 0xd800 || c >= 0xe000)) others.push(String.fromCharCode(c));
    }
    const folding = [...others.join('').matchAll(/[a-z\u0430-\u045f]/giu)].map((m) => m[0].charCodeAt(0));
    expect(folding).toEqual(FOLDS_INTO_WORD_LETTERS);
  });
});
