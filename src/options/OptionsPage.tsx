// The options page's components. All data access goes through the OptionsApi they are given, so
// the unit tests render them against a fake browser.
//
// Language: the page speaks the interface language the reader chose; on "automatic" (which on an
// article means the article's language) there is no article here, so it follows the browser's
// language through browser.i18n. Theme: the chosen one, or the system's.

import { Fragment, type TargetedEvent } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { MAX_JSON_DEPTH } from '../shared/limits';
import { jsonTextDepth, MAX_IMPORT_BYTES, type Reply, type Request } from '../shared/messages';
import { parseSettings, type Settings } from '../shared/settings';
import type { EntityType } from '../shared/types';
import type { DatasetInfoResult, OptionsApi, Strings, Translate } from './options-api';

const TYPES: readonly [EntityType, string][] = [
  ['treaty', 'optionsTypeTreaty'],
  ['event', 'optionsTypeEvent'],
  ['organization', 'optionsTypeOrganization'],
];

function Check(props: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="choice">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

function RadioGroup<T extends string>(props: {
  name: string;
  legend: string;
  value: T;
  /** Value, label, and the label's language when it differs from the page's. */
  options: readonly (readonly [T, string] | readonly [T, string, string])[];
  onChange: (value: T) => void;
  note?: string;
}) {
  const noteId = `${props.name}-note`;
  return (
    <fieldset aria-describedby={props.note ? noteId : undefined}>
      <legend>{props.legend}</legend>
      {props.options.map(([value, label, lang]) => (
        <label class="choice" key={value}>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          <span lang={lang}>{label}</span>
        </label>
      ))}
      {props.note && (
        <p class="note" id={noteId}>
          {props.note}
        </p>
      )}
    </fieldset>
  );
}

function SettingsForm({
  settings,
  t,
  change,
}: {
  settings: Settings;
  t: Translate;
  change: (change: Partial<Settings>) => void;
}) {
  return (
    <>
      <fieldset>
        <legend>{t('optionsArticlesLegend')}</legend>
        <Check
          name="marks"
          label={t('optionsMarks')}
          checked={settings.marks}
          onChange={(marks) => change({ marks })}
        />
        <Check
          name="hoverCards"
          label={t('optionsHoverCards')}
          checked={settings.hoverCards}
          onChange={(hoverCards) => change({ hoverCards })}
        />
      </fieldset>
      <RadioGroup
        name="openSidebar"
        legend={t('optionsOpenSidebarLegend')}
        value={settings.openSidebar}
        options={[
          ['remember', t('optionsOpenRemember')],
          ['always', t('optionsOpenAlways')],
          ['never', t('optionsOpenNever')],
        ]}
        onChange={(openSidebar) => change({ openSidebar })}
      />
      <fieldset>
        <legend>{t('optionsTypesLegend')}</legend>
        {TYPES.map(([type, label]) => (
          <Check
            key={type}
            name={`type-${type}`}
            label={t(label)}
            checked={settings.types[type]}
            onChange={(on) => change({ types: { ...settings.types, [type]: on } })}
          />
        ))}
      </fieldset>
      <RadioGroup
        name="language"
        legend={t('optionsLanguageLegend')}
        value={settings.language}
        options={[
          ['auto', t('optionsLanguageAuto')],
          ['en', t('optionsLanguageEn'), 'en'],
          ['ru', t('optionsLanguageRu'), 'ru'],
        ]}
        onChange={(language) => change({ language })}
        note={t('optionsLanguageNote')}
      />
      <RadioGroup
        name="theme"
        legend={t('optionsThemeLegend')}
        value={settings.theme}
        options={[
          ['system', t('optionsThemeSystem')],
          ['light', t('optionsThemeLight')],
          ['dark', t('optionsThemeDark')],
        ]}
        onChange={(theme) => change({ theme })}
      />
    </>
  );
}

function Shortcut({ api, t }: { api: OptionsApi; t: Translate }) {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    api.shortcut().then(setShortcut, () => setShortcut(''));
  }, [api]);
  return (
    <section aria-labelledby="shortcut-heading">
      <h2 id="shortcut-heading">{t('optionsShortcutHeading')}</h2>
      {shortcut !== null && (
        <p>
          {shortcut ? t('optionsShortcutCurrent', shortcut) : t('optionsShortcutNone')}{' '}
          {/* Extension pages cannot link to these browser pages, so they are named as text. */}
          {t(api.browserFamily === 'firefox' ? 'optionsShortcutFirefox' : 'optionsShortcutChromium')}
        </p>
      )}
    </section>
  );
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string; problems: string[] };

/**
 * Problems the reader is most likely to meet, said in the interface language; the validator's other
 * lines (which name the entity and field) are shown as they are, in English.
 */
