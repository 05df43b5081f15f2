import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/engine/matcher/compile';
import { aliasHitsNormalized, findAliases, scanText } from '../../../src/engine/matcher/scan';
import type { Entity } from '../../../src/shared/types';

function entity(id: string, en: string[], ru: string[] = [], extra: Partial<Entity> = {}): Entity {
  return {
    id,
    type: 'treaty',
    name: { en: en[0] ?? id, ru: ru[0] ?? id },
    aliases: { en, ru },
    summary: { en: '', ru: '' },
    timeline: [],
    sources: [{ url: 'https://example.org', title: 'x' }],
    ...extra,
  };
}

const ENTITIES: Entity[] = [
  entity(
    'new-start',
    ['New START', 'START', 'Strategic Arms Reduction Treaty', 'New START Treaty'],
    ['ДСНВ', 'Договор о стратегических наступательных вооружениях'],
  ),
  entity('start-i', ['START I', 'START', 'Strategic Arms Reduction Treaty'], ['СНВ-1']),
  entity('nato', ['NATO', 'North Atlantic Treaty Organization'], ['НАТО', 'Североатлантический альянс'], {
    type: 'organization',
  }),
  entity('nato-russia-council', ['NATO-Russia Council', 'Russia-NATO Council'], ['Совет Россия – НАТО'], {
    type: 'organization',
  }),
  entity('inf-treaty', ['INF Treaty', 'Intermediate-Range Nuclear Forces Treaty'], ['Договор о РСМД']),
  entity('minsk-ii', ['Minsk agreements', 'Minsk II'], ['Минские соглашения']),
  entity('grain-deal', ['Black Sea Grain Initiative', 'grain deal'], ['зерновая сделка']),
  entity('sort', ['SORT', 'Strategic Offensive Reductions Treaty'], ['СНП']),
  entity('osce', ['OSCE', 'Organization for Security and Cooperation in Europe'], ['ОБСЕ'], {
    type: 'organization',
  }),
];

const matcher = compileMatcher(ENTITIES);

/** [matched text, entity ids] for each hit. */
function hits(text: string): [string, string][] {
  return findAliases(matcher, text).map((h) => [text.slice(h.start, h.end), h.entityIds.join(',')]);
}

describe('compileMatcher', () => {
  it('exposes the entities by id', () => {
    expect(matcher.entities.get('nato')?.aliases.en).toContain('NATO');
    expect(matcher.entities.size).toBe(ENTITIES.length);
  });
});

