// The background: a Chromium service worker or a Firefox event page. It owns the database and the
// compiled matcher, and answers the typed requests of src/shared/messages.ts.

import browser, { type Runtime } from 'webextension-polyfill';
import { parseBundle } from '../dataset/dataset';
import { annotateArticle } from '../engine/annotate-article';
import { compileMatcher, type Matcher } from '../engine/matcher/compile';
import { loadMatcher, serializeMatcher } from '../engine/matcher/stored';
import type { Lang } from '../shared/languages';
import {
  type DatasetInfo,
  type PageUi,
  parseRequest,
  type Reply,
  type Request,
  type TabCommand,
} from '../shared/messages';
import type { DatasetBundle, Entity } from '../shared/types';
import { stringTable } from '../ui/strings';
import { MARK_CSS, UI_CSS } from '../ui/styles';
import {
  type BackstoryDb,
  ensureDataset,
  importDataset,
  openDatabase,
  readCompiledMatcher,
  readDatasetInfo,
  resetDataset,
  writeCompiledMatcher,
} from './database';

declare const __DATASET_VERSION__: string;
/** Hash of the matcher's code at build time (build.mjs): a stored matcher is valid only for the same code. */
declare const __MATCHER_CODE_HASH__: string;

async function loadBundledDataset(): Promise<DatasetBundle> {
  const response = await fetch(browser.runtime.getURL('dataset.json'));
  const { bundle, errors } = parseBundle(await response.json());
  if (!bundle) throw new Error(`the bundled dataset is invalid: ${errors.slice(0, 3).join('; ')}`);
  return bundle;
}

interface Loaded {
  matcher: Matcher;
  info: DatasetInfo;
}

let loading: Promise<Loaded> | null = null;

/** Builds the matcher for `entities`, from the stored compiled form when it fits, else by compiling. */
async function matcherFor(db: BackstoryDb, info: DatasetInfo, entities: Entity[]): Promise<Matcher> {
  // Loading the stored compiled matcher is several times cheaper than compiling, most of all in
  // a cold worker. It is stamped with the dataset version and the core code's hash, and
  // compiled again when either differs.
  const stored = await readCompiledMatcher(db).catch(() => undefined);
  const stamp = `${info.version}/${__MATCHER_CODE_HASH__}`;
  let matcher = loadMatcher(stored, entities, stamp);
  if (matcher === null) {
    matcher = compileMatcher(entities);
    await writeCompiledMatcher(db, serializeMatcher(matcher, stamp)).catch((e) =>
      console.warn('[Backstory] could not store the compiled matcher', e),
    );
  }
  return matcher;
}

/**
 * Opens (and if needed seeds) the database and loads the compiled matcher stored there (compiling
 * and storing it when absent or stale), once per worker lifetime. A restarted worker pays this
 * again; a failure is not cached, so the next request retries.
 */
