// Is this page a TASS article, and if so: where is its text, when was it published, in which language?
// Runs in the content script and in Node over linkedom, so only basic DOM calls are used.
import { type Lang, monthOfWord } from '../shared/languages';
import type { ArticleInfo, IsoDate } from '../shared/types';
import { hostLanguage, TASS } from './tass';

export interface DetectedArticle extends ArticleInfo {
  /** Elements holding the article's text in reading order: headline, lead, body paragraphs/sub-heads. */
  blocks: Element[];
}

type Md = { m: number; d: number };

const MSK_MS = 3 * 3600 * 1000;
/** Text inside these elements, or inside elements hidden from the reader, is not part of the story. */
const EXCLUDED_TAG = /^(?:FIGURE|FIGCAPTION|ASIDE|NAV|FOOTER|SCRIPT|STYLE|NOSCRIPT|TEMPLATE|BUTTON)$/;
const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** Where an article is looked for: the whole page, or one article's container on a page with several. */
type Scope = Document | Element;

const all = (root: Scope, sel: string): Element[] => Array.from(root.querySelectorAll(sel));
const meta = (doc: Document, prop: string): string | null =>
  doc.querySelector(`meta[property="${prop}"], meta[name="${prop}"]`)?.getAttribute('content') ?? null;

function iso(y: number, m: number, d: number): IsoDate | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** A moment as a calendar day in Moscow, where TASS dates its articles. */
function mskDay(ms: number): IsoDate | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > 1e14) return null;
  const t = new Date(ms + MSK_MS);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** ISO 8601 date or date-time; with an offset it is converted to Moscow time, without one taken as written. */
