// The background: a Chromium service worker or a Firefox event page. It wires service.ts (the
// dataset, the matcher and the answers to the typed requests of src/shared/messages.ts) to the
// extension API, and starts loading the matcher as soon as the worker starts: the first article
// should not wait for the worker to open the database after its request arrives.

import browser, { type Runtime } from 'webextension-polyfill';
import { parseBundle } from '../dataset/dataset';
import type { StoredMatcher } from '../engine/matcher/stored';
import { decodeStoredMatcher } from '../engine/matcher/stored-file';
import { benchNow, benchSteps } from '../shared/bench';
import type { Lang } from '../shared/languages';
import {
  type Failed,
  type PageUi,
  type PortPart,
  parseRequest,
  portParts,
  REQUEST_PORT,
  type Reply,
  type Request,
  type TabCommand,
} from '../shared/messages';
import type { DatasetBundle } from '../shared/types';
import { stringTable } from '../ui/strings';
import { MARK_CSS, UI_CSS } from '../ui/styles';
import { createService, type Notes } from './service';

const started = __BENCH__ ? benchNow() : 0;
let loadedAt: number | undefined;

declare const __DATASET_VERSION__: string;
/** Hash of the matcher's code at build time (build.mjs): a stored matcher is valid only for the same code. */
declare const __MATCHER_CODE_HASH__: string;

/** SHA-256 (hex) of the dataset.json the build validated with the shared validator (build.mjs). */
declare const __DATASET_SHA256__: string;

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The dataset shipped in the extension. The build validated these very bytes, so a file with the
 * build's digest is used as it is (validating it again took most of the seeding on install); any
 * other content goes through the validator like an import.
 */
async function loadBundledDataset(): Promise<DatasetBundle> {
  const bytes = await (await fetch(browser.runtime.getURL('dataset.json'))).arrayBuffer();
  const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if ((await sha256(bytes)) === __DATASET_SHA256__) return json as DatasetBundle;
  const { bundle, errors } = parseBundle(json);
  if (!bundle) throw new Error(`the bundled dataset is invalid: ${errors.slice(0, 3).join('; ')}`);
  return bundle;
}

/** The bundled dataset's matcher as the build compiled it (build.mjs); loadMatcher checks it. */
async function loadBundledMatcher(): Promise<StoredMatcher> {
  const response = await fetch(browser.runtime.getURL('matcher.bin'));
  return decodeStoredMatcher(await response.arrayBuffer());
}

/** storage.local key of service.ts's notes (kept apart from the reader's settings). */
const NOTES_KEY = 'backstoryDatasetNotes';

const service = createService({
  bundledVersion: __DATASET_VERSION__,
  matcherCodeHash: __MATCHER_CODE_HASH__,
  loadBundle: loadBundledDataset,
  loadBundledMatcher,
  origin: self.location.origin,
  // Chromium holds an article's request back from its service worker while the worker still reads
  // from the database after a browser start: there each article's cards are read after its
  // mentions. Firefox's background page has no such wait and starts long before the first article.
  readCardsAtLoad:
    typeof (globalThis as { ServiceWorkerGlobalScope?: unknown }).ServiceWorkerGlobalScope !== 'function',
  notes: {
    read: async () => ((await browser.storage.local.get(NOTES_KEY))[NOTES_KEY] as Notes | undefined) ?? {},
    write: (notes) => browser.storage.local.set({ [NOTES_KEY]: notes }),
  },
});

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
    case 'page-ui':
      return { ok: true, result: await loadPageUi() };
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return { ok: true, result: null };
    case 'page-problem':
      // Answered in the listener, which knows the sending tab.
      return { ok: true, result: null };
    default:
      return service.handle(request);
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

const PAGE_ONLY: ReadonlySet<Request['type']> = new Set([
  'import-dataset',
  'reset-dataset',
  'repair-dataset',
]);