const EXPLAINED: readonly [RegExp, string][] = [
  [/the content was changed after the file was compiled/, 'optionsProblemEdited'],
  [/^dataset bundle: format: missing/, 'optionsProblemNoFormat'],
  [/^dataset bundle: format: .* is not a format/, 'optionsProblemUnknownFormat'],
  [/^dataset bundle: this is a list of entities/, 'optionsProblemSourceFile'],
];

function explain(problem: string, t: Translate): string {
  const known = EXPLAINED.find(([pattern]) => pattern.test(problem));
  return known ? t(known[1]) : problem;
}

/**
 * How long the page waits for the background before it says so: an import of a large file takes a
 * few seconds; a background that never answers must not leave the page busy for ever.
 */
const ANSWER_TIMEOUT_MS = { read: 15_000, change: 120_000 };

/** The background's reply, or a failed one when it does not answer in time. */
function ask<T extends Request>(
  api: OptionsApi,
  request: T,
  timeoutMs: number,
  t: Translate,
): Promise<Reply<T['type']>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, error: t('optionsNoAnswer') }), timeoutMs);
    api.send(request).then(
      (reply) => {
        clearTimeout(timer);
        // A reply is an object; anything else (no listener answered) means no answer.
        resolve(reply ?? { ok: false, error: t('optionsNoAnswer') });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, error: String(error) });
      },
    );
  });
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

