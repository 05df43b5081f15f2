// The evaluation corpus: its shape, the scoring, and the matcher's scores on it.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../../src/engine/annotate';
import { compileMatcher } from '../../../src/engine/matcher/compile';
import type { Mention } from '../../../src/shared/types';
import { type CorpusItem, evaluateCorpus, formatReport, RULES, validateCorpus } from '../../eval/evaluate';
import { loadCorpus, loadDataset } from '../../eval/load';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const items: CorpusItem[] = [
  {
    id: 'x-1',
    lang: 'en',
    date: '2021-02-10',
    rule: 'ambiguity',
    text: 'START and NATO.',
    expect: ['new-start', 'nato'],
    reject: ['start-i'],
  },
  {
    id: 'x-2',
    lang: 'ru',
    date: '2019-08-02',
    rule: 'inflection',
    text: 'из Договора о РСМД',
    expect: ['inf-treaty'],
    reject: [],
  },
  {
    id: 'x-3',
    lang: 'en',
    date: '2023-05-10',
    rule: 'ambiguity',
    text: 'Geneva',
    expect: [],
    reject: ['geneva-summit-2021'],
  },
];

/** A fake matcher that finds exactly `found[itemText]`. */
function fake(found: Record<string, [string, string][]>) {
  return (text: string): Mention[] =>
    (found[text] ?? []).map(([t, entityId]) => ({
      start: text.indexOf(t),
      end: text.indexOf(t) + t.length,
      text: t,
      entityId,
    }));
}

const perfect = {
  'START and NATO.': [
    ['START', 'new-start'],
    ['NATO', 'nato'],
  ],
  'из Договора о РСМД': [['Договора о РСМД', 'inf-treaty']],
} as Record<string, [string, string][]>;

describe('evaluateCorpus', () => {
  it('scores a perfect matcher 1/1 in both languages', () => {
    const report = evaluateCorpus(items, fake(perfect));
    expect(report.failures).toEqual([]);
    expect(report.byLang.en).toMatchObject({
      items: 2,
      truePositives: 2,
      falseNegatives: 0,
      falsePositives: 0,
      precision: 1,
      recall: 1,
    });
    expect(report.byLang.ru).toMatchObject({ items: 1, truePositives: 1, precision: 1, recall: 1 });
    expect(report.overall).toMatchObject({ items: 3, truePositives: 3, precision: 1, recall: 1 });
  });

  it('counts an expected id never found as a miss, once per item however often it was expected', () => {
    const report = evaluateCorpus(items, fake({ ...perfect, 'START and NATO.': [['NATO', 'nato']] }));
    expect(report.byLang.en).toMatchObject({
      truePositives: 1,
      falseNegatives: 1,
      falsePositives: 0,
      recall: 0.5,
      precision: 1,
    });
    expect(report.failures).toEqual([
      expect.objectContaining({
        kind: 'miss',
        itemId: 'x-1',
        entityId: 'new-start',
        texts: [],
        found: ['"NATO" → nato'],
      }),
    ]);
    expect(report.byLang.ru.recall).toBe(1);
  });

  it('counts a rejected id and an unexpected id as false hits, with the matched text', () => {
    const report = evaluateCorpus(
      items,
      fake({
        ...perfect,
        'START and NATO.': [
          ['START', 'start-i'],
          ['START', 'new-start'],
          ['NATO', 'nato'],
        ],
        Geneva: [['Geneva', 'osce']],
      }),
    );
    expect(report.byLang.en).toMatchObject({
      truePositives: 2,
      falseNegatives: 0,
      falsePositives: 2,
      precision: 0.5,
      recall: 1,
    });
    expect(report.failures).toEqual([
      expect.objectContaining({
        kind: 'false-hit',
        itemId: 'x-1',
        entityId: 'start-i',
        texts: ['START'],
        rejected: true,
      }),
      expect.objectContaining({
        kind: 'false-hit',
        itemId: 'x-3',
        entityId: 'osce',
        texts: ['Geneva'],
        rejected: false,
      }),
    ]);
    const text = formatReport(report);
    expect(text).toContain('x-1 [ambiguity] start-i from "START" (a trap: rejected)');
    expect(text).toContain('x-3 [ambiguity] osce from "Geneva" (not expected)');
  });

  it('scores an empty language as perfect rather than dividing by zero', () => {
    const report = evaluateCorpus([items[0]!], fake(perfect));
    expect(report.byLang.ru).toMatchObject({ items: 0, precision: 1, recall: 1 });
  });
});

describe('the corpus', () => {
  const { entities } = loadDataset(root);
  const corpus = loadCorpus(root);

  it('is well formed and names only entities in the dataset', () => {
    expect(validateCorpus(corpus, new Set(entities.map((e) => e.id)))).toEqual([]);
  });

  it('has at least 80 passages, 30 of them in Russian', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((i) => i.lang === 'ru').length).toBeGreaterThanOrEqual(30);
  });

  it('covers every rule with positive cases and traps', () => {
    for (const rule of RULES.filter((r) => r !== 'mixed')) {
      const ofRule = corpus.filter((i) => i.rule === rule);
      expect(
        ofRule.some((i) => i.expect.length > 0),
        `${rule}: positives`,
      ).toBe(true);
      expect(
        ofRule.some((i) => i.reject.length > 0),
        `${rule}: traps`,
      ).toBe(true);
    }
  });

  it('is found with precision ≥ 0.98 and recall ≥ 0.95 in each language', () => {
    const matcher = compileMatcher(entities);
    const report = evaluateCorpus(corpus, (text, date, lang) => annotateText(matcher, text, { date, lang }));
    const ok = (['en', 'ru'] as const).every(
      (l) => report.byLang[l].precision >= 0.98 && report.byLang[l].recall >= 0.95,
    );
    expect(ok, formatReport(report)).toBe(true);
  });
});
