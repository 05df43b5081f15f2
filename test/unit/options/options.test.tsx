// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { compileBundle, parseBundle } from '../../../src/dataset/dataset';
import { OptionsPage } from '../../../src/options/OptionsPage';
import {
  browserOptionsApi,
  type DatasetInfoResult,
  type OptionsApi,
  translator,
} from '../../../src/options/options-api';
import { MAX_IMPORT_BYTES, type Reply, type Request } from '../../../src/shared/messages';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../../src/shared/settings';

const TABLES = {
  en: JSON.parse(readFileSync('src/locales/en/messages.json', 'utf8')),
  ru: JSON.parse(readFileSync('src/locales/ru/messages.json', 'utf8')),
};

/** A real compiled bundle of two entities, as a dataset file holds it. */
const BUNDLED_FILE = compileBundle(
  ['nato', 'osce'].map((id) => ({
    id,
    type: 'organization' as const,
    name: { en: id.toUpperCase(), ru: `Организация ${id}` },
    aliases: { en: [id.toUpperCase()], ru: [`Организация ${id}`] },
    summary: { en: 'An organisation.', ru: 'Организация.' },
    timeline: [{ date: '1949-04-04', kind: 'founded' as const, label: { en: 'Founded', ru: 'Основана' } }],
    sources: [{ url: 'https://example.org/', title: 'Example' }],
  })),
  '2026-11-27',
);

const BUNDLED: DatasetInfoResult = {
  version: '2026-11-27+ce76bab2',
  date: '2026-11-27',
  entityCount: 430,
  counts: { treaty: 120, event: 200, organization: 110 },
  source: 'bundled',
  seededAt: '2026-11-27T10:00:00.000Z',
  origin: 'chrome-extension://abc',
  bundledVersion: '2026-11-27+ce76bab2',
  stored: true,
};

interface Fake {
  api: OptionsApi;
  stored: () => Settings;
  /** A change made elsewhere (the content script, another options tab). */
  changeElsewhere: (change: Partial<Settings>) => void;
  sent: Request[];
}

function fakeApi(
  options: {
    settings?: Partial<Settings>;
    family?: 'chromium' | 'firefox';
    shortcut?: string;
    browserLang?: 'en' | 'ru';
    info?: DatasetInfoResult | { ok: false; error: string };
    onImport?: (bundle: unknown) => Reply<'import-dataset'>;
    onRepair?: () => Reply<'repair-dataset'>;
    /** Requests of these types are never answered. */
    silent?: Request['type'][];
  } = {},
): Fake {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let info: DatasetInfoResult | { ok: false; error: string } = options.info ?? BUNDLED;
  const listeners = new Set<(s: Settings) => void>();
  const sent: Request[] = [];
  const api: OptionsApi = {
    browserFamily: options.family ?? 'chromium',
    loadSettings: async () => settings,
    async updateSettings(change) {
      settings = { ...settings, ...change };
      return settings;
    },
    onSettingsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    shortcut: async () => options.shortcut ?? 'Alt+Shift+B',
    async strings(language) {
      const lang = language === 'auto' ? (options.browserLang ?? 'en') : language;
      return { lang, t: translator(TABLES[lang]) };
    },
    async send(request) {
      sent.push(request);
      if (options.silent?.includes(request.type)) return new Promise<never>(() => undefined);
      let reply: Reply<Request['type']>;
      switch (request.type) {
        case 'dataset-info':
          reply = 'ok' in info ? info : { ok: true, result: info };
          break;
        case 'repair-dataset': {
          reply = options.onRepair?.() ?? { ok: false, error: 'no' };
          if (reply.ok) info = { ...BUNDLED, ...(reply.result as DatasetInfoResult) };
          break;
        }
        case 'import-dataset': {
          reply = options.onImport?.(request.bundle) ?? { ok: false, error: 'no', problems: ['no'] };
          if (reply.ok) info = { ...BUNDLED, ...(reply.result as DatasetInfoResult) };
          break;
        }
        case 'reset-dataset':
          info = BUNDLED;
          reply = { ok: true, result: BUNDLED };
          break;
        default:
          reply = { ok: false, error: 'unexpected' };
      }
      return reply as never;
    },
  };
  return {
    api,
    sent,
    stored: () => settings,
    changeElsewhere(change) {
      settings = { ...settings, ...change };
      for (const l of listeners) l(settings);
    },
  };
}

