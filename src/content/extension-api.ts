// The extension API for the content script, typed by webextension-polyfill but without its runtime.
//
// Why: the polyfill's runtime would be a large share of the content script, which is kept small. The page
// side uses only APIs that work alike natively in both browsers' Manifest V3 (Firefox's `browser`,
// Chromium's `chrome`): runtime.connect and its ports, runtime.onMessage without replies,
// i18n.getMessage, and storage.local / storage.onChanged (promise-based in both). The background and the options page, which reply to messages
// with promises, use the real polyfill.

import type { Browser } from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const browser: Browser = scope.browser ?? (scope.chrome as Browser);
