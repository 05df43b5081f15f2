// Interface strings. They live in _locales/{en,ru}/messages.json, the one place translators edit,
// but the page does not read them through browser.i18n.getMessage: that follows the browser's
// language, while Backstory speaks the article's language (or the reader's choice). So the
// background reads both locale files and sends their tables with its annotate reply, and the content
// script hands them to `setStrings`; keeping them out of content.js also keeps it small.
// Placeholders are $1, $2... as in messages.json; a string with "|" holds plural forms
// (English: one|other; Russian: one|few|many), see `plural`.

import type { Lang } from '../shared/languages';
import type { EntityType } from '../shared/types';

/** Every key the page uses; the type comes from the English file, no code from it is bundled. */
export type StringKey = keyof typeof import('../locales/en/messages.json');
export type StringTable = Record<string, string>;

let tables: Partial<Record<Lang, StringTable>> = {};

/** Installs the tables: message name → text, per language. */
export function setStrings(next: Partial<Record<Lang, StringTable>>): void {
  tables = next;
}

/** The message names of a messages.json file mapped to their texts. */
export function stringTable(messages: Record<string, { message: string }>): StringTable {
  const table: StringTable = {};
  for (const [key, value] of Object.entries(messages)) table[key] = value.message;
  return table;
}

let lookup: (key: StringKey) => string | undefined = () => undefined;

/**
 * Where a string is looked up when no table has it: the content script sets the browser's own
 * i18n (the browser's language) for when the tables could not be had from the background.
 */
export function setStringLookup(next: (key: StringKey) => string | undefined): void {
  lookup = next;
}

function raw(lang: Lang, key: StringKey): string {
  return tables[lang]?.[key] ?? tables.en?.[key] ?? (lookup(key) || key);
}

function fill(template: string, args: (string | number)[]): string {
  return template.replace(/\$(\d)/g, (_, i: string) => String(args[Number(i) - 1] ?? ''));
}

export function t(lang: Lang, key: StringKey, ...args: (string | number)[]): string {
  return fill(raw(lang, key), args);
}

/** A counted phrase with the right plural form: "1 mention", "3 упоминания", "5 упоминаний". */
export function plural(lang: Lang, key: StringKey, n: number): string {
  const forms = raw(lang, key).split('|');
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
