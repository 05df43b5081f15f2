// @vitest-environment happy-dom
// A content script that outlives its extension must take its interface out of the page, and the
// guard that keeps that interface in the page must not put it back.

import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/content/extension-api', () => ({ browser: { runtime: { id: undefined } } }));

import { contextLost, extensionAlive, isContextLost, onContextLost } from '../../../src/content/context-lost';
import { createGuard } from '../../../src/content/guard';

describe('context loss', () => {
  it('recognises the browsers\u2019 errors for an extension that went away', () => {
    expect(isContextLost(new Error('Extension context invalidated.'))).toBe(true);
    expect(isContextLost(new TypeError("can't access dead object"))).toBe(true);
    expect(isContextLost(new Error('Could not establish connection'))).toBe(false);
  });

  it('reads an extension without an id as gone', () => {
    expect(extensionAlive()).toBe(false);
  });

  it('removes our interface for good, even though the guard was keeping it in the page', async () => {
    const host = document.createElement('backstory-sidebar');
    document.body.append(host);
    const guard = createGuard(document, () => undefined);
    onContextLost(() => host.remove());
    onContextLost(() => guard.stop());
    guard.keep({ intact: () => host.isConnected, repair: () => document.body.append(host), watch: [host] });
    contextLost();
    contextLost();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelector('backstory-sidebar')).toBeNull();
  });
});
