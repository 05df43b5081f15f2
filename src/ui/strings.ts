// Interface strings in the two languages TASS publishes in. Placeholders are {0}, {1}...;
// a string with "|" holds plural forms (English: one|other; Russian: one|few|many), see `plural`.

import type { EntityType, Lang } from '../core/types';

const EN = {
  title: 'Backstory',
  context: 'Context',
  close: 'Close',
  toggle: 'Backstory: context for this article ({0})',
  statusOn: 'Status on {0}',
  today: 'Today',
  since: 'Since this article',
  nothingSince: 'Nothing has changed since this article',
  keyDates: 'Key dates',
  sources: 'Sources',
  parties: 'Parties',
  related: 'Related',
  showInArticle: 'Show in article',
  mentions: '{0} mention|{0} mentions',
  published: 'Published {0}',
  noDate: 'Publication date unknown',
  treaty: 'Treaty',
  event: 'Event',
  organization: 'Organisation',
  treaties: 'Treaties',
  events: 'Events',
  organizations: 'Organisations',
  empty: 'No context found for this article',
  outlet: 'TASS — Russia’s state news agency',
  hoverOff: 'Turn hover cards off',
  dataset: 'Dataset {0}',
};

export type StringKey = keyof typeof EN;

const RU: Record<StringKey, string> = {
  title: 'Backstory',
  context: 'Контекст',
  close: 'Закрыть',
  toggle: 'Backstory: контекст статьи ({0})',
  statusOn: 'Статус на {0}',
  today: 'Сегодня',
  since: 'После выхода статьи',
  nothingSince: 'После выхода статьи ничего не изменилось',
  keyDates: 'Ключевые даты',
  sources: 'Источники',
  parties: 'Участники',
  related: 'См. также',
  showInArticle: 'Показать в статье',
  mentions: '{0} упоминание|{0} упоминания|{0} упоминаний',
  published: 'Опубликовано {0}',
  noDate: 'Дата публикации неизвестна',
  treaty: 'Договор',
  event: 'Событие',
  organization: 'Организация',
  treaties: 'Договоры',
  events: 'События',
  organizations: 'Организации',
  empty: 'Для этой статьи контекст не найден',
  outlet: 'ТАСС — государственное информационное агентство России',
  hoverOff: 'Отключить всплывающие карточки',
  dataset: 'Данные: версия {0}',
};

function fill(template: string, args: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

export function t(lang: Lang, key: StringKey, ...args: (string | number)[]): string {
  return fill((lang === 'ru' ? RU : EN)[key], args);
}

/** A counted phrase with the right plural form: "1 mention", "3 упоминания", "5 упоминаний". */
export function plural(lang: Lang, key: StringKey, n: number): string {
  const forms = (lang === 'ru' ? RU : EN)[key].split('|');
  const mod10 = n % 10;
  const mod100 = n % 100;
  const index =
    lang === 'ru'
      ? mod10 === 1 && mod100 !== 11
        ? 0
        : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
          ? 1
          : 2
      : n === 1
        ? 0
        : 1;
  return fill(forms[index] ?? forms[forms.length - 1] ?? '', [n]);
}

const GROUP_KEYS: Record<EntityType, StringKey> = {
  treaty: 'treaties',
  event: 'events',
  organization: 'organizations',
};

/** The heading of a sidebar group: "Treaties", "События". */
export function groupName(lang: Lang, type: EntityType): string {
  return t(lang, GROUP_KEYS[type]);
}
