// Dates as the reader reads them: "8 April 2010", "June 2021", "2021"; "8 апреля 2010 г.",
// "июнь 2021 г.", "2021 г.". These are CLDR's long dates (en-GB, ru), written out here because a
// page's first Intl date format is a long task (ICU loads its data) and a content script has no idle
// moment it may spend on that. A unit test holds them to Intl for every month in both languages.

import { EN_MONTHS, type Lang, RU_MONTHS_GENITIVE, ruMonthNominative } from '../../shared/languages';
import type { IsoDate } from '../../shared/types';

export function formatDate(iso: IsoDate, lang: Lang): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (month !== undefined && (month < 1 || month > 12)) return iso;
  if (lang === 'ru') {
    if (month === undefined) return `${year} г.`;
    return day
      ? `${day} ${RU_MONTHS_GENITIVE[month - 1]} ${year} г.`
      : `${ruMonthNominative(RU_MONTHS_GENITIVE[month - 1]!)} ${year} г.`;
  }
  if (month === undefined) return `${year}`;
  return day ? `${day} ${EN_MONTHS[month - 1]} ${year}` : `${EN_MONTHS[month - 1]} ${year}`;
}
