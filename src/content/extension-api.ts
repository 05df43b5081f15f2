// The extension API for the content script, typed by webextension-polyfill but without its runtime.
//
// Why: the polyfill's runtime would be a large share of the content script, which is kept small. The page
// side uses only APIs that are promise-based natively in both browsers' Manifest V3 (Firefox's
// `browser`, Chromium's `chrome`): runtime.sendMessage, runtime.onMessage without replies, and
// storage.local / storage.onChanged. The background and the options page, which reply to messages
// with promises, use the real polyfill.

import type { Browser } from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const browser: Browser = scope.browser ?? (scope.chrome as Browser);
