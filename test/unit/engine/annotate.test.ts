import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../../src/engine/annotate';
import { annotateArticle, entityLookup } from '../../../src/engine/annotate-article';
import { compileMatcher } from '../../../src/engine/matcher/compile';
import type { Lang } from '../../../src/shared/languages';
import type { Entity } from '../../../src/shared/types';
import { entity } from './entities';

const SEED = readFileSync(new URL('../../fixtures/seed-article.txt', import.meta.url), 'utf8');

// Modelled on the seed article; not the real dataset.
const ENTITIES: Entity[] = [
  entity(
    'new-start',
    'treaty',
    {
      en: ['New START', 'Strategic Arms Reduction Treaty', 'START'],
      ru: ['ДСНВ', 'Договор о стратегических наступательных вооружениях'],
    },
    [
      ['2010-04-08', 'signed'],
      ['2011-02-05', 'in-force'],
      ['2021-02-03', 'extended'],
      ['2023-02-21', 'suspended'],
      ['2026-02-05', 'expired'],
    ],
  ),
  entity(
    'start-i',
    'treaty',
    { en: ['START I', 'Strategic Arms Reduction Treaty', 'START'], ru: ['СНВ-1'] },
    [
      ['1991-07-31', 'signed'],
      ['1994-12-05', 'in-force'],
      ['2009-12-05', 'expired'],
    ],
  ),
  entity('nato', 'organization', { en: ['NATO', 'North Atlantic Treaty Organization'], ru: ['НАТО'] }, [
    ['1949-04-04', 'founded'],
  ]),
  entity(
    'osce',
    'organization',
    { en: ['OSCE', 'Organization for Security and Cooperation in Europe'], ru: ['ОБСЕ'] },
    [['1995-01-01', 'founded']],
  ),
  entity(
    'nato-russia-council',
    'organization',
    { en: ['NATO-Russia Council', 'Russia-NATO Council'], ru: ['Совет Россия – НАТО'] },
    [['2002-05-28', 'founded']],
  ),
  entity(
    'us-russia-security-treaty-draft-2021',
    'treaty',
    { en: ['draft agreement on security guarantees between Russia and the United States'] },
    [['2021-12-17', 'proposed']],
  ),
  entity(
    'russia-nato-security-agreement-draft-2021',
    'treaty',
    { en: ['draft agreement on ensuring the security of Russia and NATO member states'] },
    [['2021-12-17', 'proposed']],
  ),
  entity('inf-treaty', 'treaty', { en: ['INF Treaty'], ru: ['Договор о РСМД'] }, [
    ['1987-12-08', 'signed'],
    ['1988-06-01', 'in-force'],
    ['2019-08-02', 'terminated'],
  ]),
  entity('minsk-ii', 'treaty', { en: ['Minsk agreements', 'Minsk II'], ru: ['Минские соглашения'] }, [
    ['2015-02-12', 'signed'],
  ]),
  entity('grain-deal', 'treaty', { en: ['Black Sea Grain Initiative'], ru: ['зерновая сделка'] }, [
    ['2022-07-22', 'signed'],
    ['2023-07-17', 'expired'],
  ]),
  entity('geneva-summit-2021', 'event', { en: ['Geneva summit'] }, [['2021-06-16', 'held']], {
    event: {
      places: { en: ['Geneva'], ru: ['Женеве', 'Женева'] },
      cues: { en: ['meeting', 'summit'], ru: ['встреча', 'саммит'] },
      participants: { en: ['Putin', 'Biden'], ru: ['Путин', 'Байден'] },
    },
  }),
  entity('russia-us-security-talks-geneva-2022', 'event', { en: [] }, [['2022-01-10', 'held']], {
    event: {
      places: { en: ['Geneva'], ru: ['Женеве'] },
      cues: { en: ['consultations', 'talks'], ru: ['консультации', 'переговоры'] },
    },
  }),
  entity('nrc-meeting-2022-01-12', 'event', { en: [] }, [['2022-01-12', 'held']], {
    event: {
      places: { en: ['Brussels'], ru: ['Брюсселе'] },
      cues: { en: ['meeting'], ru: ['заседание'] },
    },
  }),
  entity('osce-pc-session-2022-01-13', 'event', { en: [] }, [['2022-01-13', 'held']], {
    event: {
      places: { en: ['Vienna'], ru: ['Вене'] },
      cues: { en: ['session'], ru: ['заседание'] },
    },
  }),
];

