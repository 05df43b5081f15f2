// The ways an article refers to a thing after, or instead of, naming it in full, in passages written
// for these tests in the manner of TASS news.

import { describe, expect, it } from 'vitest';
import { annotateText } from '../../../src/engine/annotate';
import { compileMatcher } from '../../../src/engine/matcher/compile';
import type { Lang } from '../../../src/shared/languages';
import { entity } from './entities';

const matcher = compileMatcher([
  entity('united-nations', 'organization', { en: ['United Nations', 'UN'], ru: ['ООН'] }, undefined, {
    related: ['un-security-council'],
  }),
  entity(
    'un-security-council',
    'organization',
    { en: ['UN Security Council', 'UNSC'], ru: ['Совет Безопасности ООН', 'СБ ООН'] },
    undefined,
    { related: ['united-nations'] },
  ),
  entity('cis', 'organization', { en: ['Commonwealth of Independent States', 'CIS'], ru: ['СНГ'] }),
  entity('open-skies', 'treaty', { en: ['Treaty on Open Skies', 'Open Skies Treaty'] }, [
    ['1992-03-24', 'signed'],
    ['2002-01-01', 'in-force'],
  ]),
  entity('brics', 'organization', { en: ['BRICS'], ru: ['БРИКС'] }),
  entity('brics-summit-2024', 'event', { en: ['BRICS summit in Kazan'] }, [
    ['2024-10-22', 'started'],
    ['2024-10-24', 'ended'],
  ]),
  entity('cis-council-of-heads-of-government', 'organization', {
    en: [],
    ru: ['Совет глав правительств СНГ'],
  }),
  entity(
    'cis-heads-of-government-2019',
    'event',
    { en: [], ru: ['заседание Совета глав правительств СНГ'] },
    [['2019-10-25', 'started']],
  ),
  entity('trilateral-contact-group', 'organization', { en: ['Trilateral Contact Group'] }),
  entity('dpr', 'organization', { en: ["Donetsk People's Republic", 'DPR'] }),
  entity('lpr', 'organization', { en: ["Lugansk People's Republic", 'LPR'] }),
  entity('minsk-protocol', 'treaty', { en: ['Minsk Protocol', 'Minsk agreements'] }, [
    ['2014-09-05', 'signed'],
  ]),
  entity('minsk-ii', 'treaty', { en: ['Package of Measures', 'Minsk agreements'] }, [
    ['2015-02-12', 'signed'],
  ]),
  entity('karabakh-statement', 'treaty', { en: ['trilateral statement on Nagorno-Karabakh'] }, [
    ['2020-11-09', 'signed'],
  ]),
  {
    ...entity('sco-summit-2025', 'event', { en: ['SCO summit in Tianjin'] }, [
      ['2025-08-31', 'started'],
      ['2025-09-01', 'ended'],
    ]),
    event: { places: { en: ['Tianjin'], ru: ['Тяньцзине'] }, cues: { en: ['summit'], ru: ['саммит'] } },
  },
  {
    ...entity('istanbul-talks-2022', 'event', { en: ['Istanbul round of talks'] }, [['2022-03-29', 'held']]),
    event: {
      places: { en: ['Istanbul'], ru: ['Стамбуле'] },
      cues: { en: ['talks'], ru: ['переговоры'] },
      participants: { en: ['Medinsky'], ru: ['Мединский'] },
    },
  },
  {
    ...entity('foreign-ministry', 'organization', { en: ['Russian Foreign Ministry'] }),
    contextAliases: { en: ['Foreign Ministry'], ru: ['МИД'] },
    context: { en: ['Lavrov'], ru: ['Лавров'] },
  },
]);

const annotate = (text: string, date: string | null = '2024-10-10', lang: Lang = 'en') =>
  annotateText(matcher, text, { date, lang }).map((m) => [m.text, m.entityId]);

describe('datelines', () => {
  it('names no organisation in a dateline, even one that is its seat', () => {
    const text = 'UNITED NATIONS, May 4. /TASS/. The United Nations called for calm.';
    expect(annotate(text)).toEqual([['United Nations', 'united-nations']]);
  });
});

describe('a name inside a longer one', () => {
  it('keeps the organisation when the longer name names nothing yet', () => {
    // An article of 2022 cannot mean the summit of 2024, but it does name BRICS.
    expect(annotate('Leaders spoke of a BRICS summit in Kazan.', '2022-05-01')).toEqual([['BRICS', 'brics']]);
    expect(annotate('Leaders spoke of a BRICS summit in Kazan.', '2024-09-01')).toEqual([
      ['BRICS summit in Kazan', 'brics-summit-2024'],
    ]);
  });

  it('keeps a name at the end of the longer one too', () => {
    // Years before the meetings the dataset knows, the council that meets is still named.
    expect(annotate('В Москве прошло заседание Совета глав правительств СНГ.', '2000-06-20', 'ru')).toEqual([
      ['Совета глав правительств СНГ', 'cis-council-of-heads-of-government'],
    ]);
  });
});

