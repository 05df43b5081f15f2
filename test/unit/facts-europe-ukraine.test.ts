// Fact review for src/data/europe-ukraine.json: key dates, each checked by hand against the source
// named in its row. A wrong date is worse than a missing one, so a change to any of these must come
// with a new check.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/core/dataset';
import type { StepKind } from '../../src/core/types';

const DATA_DIR = join(import.meta.dirname, '../../src/data');
const { entities } = validateDataset(
  readdirSync(DATA_DIR)
    .filter((name) => name.endsWith('.json') && name !== 'meta.json')
    .map((name) => ({
      file: name,
      content: JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as unknown,
    })),
);
const byId = new Map(entities.map((e) => [e.id, e]));

/** [entity id, step kind, ISO date, where it was checked] */
const FACTS: [string, StepKind, string, string][] = [
  [
    'osce-istanbul-summit-1999',
    'started',
    '1999-11-18',
    'OSCE timeline: Istanbul summit 18-19 November 1999',
  ],
  ['charter-for-european-security', 'signed', '1999-11-19', 'OSCE press release of 19 November 1999'],
  [
    'osce-code-of-conduct',
    'signed',
    '1994-12-03',
    'Code text: adopted at the 91st FSC plenary, Budapest, 3 December 1994',
  ],
  [
    'osce-code-of-conduct',
    'in-force',
    '1995-01-01',
    'German Federal Foreign Office page on the Code of Conduct',
  ],
  [
    'osce-astana-summit-2010',
    'started',
    '2010-12-01',
    'Seventh OSCE Summit report, Astana, 1-2 December 2010',
  ],
  [
    'osce-ministerial-council-2021-stockholm',
    'started',
    '2021-12-02',
    'Government of Sweden press release, November 2021',
  ],
  ['osce-ministerial-council-2022-lodz', 'started', '2022-12-01', 'TASS 2022-12-01; Sputnik 2022-11-19'],
  ['osce-ministerial-council-2023-skopje', 'started', '2023-11-30', 'BTA 2023-11-30; TASS 2023-11-30'],
  ['osce-ministerial-council-2024-malta', 'started', '2024-12-05', 'OSCE media advisory 2024-11-15'],
  ['rome-declaration-2002', 'signed', '2002-05-28', 'NATO Update 28 May 2002'],
  ['partnership-for-peace', 'founded', '1994-01-10', 'NATO chronology January 1994'],
  ['partnership-for-peace', 'joined', '1994-06-22', 'bpb Deutschland-Chronik 10-11 January 1994'],
  [
    'nato-bucharest-summit-2008',
    'other',
    '2008-04-03',
    'NATO official text: Bucharest Summit Declaration, 3 April 2008',
  ],
  ['nato-enlargement', 'started', '1999-03-12', 'Historiana: 12 March 1999'],
  ['nato-enlargement', 'other', '2004-03-29', 'Government of Slovenia: ceremony of 29 March 2004; BTA'],
  ['nato-enlargement', 'other', '2009-04-01', 'China.org.cn 2009-04-02 (joined on Wednesday, 1 April)'],
  [
    'nato-enlargement',
    'other',
    '2017-06-05',
    'NATO news via Albanian embassy: Montenegro joins, 5 June 2017',
  ],
  ['nato-enlargement', 'other', '2020-03-27', 'MIA 2020-03-27: Pompeo statement'],
  ['finland-nato-accession', 'held', '2023-04-04', 'Finnish Foreign Ministry press release 2023-04-03'],
  ['sweden-nato-accession', 'held', '2024-03-07', 'A News 2024-03-07; Censor.net 2024-03-07'],
  ['nato-suspends-cooperation-with-russia-2014', 'held', '2014-04-01', 'NBC News / Reuters 2014-04-01'],
  ['russia-mission-to-nato-closure-2021', 'held', '2021-10-18', 'AFP via Al Arabiya 2021-10-18'],
  ['nato-ukraine-council', 'other', '2023-07-12', 'Interfax-Ukraine and TASS 2023-07-12'],
  [
    'eu-ukraine-association-agreement',
    'signed',
    '2014-03-21',
    'Wikipedia infobox; Ukrainian Week 2014-06-27',
  ],
  ['eu-ukraine-association-agreement', 'in-force', '2017-09-01', 'Wikipedia; EUobserver; CCIPU'],
  ['euromaidan', 'ended', '2014-02-22', 'Ukrainian Week 2014-02-22: Rada sets election for 25 May'],
  ['agreement-21-february-2014', 'signed', '2014-02-21', 'Wikipedia; The Guardian live blog 2014-02-21'],
  ['geneva-statement-2014', 'held', '2014-04-17', 'TASS; Euroradio'],
  ['normandy-summit-2016-berlin', 'held', '2016-10-19', 'UNIAN via Reuters 2016-10-18'],
  ['normandy-summit-2019-paris', 'held', '2019-12-09', 'UNIAN 2019-12-09'],
  ['mh17', 'held', '2014-07-17', 'Interfax 2022-11-17; Kyiv Independent'],
  ['mh17', 'other', '2022-11-17', 'Interfax 2022-11-17: Hague District Court verdict'],
  ['mh17', 'other', '2025-05-12', 'Babel 2025-05-12; UNN 2025-05-12'],
  ['kerch-strait-incident-2018', 'held', '2018-11-25', 'Hromadske 2018-11-25; Sputnik 2018-11-26'],
  ['crimean-bridge', 'held', '2018-05-15', 'Cyplive / RBC 2018-05-15; DW'],
  [
    'russia-ukraine-friendship-treaty-1997',
    'in-force',
    '1999-04-01',
    'Interfax-Ukraine 2019-04-01; Kyiv Post',
  ],
  ['georgia-war-2008', 'other', '2008-08-26', 'Historical Dictionary of the Russian Federation'],
  [
    'european-security-treaty-draft-2009',
    'proposed',
    '2009-11-29',
    'Kremlin text copy; Adnkronos 2009-11-29',
  ],
  ['munich-speech-2007', 'held', '2007-02-10', 'News-pravda 2026-02-10; Wikipedia extract'],
  ['nato-bombing-of-yugoslavia-1999', 'started', '1999-03-24', 'Wikipedia; Beta News Agency 2010-06-10'],
  ['dpr-lpr-recognition-2022', 'held', '2022-02-21', 'Eurasia Review 2022-02-21'],
  ['referendums-2022', 'started', '2022-09-23', 'Sputnik 2022-09-30; Babel'],
  ['accession-treaties-2022', 'signed', '2022-09-30', 'TASS 2022-10-02 (Duma database entry)'],
  ['zaporozhye-npp', 'other', '2022-03-04', 'Republic World 2022-03-04 quoting SNRIU'],
  ['iaea-isamz', 'founded', '2022-09-01', 'Interfax-Ukraine 2022-09-01; Censor.net'],
  ['kakhovka-dam-2023', 'held', '2023-06-06', 'Wikipedia copy; Mehr/TASS 2023-06-07'],
  ['kursk-incursion-2024', 'other', '2025-04-26', 'TRT World 2025-04-26; Euromaidan Press'],
  ['riyadh-talks-2025', 'held', '2025-02-18', 'Shafaq News 2025-02-18; Kyiv Post 2025-02-18'],
  ['burgenstock-summit-2024', 'started', '2024-06-15', 'Wikipedia; Kyiv Independent 2024-06-16'],
  [
    'ukraine-defense-contact-group',
    'founded',
    '2022-04-26',
    'Kaiserslautern American (DoD photo captions, 26 April 2022)',
  ],
  ['eu-sanctions-against-russia', 'other', '2022-06-03', 'Interfax-Ukraine 2022-06-03'],
  ['eu-sanctions-against-russia', 'other', '2025-07-18', 'Ashurst; McCann FitzGerald'],
  ['russian-oil-price-cap', 'started', '2022-12-05', 'Babel 2022-12-05 quoting the EU Council'],
  ['pace', 'suspended', '2014-04-10', 'PACE news 4982; Armradio 2014-04-10'],
  ['international-criminal-court', 'withdrawn', '2016-11-16', 'APP 2016-11-16; New Times'],
  ['icc-arrest-warrants-2023', 'held', '2023-03-17', 'Babel 2023-03-17; Daily Times 2023-03-18'],
  ['eu-candidate-status-ukraine-moldova-2022', 'held', '2022-06-23', 'RBC-Ukraine; ukrainetruth.com'],
  ['unga-resolution-es-11-1', 'other', '2022-03-02', 'Eleventh emergency special session (Wikipedia-based)'],
  ['unsc-resolution-2774', 'held', '2025-02-24', 'UN press release copy; Daily Telegraph NZ'],
  ['nord-stream-sabotage-2022', 'held', '2022-09-26', 'DW year review 2022; Wikipedia copy'],
];

describe('fact review: europe-ukraine', () => {
  it('covers at least 20 checked dates', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(FACTS)('%s: %s on %s (checked against %s)', (id, kind, date) => {
    const entity = byId.get(id);
    expect(entity, `no entity "${id}"`).toBeDefined();
    const steps = entity!.timeline.filter((s) => s.kind === kind).map((s) => s.date);
    expect(steps).toContain(date);
  });
});