async function renderPage(fake: Fake) {
  render(<OptionsPage api={fake.api} />);
  await screen.findByRole('heading', { level: 1 });
  await screen.findByText(BUNDLED.version);
}

function chooseFile(
  file: { name: string; size: number; text: () => Promise<string> },
  label = /Import a dataset file/,
) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

function textFile(name: string, text: string) {
  return { name, size: new TextEncoder().encode(text).length, text: async () => text };
}

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.theme;
});

describe('the options page', () => {
  it('labels every control and groups them in fieldsets with legends', async () => {
    await renderPage(fakeApi());
    for (const label of [
      'Underline the things the article mentions',
      'Show a card when pointing at or focusing a mention',
      'Open or closed, as last left',
      'Always open',
      'Always closed',
      'Treaties and agreements',
      'Events',
      'Organisations',
      "Automatic: the article's language",
      'English',
      'Русский',
      'As the system',
      'Light',
      'Dark',
      'Import a dataset file (a compiled dataset.json)',
    ])
      expect(screen.getByLabelText(label)).toBeTruthy();
    const groups = screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent);
    expect(groups).toEqual([
      'On TASS articles',
      'The sidebar on a new article',
      'Show these kinds of things',
      'Interface language',
      'Theme',
    ]);
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Backstory options');
  });

  it('saves a switch as soon as it is flipped', async () => {
    const fake = fakeApi();
    await renderPage(fake);
    const marks = screen.getByLabelText('Underline the things the article mentions') as HTMLInputElement;
    expect(marks.checked).toBe(true);
    fireEvent.click(marks);
    await waitFor(() => expect(fake.stored().marks).toBe(false));
    expect(marks.checked).toBe(false);

    fireEvent.click(screen.getByLabelText('Always open'));
    fireEvent.click(screen.getByLabelText('Events'));
    await waitFor(() =>
      expect(fake.stored()).toMatchObject({
        openSidebar: 'always',
        types: { treaty: true, event: false, organization: true },
      }),
    );
  });

  it('follows a setting changed elsewhere, such as "turn hover cards off" in a card', async () => {
    const fake = fakeApi();
    await renderPage(fake);
    const hover = screen.getByLabelText(/Show a card when pointing/) as HTMLInputElement;
    expect(hover.checked).toBe(true);
    fake.changeElsewhere({ hoverCards: false });
    await waitFor(() => expect(hover.checked).toBe(false));
    fireEvent.click(hover);
    await waitFor(() => expect(fake.stored().hoverCards).toBe(true));
  });

  it('speaks the chosen interface language, and the browser language on automatic', async () => {
    const fake = fakeApi({ browserLang: 'ru' });
    render(<OptionsPage api={fake.api} />);
    await screen.findByRole('heading', { level: 1, name: 'Настройки Backstory' });
    await waitFor(() => expect(document.documentElement.lang).toBe('ru'));
    // Each language's own name is marked as being in that language, for screen readers.
    expect(screen.getByText('Русский').getAttribute('lang')).toBe('ru');
    expect(screen.getByText('English').getAttribute('lang')).toBe('en');
    fireEvent.click(screen.getByLabelText('English'));
    await screen.findByRole('heading', { level: 1, name: 'Backstory options' });
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(fake.stored().language).toBe('en');
  });

  it('applies the chosen theme to the page, and leaves "system" to the media query', async () => {
    const fake = fakeApi({ settings: { theme: 'dark' } });
    await renderPage(fake);
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByLabelText('As the system'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
    fireEvent.click(screen.getByLabelText('Light'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });

  it('shows the shortcut and where each browser changes it', async () => {
    await renderPage(fakeApi());
    const section = screen.getByRole('region', { name: 'Keyboard shortcut' });
    await within(section).findByText(/Show or hide the sidebar: Alt\+Shift\+B/);
    expect(section.textContent).toContain('chrome://extensions/shortcuts');
    expect(section.querySelector('a')).toBeNull();
    cleanup();

    await renderPage(fakeApi({ family: 'firefox', shortcut: '' }));
    const firefox = screen.getByRole('region', { name: 'Keyboard shortcut' });
    await within(firefox).findByText(/No shortcut is set/);
    expect(firefox.textContent).toContain('about:addons');
    expect(firefox.textContent).toContain('Manage Extension Shortcuts');
  });

  it('describes the installed dataset: version, counts by type, source', async () => {
    await renderPage(fakeApi());
    const section = screen.getByRole('region', { name: 'Dataset' });
    const field = (name: string) => section.querySelector(`[data-field="${name}"]`)?.textContent;
    expect(field('version')).toBe(BUNDLED.version);
    expect(field('count-treaty')).toBe('120');
    expect(field('count-event')).toBe('200');
    expect(field('count-organization')).toBe('110');
    expect(field('total')).toBe('430');
    expect(field('source')).toBe('Bundled with the extension');
    expect(section.textContent).toContain('27 November 2026');
  });

  it('says when an imported dataset differs from the one this version ships', async () => {
    const imported = { ...BUNDLED, version: '2026-12-01+0000abcd', source: 'imported' as const };
    render(<OptionsPage api={fakeApi({ info: imported }).api} />);
    await screen.findByText('Imported from a file');
    expect(screen.getByText(/This version of the extension ships dataset 2026-11-27\+ce76bab2/)).toBeTruthy();
  });

  it('refuses a file that is not JSON, without asking the background', async () => {
    const fake = fakeApi();
    await renderPage(fake);
    chooseFile(textFile('notes.json', '{ "version": '));
    const alert = await screen.findByText('notes.json was not imported; the current dataset is unchanged.');
    expect(alert.closest('[role="alert"]')?.textContent).toMatch(/The file is not valid JSON: /);
    expect(fake.sent.map((r) => r.type)).not.toContain('import-dataset');
  });

  it('refuses an oversized file before reading it', async () => {
    const fake = fakeApi();
    await renderPage(fake);
    const text = vi.fn(async () => '{}');
    chooseFile({ name: 'huge.json', size: MAX_IMPORT_BYTES + 1, text });
    await screen.findByText(/The file is 20 MB; a dataset file may be at most 20 MB/);
    expect(text).not.toHaveBeenCalled();
    expect(fake.sent.map((r) => r.type)).not.toContain('import-dataset');
  });

  it('lists every problem the background found, and keeps showing the current dataset', async () => {
    const problems = [
      'dataset bundle: the content was changed after the file was compiled: its version …',
      'dataset bundle: entity "nato": sources: at least one source is required',
    ];
    const fake = fakeApi({ onImport: () => ({ ok: false, error: 'invalid', problems }) });
    await renderPage(fake);
    chooseFile(textFile('edited.json', '{"format":1}'));
    const alert = (await screen.findByText('edited.json was not imported; the current dataset is unchanged.'))
      .parentElement!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "The file was changed after it was compiled: its version no longer matches its content. Edit the dataset's source files and compile them again instead of editing the compiled file.",
      problems[1],
    ]);
    expect(fake.sent.find((r) => r.type === 'import-dataset')).toEqual({
      type: 'import-dataset',
      bundle: { format: 1 },
    });
    expect(screen.getByText(BUNDLED.version)).toBeTruthy();
    expect(screen.getByText('Bundled with the extension')).toBeTruthy();
  });

  it('imports a valid file and shows the new dataset, then resets to the bundled one', async () => {
    const next = {
      ...BUNDLED,
      version: '2026-12-01+0000abcd',
      date: '2026-12-01',
      entityCount: 3,
      counts: { treaty: 1, event: 1, organization: 1 },
      source: 'imported' as const,
    };
    const fake = fakeApi({ onImport: () => ({ ok: true, result: next }) });
    await renderPage(fake);
    chooseFile(textFile('mine.json', '{"format":1}'));
    await screen.findByText(
      'Imported dataset 2026-12-01+0000abcd (3 entries). Reload open articles to see it.',
    );
    await screen.findByText('Imported from a file');
    expect(
      screen.getByRole('region', { name: 'Dataset' }).querySelector('[data-field="total"]')?.textContent,
    ).toBe('3');

    fireEvent.click(screen.getByRole('button', { name: 'Reset to the bundled dataset' }));
    await screen.findByText(
      `The bundled dataset ${BUNDLED.version} is installed. Reload open articles to see it.`,
    );
    await screen.findByText('Bundled with the extension');
  });
});

