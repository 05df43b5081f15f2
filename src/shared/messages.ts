// Every message between the page side (content script) and the extension origin (background),
// declared once with its reply type, and the guard that the background puts in front of them.
// Modelled on Hypothesis's typed port messages: the receiver never trusts the shape of what arrives.

import { type Bilingual, isLang, LANGS, type Lang } from './languages';
import { MAX_JSON_DEPTH } from './limits';
import type { Entity, EntityType, IsoDate, Mention } from './types';

/** Largest article text the background accepts, in UTF-16 code units: far beyond any real article. */
export const MAX_TEXT_LENGTH = 2_000_000;

/**
 * Largest dataset file the options page may import, measured as serialized JSON: several times the
 * bundled dataset (README, "Measurements"), so a message far larger would be a mistake or an attack.
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
  /**
   * From the options page only: delete the database whatever state it is in and build it again,
   * keeping an imported dataset that can still be read (see RepairResult).
   */
  | { type: 'repair-dataset' }
  /** From a page's "Open Options" (a content script cannot open the options page itself). */
  | { type: 'open-options' }
  /** The page keeps Backstory from showing itself: the toolbar button says so for that tab. */
  | { type: 'page-problem'; problem: PageProblem };

/**
 * Why Backstory gives no context on a page, for the page to say in plain words with a way forward
 * (the content script's `problem*` strings):
 * - `too-large`: the article's text is over MAX_TEXT_LENGTH;
 * - `repairing`: no dataset could be loaded (the database is broken and being rebuilt, and the
 *   bundled dataset could not be read either): try again in a moment, or Repair on the options page;
 * - `internal`: anything else that went wrong (a bug): reload, and Repair if it persists.
 */
export type Unavailable = 'too-large' | 'repairing' | 'internal';

/**
 * Context is given, but from the bundled dataset in memory because the database cannot be used:
 * an imported dataset is not in use and nothing is saved until the options page's Repair works.
 */
export type DatasetNotice = 'database-unavailable';

/**
 * An imported dataset that Backstory replaced with the bundled one without the reader asking: it
 * could not be read back (damaged, or its database had to be rebuilt) or this version's rules
 * refuse it. Kept outside IndexedDB (storage.local) until the reader imports or resets, so the
 * options page can say so.
 */
export interface ReplacedImport {
  /** The imported dataset's version, when it could still be read. */
  version?: string;
  /** When it was replaced (ISO timestamp). */
  at: string;
}

/** What Repair did. */
export interface RepairResult extends DatasetInfo {
  /** False when even a fresh database could not be used: the bundled dataset serves from memory. */
  stored: boolean;
  /** The imported dataset was read back whole and installed again. */
  keptImport: boolean;
  /** An imported dataset that could not be kept. */
  lostImport?: { version?: string };
}

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
    /** Set when the context comes from the bundled dataset in memory (see DatasetNotice). */
    notice?: DatasetNotice;
  };
  'page-ui': PageUi;
  /**
   * `bundledVersion`: the dataset inside this build, which a reset would install. `stored`: false
   * when the database cannot be used and the bundled dataset serves from memory.
   */
  'dataset-info': DatasetInfo & {
    origin: string;
    bundledVersion: string;
    stored: boolean;
    replacedImport?: ReplacedImport;
  };
  'import-dataset': DatasetInfo;
  'reset-dataset': DatasetInfo;
  'repair-dataset': RepairResult;
  'open-options': null;
  'page-problem': null;
}

/** Bench build only (src/shared/bench.ts): when the background received the request and answered. */
export interface BenchTiming {
  received: number;
  answered: number;
  /** When the background's script started, and when its dataset and matcher were ready. */
  started: number;
  loaded?: number;
  /** Moments of loading the dataset (src/shared/bench.ts benchStep). */
  steps?: Record<string, number>;
}

/**
 * A request that failed. `problems`: one line per thing wrong with an imported dataset file.
 * `reason`: why an article gets no context, for the page to show.
 */
export type Failed = {
  ok: false;
  error: string;
  reason?: Unavailable;
  problems?: string[];
  bench?: BenchTiming;
};

export type Reply<T extends Request['type']> = { ok: true; result: Results[T]; bench?: BenchTiming } | Failed;

