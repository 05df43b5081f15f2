// The options page (extension origin): the reader's switches and what dataset is installed.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Reply } from '../core/messages';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';

const lang = navigator.language.startsWith('ru') ? 'ru' : 'en';
const TEXT = {
  en: {
    title: 'Backstory options',
    display: 'On TASS articles',
    marks: 'Mark mentions in the article',
    hover: 'Show a card when hovering or focusing a mention',
    open: 'Keep the sidebar open',
    dataset: 'Dataset',
    version: 'Version',
    entities: 'Entities',
    seeded: 'Installed',
    loading: 'Reading the database…',
  },
  ru: {
    title: 'Настройки Backstory',
    display: 'На страницах статей ТАСС',
    marks: 'Отмечать упоминания в тексте',
    hover: 'Показывать карточку при наведении или фокусе',
    open: 'Держать боковую панель открытой',
    dataset: 'Набор данных',
    version: 'Версия',
    entities: 'Записей',
    seeded: 'Установлен',
    loading: 'Чтение базы данных…',
  },
}[lang];

type Flag = 'marks' | 'hoverCards' | 'sidebarOpen';

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [info, setInfo] = useState<Reply<'dataset-info'> | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = TEXT.title;
    browser.storage.local
      .get(SETTINGS_KEY)
      .then((stored) => setSettings(parseSettings(stored[SETTINGS_KEY])));
    browser.runtime
      .sendMessage({ type: 'dataset-info' })
      .then((reply) => setInfo(reply as Reply<'dataset-info'>));
  }, []);

  const change = (key: Flag, value: boolean) => {
    if (!settings) return;
    const next = { ...settings, [key]: value };
    setSettings(next);
    void browser.storage.local.set({ [SETTINGS_KEY]: next });
  };

  const toggle = (key: Flag, label: string) => (
    <label>
      <input
        type="checkbox"
        checked={settings?.[key] ?? false}
        disabled={!settings}
        onChange={(event) => change(key, event.currentTarget.checked)}
      />{' '}
      {label}
    </label>
  );

  return (
    <>
      <h1>{TEXT.title}</h1>
      <fieldset>
        <legend>{TEXT.display}</legend>
        {toggle('marks', TEXT.marks)}
        {toggle('hoverCards', TEXT.hover)}
        {toggle('sidebarOpen', TEXT.open)}
      </fieldset>
      <fieldset>
        <legend>{TEXT.dataset}</legend>
        {info === null ? (
          <p>{TEXT.loading}</p>
        ) : info.ok ? (
          <dl>
            <dt>{TEXT.version}</dt>
            <dd>{info.result.version}</dd>
            <dt>{TEXT.entities}</dt>
            <dd>{info.result.entityCount}</dd>
            <dt>{TEXT.seeded}</dt>
            <dd>{new Date(info.result.seededAt).toLocaleString(lang)}</dd>
          </dl>
        ) : (
          <p role="alert">{info.error}</p>
        )}
      </fieldset>
    </>
  );
}

const app = document.getElementById('app');
if (app) render(<Options />, app);
