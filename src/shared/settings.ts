// The reader's preferences, kept in browser.storage.local under one key. Parsing is defensive:
// storage written by an older or newer version, or by hand, falls back to the defaults field by field.

import type { Lang } from './languages';
import type { EntityType } from './types';

export type OpenSidebar = 'remember' | 'always' | 'never';
export type InterfaceLanguage = 'auto' | Lang;
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  /** Whether the sidebar is open; remembered across pages when `openSidebar` is 'remember'. */
  sidebarOpen: boolean;
  /** On a new article: reopen as last left, always open, or always start closed. */
  openSidebar: OpenSidebar;
  /** Underline mentions in the article. */
  marks: boolean;
  /** Show a card when hovering or focusing a mention. */
  hoverCards: boolean;
  /** Which kinds of entity to show. */
  types: Record<EntityType, boolean>;
  /** 'auto' follows the article's language. */
  language: InterfaceLanguage;
  theme: Theme;
  /** Sidebar width in CSS pixels, as the reader last resized it. */
  sidebarWidth: number;
}

export const SETTINGS_KEY = 'settings';

export const SIDEBAR_WIDTH = { min: 280, default: 360, max: 640 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  sidebarOpen: false,
  openSidebar: 'remember',
  marks: true,
  hoverCards: true,
  types: { treaty: true, event: true, organization: true },
  language: 'auto',
  theme: 'system',
  sidebarWidth: SIDEBAR_WIDTH.default,
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function parseSettings(raw: unknown): Settings {
  const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const flag = (value: unknown, fallback: boolean): boolean =>
    typeof value === 'boolean' ? value : fallback;
  const types =
    typeof stored.types === 'object' && stored.types !== null
      ? (stored.types as Record<string, unknown>)
      : {};
  const width = stored.sidebarWidth;
  return {
    sidebarOpen: flag(stored.sidebarOpen, DEFAULT_SETTINGS.sidebarOpen),
    openSidebar: oneOf(stored.openSidebar, ['remember', 'always', 'never'], DEFAULT_SETTINGS.openSidebar),
    marks: flag(stored.marks, DEFAULT_SETTINGS.marks),
    hoverCards: flag(stored.hoverCards, DEFAULT_SETTINGS.hoverCards),
    types: {
      treaty: flag(types.treaty, true),
      event: flag(types.event, true),
      organization: flag(types.organization, true),
    },
    language: oneOf(stored.language, ['auto', 'en', 'ru'], DEFAULT_SETTINGS.language),
    theme: oneOf(stored.theme, ['system', 'light', 'dark'], DEFAULT_SETTINGS.theme),
    sidebarWidth:
      typeof width === 'number' && Number.isFinite(width)
        ? Math.round(Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, width)))
        : DEFAULT_SETTINGS.sidebarWidth,
  };
}

/** Whether the sidebar starts open on a newly opened article. */
export function sidebarStartsOpen(settings: Settings): boolean {
  if (settings.openSidebar === 'always') return true;
  if (settings.openSidebar === 'never') return false;
  return settings.sidebarOpen;
}

/** The interface language: the reader's choice, else the article's. */
export function interfaceLanguage(settings: Settings, articleLang: Lang): Lang {
  return settings.language === 'auto' ? articleLang : settings.language;
}
