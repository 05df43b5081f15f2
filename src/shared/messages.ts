// Every message between the page side (content script) and the extension origin (background),
// declared once with its reply type, and the guard that the background puts in front of them.
// Modelled on Hypothesis's typed port messages: the receiver never trusts the shape of what arrives.

import { type Bilingual, isLang, LANGS, type Lang } from './languages';
import type { Entity, EntityType, IsoDate, Mention } from './types';

/** Largest article text the background accepts, in UTF-16 code units (about 2 MB of text). */
export const MAX_TEXT_LENGTH = 2_000_000;

/**
 * Largest dataset file the options page may import, measured as serialized JSON. The bundled
 * dataset is about 1 MB; a message far larger than this would be a mistake or an attack.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Where the stored dataset came from: the file inside the extension, or a file the reader imported. */
export type DatasetSource = 'bundled' | 'imported';

export interface DatasetInfo {
  version: string;
  date: IsoDate;
  entityCount: number;
  /** Entities of each type. */
  counts: Record<EntityType, number>;
  source: DatasetSource;
  /** When this browser's database was last seeded (ISO timestamp). */
  seededAt: string;
}

/** Requests the content script (or the options page) sends to the background. */
export type Request =
  | { type: 'annotate'; text: string; lang: Lang; date: IsoDate | null }
  /** The page interface's stylesheets and strings, asked for once per page. */
  | { type: 'page-ui' }
  | { type: 'dataset-info' }
  /** From the options page only: `bundle` is the parsed JSON of a compiled dataset file. */
  | { type: 'import-dataset'; bundle: unknown }
  /** From the options page only: go back to the dataset that ships in the extension. */
  | { type: 'reset-dataset' }
  /** From a page's "Open Options" (a content script cannot open the options page itself). */
  | { type: 'open-options' }
  /** The page keeps Backstory from showing itself: the toolbar button says so for that tab. */
  | { type: 'page-problem'; problem: PageProblem };

/** Why Backstory cannot show itself in a page (see page-problem). */
export type PageProblem = 'page-interferes';

/** An entity the article does not mention but a mentioned one relates to: enough for a small card. */
export interface RelatedEntity {
  id: string;
  type: EntityType;
  name: Bilingual;
  summary: Bilingual;
}

/**
 * What the page's interface needs besides the data, asked for once per page rather than bundled into
 * the content script (see its size budget in the README): the stylesheet of the shadow roots, and the
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
  };
  'page-ui': PageUi;
  /** `bundledVersion`: the dataset inside this build, which a reset would install. */
  'dataset-info': DatasetInfo & { origin: string; bundledVersion: string };
  'import-dataset': DatasetInfo;
  'reset-dataset': DatasetInfo;
  'open-options': null;
  'page-problem': null;
}

export type Reply<T extends Request['type']> =
  | { ok: true; result: Results[T] }
  /** `problems`: one line per thing wrong with an imported dataset file. */
  | { ok: false; error: string; problems?: string[] };

/** Serialized size of a value as JSON in UTF-8 bytes, or null when it cannot be serialized. */
export function jsonByteLength(value: unknown): number | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return null;
  }
  if (text === undefined) return null;
  let bytes = text.length;
  // Each UTF-16 unit is at least one byte; count the extra bytes of non-ASCII characters.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

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
      if (!isLang(msg.lang)) return { error: `annotate: lang must be one of ${LANGS.join(', ')}` };
      if (msg.date !== null && !(typeof msg.date === 'string' && ISO_DAY.test(msg.date)))
        return { error: 'annotate: date must be YYYY-MM-DD or null' };
      return { type: 'annotate', text: msg.text, lang: msg.lang, date: msg.date };
    }
    case 'page-ui':
      return { type: 'page-ui' };
    case 'dataset-info':
      return { type: 'dataset-info' };
    case 'import-dataset': {
      if (!('bundle' in msg)) return { error: 'import-dataset: bundle is missing' };
      const bytes = jsonByteLength(msg.bundle);
      if (bytes === null) return { error: 'import-dataset: bundle is not JSON data' };
      if (bytes > MAX_IMPORT_BYTES)
        return {
          error: `import-dataset: the dataset is ${bytes} bytes, over the limit of ${MAX_IMPORT_BYTES}`,
        };
      return { type: 'import-dataset', bundle: msg.bundle };
    }
    case 'reset-dataset':
      return { type: 'reset-dataset' };
    case 'open-options':
      return { type: 'open-options' };
    case 'page-problem':
      if (msg.problem !== 'page-interferes') return { error: 'page-problem: unknown problem' };
      return { type: 'page-problem', problem: msg.problem };
    default:
      return { error: `unknown message type ${JSON.stringify(String(msg.type)).slice(0, 60)}` };
  }
}

export function isTabCommand(raw: unknown): raw is TabCommand {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'toggle-sidebar';
}