const matcher = compileMatcher(ENTITIES);

function annotate(text: string, date: string | null, lang: Lang = 'en'): [string, string][] {
  return annotateText(matcher, text, { date, lang }).map((m) => [m.text, m.entityId]);
}

describe('annotateText on the seed article', () => {
  it('finds every treaty, organisation and event a reader expects', () => {
    expect(annotate(SEED, '2022-01-14')).toEqual([
      ['NATO', 'nato'],
      ['NATO', 'nato'],
      ['Strategic Arms Reduction Treaty', 'new-start'],
      ['New START', 'new-start'],
      ['Geneva last June', 'geneva-summit-2021'],
      [
        'draft agreement on security guarantees between Russia and the United States',
        'us-russia-security-treaty-draft-2021',
      ],
      [
        'draft agreement on ensuring the security of Russia and NATO member states',
        'russia-nato-security-agreement-draft-2021',
      ],
      ['Geneva on January 10', 'russia-us-security-talks-geneva-2022'],
      ['Russia-NATO Council', 'nato-russia-council'],
      ['Brussels on January 12', 'nrc-meeting-2022-01-12'],
      ['Organization for Security and Cooperation in Europe', 'osce'],
      ['OSCE', 'osce'],
      ['Vienna on January 13', 'osce-pc-session-2022-01-13'],
    ]);
  });

  it('returns sorted, non-overlapping mentions whose text is the slice they cover', () => {
    const mentions = annotateText(matcher, SEED, { date: '2022-01-14', lang: 'en' });
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      expect(SEED.slice(m.start, m.end)).toBe(m.text);
      if (i > 0) expect(m.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end);
    }
  });

  it('does not find the Geneva summit in an article published before it', () => {
    const ids = annotate(SEED, '2021-05-01').map(([, id]) => id);
    expect(ids).not.toContain('geneva-summit-2021');
    expect(ids).not.toContain('russia-us-security-talks-geneva-2022');
    expect(ids).toContain('new-start'); // in force in May 2021
  });
});

describe('annotateText, names and dates', () => {
  it('finds nothing for the verb "start" or the city "Minsk" alone', () => {
    expect(
      annotate('They will start talks in Minsk on Monday. Minsk is calm; sort it out.', '2022-01-14'),
    ).toEqual([]);
    expect(annotate('The Minsk agreements and Minsk II.', '2022-01-14')).toEqual([
      ['Minsk agreements', 'minsk-ii'],
      ['Minsk II', 'minsk-ii'],
    ]);
  });

  it('resolves a shared name by the treaty in force on the article date', () => {
    expect(annotate('the Strategic Arms Reduction Treaty', '1995-03-01')).toEqual([
      ['Strategic Arms Reduction Treaty', 'start-i'],
    ]);
    expect(annotate('START talks', '2021-03-01')).toEqual([['START', 'new-start']]);
    expect(annotate('the Strategic Arms Reduction Treaty', '2010-01-01')).toEqual([]);
  });

  it('without a date, drops shared names and keeps unambiguous ones', () => {
    expect(annotate('START and New START; NATO in Geneva last June.', null)).toEqual([
      ['New START', 'new-start'],
      ['NATO', 'nato'],
    ]);
  });

  it('links an event named outright before it happens, as news names summits ahead of them', () => {
    expect(annotate('the Geneva summit', '2021-06-01')).toEqual([['Geneva summit', 'geneva-summit-2021']]);
    expect(annotate('the Geneva summit', '2021-06-20')).toEqual([['Geneva summit', 'geneva-summit-2021']]);
  });

  it('does not link an event named years before it happened: the name meant something else then', () => {
    expect(annotate('the Geneva summit', '2015-11-19')).toEqual([]);
  });

  it('marks an event once in a sentence that names it outright, not again on its date', () => {
    const text = 'Putin recalled the Geneva summit last June.';
    expect(annotate(text, '2022-01-14')).toEqual([['Geneva summit', 'geneva-summit-2021']]);
    // In the next sentence the date is the only way the event is named: it is marked there.
    expect(annotate(`${text} They met in Geneva last June.`, '2022-01-14')).toEqual([
      ['Geneva summit', 'geneva-summit-2021'],
      ['Geneva last June', 'geneva-summit-2021'],
    ]);
  });

  it('looks for the outright name in the sentence of each date, wherever it comes in the text', () => {
    const text =
      'They met in Geneva last June. NATO was not there. Putin recalled the Geneva summit last June. ' +
      'NATO met in Brussels on January 12. The Geneva summit was useful, NATO said of Geneva last June. ' +
      'Biden met Putin in Geneva last June.';
    expect(annotate(text, '2022-01-14')).toEqual([
      ['Geneva last June', 'geneva-summit-2021'],
      ['NATO', 'nato'],
      ['Geneva summit', 'geneva-summit-2021'],
      ['NATO', 'nato'],
      ['Brussels on January 12', 'nrc-meeting-2022-01-12'],
      ['Geneva summit', 'geneva-summit-2021'],
      ['NATO', 'nato'],
      ['Geneva last June', 'geneva-summit-2021'],
    ]);
  });
});

