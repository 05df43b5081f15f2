// The reader's settings as this tab sees them: read once from storage.local, written back when the
// reader changes something here, and followed when they change in another tab or on the options
// page.

import { DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY, type Settings } from '../shared/settings';
import { contextLost, isContextLost } from './context-lost';
import { browser } from './extension-api';

export interface SettingsSync {
  current(): Settings;
  /** Applies a change made in this tab and saves it for every tab. */
  update(change: Partial<Settings>): void;
}

async function loadSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Chrome hands stored objects back with sorted keys: compare settings as JSON of parseSettings' output. */
const settingsKey = (value: unknown) => JSON.stringify(parseSettings(value));

/**
 * Loads the settings and keeps them in step with storage. `onExternalChange` is called with the new
 * settings when another tab or the options page changed them.
 */
export async function syncSettings(onExternalChange: (settings: Settings) => void): Promise<SettingsSync> {
  let settings = await loadSettings();
  /**
   * Settings this tab wrote whose storage.onChanged echo has not come back yet. The echoes arrive
   * later: applying them would undo newer changes made meanwhile (three quick arrow presses on the
   * resize handle gave two steps), so each is dropped once. A change from elsewhere clears the rest.
   */
  const ownWrites = new Set<string>();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    const value = changes[SETTINGS_KEY]?.newValue;
    if (ownWrites.delete(settingsKey(value))) return;
    ownWrites.clear();
    settings = parseSettings(value);
    onExternalChange(settings);
  });
  return {
    current: () => settings,
    update(change) {
      settings = { ...settings, ...change };
      ownWrites.add(settingsKey(settings));
      try {
        browser.storage.local.set({ [SETTINGS_KEY]: settings }).catch(() => undefined);
      } catch (error) {
        // Chromium throws at once once the extension was updated or reloaded: take our interface down.
        if (isContextLost(error)) contextLost();
      }
    },
  };
}