describe('findAliases', () => {
  it('finds aliases with original offsets, leftmost-longest', () => {
    const text = 'Russia and the US extended the New START Treaty; NATO noted it.';
    expect(hits(text)).toEqual([
      ['New START Treaty', 'new-start'],
      ['NATO', 'nato'],
    ]);
  });

  it('reports every entity of a shared alias', () => {
    expect(hits('the Strategic Arms Reduction Treaty and START')).toEqual([
      ['Strategic Arms Reduction Treaty', 'new-start,start-i'],
      ['START', 'new-start,start-i'],
    ]);
  });

  it('requires acronyms in capitals: the verbs "start" and "sort" are nothing', () => {
    expect(hits('They start talks to sort out the Start of it; Nato and nato.')).toEqual([]);
    expect(hits('SORT and New START')).toEqual([
      ['SORT', 'sort'],
      ['New START', 'new-start'],
    ]);
    expect(hits('the new START')).toEqual([['new START', 'new-start']]);
  });

  it('respects word boundaries in Latin and Cyrillic', () => {
    expect(hits('NATOs, preNATO, НАТОвский, ОБСЕшный, START2')).toEqual([]);
    expect(hits('anti-NATO (НАТО), «ОБСЕ».')).toEqual([
      ['NATO', 'nato'],
      ['НАТО', 'nato'],
      ['ОБСЕ', 'osce'],
    ]);
  });

  it("allows the English possessive 's and ’s, but no other apostrophe suffix", () => {
    expect(hits("NATO's allies and the OSCE’s mission")).toEqual([
      ['NATO', 'nato'],
      ['OSCE', 'osce'],
    ]);
    expect(hits("NATO'd")).toEqual([]);
  });

  it('treats hyphen and dash spellings as one, with or without spaces', () => {
    for (const spelling of [
      'Russia-NATO Council',
      'Russia – NATO Council',
      'Russia—NATO Council',
      'Russia\u00a0‑\u00a0NATO  Council',
    ]) {
      expect(hits(`the ${spelling} met`)).toEqual([[spelling, 'nato-russia-council']]);
    }
    expect(hits('Совета Россия—НАТО')).toEqual([['Совета Россия—НАТО', 'nato-russia-council']]);
  });

  it('does not take an acronym that is only the prefix of a designation', () => {
    expect(hits('START I and START II and START-3')).toEqual([['START I', 'start-i']]);
    expect(hits('СНВ-1')).toEqual([['СНВ-1', 'start-i']]);
  });

  it('matches inflected Russian forms', () => {
    expect(hits('выход из Договора о РСМД и возврат к Договору о РСМД')).toEqual([
      ['Договора о РСМД', 'inf-treaty'],
      ['Договору о РСМД', 'inf-treaty'],
    ]);
    expect(hits('выполнение Минских соглашений, продление зерновой сделки')).toEqual([
      ['Минских соглашений', 'minsk-ii'],
      ['зерновой сделки', 'grain-deal'],
    ]);
    expect(hits('заседание Совета Россия – НАТО')).toEqual([['Совета Россия – НАТО', 'nato-russia-council']]);
    expect(hits('странами Североатлантического альянса')).toEqual([['Североатлантического альянса', 'nato']]);
  });

  it('finds no Russian name in ordinary words', () => {
    expect(
      hits('договор, совет, соглашения, сделка, Россия, альянс, Минск, по договору о поставках'),
    ).toEqual([]);
    expect(hits('договор о РСМДшных')).toEqual([]);
  });

  it('folds case, ё and quotes the same way in aliases and text', () => {
    expect(hits('MINSK AGREEMENTS and the minsk agreements')).toEqual([
      ['MINSK AGREEMENTS', 'minsk-ii'],
      ['minsk agreements', 'minsk-ii'],
    ]);
    expect(hits('the Grain\u00a0Deal')).toEqual([['Grain\u00a0Deal', 'grain-deal']]);
  });

  it('maps offsets exactly through removed and composed characters', () => {
    const text = 'x NA\u00adTO и Е\u0308 ОБСЕ\u0301 y';
    const [nato, osce] = findAliases(matcher, text);
    expect(text.slice(nato!.start, nato!.end)).toBe('NA\u00adTO');
    expect(text.slice(osce!.start, osce!.end)).toBe('ОБСЕ\u0301');
  });

  it('finds aliases that share a prefix with many others', () => {
    const many = Array.from({ length: 40 }, (_, i) => entity(`e${i}`, [`TRT${i}`], [`ДСНВ${i}`]));
    const m = compileMatcher(many);
    const found = findAliases(m, 'TRT5, TRT39, ДСНВ7 и ДСНВ12; TRT40').map((h) => h.entityIds.join());
    expect(found).toEqual(['e5', 'e39', 'e7', 'e12']);
  });

  it('finds nothing in an empty text or with no entities', () => {
    expect(hits('')).toEqual([]);
    expect(findAliases(compileMatcher([]), 'NATO')).toEqual([]);
  });

  it('scans event clues in a separate pass', () => {
    const summit = entity('summit', ['Geneva summit'], [], {
      type: 'event',
      event: {
        places: { en: ['Geneva'], ru: ['Женеве'] },
        cues: { en: ['meeting'], ru: ['встреча'] },
        participants: { en: ['Putin'], ru: ['Путин'] },
      },
    });
    const m = compileMatcher([summit]);
    const { aliases, clues } = scanText(m, "Putin's meetings in Geneva; встречи Путина в Женеве", true);
    expect(aliases).toEqual([]);
    expect(clues.map((c) => `${c.kind}:${c.lang}`)).toEqual([
      'participant:en',
      'cue:en',
      'place:en',
      'cue:ru',
      'participant:ru',
      'place:ru',
    ]);
  });

  it('reports context aliases apart from plain ones, and scans their context words as clues', () => {
    const pc = entity('osce-pc', ['OSCE Permanent Council'], ['Постоянный совет ОБСЕ'], {
      type: 'organization',
      contextAliases: { en: ['Permanent Council'], ru: ['Постоянный совет'] },
      context: { en: ['OSCE', 'Vienna'], ru: ['Вена'] },
    });
    const oas = entity('oas-pc', ['Permanent Council'], []);
    const m = compileMatcher([pc, oas]);
    const { aliases, clues } = scanText(
      m,
      'The Permanent Council met in Vienna; в Вене, в Постоянном совете.',
      true,
    );
    expect(aliases.map((h) => [h.entityIds, h.contextIds])).toEqual([
      [['oas-pc'], ['osce-pc']],
      [[], ['osce-pc']],
    ]);
    expect(clues.map((c) => `${c.kind}:${c.term}`)).toEqual(['context:Vienna', 'context:Вена']);
  });

  it('needs the capital of a capitalised Russian name, except that any capital will do', () => {
    const m = compileMatcher([entity('union-state', ['Union State'], ['Союзное государство'])]);
    const found = (text: string) => findAliases(m, text).map((h) => text.slice(h.start, h.end));
    expect(found('любое союзное государство')).toEqual([]);
    expect(found('бюджет Союзного государства')).toEqual(['Союзного государства']);
    expect(found('СОЮЗНОЕ ГОСУДАРСТВО')).toEqual(['СОЮЗНОЕ ГОСУДАРСТВО']);
    // English aliases stay case-insensitive but for acronyms.
    expect(found('the union state')).toEqual(['union state']);
  });

  it('matches a singular Russian name only in the singular, a plural one in the plural', () => {
    expect(hits('зерновой сделки, зерновых сделок, Минских соглашений')).toEqual([
      ['зерновой сделки', 'grain-deal'],
      ['Минских соглашений', 'minsk-ii'],
    ]);
  });

  it('reads hyphens and spaces alike and joins English compounds', () => {
    const m = compileMatcher([entity('npt', ['Nuclear Non-Proliferation Treaty'], ['Совет Россия – НАТО'])]);
    const found = (text: string) => findAliases(m, text).map((h) => text.slice(h.start, h.end));
    expect(
      found(
        'Nuclear Nonproliferation Treaty; Nuclear Non Proliferation Treaty; Nuclear Non—Proliferation Treaty',
      ),
    ).toEqual([
      'Nuclear Nonproliferation Treaty',
      'Nuclear Non Proliferation Treaty',
      'Nuclear Non—Proliferation Treaty',
    ]);
    expect(found('в Совете Россия НАТО')).toEqual(['Совете Россия НАТО']);
  });
});