describe('annotateText in Russian', () => {
  it('finds inflected names', () => {
    const text =
      'США вышли из Договора о РСМД, Россия призывала вернуться к Договору о РСМД. ' +
      'Речь шла о выполнении Минских соглашений, продлении зерновой сделки и заседании Совета Россия – НАТО.';
    expect(annotate(text, '2022-01-14', 'ru')).toEqual([
      ['Договора о РСМД', 'inf-treaty'],
      ['Договору о РСМД', 'inf-treaty'],
      ['Минских соглашений', 'minsk-ii'],
      ['зерновой сделки', 'grain-deal'],
      ['Совета Россия – НАТО', 'nato-russia-council'],
    ]);
  });

  it('links the Geneva summit from a Russian sentence', () => {
    const text = 'Лавров напомнил, что встреча Путина и Байдена в Женеве в июне прошлого года была полезной.';
    expect(annotate(text, '2022-01-14', 'ru')).toEqual([
      ['Женеве в июне прошлого года', 'geneva-summit-2021'],
    ]);
  });
});

describe('annotateArticle', () => {
  const related = (id: string, relatedIds: string[], aliases: string[]): Entity => ({
    ...entity(id, 'organization', { en: aliases }, [['1949-04-04', 'founded']]),
    related: relatedIds,
  });
  const organizations = [
    related('nato', ['nato-russia-council', 'osce'], ['NATO']),
    related('nato-russia-council', ['nato'], ['NATO-Russia Council']),
    related('osce', [], ['OSCE']),
    related('un', [], ['United Nations']),
  ];
  const matcher = compileMatcher(organizations);
  const annotated = (text: string) =>
    annotateArticle(matcher, text, { date: '2022-01-14', lang: 'en' }, entityLookup(organizations));

  it('lists each mentioned entity once, in order of first mention, with its mentions', () => {
    const text = 'The NATO-Russia Council met after NATO spoke; NATO and the NATO-Russia Council again.';
    const { mentions, entities } = annotated(text);
    expect(mentions.map((m) => m.entityId)).toEqual([
      'nato-russia-council',
      'nato',
      'nato',
      'nato-russia-council',
    ]);
    expect(entities.map((e) => e.id)).toEqual(['nato-russia-council', 'nato']);
  });

  it('offers the related entities the article does not mention, once each', () => {
    const { related: cards } = annotated('NATO and the NATO-Russia Council.');
    expect(cards.map((card) => card.id)).toEqual(['osce']);
    expect(cards[0]).toMatchObject({ type: 'organization', name: { en: 'OSCE' } });
  });

  describe('recurring events', () => {
    const edition = (year: number, previous?: number, next?: number): Entity => ({
      ...entity(`brics-summit-${year}`, 'event', { en: [`${year} BRICS summit`] }, [
        [`${year}-07-01`, 'held'],
      ]),
      series: {
        of: 'brics-summit',
        year,
        ...(previous ? { previous: `brics-summit-${previous}` } : {}),
        ...(next ? { next: `brics-summit-${next}` } : {}),
      },
    });
    const series: Entity = {
      ...entity('brics-summit', 'event', { en: ['BRICS summits', 'BRICS summit'] }, [
        ['2009-06-16', 'started'],
      ]),
      editions: ['brics-summit-2022', 'brics-summit-2023', 'brics-summit-2024', 'brics-summit-2025'],
    };
    const events = [
      series,
      edition(2022, undefined, 2023),
      edition(2023, 2022, 2024),
      edition(2024, 2023, 2025),
      edition(2025, 2024),
    ];
    const summits = compileMatcher(events);
    const offered = (text: string, date: string | null) =>
      annotateArticle(summits, text, { date, lang: 'en' }, entityLookup(events)).related.map(
        (card) => card.id,
      );

    it('an edition brings its series and the editions before and after it', () => {
      expect(offered('Leaders met at the 2023 BRICS summit.', '2023-08-25')).toEqual([
        'brics-summit',
        'brics-summit-2022',
        'brics-summit-2024',
      ]);
    });

    it('a series brings the editions on either side of the article date, or the last two without one', () => {
      expect(offered('BRICS summits are held every year.', '2024-03-01')).toEqual([
        'brics-summit-2023',
        'brics-summit-2024',
      ]);
      expect(offered('BRICS summits are held every year.', '2026-03-01')).toEqual(['brics-summit-2025']);
      expect(offered('BRICS summits are held every year.', null)).toEqual([
        'brics-summit-2024',
        'brics-summit-2025',
      ]);
    });

    const linked = (text: string, date: string | null) =>
      annotateText(summits, text, { date, lang: 'en' }).map((m) => m.entityId);

    it('a series named alone in the days around an edition names that edition', () => {
      // On the day, in the week before, and two days after the 2024 summit (1 July).
      expect(linked('Leaders gather for the BRICS summit today.', '2024-07-01')).toEqual([
        'brics-summit-2024',
      ]);
      expect(linked('The agenda of the BRICS summit was set.', '2024-06-26')).toEqual(['brics-summit-2024']);
      expect(linked('The BRICS summit ended with a declaration.', '2024-07-03')).toEqual([
        'brics-summit-2024',
      ]);
    });

    it('a series named alone far from any edition, or pointed elsewhere, stays the series', () => {
      expect(linked('The BRICS summit is held every year.', '2024-03-01')).toEqual(['brics-summit']);
      expect(linked('The BRICS summit is held every year.', null)).toEqual(['brics-summit']);
      expect(linked('BRICS summits are held every year.', '2024-07-01')).toEqual(['brics-summit']);
      expect(linked('Talk turned to the next BRICS summit.', '2024-07-01')).toEqual(['brics-summit']);
      expect(linked("Last year's BRICS summit set the course.", '2024-07-01')).toEqual(['brics-summit']);
    });

    it('the same in Russian: «саммит» of the week is the edition, «следующий саммит» the series', () => {
      const russian = compileMatcher([
        { ...series, aliases: { en: [], ru: ['саммит БРИКС', 'саммиты БРИКС'] } },
        edition(2023, 2022, 2024),
        edition(2024, 2023, 2025),
      ]);
      const ru = (text: string) =>
        annotateText(russian, text, { date: '2024-06-28', lang: 'ru' }).map((m) => m.entityId);
      expect(ru('Лидеры обсудят это на саммите БРИКС.')).toEqual(['brics-summit-2024']);
      expect(ru('Следующий саммит БРИКС пройдет в другой стране.')).toEqual(['brics-summit']);
      expect(ru('Саммиты БРИКС проходят ежегодно.')).toEqual(['brics-summit']);
    });

    it('a date next to the name still picks its edition, even in the days of another', () => {
      expect(linked('The BRICS summit of July 2023 set the course.', '2024-07-01')).toEqual([
        'brics-summit-2023',
      ]);
    });
  });
});
