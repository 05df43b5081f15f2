// Every message between the page side (content script) and the extension origin (background),
// declared once with its reply type, and the guard that the background puts in front of them.
// Modelled on Hypothesis's typed port messages: the receiver never trusts the shape of what arrives.

import type { Bilingual, Entity, EntityType, IsoDate, Lang, Mention } from './types';

/** Largest article text the background accepts, in UTF-16 code units (about 2 MB of text). */
export const MAX_TEXT_LENGTH = 2_000_000;

export interface DatasetInfo {
  version: string;
  date: IsoDate;
  entityCount: number;
  /** When this browser's database was last seeded (ISO timestamp). */
  seededAt: string;
}

/** Requests the content script (or the options page) sends to the background. */
export type Request =
  | { type: 'annotate'; text: string; lang: Lang; date: IsoDate | null }
  | { type: 'dataset-info' };

/** An entity the article does not mention but a mentioned one relates to: enough for a small card. */
export interface RelatedEntity {
  id: string;
  type: EntityType;
  name: Bilingual;
  summary: Bilingual;
}

/**
 * What the page's interface needs besides the data, sent once per article rather than bundled into
 * the content script (which must stay under 40 KB): the stylesheet of the shadow roots, and the
 * interface strings of _locales for both languages (message name → text), since the interface
 * follows the article's language rather than the browser's and the reader may switch it live.
 */
export interface PageUi {
  css: string;
  /** The stylesheet for inline marks, which live in the page's own DOM. */
  markCss: string;
  strings: Record<Lang, Record<string, string>>;
}

/** The successful result of each request type. */
export interface Results {
  annotate: {
    mentions: Mention[];
    entities: Entity[];
    dataset: DatasetInfo;
    /** Entities related to mentioned ones but not mentioned themselves. */
    related: RelatedEntity[];
    ui: PageUi;
  };
  'dataset-info': DatasetInfo & { origin: string };
}

export type Reply<T extends Request['type']> =
  | { ok: true; result: Results[T] }
  | { ok: false; error: string };

/** Commands the background sends to a tab's content script. */
export type TabCommand = { type: 'toggle-sidebar' };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates an incoming request. Returns the typed request, or a one-line reason it was refused.
 * Unknown keys are ignored; wrong types, unknown message types and oversized text are refused.
 */
export function parseRequest(raw: unknown): Request | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { error: 'message is not an object' };
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'annotate': {
      if (typeof msg.text !== 'string') return { error: 'annotate: text must be a string' };
      if (msg.text.length > MAX_TEXT_LENGTH)
        return {
          error: `annotate: text is ${msg.text.length} characters, over the limit of ${MAX_TEXT_LENGTH}`,
        };
      if (msg.lang !== 'en' && msg.lang !== 'ru') return { error: 'annotate: lang must be "en" or "ru"' };
      if (msg.date !== null && !(typeof msg.date === 'string' && ISO_DAY.test(msg.date)))
        return { error: 'annotate: date must be YYYY-MM-DD or null' };
      return { type: 'annotate', text: msg.text, lang: msg.lang, date: msg.date };
    }
    case 'dataset-info':
      return { type: 'dataset-info' };
    default:
      return { error: `unknown message type ${JSON.stringify(String(msg.type)).slice(0, 60)}` };
  }
}

export function isTabCommand(raw: unknown): raw is TabCommand {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'toggle-sidebar';
}