describe('scanning the text as it is', () => {
  // findAliases reads the article without normalising it first (see scanOriginal); the scan of
  // the normalised copy is the reference it must agree with, whatever the spacing, dashes,
  // quotes, marks and capitals around the names.
  const pieces = [
    'New START',
    'START',
    'START I',
    'START-1',
    'NATO',
    'НАТО',
    'NATO-Russia Council',
    'Russia-NATO Council',
    'Совет Россия – НАТО',
    'Договора о РСМД',
    'Intermediate-Range Nuclear Forces Treaty',
    'Minsk II',
    'grain deal',
    'Organization for Security and Cooperation in Europe',
    'start',
    ' ',
    '  ',
    '\n',
    '\u00a0',
    '-',
    ' – ',
    '—',
    '«',
    '»',
    '“',
    "'s",
    '’s',
    '.',
    ', ',
    'ё',
    'II',
    '\u00ad',
    '\u0301',
    'I\u0307',
    '\ud83d\ude00',
  ];
  it('finds what the scan of the normalised text finds', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const length = 1 + random(12);
      for (let k = 0; k < length; k++) text += pieces[random(pieces.length)]!;
      expect(findAliases(matcher, text), JSON.stringify(text)).toEqual(aliasHitsNormalized(matcher, text));
    }
  });
});