/** A message from `sender` as a request it may make, or why it is refused. */
function accepted(message: unknown, sender: Runtime.MessageSender): Request | Failed {
  const request = parseRequest(message);
  if ('error' in request) return { ok: false, ...request };
  if (PAGE_ONLY.has(request.type) && !fromExtensionPage(sender))
    return { ok: false, error: `${request.type} is only accepted from the options page` };
  return request;
}

const internal = (error: unknown): Failed => ({
  ok: false,
  error: error instanceof Error ? error.message : String(error),
  reason: 'internal',
});

/** Bench build only: a reply with when its request was received and answered. */
function timed<R extends object>(reply: R, received: number): R {
  return {
    ...reply,
    bench: { received, answered: benchNow(), started, loaded: loadedAt, steps: benchSteps },
  };
}

/** The reply to a message from `sender`: refused unless it is a valid request this sender may make. */
function answer(message: unknown, sender: Runtime.MessageSender): Promise<Reply<Request['type']>> {
  return replyTo(accepted(message, sender), sender, __BENCH__ ? benchNow() : 0);
}

/** The reply to an accepted request (or the refusal), stamped in the bench build. */
function replyTo(
  request: Request | Failed,
  sender: Runtime.MessageSender,
  received: number,
): Promise<Reply<Request['type']>> {
  let reply: Promise<Reply<Request['type']>>;
  if ('error' in request) reply = Promise.resolve(request);
  else {
    if (request.type === 'page-problem') void showPageProblem(sender.tab?.id).catch(() => undefined);
    reply = handle(request).catch(internal);
  }
  return __BENCH__ ? reply.then((r) => timed(r, received)) : reply;
}

/**
 * An annotation on the request port: the mentions as soon as they are found, then the cards'
 * data, which may still be being read. When that never comes, the port is closed, which the page
 * takes as "no answer".
 */
async function answerInParts(
  request: Extract<Request, { type: 'annotate' }>,
  post: (part: PortPart) => void,
  close: () => void,
  received: number,
): Promise<void> {
  const { mentions, details } = await service
    .annotateInParts(request)
    .catch((error: unknown) => ({ mentions: internal(error), details: Promise.resolve(null) }));
  post({ part: 'mentions', reply: __BENCH__ ? timed(mentions, received) : mentions });
  if (!mentions.ok) return;
  const result = await details.catch(() => null);
  if (result) post({ part: 'details', result, ...(__BENCH__ ? { bench: { steps: benchSteps } } : {}) });
  else close();
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  fromOwnExtension(sender) ? answer(message, sender) : undefined,
);

// The content script's requests, each on a port of its own (REQUEST_PORT): an annotation is
// answered in two parts. One request per port; anything after it is ignored.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== REQUEST_PORT || !port.sender || !fromOwnExtension(port.sender)) {
    port.disconnect();
    return;
  }
  const sender = port.sender;
  let asked = false;
  port.onMessage.addListener((message: unknown) => {
    if (asked) return;
    asked = true;
    const received = __BENCH__ ? benchNow() : 0;
    const request = accepted(message, sender);
    // The page may have gone meanwhile, and its port with it: posting then throws.
    const post = (part: PortPart) => {
      try {
        port.postMessage(part);
      } catch {}
    };
    if (!('error' in request) && request.type === 'annotate') {
      void answerInParts(request, post, () => port.disconnect(), received);
      return;
    }
    const type = (message as { type?: unknown } | null)?.type;
    void replyTo(request, sender, received).then((reply) => {
      for (const part of portParts(type, reply)) post(part);
    });
  });
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

// Load the dataset and the page's strings as soon as the worker runs, so that an article's first
// request finds them ready. The listeners below exist to get the worker started early: at install
// or update (seeding) and at browser start (before the reader opens the first article).
const warm = () => {
  service
    .warm()
    .then(() => {
      if (__BENCH__) loadedAt = benchNow();
    })
    .catch((e) => console.error('[Backstory] could not load the dataset', e));
  loadPageUi().catch(() => undefined);
};
warm();
browser.runtime.onInstalled.addListener(() => undefined);
browser.runtime.onStartup.addListener(() => undefined);
