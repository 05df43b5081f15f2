import { describe, expect, it } from 'vitest';
import { findDates } from '../../../src/engine/dates/find';
import { eventPeriod, isRegExpSpace, linkEvents, sentenceStarts } from '../../../src/engine/events';
import { compileMatcher } from '../../../src/engine/matcher/compile';
import { scanText } from '../../../src/engine/matcher/scan';
import type { Lang } from '../../../src/shared/languages';
import type { Entity, EventClues } from '../../../src/shared/types';

function event(id: string, dates: [string, 'held' | 'started' | 'ended'][], clues: EventClues): Entity {
  return {
    id,
    type: 'event',
    name: { en: id, ru: id },
    aliases: { en: [], ru: [] },
    summary: { en: '', ru: '' },
    timeline: dates.map(([date, kind]) => ({ date, kind, label: { en: kind, ru: kind } })),
    sources: [{ url: 'https://example.org', title: 'x' }],
    event: clues,
  };
}

const SUMMIT = event('geneva-summit-2021', [['2021-06-16', 'held']], {
  places: { en: ['Geneva'], ru: ['Женеве', 'Женева'] },
  cues: { en: ['meeting', 'summit'], ru: ['встреча', 'саммит'] },
  participants: { en: ['Putin', 'Biden'], ru: ['Путин', 'Байден'] },
});
const TALKS = event('geneva-talks-2022', [['2022-01-10', 'held']], {
  places: { en: ['Geneva'], ru: ['Женеве'] },
  cues: { en: ['consultations', 'talks'], ru: ['консультации', 'переговоры'] },
});
const NRC = event('nrc-meeting-2022', [['2022-01-12', 'held']], {
  places: { en: ['Brussels'], ru: ['Брюсселе'] },
  cues: { en: ['meeting'], ru: ['заседание'] },
});
const OSCE_PC = event('osce-pc-2022', [['2022-01-13', 'held']], {
  places: { en: ['Vienna'], ru: ['Вене'] },
  cues: { en: ['session'], ru: ['заседание'] },
});
const EVENTS = [SUMMIT, TALKS, NRC, OSCE_PC];

function link(text: string, published: string, lang: Lang = 'en', events = EVENTS) {
  const matcher = compileMatcher(events);
  const { clues } = scanText(matcher, text, true);
  return linkEvents(text, { events, dates: findDates(text, published), clues, published, lang }).map((l) => [
    text.slice(l.start, l.end),
    l.entityId,
  ]);
}

describe('eventPeriod', () => {
  it('spans the held/started/ended steps and expands partial dates', () => {
    expect(eventPeriod(SUMMIT)).toEqual({ from: '2021-06-16', to: '2021-06-16' });
    const long = event(
      'x',
      [
        ['2022-02', 'started'],
        ['2022-03', 'ended'],
      ],
      SUMMIT.event!,
    );
    expect(eventPeriod(long)).toEqual({ from: '2022-02-01', to: '2022-03-31' });
  });
});