describe('abbreviations the article defines', () => {
  it('names the entity at each later use of the abbreviation', () => {
    const text =
      'Moscow left the Treaty on Open Skies (OST) in 2021. Since then the OST has had no Russian flights.';
    expect(annotate(text)).toEqual([
      ['Treaty on Open Skies', 'open-skies'],
      ['OST', 'open-skies'],
    ]);
  });

  it('does not mark the same letters inside another word', () => {
    const text = 'The Treaty on Open Skies (OST) was signed; POSTAL services are not OSTs.';
    expect(annotate(text)).toEqual([['Treaty on Open Skies', 'open-skies']]);
  });
});

describe('short names of a body the article has named', () => {
  it('takes "the Security Council" for the UN body once the article named it or the UN', () => {
    expect(annotate('The UN Security Council met. Later the Security Council voted.')).toEqual([
      ['UN Security Council', 'un-security-council'],
      ['Security Council', 'un-security-council'],
    ]);
    expect(annotate('The United Nations says the Security Council will meet.')).toEqual([
      ['United Nations', 'united-nations'],
      ['Security Council', 'un-security-council'],
    ]);
  });

  it('leaves a short name alone before the article names the body, or when it names another one', () => {
    expect(annotate('The Security Council met on Monday.')).toEqual([]);
    expect(annotate('The United Nations spoke. The Russian Security Council met.')).toEqual([
      ['United Nations', 'united-nations'],
    ]);
  });

  it('takes no single word for a body, however distinctive', () => {
    expect(
      annotate('The CIS summit opened. The Commonwealth has nine members; a commonwealth is not.'),
    ).toEqual([['CIS', 'cis']]);
  });

  it('takes "the Contact Group" in a story that named the Trilateral Contact Group', () => {
    expect(annotate('The Trilateral Contact Group met in Minsk. The Contact Group agreed a truce.')).toEqual([
      ['Trilateral Contact Group', 'trilateral-contact-group'],
      ['Contact Group', 'trilateral-contact-group'],
    ]);
  });

  it('takes the Russian name without its acronym after the full name', () => {
    expect(
      annotate('Совет Безопасности ООН собрался. Совет Безопасности принял резолюцию.', '2024-10-10', 'ru'),
    ).toEqual([
      ['Совет Безопасности ООН', 'un-security-council'],
      ['Совет Безопасности', 'un-security-council'],
    ]);
  });
});

describe('two names that share their last words', () => {
  it('names both republics in "the Donetsk and Lugansk People\'s Republics"', () => {
    expect(annotate("Delegations of the Donetsk and Lugansk People's Republics arrived.")).toEqual([
      ['Donetsk', 'dpr'],
      ["Lugansk People's Republics", 'lpr'],
    ]);
  });
});

describe('names that carry their date', () => {
  it('picks among owners of a shared name by the date next to it', () => {
    expect(annotate('He cited the Minsk agreements of September 2014.', '2019-06-11')).toEqual([
      ['Minsk agreements', 'minsk-protocol'],
    ]);
    expect(annotate('He cited the Minsk agreements of February 2015.', '2019-06-11')).toEqual([
      ['Minsk agreements', 'minsk-ii'],
    ]);
  });

  it('takes "the November 9 statement" for the one document of that day', () => {
    expect(annotate('The November 9 statement stopped the fighting.', '2020-11-20')).toEqual([
      ['November 9 statement', 'karabakh-statement'],
    ]);
    expect(annotate('The November 10 statement was ignored.', '2020-11-20')).toEqual([]);
  });
});

describe('events described by place and cue word', () => {
  it('names a summit by its city, ahead of it too, but not years ahead', () => {
    expect(annotate('Putin will attend the summit in Tianjin next week.', '2025-08-25')).toEqual([
      ['summit in Tianjin', 'sco-summit-2025'],
    ]);
    expect(annotate('The Tianjin summit adopted a declaration.', '2025-09-02')).toEqual([
      ['Tianjin summit', 'sco-summit-2025'],
    ]);
    expect(annotate('A summit in Tianjin was held long ago.', '2019-01-10')).toEqual([]);
  });

  it('needs a participant for a word as common as "talks", and never points ahead then', () => {
    expect(annotate('The talks in Istanbul went on for hours.', '2022-04-01')).toEqual([]);
    expect(annotate('Medinsky recalled the talks in Istanbul.', '2022-04-01')).toEqual([
      ['talks in Istanbul', 'istanbul-talks-2022'],
    ]);
    expect(annotate('Medinsky expects talks in Istanbul.', '2022-03-01')).toEqual([]);
  });

  it('leaves the event alone when the sentence dates the place otherwise', () => {
    expect(annotate('Medinsky held talks in Istanbul in 2019.', '2022-04-01')).toEqual([]);
  });
});

describe("another country's body by the same short name", () => {
  it('takes "Foreign Ministry" for Russia\'s only where no other country is named with it', () => {
    expect(annotate('Lavrov said the Foreign Ministry had protested.')).toEqual([
      ['Foreign Ministry', 'foreign-ministry'],
    ]);
    expect(annotate('Lavrov said the Turkish Foreign Ministry had protested.')).toEqual([]);
    expect(annotate('Лавров заявил, что МИД Украины молчит.', '2024-10-10', 'ru')).toEqual([]);
  });
});