/**
 * The port on which the content script asks: one request per port, answered by PortParts. Most of
 * an annotation's bytes are the cards' data (the entities and their related cards); sent apart, the
 * mentions reach the page first and its marks do not wait for the rest to be copied across
 * processes. Every other request is answered by one `reply`.
 */
export const REQUEST_PORT = 'backstory-request';

/** What the page's marks need: the first part of an annotation. */
export type AnnotatedMentions = Omit<Results['annotate'], 'entities' | 'related'>;

/** What the hover cards and the sidebar need: the second part. */
export type AnnotatedDetails = Pick<Results['annotate'], 'entities' | 'related'>;

export type PortPart =
  | { part: 'reply'; reply: Reply<Request['type']> }
  | { part: 'mentions'; reply: { ok: true; result: AnnotatedMentions; bench?: BenchTiming } | Failed }
  | { part: 'details'; result: AnnotatedDetails; bench?: Pick<BenchTiming, 'steps'> };

/**
 * A reply as the request port sends it: an annotation in two parts (when it succeeded). `type` is
 * the request's type as it came, before any check.
 */
export function portParts(type: unknown, reply: Reply<Request['type']>): PortPart[] {
  if (type !== 'annotate') return [{ part: 'reply', reply }];
  if (!reply.ok) return [{ part: 'mentions', reply }];
  const { entities, related, ...mentions } = reply.result as Results['annotate'];
  return [
    { part: 'mentions', reply: { ...reply, result: mentions } },
    { part: 'details', result: { entities, related } },
  ];
}

/**
 * How deeply `value` nests arrays and objects, walked without recursion; stops counting past
 * `limit`. JSON.stringify and structured clone recurse, so a file nested thousands of levels deep
 * must be refused before either sees it.
 */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const items: object[] = [];
  const depths: number[] = [];
  const visit = (item: unknown, depth: number) => {
    if (typeof item !== 'object' || item === null) return;
    items.push(item);
    depths.push(depth);
  };
  visit(value, 1);
  while (items.length > 0) {
    const item = items.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (Array.isArray(item)) for (const child of item) visit(child, depth + 1);
    else for (const key in item) visit((item as Record<string, unknown>)[key], depth + 1);
  }
  return deepest;
}

/**
 * How deeply JSON text nests arrays and objects, by counting brackets outside strings: a linear scan
 * that refuses a pathological file before JSON.parse, structured clone or the validator walk it.
 * Stops counting past `limit`.
 */
export function jsonTextDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Serialized size of a value as JSON in UTF-8 bytes, or null when it cannot be serialized. Check
 * jsonDepth first: JSON.stringify recurses.
 */
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

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2022-02-29 and 2022-99-99 are not). */
function isCalendarDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates an incoming request. Returns the typed request, or a one-line reason it was refused.
 * Unknown keys are ignored; wrong types, unknown message types and oversized text are refused.
 */
export function parseRequest(raw: unknown): Request | { error: string; reason?: Unavailable } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { error: 'message is not an object' };
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'annotate': {
      if (typeof msg.text !== 'string') return { error: 'annotate: text must be a string' };
      if (msg.text.length > MAX_TEXT_LENGTH)
        return {
          error: `annotate: text is ${msg.text.length} characters, over the limit of ${MAX_TEXT_LENGTH}`,
          reason: 'too-large',
        };
      if (!isLang(msg.lang)) return { error: `annotate: lang must be one of ${LANGS.join(', ')}` };
      if (msg.date !== null && !(typeof msg.date === 'string' && isCalendarDay(msg.date)))
        return { error: 'annotate: date must be a real day written YYYY-MM-DD, or null' };
      return { type: 'annotate', text: msg.text, lang: msg.lang, date: msg.date };
    }
    case 'page-ui':
      return { type: 'page-ui' };
    case 'dataset-info':
      return { type: 'dataset-info' };
    case 'import-dataset': {
      if (!('bundle' in msg)) return { error: 'import-dataset: bundle is missing' };
      if (jsonDepth(msg.bundle) > MAX_JSON_DEPTH)
        return { error: `import-dataset: the file nests more than ${MAX_JSON_DEPTH} levels deep` };
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
    case 'repair-dataset':
      return { type: 'repair-dataset' };
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