describe('when the database fails', () => {
  it('refuses a file nested thousands of levels deep before parsing it or asking the background', async () => {
    const fake = fakeApi();
    await renderPage(fake);
    const parse = vi.spyOn(JSON, 'parse');
    chooseFile(textFile('deep.json', `{"entities":${'['.repeat(200_000)}${']'.repeat(200_000)}}`));
    await screen.findByText(/The file nests more than 32 levels deep/);
    expect(parse.mock.calls.filter(([text]) => String(text).startsWith('{"entities":[[['))).toEqual([]);
    expect(fake.sent.map((r) => r.type)).not.toContain('import-dataset');
    // Brackets inside strings are text, not nesting.
    chooseFile(textFile('text.json', JSON.stringify({ format: 1, note: '['.repeat(1000) })));
    await waitFor(() => expect(fake.sent.map((r) => r.type)).toContain('import-dataset'));
  });

  it('offers Repair even when the dataset cannot be read, and says what it did', async () => {
    const fake = fakeApi({
      info: { ok: false, error: 'the database cannot be used' },
      onRepair: () => ({
        ok: true,
        result: {
          ...BUNDLED,
          stored: true,
          keptImport: false,
          lostImport: { version: '2026-12-01+0000abcd' },
        },
      }),
    });
    render(<OptionsPage api={fake.api} />);
    await screen.findByText(/The dataset information could not be read: the database cannot be used/);
    fireEvent.click(screen.getByRole('button', { name: 'Repair' }));
    await screen.findByText(
      `Repaired: dataset ${BUNDLED.version} is installed. Reload open articles to see it. ` +
        'Your imported dataset 2026-12-01+0000abcd could not be recovered and was replaced by the bundled dataset. Import the file again to use it.',
    );
    expect(fake.sent.map((r) => r.type)).toContain('repair-dataset');
    await screen.findByText(BUNDLED.version);
  });

  it('says when a repair could only serve the bundled dataset from memory', async () => {
    const fake = fakeApi({
      onRepair: () => ({ ok: true, result: { ...BUNDLED, stored: false, keptImport: false } }),
    });
    await renderPage(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Repair' }));
    await screen.findByText(/Backstory could not repair its saved data/);
    await screen.findByText(/Backstory cannot use its saved data: it uses the bundled dataset for now/);
  });

  it('tells the reader an imported dataset was replaced by the bundled one', async () => {
    const info = {
      ...BUNDLED,
      replacedImport: { version: '2026-12-01+0000abcd', at: '2026-12-02T09:30:00.000Z' },
    };
    render(<OptionsPage api={fakeApi({ info }).api} />);
    const notice = await screen.findByText(
      /Your imported dataset 2026-12-01\+0000abcd could not be read back on/,
    );
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toMatch(/Import the file again to use it/);
  });

  it('does not stay busy when the background never answers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const fake = fakeApi({ silent: ['repair-dataset'] });
      await renderPage(fake);
      const repair = screen.getByRole('button', { name: 'Repair' }) as HTMLButtonElement;
      fireEvent.click(repair);
      await waitFor(() => expect(repair.disabled).toBe(true));
      await vi.advanceTimersByTimeAsync(120_001);
      await screen.findByText(/Backstory did not answer/);
      expect(repair.disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('import problems in the interface language', () => {
  it.each([
    [
      'a hand-edited bundle',
      { ...BUNDLED_FILE, version: '2026-11-27+00000000' },
      'Файл изменили после компиляции',
    ],
    ['no format', { ...BUNDLED_FILE, format: undefined }, 'нет номера формата'],
    ['an unknown format', { ...BUNDLED_FILE, format: 7 }, 'который эта версия Backstory не знает'],
    ['a source file', BUNDLED_FILE.entities, 'исходный файл набора данных'],
  ])('explains %s in Russian', async (_label, file, expected) => {
    const fake = fakeApi({
      settings: { language: 'ru' },
      onImport: (bundle) => ({ ok: false, error: 'invalid', problems: parseBundle(bundle).errors }),
    });
    render(<OptionsPage api={fake.api} />);
    await screen.findByText(BUNDLED.version);
    chooseFile(textFile('x.json', JSON.stringify(file)), /Импортировать файл набора данных/);
    const alert = (await screen.findByText('Файл x.json не импортирован; текущий набор данных не изменился.'))
      .parentElement!;
    expect(within(alert).getByRole('listitem').textContent).toContain(expected);
  });
});

describe('the options page strings', () => {
  it('exist in English and Russian for every name the page uses', () => {
    const source = readFileSync('src/options/OptionsPage.tsx', 'utf8');
    const used = new Set(source.match(/'options[A-Z][A-Za-z]+'/g)?.map((s) => s.slice(1, -1)));
    expect(used.size).toBeGreaterThan(30);
    for (const name of used) {
      expect(TABLES.en[name]?.message, `en ${name}`).toBeTruthy();
      expect(TABLES.ru[name]?.message, `ru ${name}`).toBeTruthy();
    }
  });

  it('are resolved like browser.i18n.getMessage', () => {
    const t = translator({
      a: { message: 'Costs $$$1 for $2' },
      b: { message: 'Hello $who$', placeholders: { who: { content: '$1' } } },
    });
    expect(t('a', 5, 'two')).toBe('Costs $5 for two');
    expect(t('b', 'reader')).toBe('Hello reader');
    expect(t('missing')).toBe('missing');
  });
});

describe('the options page on the real extension API', () => {
  function fakeBrowser(stored: Record<string, unknown> = {}) {
    const listeners: ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[] = [];
    const browser = {
      runtime: {
        getURL: (path: string) => `moz-extension://uuid/${path}`,
        sendMessage: vi.fn(async () => ({ ok: true, result: BUNDLED })),
      },
      storage: {
        local: {
          get: vi.fn(async (key: string) => ({ [key]: stored[key] })),
          set: vi.fn(async (items: Record<string, unknown>) => {
            Object.assign(stored, items);
            for (const l of listeners)
              l(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])), 'local');
          }),
        },
        onChanged: {
          addListener: (l: (typeof listeners)[number]) => listeners.push(l),
          removeListener: (l: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(l), 1),
        },
      },
      commands: { getAll: async () => [{ name: 'toggle-sidebar', shortcut: 'Alt+Shift+B' }] },
      i18n: {
        getMessage: (name: string, subs?: string[]) =>
          name === '@@ui_locale' ? 'ru' : translator(TABLES.ru)(name, ...(subs ?? [])),
        getUILanguage: () => 'ru',
      },
    };
    return { browser: browser as unknown as Browser, stored };
  }

  it('keeps what the content script stored when the page changes one setting', async () => {
    const { browser, stored } = fakeBrowser({
      [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, sidebarWidth: 500, sidebarOpen: true },
    });
    const api = browserOptionsApi(browser);
    expect(api.browserFamily).toBe('firefox');
    const seen: Settings[] = [];
    const stop = api.onSettingsChanged((s) => seen.push(s));
    await api.updateSettings({ marks: false });
    expect(stored[SETTINGS_KEY]).toMatchObject({ marks: false, sidebarWidth: 500, sidebarOpen: true });
    expect(seen.at(-1)?.marks).toBe(false);
    stop();
    expect(await api.shortcut()).toBe('Alt+Shift+B');
  });

  it('answers in the browser language on automatic and loads the chosen locale otherwise', async () => {
    const { browser } = fakeBrowser();
    const api = browserOptionsApi(browser);
    const auto = await api.strings('auto');
    expect(auto.lang).toBe('ru');
    expect(auto.t('optionsTitle')).toBe('Настройки Backstory');
    const fetched = vi.fn(async () => new Response(JSON.stringify(TABLES.en)));
    vi.stubGlobal('fetch', fetched);
    try {
      const en = await api.strings('en');
      expect(fetched).toHaveBeenCalledWith('moz-extension://uuid/_locales/en/messages.json');
      expect(en.t('optionsShortcutCurrent', 'Alt+B')).toBe('Show or hide the sidebar: Alt+B');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