function DatasetSection({ api, strings }: { api: OptionsApi; strings: Strings }) {
  const { t, lang } = strings;
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  const [info, setInfo] = useState<Reply<'dataset-info'> | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const refresh = useCallback(
    () => ask(api, { type: 'dataset-info' }, ANSWER_TIMEOUT_MS.read, t).then(setInfo),
    [api, t],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const fail = (message: string, problems: string[] = []) =>
    setOutcome({ kind: 'failed', message, problems });

  async function importFile(file: File): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES)
      return fail(t('optionsImportFailed', file.name), [
        t('optionsImportTooLarge', megabytes(file.size), megabytes(MAX_IMPORT_BYTES)),
      ]);
    setOutcome({ kind: 'busy', message: t('optionsImporting', file.name) });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return fail(t('optionsImportFailed', file.name), [t('optionsImportUnreadable', String(error))]);
    }
    // Before JSON.parse and before the background: a file nested thousands of levels deep would
    // otherwise make every step that walks it recurse (messaging, validation) and may never answer.
    if (jsonTextDepth(text) > MAX_JSON_DEPTH)
      return fail(t('optionsImportFailed', file.name), [t('optionsImportTooDeep', MAX_JSON_DEPTH)]);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail(t('optionsImportFailed', file.name), [t('optionsImportNotJson', reason)]);
    }
    const reply = await ask(api, { type: 'import-dataset', bundle: data }, ANSWER_TIMEOUT_MS.change, t);
    if (!reply.ok)
      return fail(
        t('optionsImportFailed', file.name),
        (reply.problems ?? [reply.error]).map((problem) => explain(problem, t)),
      );
    // The list of what is installed is read first, so the status never announces a dataset the
    // list does not show yet.
    await refresh();
    setOutcome({
      kind: 'done',
      message: t('optionsImported', reply.result.version, reply.result.entityCount),
    });
  }

  async function reset(): Promise<void> {
    setOutcome({ kind: 'busy', message: t('optionsResetting') });
    const reply = await ask(api, { type: 'reset-dataset' }, ANSWER_TIMEOUT_MS.change, t);
    if (!reply.ok) return fail(t('optionsResetFailed', reply.error));
    await refresh();
    setOutcome({ kind: 'done', message: t('optionsResetDone', reply.result.version) });
  }

  /** Works whatever state the database is in: the background rebuilds it, or serves from memory. */
  async function repair(): Promise<void> {
    setOutcome({ kind: 'busy', message: t('optionsRepairing') });
    const reply = await ask(api, { type: 'repair-dataset' }, ANSWER_TIMEOUT_MS.change, t);
    if (!reply.ok) return fail(t('optionsRepairFailed', reply.error));
    const { result } = reply;
    const lines = [result.stored ? t('optionsRepairDone', result.version) : t('optionsRepairMemory')];
    if (result.keptImport) lines.push(t('optionsRepairKeptImport', result.version));
    if (result.lostImport)
      lines.push(
        result.lostImport.version
          ? t('optionsRepairLostImport', result.lostImport.version)
          : t('optionsRepairLostImportUnknown'),
      );
    await refresh();
    setOutcome({ kind: 'done', message: lines.join(' ') });
  }

  const onFile = (event: TargetedEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void importFile(file).finally(() => {
      // Choosing the same file again (after fixing it) should import it again.
      input.value = '';
    });
  };

  const busy = outcome.kind === 'busy';
  return (
    <section aria-labelledby="dataset-heading" aria-busy={busy}>
      <h2 id="dataset-heading">{t('optionsDatasetHeading')}</h2>
      {info === null ? (
        <p>{t('optionsDatasetLoading')}</p>
      ) : info.ok ? (
        <DatasetInfoList info={info.result} t={t} locale={locale} />
      ) : (
        <p role="alert">{t('optionsDatasetUnavailable', info.error)}</p>
      )}
      <div class="import">
        <label for="dataset-file">{t('optionsImportLabel')}</label>
        <input
          id="dataset-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="dataset-file-hint"
          disabled={busy}
          onChange={onFile}
        />
        <p class="note" id="dataset-file-hint">
          {t('optionsImportHint')}
        </p>
      </div>
      <button type="button" disabled={busy} onClick={() => void reset()}>
        {t('optionsReset')}
      </button>
      <div class="repair">
        <button type="button" disabled={busy} aria-describedby="repair-hint" onClick={() => void repair()}>
          {t('optionsRepair')}
        </button>
        <p class="note" id="repair-hint">
          {t('optionsRepairHint')}
        </p>
      </div>
      <p role="status" class="status" data-outcome={outcome.kind}>
        {outcome.kind === 'busy' || outcome.kind === 'done' ? outcome.message : ''}
      </p>
      <div role="alert" class="problems">
        {outcome.kind === 'failed' && (
          <>
            <p>{outcome.message}</p>
            {outcome.problems.length > 0 && (
              <>
                <p>{t('optionsImportProblems')}</p>
                <ul>
                  {outcome.problems.map((problem, i) => (
                    <li key={i}>{problem}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function DatasetInfoList({ info, t, locale }: { info: DatasetInfoResult; t: Translate; locale: string }) {
  const date = new Date(`${info.date}T00:00:00Z`).toLocaleDateString(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
    });
  const installed = when(info.seededAt);
  return (
    <>
      <dl>
        <dt>{t('optionsDatasetVersion')}</dt>
        <dd data-field="version">{info.version}</dd>
        <dt>{t('optionsDatasetDate')}</dt>
        <dd>{date}</dd>
        {TYPES.map(([type, label]) => (
          <Fragment key={type}>
            <dt>{t(label)}</dt>
            <dd data-field={`count-${type}`}>{info.counts[type].toLocaleString(locale)}</dd>
          </Fragment>
        ))}
        <dt>{t('optionsDatasetTotal')}</dt>
        <dd data-field="total">{info.entityCount.toLocaleString(locale)}</dd>
        <dt>{t('optionsDatasetSource')}</dt>
        <dd data-field="source">
          {t(info.source === 'imported' ? 'optionsSourceImported' : 'optionsSourceBundled')}
        </dd>
        <dt>{t('optionsDatasetInstalled')}</dt>
        <dd>{installed}</dd>
      </dl>
      {info.source === 'imported' && info.bundledVersion !== info.version && (
        <p class="note">{t('optionsDatasetOtherBundled', info.bundledVersion)}</p>
      )}
      {!info.stored && (
        <p role="alert" data-notice="not-stored">
          {t('optionsDatasetNotStored')}
        </p>
      )}
      {info.replacedImport && (
        <p role="alert" data-notice="replaced-import">
          {info.replacedImport.version
            ? t('optionsReplacedImport', info.replacedImport.version, when(info.replacedImport.at))
            : t('optionsReplacedImportUnknown', when(info.replacedImport.at))}
        </p>
      )}
    </>
  );
}

export function OptionsPage({
  api,
  root = document.documentElement,
}: {
  api: OptionsApi;
  root?: HTMLElement;
}) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [strings, setStrings] = useState<Strings | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .loadSettings()
      .catch(() => parseSettings(undefined))
      .then((loaded) => live && setSettings(loaded));
    const stop = api.onSettingsChanged((next) => setSettings(next));
    return () => {
      live = false;
      stop();
    };
  }, [api]);

  const language = settings?.language;
  useEffect(() => {
    if (!language) return;
    let live = true;
    api.strings(language).then((loaded) => live && setStrings(loaded));
    return () => {
      live = false;
    };
  }, [api, language]);

  useEffect(() => {
    if (!settings) return;
    // options.html styles [data-theme=light|dark]; "system" leaves it to prefers-color-scheme.
    if (settings.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = settings.theme;
  }, [settings?.theme, root]);

  useEffect(() => {
    if (!strings) return;
    root.lang = strings.lang;
    root.ownerDocument.title = strings.t('optionsTitle');
  }, [strings, root]);

  if (!settings || !strings) return null;
  const { t } = strings;

  const change = (delta: Partial<Settings>) => {
    setSettings({ ...settings, ...delta });
    setSaveError(null);
    api.updateSettings(delta).then(setSettings, (error: unknown) => {
      setSaveError(t('optionsSaveFailed', String(error)));
      void api.loadSettings().then(setSettings);
    });
  };

  return (
    <>
      <h1>{t('optionsTitle')}</h1>
      <SettingsForm settings={settings} t={t} change={change} />
      <div role="alert">{saveError && <p>{saveError}</p>}</div>
      <Shortcut api={api} t={t} />
      <DatasetSection api={api} strings={strings} />
    </>
  );
}