function loaded(): Promise<Loaded> {
  loading ??= (async () => {
    const db = await openDatabase();
    try {
      const { info, entities } = await ensureDataset(db, __DATASET_VERSION__, loadBundledDataset);
      return { matcher: await matcherFor(db, info, entities), info };
    } finally {
      db.close();
    }
  })().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Dataset changes (import, reset) one at a time, so two quick clicks cannot interleave. */
let changing: Promise<unknown> = Promise.resolve();

/**
 * Runs `change` against the database and, when it installs a dataset, makes the in-memory matcher
 * the new dataset's. Requests that arrive meanwhile still get the previous dataset's answers.
 */
function changeDataset<T>(
  change: (db: BackstoryDb) => Promise<{ result: T; installed?: { info: DatasetInfo; entities: Entity[] } }>,
): Promise<T> {
  const run = changing.then(async () => {
    // Let a first seeding finish before replacing what it writes.
    await loaded().catch(() => undefined);
    const db = await openDatabase();
    try {
      const { result, installed } = await change(db);
      if (installed) {
        const matcher = await matcherFor(db, installed.info, installed.entities);
        loading = Promise.resolve({ matcher, info: installed.info });
      }
      return result;
    } finally {
      db.close();
    }
  });
  changing = run.catch(() => undefined);
  return run;
}

let pageUi: Promise<PageUi> | null = null;

/**
 * The page interface's stylesheet and strings (see PageUi). Both locale files are read here, from
 * the extension's own files, because browser.i18n.getMessage would answer in the browser's
 * language only. Read once per worker lifetime; a failure is not cached.
 */
function loadPageUi(): Promise<PageUi> {
  const read = async (lang: Lang) =>
    stringTable(await (await fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`))).json());
  pageUi ??= Promise.all([read('en'), read('ru')]).then(
    ([en, ru]) => ({ css: UI_CSS, markCss: MARK_CSS, strings: { en, ru } }),
    (error) => {
      pageUi = null;
      throw error;
    },
  );
  return pageUi;
}

async function handle(request: Request): Promise<Reply<Request['type']>> {
  switch (request.type) {
    case 'annotate': {
      const { matcher, info } = await loaded();
      const annotation = annotateArticle(matcher, request.text, { date: request.date, lang: request.lang });
      return { ok: true, result: { ...annotation, dataset: info } };
    }
    case 'page-ui':
      return { ok: true, result: await loadPageUi() };
    case 'dataset-info': {
      await loaded();
      const db = await openDatabase();
      const stored = await readDatasetInfo(db).finally(() => db.close());
      if (!stored) return { ok: false, error: 'the database holds no dataset' };
      return {
        ok: true,
        result: { ...stored, origin: self.location.origin, bundledVersion: __DATASET_VERSION__ },
      };
    }
    case 'import-dataset': {
      const outcome = await changeDataset(async (db) => {
        const imported = await importDataset(db, request.bundle, __DATASET_VERSION__);
        return { result: imported, installed: imported.ok ? imported : undefined };
      });
      if (!outcome.ok)
        return {
          ok: false,
          error: 'The file is not a valid Backstory dataset; the current dataset is unchanged.',
          problems: outcome.problems,
        };
      return { ok: true, result: outcome.info };
    }
    case 'reset-dataset': {
      const info = await changeDataset(async (db) => {
        const installed = await resetDataset(db, loadBundledDataset);
        return { result: installed.info, installed };
      });
      return { ok: true, result: info };
    }
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return { ok: true, result: null };
    case 'page-problem':
      // Answered in the listener, which knows the sending tab.
      return { ok: true, result: null };
  }
}

/**
 * A page that keeps removing Backstory's elements: the toolbar button of that tab says so, since
 * the page itself cannot be trusted to show it. Cleared when the tab navigates.
 */
async function showPageProblem(tabId: number | undefined): Promise<void> {
  if (tabId === undefined) return;
  await browser.action.setBadgeText({ tabId, text: '!' });
  await browser.action.setTitle({ tabId, title: browser.i18n.getMessage('problemPage') });
}

/** Only our own content scripts and pages may ask: a message from anywhere else is refused. */
function fromOwnExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

/**
 * Whether the sender is one of the extension's own pages (the options page) rather than a content
 * script, which runs inside a TASS page: only the reader, on the options page, changes the dataset.
 */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

const PAGE_ONLY: ReadonlySet<Request['type']> = new Set(['import-dataset', 'reset-dataset']);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromOwnExtension(sender)) return undefined;
  const request = parseRequest(message);
  if ('error' in request) return Promise.resolve({ ok: false, error: request.error });
  if (PAGE_ONLY.has(request.type) && !fromExtensionPage(sender))
    return Promise.resolve({ ok: false, error: `${request.type} is only accepted from the options page` });
  if (request.type === 'page-problem') void showPageProblem(sender.tab?.id).catch(() => undefined);
  return handle(request).catch((error: unknown) => ({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  }));
});

async function toggleSidebar(tabId: number | undefined): Promise<void> {
  if (tabId === undefined) {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId = active?.id;
  }
  if (tabId === undefined) return;
  const command: TabCommand = { type: 'toggle-sidebar' };
  // A tab that is not a TASS article has no content script listening: nothing to toggle there.
  await browser.tabs.sendMessage(tabId, command).catch(() => undefined);
}

browser.action.onClicked.addListener((tab) => void toggleSidebar(tab.id));
browser.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-sidebar') void toggleSidebar(tab?.id);
});

// Seed on install and update rather than on the first article, so the first page is fast.
browser.runtime.onInstalled.addListener(
  () => void loaded().catch((e) => console.error('[Backstory] seeding failed', e)),
);

// For the end-to-end tests, which can evaluate code in the Chromium service worker.
(globalThis as { backstoryDebug?: unknown }).backstoryDebug = {
  datasetInfo: async () => {
    const reply = await handle({ type: 'dataset-info' });
    return reply.ok ? reply.result : reply;
  },
};
