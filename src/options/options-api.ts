// Everything the options page reads or changes, behind one small interface: the page's components
// take an OptionsApi, the entry point passes the one built on the real extension API, and the unit
// tests pass a fake. The page never touches `browser` directly.

import type { Browser } from 'webextension-polyfill';
import type { Lang } from '../shared/languages';
import type { Reply, Request, Results } from '../shared/messages';
import { parseSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

export type BrowserFamily = 'chromium' | 'firefox';

/** Looks up an interface string by its _locales name; `$1`… are replaced by `substitutions`. */
export type Translate = (name: string, ...substitutions: (string | number)[]) => string;

export interface Strings {
  lang: Lang;
  t: Translate;
}

export interface OptionsApi {
  readonly browserFamily: BrowserFamily;
  loadSettings(): Promise<Settings>;
  /**
   * Changes some settings. The rest are read back from storage first, so a width or open state the
   * content script wrote after this page loaded is kept.
   */
  updateSettings(change: Partial<Settings>): Promise<Settings>;
  /** Follows settings changed elsewhere (the hover card's "turn off", another options tab). */
  onSettingsChanged(listener: (settings: Settings) => void): () => void;
  /** The toggle-sidebar shortcut as the browser shows it, '' when the reader removed it. */
  shortcut(): Promise<string>;
  /** The page's strings: the chosen interface language, or the browser's on 'auto'. */
  strings(language: Settings['language']): Promise<Strings>;
  send<T extends Request>(request: T): Promise<Reply<T['type']>>;
}

export type DatasetInfoResult = Results['dataset-info'];

interface LocaleMessages {
  [name: string]: { message: string; placeholders?: Record<string, { content: string }> };
}

/**
 * Resolves a message from a _locales messages.json table the way browser.i18n.getMessage does:
 * named placeholders ($name$) by their content, then $1…$9 by the substitutions, and $$ as "$".
 */
export function translator(table: LocaleMessages): Translate {
  return (name, ...substitutions) => {
    const entry = table[name];
    if (!entry) return name;
    const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, key: string) => {
      const placeholder = entry.placeholders?.[key.toLowerCase()] ?? entry.placeholders?.[key];
      return placeholder ? placeholder.content : whole;
    });
    return named.replace(/\$(\$|[1-9])/g, (_whole, which: string) =>
      which === '$' ? '$' : String(substitutions[Number(which) - 1] ?? ''),
    );
  };
}

export function uiLanguage(tag: string): Lang {
  return tag.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** The OptionsApi of a real extension page. */
export function browserOptionsApi(browser: Browser): OptionsApi {
  const readSettings = async () =>
    parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const tables = new Map<Lang, Promise<LocaleMessages>>();
  const table = (lang: Lang) => {
    let loading = tables.get(lang);
    if (!loading) {
      loading = fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`)).then(
        (r) => r.json() as Promise<LocaleMessages>,
      );
      tables.set(lang, loading);
    }
    return loading;
  };
  return {
    browserFamily: browser.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chromium',
    loadSettings: readSettings,
    async updateSettings(change) {
      const next = { ...(await readSettings()), ...change };
      await browser.storage.local.set({ [SETTINGS_KEY]: next });
      return next;
    },
    onSettingsChanged(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && SETTINGS_KEY in changes)
          listener(parseSettings(changes[SETTINGS_KEY]?.newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
    async shortcut() {
      const commands = await browser.commands.getAll();
      return commands.find((c) => c.name === 'toggle-sidebar')?.shortcut ?? '';
    },
    async strings(language) {
      if (language === 'auto') {
        // browser.i18n picks the browser's language among the extension's locales.
        return {
          lang: uiLanguage(browser.i18n.getMessage('@@ui_locale') || browser.i18n.getUILanguage()),
          t: (name, ...subs) => browser.i18n.getMessage(name, subs.map(String)) || name,
        };
      }
      return { lang: language, t: translator(await table(language)) };
    },
    send: (request) => browser.runtime.sendMessage(request) as Promise<Reply<(typeof request)['type']>>,
  };
}
