import { describe, expect, it } from 'vitest';
import {
  compareIsoDates,
  isCurrentOn,
  isoDateContains,
  keyDates,
  statusOn,
  stepsAfter,
} from '../../../src/dataset/status';
import type { Entity, StepKind } from '../../../src/shared/types';

function treaty(id: string, steps: [string, StepKind][]): Entity {
  return {
    id,
    type: 'treaty',
    name: { en: id, ru: id },
    aliases: { en: [], ru: [] },
    summary: { en: '', ru: '' },
    timeline: steps.map(([date, kind]) => ({ date, kind, label: { en: kind, ru: kind } })),
    sources: [{ url: 'https://example.org', title: 'x' }],
  };
}

// A New START–like timeline.
const NEW_START = treaty('new-start', [
  ['2010-04-08', 'signed'],
  ['2011-01-26', 'ratified'],
  ['2011-02-05', 'in-force'],
  ['2021-02-03', 'extended'],
  ['2023-02-21', 'suspended'],
  ['2026-02-05', 'expired'],
]);

describe('statusOn', () => {
  it('calls an event upcoming before its dates, under way during them and held after', () => {
    const summit = {
      ...treaty('summit', [
        ['2024-10-22', 'started'],
        ['2024-10-24', 'ended'],
      ]),
      type: 'event' as const,
    };
    expect(statusOn(summit, '2024-03-13')).toMatchObject({ code: 'upcoming', since: null });
    expect(statusOn(summit, '2024-10-23').code).toBe('ongoing');
    expect(statusOn(summit, '2024-11-01').code).toBe('held');
  });

  it('is in force on the seed article date and expired today', () => {
    expect(statusOn(NEW_START, '2022-01-14')).toMatchObject({ code: 'in-force', since: '2021-02-03' });
    expect(statusOn(NEW_START, '2026-11-27')).toMatchObject({ code: 'expired', since: '2026-02-05' });
    expect(statusOn(NEW_START, '2026-11-27').code).toBe('expired');
  });

  it('walks through not-yet, signed and suspended', () => {
    expect(statusOn(NEW_START, '2009-01-01')).toMatchObject({ code: 'not-yet', since: null });
    expect(statusOn(NEW_START, '2010-04-08').code).toBe('signed');
    expect(statusOn(NEW_START, '2011-01-30').code).toBe('signed'); // ratification does not change it
    expect(statusOn(NEW_START, '2024-01-01')).toMatchObject({ code: 'suspended', since: '2023-02-21' });
  });

  it('counts a partial date as known from the start of its period', () => {
    const org = treaty('org', [['1949', 'founded']]);
    expect(statusOn(org, '1949-01-01').code).toBe('active');
    expect(compareIsoDates('2021-06', '2021-06-16')).toBeLessThan(0);
    expect(isoDateContains('2021-06', '2021-06-16')).toBe(true);
  });
});

describe('isCurrentOn', () => {
  it('is true while in force or suspended, false before and after', () => {
    expect(isCurrentOn(NEW_START, '2022-01-14')).toBe(true);
    expect(isCurrentOn(NEW_START, '2024-01-01')).toBe(true);
    expect(isCurrentOn(NEW_START, '2010-05-01')).toBe(false);
    expect(isCurrentOn(NEW_START, '2026-11-27')).toBe(false);
  });
});

describe('stepsAfter', () => {
  it('gives what happened since the article: the 2023 suspension and the 2026 expiry', () => {
    expect(stepsAfter(NEW_START, '2022-01-14').map((s) => [s.date, s.kind])).toEqual([
      ['2023-02-21', 'suspended'],
      ['2026-02-05', 'expired'],
    ]);
    expect(stepsAfter(NEW_START, '2026-11-27')).toEqual([]);
  });
});

describe('keyDates', () => {
  it('keeps status-changing steps, oldest first', () => {
    expect(keyDates(NEW_START).map((s) => s.kind)).toEqual([
      'signed',
      'in-force',
      'extended',
      'suspended',
      'expired',
    ]);
    expect(keyDates(NEW_START, 2)).toHaveLength(2);
  });
});
