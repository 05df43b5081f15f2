// The reader's preferences, kept in browser.storage.local under one key. Parsing is defensive:
// storage written by an older or newer version, or by hand, falls back to the defaults field by field.

export interface Settings {
  /** Whether the sidebar is open; remembered across pages. */
  sidebarOpen: boolean;
  /** Underline mentions in the article. */
  marks: boolean;
  /** Show a card when hovering or focusing a mention. */
  hoverCards: boolean;
}

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = { sidebarOpen: false, marks: true, hoverCards: true };

export function parseSettings(raw: unknown): Settings {
  const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const flag = (key: keyof Settings): boolean =>
    typeof stored[key] === 'boolean' ? (stored[key] as boolean) : DEFAULT_SETTINGS[key];
  return { sidebarOpen: flag('sidebarOpen'), marks: flag('marks'), hoverCards: flag('hoverCards') };
}
