import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../src/ui/layout/format-date';

describe('formatDate', () => {
  it('writes days, months and years in English', () => {
    expect(formatDate('2010-04-08', 'en')).toBe('8 April 2010');
    expect(formatDate('2021-06', 'en')).toBe('June 2021');
    expect(formatDate('2021', 'en')).toBe('2021');
  });

  it('writes days, months and years in Russian', () => {
    expect(formatDate('2010-04-08', 'ru')).toBe('8 апреля 2010 г.');
    expect(formatDate('2026-02-05', 'ru')).toBe('5 февраля 2026 г.');
    expect(formatDate('2021-06', 'ru')).toBe('июнь 2021 г.');
    expect(formatDate('2021', 'ru')).toBe('2021 г.');
  });

  it('says what Intl says for every month, with a day and without', () => {
    const intl = (locale: string, day: boolean) =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'long',
        day: day ? 'numeric' : undefined,
      });
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, '0');
      const at = new Date(Date.UTC(1999, month - 1, 28));
      for (const [lang, locale] of [
        ['en', 'en-GB'],
        ['ru', 'ru'],
      ] as const) {
        const plain = (s: string) => s.replace(/\s/g, ' ');
        expect(formatDate(`1999-${mm}-28`, lang)).toBe(plain(intl(locale, true).format(at)));
        expect(formatDate(`1999-${mm}`, lang)).toBe(plain(intl(locale, false).format(at)));
      }
    }
  });
});
