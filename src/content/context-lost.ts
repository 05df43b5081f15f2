// After the extension is updated or reloaded, the content script of a tab that was already open
// outlives its extension. Chromium invalidates its context: every extension call throws "Extension
// context invalidated" and runtime.id reads undefined, so a toggle whose click saves a setting throws
// and stays shut. Firefox unloads it, and its listeners go dead. Either way our interface would stay
// in the page, dead. This notices it and removes our interface: when a call to the extension fails
// that way, and when the reader comes back to the tab or touches the page. A newer copy of this
// script that the browser injects into the open tab (Firefox does) clears the page and starts afresh.

import { browser } from './extension-api';

/** Whether this script's extension is still there to talk to. */
export function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

/** Whether `error` is the browser saying this script's extension has gone (updated, reloaded, removed). */
export function isContextLost(error: unknown): boolean {
  return /context invalidated|dead object/i.test(error instanceof Error ? error.message : String(error));
}

const teardowns: (() => void)[] = [];
let lost = false;

/**
 * Runs `teardown` once if the extension goes away. Teardowns run last registered first, as cleanups
 * unwind: the guard that would put our interface back stops before the interface is removed.
 */
export function onContextLost(teardown: () => void): void {
  teardowns.push(teardown);
}

/** The extension has gone: removes our interface from the page. */
export function contextLost(): void {
  if (lost) return;
  lost = true;
  for (const teardown of teardowns.splice(0).reverse()) {
    try {
      teardown();
    } catch {
      // Take down as much as possible.
    }
  }
}

/** Checks now and then whether the extension is still there (cheap: one property read). */
export function watchContext(doc: Document): void {
  const check = () => {
    if (!lost && !extensionAlive()) contextLost();
  };
  doc.addEventListener('visibilitychange', check);
  // Capture: before the toggle or a mark handles the reader's action.
  doc.addEventListener('pointerdown', check, true);
  doc.addEventListener('keydown', check, true);
}
