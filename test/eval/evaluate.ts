// Scores a matcher against the annotated evaluation corpus. Pure: the caller supplies the items and
// an annotate function, so the same scoring serves `npm run eval`, the unit test and fakes.
//
// Scoring is per (item, entity id) pair, not per mention: an expected id found at least once is a
// true positive, an expected id never found a miss, and any found id the item does not expect (listed
// in `reject` or not) a false hit. The corpus therefore lists in `expect` every id a correct matcher
// finds in each passage; `reject` documents the traps a passage sets.

import type { Lang } from '../../src/shared/languages';
import type { Mention } from '../../src/shared/types';

/**
 * What a passage tests: Russian inflection, spelling variants, ambiguous names, events named by place
 * and date, overlapping names, a mix; and the ways real TASS text refers to things after naming them
 * or instead (short names, abbreviations it defines, names sharing words, names that carry their date,
 * names before the event, events described by place and cue, lower-case Russian names).
 */
export const RULES = [
  'inflection',
  'variants',
  'ambiguity',
  'events',
  'overlap',
  'mixed',
  'short-names',
  'abbreviations',
  'coordination',
  'dated-names',
  'preview',
  'described',
  'lowercase',
] as const;
export type Rule = (typeof RULES)[number];

export interface CorpusItem {
  id: string;
  lang: Lang;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  rule: Rule;
  text: string;
  /** Ids a correct matcher finds, each at least once. */
  expect: string[];
  /** Ids the passage tempts a matcher to find, which it must not. */
  reject: string[];
  note?: string;
}

export type Annotate = (text: string, date: string, lang: Lang) => Mention[];

export interface Score {
  items: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  /** TP / (TP + FP); 1 when nothing was found. */
  precision: number;
  /** TP / (TP + FN); 1 when nothing was expected. */
  recall: number;
}

export interface Failure {
  kind: 'miss' | 'false-hit';
  itemId: string;
  lang: Lang;
  rule: Rule;
  entityId: string;
  /** For a false hit: the matched text of each mention of the id. */
  texts: string[];
  /** For a false hit: whether the item names the id in `reject` (a trap) or simply does not expect it. */
  rejected: boolean;
  /** Everything the matcher found in the item, as `text → id`, to show what it found instead. */
  found: string[];
  note?: string;
}

export interface Report {
  byLang: Record<Lang, Score>;
  overall: Score;
  failures: Failure[];
}

function score(items: number, tp: number, fn: number, fp: number): Score {
  return {
    items,
    truePositives: tp,
    falseNegatives: fn,
    falsePositives: fp,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export function evaluateCorpus(items: readonly CorpusItem[], annotate: Annotate): Report {
  const counts = { en: [0, 0, 0, 0], ru: [0, 0, 0, 0] } as Record<Lang, number[]>;
  const failures: Failure[] = [];
  for (const item of items) {
    const mentions = annotate(item.text, item.date, item.lang);
    const byId = new Map<string, string[]>();
    for (const m of mentions) {
      const texts = byId.get(m.entityId) ?? [];
      texts.push(m.text);
      byId.set(m.entityId, texts);
    }
    const found = mentions.map((m) => `${JSON.stringify(m.text)} → ${m.entityId}`);
    const c = counts[item.lang];
    c[0]! += 1;
    const base = { itemId: item.id, lang: item.lang, rule: item.rule, found, note: item.note };
    for (const id of new Set(item.expect)) {
      if (byId.has(id)) c[1]! += 1;
      else {
        c[2]! += 1;
        failures.push({ ...base, kind: 'miss', entityId: id, texts: [], rejected: false });
      }
    }
    const expected = new Set(item.expect);
    for (const [id, texts] of byId) {
      if (expected.has(id)) continue;
      c[3]! += 1;
      failures.push({ ...base, kind: 'false-hit', entityId: id, texts, rejected: item.reject.includes(id) });
    }
  }
  const of = (c: number[]) => score(c[0]!, c[1]!, c[2]!, c[3]!);
  const total = counts.en.map((n, i) => n + counts.ru[i]!);
  return { byLang: { en: of(counts.en), ru: of(counts.ru) }, overall: of(total), failures };
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Problems with the corpus itself: malformed items, duplicate item ids, entity ids not in the dataset. */
export function validateCorpus(items: readonly unknown[], knownIds: ReadonlySet<string>): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  items.forEach((raw, index) => {
    const item = raw as Partial<CorpusItem>;
    const where = typeof item.id === 'string' ? item.id : `item #${index}`;
    if (typeof item.id !== 'string' || item.id === '') errors.push(`${where}: missing id`);
    else if (seen.has(item.id)) errors.push(`${where}: duplicate id`);
    else seen.add(item.id);
    if (item.lang !== 'en' && item.lang !== 'ru') errors.push(`${where}: lang must be en or ru`);
    if (typeof item.date !== 'string' || !DATE.test(item.date) || Number.isNaN(Date.parse(item.date)))
      errors.push(`${where}: date must be YYYY-MM-DD`);
    if (!RULES.includes(item.rule as Rule)) errors.push(`${where}: rule must be one of ${RULES.join(', ')}`);
    if (typeof item.text !== 'string' || item.text.trim() === '') errors.push(`${where}: empty text`);
    for (const key of ['expect', 'reject'] as const) {
      const ids = item[key];
      if (!Array.isArray(ids)) {
        errors.push(`${where}: ${key} must be an array`);
        continue;
      }
      for (const id of ids) {
        if (typeof id !== 'string' || !ID.test(id)) errors.push(`${where}: ${key} has a malformed id ${id}`);
        else if (!knownIds.has(id)) errors.push(`${where}: ${key} names ${id}, which is not in the dataset`);
      }
    }
    if (Array.isArray(item.expect) && Array.isArray(item.reject)) {
      for (const id of item.expect)
        if (item.reject.includes(id)) errors.push(`${where}: ${id} both expected and rejected`);
    }
  });
  return errors;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function scoreLine(label: string, s: Score): string {
  return (
    `${label.padEnd(8)} precision ${pct(s.precision).padStart(6)}  recall ${pct(s.recall).padStart(6)}  ` +
    `(${s.items} items, ${s.truePositives} found, ${s.falseNegatives} missed, ${s.falsePositives} false hits)`
  );
}

/** The report as `npm run eval` prints it: scores, then every miss and false hit. */
export function formatReport(report: Report): string {
  const lines = [
    scoreLine('en', report.byLang.en),
    scoreLine('ru', report.byLang.ru),
    scoreLine('overall', report.overall),
  ];
  const misses = report.failures.filter((f) => f.kind === 'miss');
  const hits = report.failures.filter((f) => f.kind === 'false-hit');
  const found = (f: Failure) => (f.found.length === 0 ? 'nothing' : f.found.join(', '));
  lines.push('', `Misses (${misses.length}):`);
  for (const f of misses) {
    lines.push(`  ${f.itemId} [${f.rule}] ${f.entityId} not found; found ${found(f)}`);
    if (f.note) lines.push(`      note: ${f.note}`);
  }
  lines.push('', `False hits (${hits.length}):`);
  for (const f of hits) {
    const texts = f.texts.map((t) => JSON.stringify(t)).join(', ');
    lines.push(
      `  ${f.itemId} [${f.rule}] ${f.entityId} from ${texts}${f.rejected ? ' (a trap: rejected)' : ' (not expected)'}`,
    );
    if (f.note) lines.push(`      note: ${f.note}`);
  }
  return lines.join('\n');
}