describe('linkEvents', () => {
  it('links "their meeting in Geneva last June" to the summit', () => {
    const text = 'Putin and Biden emphasized dialogue at their meeting in Geneva last June.';
    expect(link(text, '2022-01-14')).toEqual([['Geneva last June', 'geneva-summit-2021']]);
  });

  it('links the seed article’s events, each with its place and date', () => {
    const text =
      'Consultations on the issue took place in Geneva on January 10, followed by a meeting of the Russia-NATO Council in Brussels on January 12 and a session of the OSCE Permanent Council in Vienna on January 13.';
    expect(link(text, '2022-01-14')).toEqual([
      ['Geneva on January 10', 'geneva-talks-2022'],
      ['Brussels on January 12', 'nrc-meeting-2022'],
      ['Vienna on January 13', 'osce-pc-2022'],
    ]);
  });

  it('never links an event in an article published before it happened', () => {
    const text = 'Putin and Biden will hold a meeting in Geneva in June.';
    expect(link(text, '2021-05-01')).toEqual([]);
  });

  it('needs the place in the same sentence, and a cue, participant or adjacency', () => {
    expect(link('Something happened last June. It was in Geneva.', '2022-01-14')).toEqual([]);
    expect(link('Geneva is a city. Putin spoke last June in Moscow.', '2022-01-14')).toEqual([]);
    expect(link('Putin recalled Geneva, and the meeting, last June.', '2022-01-14')).toEqual([
      ['last June', 'geneva-summit-2021'],
    ]);
    expect(link('on January 10 in Geneva', '2022-01-14')).toEqual([
      ['on January 10 in Geneva', 'geneva-talks-2022'],
    ]);
  });

  it('links a whole year only with the place next to it and a cue or participant', () => {
    expect(link('Putin met Biden in 2021 and later flew to Geneva.', '2022-01-14')).toEqual([]);
    expect(link('Lavrov spoke in Geneva about the results of 2021 and in 2021.', '2022-01-14')).toEqual([]);
    expect(link('They recalled their summit in Geneva in 2021.', '2024-03-05')).toEqual([
      ['Geneva in 2021', 'geneva-summit-2021'],
    ]);
  });

  it('links without a place when the cue and two participants agree', () => {
    expect(link('Putin and Biden recalled their meeting last June.', '2022-01-14')).toEqual([
      ['last June', 'geneva-summit-2021'],
    ]);
    expect(link('Putin recalled the meeting last June.', '2022-01-14')).toEqual([]);
    expect(link('Путин и Байден на встрече в июне прошлого года', '2022-01-14', 'ru')).toEqual([
      ['в июне прошлого года', 'geneva-summit-2021'],
    ]);
  });

  it('does not link the dateline', () => {
    const moscow = event('moscow-talks', [['2022-01-14', 'held']], {
      places: { en: ['Moscow'], ru: ['Москва'] },
      cues: { en: ['talks'], ru: [] },
    });
    expect(link('MOSCOW, January 14. /TASS/. Talks went on.', '2022-01-14', 'en', [moscow])).toEqual([]);
  });

  it('does not link a date that does not overlap the event', () => {
    expect(link('Putin met Biden in Geneva last May.', '2022-01-14')).toEqual([]);
  });

  it('links neither when two events fit equally', () => {
    const twin = event('geneva-other-2022', [['2022-01-10', 'held']], TALKS.event!);
    expect(link('Talks took place in Geneva on January 10.', '2022-01-14', 'en', [...EVENTS, twin])).toEqual(
      [],
    );
  });

  it('links in Russian text with Russian clues', () => {
    const text = 'Стороны вспомнили встречу Путина и Байдена в Женеве в июне прошлого года.';
    expect(link(text, '2022-01-14', 'ru')).toEqual([['Женеве в июне прошлого года', 'geneva-summit-2021']]);
    expect(link('Заседание прошло в Брюсселе 12 января.', '2022-01-14', 'ru')).toEqual([
      ['Брюсселе 12 января', 'nrc-meeting-2022'],
    ]);
  });

  it('keeps sentences apart at periods but not at initials', () => {
    expect(link('The U.S. President met Putin in Geneva last June.', '2022-01-14')).toEqual([
      ['Geneva last June', 'geneva-summit-2021'],
    ]);
  });

  it('links a single day with the cue and one participant, without a place', () => {
    const closure = event('mission-closure', [['2021-10-18', 'held']], {
      places: { en: ['Moscow'], ru: ['Москве'] },
      cues: { en: ['mission'], ru: ['постпредство'] },
      participants: { en: ['Lavrov'], ru: ['Лавров'] },
    });
    const text = 'Russia is suspending its mission to NATO, Lavrov said on Monday.';
    expect(link(text, '2021-10-18', 'en', [closure])).toEqual([['on Monday', 'mission-closure']]);
    expect(
      link('Russia is suspending its mission, Lavrov said in October.', '2021-10-20', 'en', [closure]),
    ).toEqual([]);
    const ru = 'Россия приостанавливает работу своего постпредства, заявил в понедельник Сергей Лавров.';
    expect(link(ru, '2021-10-18', 'ru', [closure])).toEqual([['в понедельник', 'mission-closure']]);
  });

  it('links an undated sentence with place and cue to the event under way on the publication day', () => {
    const conference = event(
      'revcon',
      [
        ['2022-08-01', 'started'],
        ['2022-08-26', 'ended'],
      ],
      {
        places: { en: ['New York'], ru: ['Нью-Йорке'] },
        cues: { en: ['conference'], ru: ['конференция'] },
      },
    );
    const text = 'NEW YORK, August 1. /TASS/. The review conference opened in New York after a delay.';
    expect(link(text, '2022-08-03', 'en', [conference])).toEqual([['New York', 'revcon']]);
    // Not before it began, not after it ended, not without a cue, and not from the dateline.
    expect(link(text, '2022-07-31', 'en', [conference])).toEqual([]);
    expect(link(text, '2022-08-27', 'en', [conference])).toEqual([]);
    expect(
      link('NEW YORK, August 3. /TASS/. It rained in New York.', '2022-08-03', 'en', [conference]),
    ).toEqual([]);
    expect(link('NEW YORK /TASS/. The conference goes on.', '2022-08-03', 'en', [conference])).toEqual([]);
    // A sentence with its own date is judged by that date.
    expect(link('The conference in New York last year failed.', '2022-08-03', 'en', [conference])).toEqual(
      [],
    );
  });

  it('finds the dates itself, in the sentences that may link, with its own sentence starts or the caller’s', () => {
    const text =
      'Talks went on. Prices rose on January 3. Putin recalled their meeting in Geneva last June. ' +
      'The talks in Geneva on January 10 were frank, and the NRC meeting in Brussels on January 12 too.';
    const published = '2022-01-14';
    const matcher = compileMatcher(EVENTS);
    const { clues } = scanText(matcher, text, true);
    const input = { events: EVENTS, clues, published, lang: 'en' as Lang };
    const given = linkEvents(text, { ...input, dates: findDates(text, published) });
    expect(given.map((l) => [text.slice(l.start, l.end), l.entityId])).toEqual([
      ['Geneva last June', 'geneva-summit-2021'],
      ['Geneva on January 10', 'geneva-talks-2022'],
      ['Brussels on January 12', 'nrc-meeting-2022'],
    ]);
    expect(linkEvents(text, input)).toEqual(given);
    expect(linkEvents(text, { ...input, sentences: sentenceStarts(text) })).toEqual(given);
  });
});

describe('isRegExpSpace', () => {
  it('is what \\s matches', () => {
    for (let c = 0; c < 0x10000; c++)
      expect(isRegExpSpace(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });
});