function isoDay(s: string | null | undefined): IsoDate | null {
  const m = /^\s*(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?(?:\.\d+)?)\s*(Z|[+-]\d\d:?\d\d)?)?/.exec(
    s ?? '',
  );
  if (!m) return null;
  if (!m[4] || !m[5]) return iso(+m[1]!, +m[2]!, +m[3]!);
  const zone = m[5].length === 5 ? `${m[5].slice(0, 3)}:${m[5].slice(3)}` : m[5];
  return mskDay(Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}${zone}`));
}

/** "14 января 2017, 12:30", "January 14, 2022", "14.01.2017"; the year may be missing. */
function humanDate(s: string): { y: number | null; md: Md } | null {
  let m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(s);
  if (m) return { y: +m[3]!, md: { m: +m[2]!, d: +m[1]! } };
  m = /(\d{1,2})\s+([A-Za-zА-Яа-яЁё]{3,9})\.?(?:,?\s+(\d{4}))?/.exec(s);
  if (m && monthOfWord(m[2]!)) return { y: m[3] ? +m[3] : null, md: { m: monthOfWord(m[2]!), d: +m[1]! } };
  m = /([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?/.exec(s);
  if (m && monthOfWord(m[1]!)) return { y: m[3] ? +m[3] : null, md: { m: monthOfWord(m[1]!), d: +m[2]! } };
  return null;
}

function datelineMd(s: string): Md | null {
  const head = s.slice(0, 300);
  let m = TASS.englishDateline.exec(head);
  if (m && monthOfWord(m[1]!)) return { m: monthOfWord(m[1]!), d: +m[2]! };
  m = TASS.russianDateline.exec(head);
  const [day, month] = [m?.[1] ?? m?.[3], m?.[2] ?? m?.[4]];
  if (day && month && monthOfWord(month)) return { m: monthOfWord(month), d: +day };
  return null;
}

function newsArticleLd(root: Scope): Record<string, unknown> | null {
  for (const s of all(root, 'script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue; // a broken block must not hide a good one
    }
    const stack = [data];
    for (let n = 0; stack.length && n < 1000; n++) {
      const o = stack.pop();
      if (Array.isArray(o)) stack.push(...o.slice(0, 100));
      else if (o && typeof o === 'object') {
        const rec = o as Record<string, unknown>;
        if (/NewsArticle|^Article$/.test(String(rec['@type']))) return rec;
        if (rec['@graph']) stack.push(rec['@graph']);
      }
    }
  }
  return null;
}

/** Next.js pages carry the date inside serialized flight data: `\"datePublished\":\"2024-05-16T10:00:00+03:00\"`. */
function scriptDate(root: Scope): IsoDate | null {
  for (const s of all(root, 'script:not([type="application/ld+json"])')) {
    const src = s.textContent ?? '';
    const at = src.indexOf('datePublished');
    if (at < 0) continue;
    const m = /^datePublished\\*"\s*:\s*\\*"(\d{4}-\d\d-\d\d[^"\\]*)/.exec(src.slice(at, at + 80));
    const day = isoDay(m?.[1]);
    if (day) return day;
  }
  return null;
}

function publicationDate(
  doc: Document,
  root: Scope,
  ld: Record<string, unknown> | null,
  dateline: Md | null,
): IsoDate | null {
  const [unixSelector, unixAttribute] = TASS.unixTime;
  const unix = Number(root.querySelector(unixSelector)?.getAttribute(unixAttribute));
  const human = humanDate(text(root.querySelector(TASS.humanDate)));
  const timeAttr = root.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  // The page's meta tags describe the article the page was opened for, not one appended below it.
  const published = root === doc ? meta(doc, 'article:published_time') : null;
  const exact =
    (unix > 0 ? mskDay(unix > 1e11 ? unix : unix * 1000) : null) ??
    isoDay(typeof ld?.datePublished === 'string' ? ld.datePublished : null) ??
    isoDay(published) ??
    (human?.y ? iso(human.y, human.md.m, human.md.d) : null) ??
    scriptDate(root) ??
    isoDay(timeAttr);
  if (exact) return exact;
  // Only the year is known from metadata (or nothing but a yearless date): the dateline gives month and day.
  const year = /^\s*(\d{4})\b/.exec(timeAttr ?? published ?? '')?.[1];
  const md = human?.md ?? dateline;
  return year && md ? iso(+year, md.m, md.d) : null;
}

/**
 * The language of the TASS site when `url` has the shape of an article address, else null: the
 * first, cheapest layer of detection (section pages, the home page and other sites stop here).
 */
export function articleUrlLang(url: string): Lang | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const lang = hostLanguage(TASS, u.hostname);
  if (lang === null || !/^https?:$/.test(u.protocol) || !TASS.articlePath.test(u.pathname)) return null;
  return lang;
}

/** Characters of text enough to tell Russian from English. */
const LANG_SAMPLE = 20000;

function scriptLang(s: string): Lang {
  const sample = s.slice(0, LANG_SAMPLE);
  const cyr = sample.match(/[а-яё]/gi)?.length ?? 0;
  const lat = sample.match(/[a-z]/gi)?.length ?? 0;
  return cyr > lat ? 'ru' : 'en';
}

const EXCLUDED = 1;
const LISTED = 2;

/**
 * What an element's line of ancestors says, as flags: EXCLUDED when it or an ancestor is left out of
 * the story, LISTED when it or an ancestor is in `listed`. The answer is remembered for every element
 * passed: the paragraphs of one article share their ancestors, and there are thousands of them, so
 * each asks about its own element and finds its parent's answer.
 */
function ancestry(listed: ReadonlySet<Element>): (el: Element | null) => number {
  const known = new Map<Element, number>();
  return (el) => {
    const path: Element[] = [];
    let flags = 0;
    for (let e = el; e; e = e.parentElement) {
      const memo = known.get(e);
      if (memo !== undefined) {
        flags = memo;
        break;
      }
      path.push(e);
    }
    // From the top down, each element adds its own flags to those of its parent.
    for (let i = path.length - 1; i >= 0; i--) {
      const e = path[i]!;
      if (
        EXCLUDED_TAG.test(e.tagName.toUpperCase()) ||
        e.hasAttribute('hidden') ||
        e.getAttribute('aria-hidden') === 'true'
      )
        flags |= EXCLUDED;
      if (listed.has(e)) flags |= LISTED;
      known.set(e, flags);
    }
    return flags;
  };
}

/**
 * Keeps non-empty, visible, outermost elements in document order and drops the site's trailing lines.
 * A long article has thousands of paragraphs: emptiness is a test on the raw text, not a cleaned copy.
 */
function clean(list: Element[]): Element[] {
  const set = new Set(list);
  const flagsOf = ancestry(set);
  const out = Array.from(set).filter(
    (el) =>
      !(flagsOf(el.parentElement) & LISTED) && !(flagsOf(el) & EXCLUDED) && /\S/.test(el.textContent ?? ''),
  );
  while (out.length) {
    const last = text(out[out.length - 1]);
    if (last.length < 400 && TASS.boilerplate.test(last)) out.pop();
    else break;
  }
  return out;
}

function structuredBody(root: Scope): Element[] {
  for (const c of TASS.body) {
    const found = clean(all(root, `${c} p, ${c} h2, ${c} h3`));
    if (found.length) return found;
  }
  // Current tass.ru: CSS-module class names carry a build hash (Paragraph_paragraph__a1b2c). Sub-heads are
  // sibling headings. (No `p ~ h2` selector: happy-dom returns its matches out of order and repeated.)
  const paragraphs = new Set(all(root, `[class*="${TASS.bodyParagraphClass}"]`));
  const parents = new Set(Array.from(paragraphs, (el) => el.parentElement));
  const list: Element[] = [];
  for (const parent of parents) {
    for (const n of Array.from(parent?.childNodes ?? [])) {
      if (n.nodeType === 1 && (paragraphs.has(n as Element) || /^H[23]$/i.test((n as Element).tagName))) {
        list.push(n as Element);
      }
    }
  }
  return clean(list);
}

/** The largest run of sibling paragraphs after the headline, if it opens with a TASS dateline. */
function heuristicBody(root: Scope): Element[] {
  let afterH1 = !root.querySelector('h1');
  const groups = new Map<Element, Element[]>();
  for (const el of all(root, 'h1, p')) {
    if (el.tagName.toUpperCase() === 'H1') afterH1 = true;
    else if (afterH1 && el.parentElement) {
      const g = groups.get(el.parentElement);
      if (g) g.push(el);
      else groups.set(el.parentElement, [el]);
    }
  }
  let best: Element[] = [];
  let bestLen = 0;
  for (const g of groups.values()) {
    const kept = clean(g);
    const len = kept.reduce((n, el) => n + (el.textContent?.length ?? 0), 0);
    if (len > bestLen) [best, bestLen] = [kept, len];
  }
  return TASS.agencyMark.test(best.slice(0, 3).map(text).join('\n')) ? best : [];
}

function findLead(h1: Element | null, body: Element[]): Element | null {
  const scope = h1?.parentElement?.parentElement ?? h1?.parentElement;
  if (!scope) return null;
  const flagsOf = ancestry(new Set());
  for (const el of all(scope, TASS.lead)) {
    if (text(el) && !body.includes(el) && !body.some((b) => el.contains(b)) && !(flagsOf(el) & EXCLUDED))
      return el;
  }
  return null;
}

/**
 * null when the page is not a TASS article (wrong host, section/home page, a reprint elsewhere, or no
 * article body yet). `within` limits the search to one article's container, for pages that append
 * further articles as the reader scrolls; the page's meta tags and language still come from `doc`.
 */
export function detectArticle(doc: Document, url: string, within: Scope = doc): DetectedArticle | null {
  try {
    const hostLanguage = articleUrlLang(url);
    if (!hostLanguage || !doc?.querySelector || !within?.querySelector) return null;
    let body = structuredBody(within);
    if (!body.length) body = heuristicBody(within);
    if (!body.length) return null; // not rendered yet, or not an article after all
    const h1 = TASS.headline.reduce<Element | null>((found, sel) => found ?? within.querySelector(sel), null);
    const lead = findLead(h1, body);
    const ld = newsArticleLd(within);
    // The dateline opens the body and a sample tells the language: the opening blocks are enough,
    // and cleaning the whole text of a long article would cost the page a long task.
    let bodyText = '';
    for (let i = 0; i < body.length && bodyText.length < LANG_SAMPLE; i++) bodyText += `${text(body[i])} `;
    const htmlLang = (doc.documentElement?.getAttribute('lang') ?? '').slice(0, 2).toLowerCase();
    const lang = htmlLang && htmlLang !== hostLanguage ? scriptLang(bodyText) : hostLanguage;
    const title =
      text(h1) ||
      (typeof ld?.headline === 'string' ? ld.headline.trim() : '') ||
      (within === doc ? meta(doc, 'og:title') : null) ||
      null;
    const blocks = [h1 && text(h1) ? h1 : null, lead, ...body].filter((b): b is Element => b !== null);
    return {
      detected: true,
      title,
      date: publicationDate(doc, within, ld, datelineMd(bodyText)),
      lang,
      blocks,
    };
  } catch {
    return null; // a page we do not understand is simply not an article
  }
}

/** For plain text input (the CLI reads .txt files). */
export function detectPlainText(text: string, dateHint?: string | null): ArticleInfo {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const title =
    lines
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .find((l) => l && !/^(?:All news|Все новости)$/i.test(l)) ?? null;
  const hint = /^(\d{4})(?:-(\d\d)-(\d\d))?$/.exec(dateHint?.trim() ?? '');
  let date: IsoDate | null = null;
  if (hint?.[2]) date = iso(+hint[1]!, +hint[2], +hint[3]!);
  else if (hint) {
    // A bare year: the dateline supplies month and day.
    const md = datelineMd(lines.filter((l) => TASS.agencyMark.test(l))[0] ?? '');
    date = md ? iso(+hint[1]!, md.m, md.d) : null;
  }
  return { detected: TASS.agencyMark.test(text), title, date, lang: scriptLang(text) };
}
