// Fact review: key dates in the dataset, each checked by hand against the source named in its row
// (tables in test/unit/facts/, one per data file or theme). A wrong date is worse than a missing
// one, so a change to any of these dates must come with a new check.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../eval/load';
import { FACTS as BODIES } from './facts/bodies';
import type { CheckedDate } from './facts/checked-date';
import { FACTS as CORE } from './facts/core';
import { FACTS as EURASIA } from './facts/eurasia-organizations';
import { FACTS as EURASIA_SERIES } from './facts/eurasia-series';
import { FACTS as EUROPE } from './facts/europe-ukraine';
import { FACTS as FORUMS_SERIES } from './facts/forums-series';
import { FACTS as GLOBAL_SERIES } from './facts/global-series';
import { FACTS as MORE_SERIES } from './facts/more-series';
import { FACTS as NONPROLIFERATION } from './facts/nonproliferation';
import { FACTS as RECENT } from './facts/recent';
import { FACTS as RECENT_INCIDENTS } from './facts/recent-incidents';
import { FACTS as STATE_BODIES } from './facts/state-bodies';
import { FACTS as SUMMITS } from './facts/summits';

const ROOT = join(import.meta.dirname, '../../..');
const byId = new Map(loadDataset(ROOT).entities.map((e) => [e.id, e]));

const TABLES: [string, CheckedDate[]][] = [
  ['arms control, organisations and the seed article', CORE],
  ['Eurasia and organisations', EURASIA],
  ['Europe and Ukraine', EUROPE],
  ['non-proliferation and the Middle East', NONPROLIFERATION],
  ['recent events and the 2026 review', RECENT],
  ['summits and recurring events', SUMMITS],
  ['international bodies, regional groupings and treaties', BODIES],
  ['Eurasian series (SCO, CSTO, CIS, EAEU...)', EURASIA_SERIES],
  ['forums, addresses, elections and sport series', FORUMS_SERIES],
  ['global series (G20, G7, NATO, UN, OSCE...)', GLOBAL_SERIES],
  ['more series (EU summits, Navy Day, MAKS, Euro...)', MORE_SERIES],
  ['state bodies and armed groups', STATE_BODIES],
  ['incidents, crises and recent events', RECENT_INCIDENTS],
];

describe.each(TABLES)('fact review: %s', (_theme, facts) => {
  it('covers at least 20 checked dates', () => {
    expect(facts.length).toBeGreaterThanOrEqual(20);
  });

  it.each(facts)('%s: %s on %s (checked against %s)', (id, kind, date) => {
    const entity = byId.get(id);
    expect(entity, `no entity "${id}"`).toBeDefined();
    const steps = entity!.timeline.filter((s) => s.kind === kind).map((s) => s.date);
    expect(steps).toContain(date);
  });
});

describe('fact review coverage', () => {
  it('checks at least 60 key dates across the dataset', () => {
    expect(TABLES.reduce((sum, [, facts]) => sum + facts.length, 0)).toBeGreaterThanOrEqual(60);
  });

  it('gives every summit in summits.json a checked date', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'src/data/summits.json'), 'utf8')) as { id: string }[];
    const checked = new Set(SUMMITS.map(([id]) => id));
    expect(file.map((e) => e.id).filter((id) => !checked.has(id))).toEqual([]);
  });
});
