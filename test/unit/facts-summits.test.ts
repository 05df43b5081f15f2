// Fact review for src/data/summits.json: key dates of summits and recurring events, each checked by
// hand against the source named in its row. A wrong date is worse than a missing one, so a change to
// any of these must come with a new check.

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
    'vienna-summit-1961',
    'started',
    '1961-06-03',
    'Politico: JFK and Khrushchev meet in Vienna, June 3, 1961',
  ],
  [
    'moscow-summit-1972',
    'other',
    '1972-05-26',
    'Wikipedia Moscow Summit (1972): SALT I and ABM signed 26 May',
  ],
  [
    'vienna-summit-1979',
    'other',
    '1979-06-18',
    'US Office of the Historian FRUS 1977-80 vol. VI; Sioux City Journal',
  ],
  ['geneva-summit-1985', 'started', '1985-11-19', 'Politico, Nov. 19, 1985; Wikipedia Geneva Summit (1985)'],
  ['reykjavik-summit-1986', 'started', '1986-10-11', 'Wikipedia Reykjavik Summit: 11-12 October 1986'],
  [
    'washington-summit-1987',
    'started',
    '1987-12-08',
    'UPI 8 December 1987: INF Treaty signed at the White House',
  ],
  ['moscow-summit-1988', 'other', '1988-06-01', 'ABC-CLIO: INF instruments exchanged 1 June 1988'],
  [
    'malta-summit-1989',
    'started',
    '1989-12-02',
    'George & Barbara Bush Foundation; Washington Post 4 Dec 1989',
  ],
  ['washington-summit-1990', 'other', '1990-06-01', 'Politico: chemical weapons deal, June 1, 1990'],
  [
    'helsinki-summit-1990',
    'held',
    '1990-09-09',
    'American Presidency Project: joint news conference, Sept 9, 1990',
  ],
  [
    'moscow-summit-1991',
    'other',
    '1991-07-31',
    'Miller Center; Deseret News 1 Aug 1991: START signed 31 July',
  ],
  ['vancouver-summit-1993', 'started', '1993-04-03', 'UBC Library: Vancouver summit, April 3-4, 1993'],
  [
    'helsinki-summit-1997',
    'ended',
    '1997-03-21',
    'Washington Post, 22 March 1997 (dateline Helsinki, March 21)',
  ],
  ['moscow-summit-1998', 'started', '1998-09-01', 'Wikipedia Moscow Summit (1998); Jamestown Monitor'],
  ['ljubljana-summit-2001', 'held', '2001-06-16', "RTV Slovenija: Bush saw Putin's soul in Slovenia"],
  ['moscow-summit-2002', 'started', '2002-05-24', 'RFE/RL 24 May 2002; Kremlin text recalling SORT signing'],
  ['bratislava-summit-2005', 'held', '2005-02-24', 'RFE/RL and DW, 24 February 2005'],
  [
    'moscow-summit-2009',
    'started',
    '2009-07-06',
    'CNN 6 July 2009; White House fact sheet "Moscow Summit, July 6-8"',
  ],
  ['prague-new-start-signing-2010', 'held', '2010-04-08', 'UPI photos; Sputnik media bank, 08.04.2010'],
  ['helsinki-summit-2018', 'held', '2018-07-16', 'Finnish presidency press release 13 July 2018; Xinhua'],
  ['brics-summit-2009', 'held', '2009-06-16', 'Kremlin transcript 4475; Chinese MFA (June 16, 2009)'],
  ['brics-summit-2010', 'held', '2010-04-15', 'G1 Globo 15 April 2010; Kremlin transcript 7475'],
  ['brics-summit-2011', 'held', '2011-04-14', 'Kremlin: BRICS summit in China, April 14, 2011, Sanya'],
  ['brics-summit-2012', 'held', '2012-03-29', 'Delhi Declaration text; ICTSD Bridges'],
  ['brics-summit-2013', 'ended', '2013-03-27', 'eThekwini Declaration, Durban, 27 March 2013'],
  ['brics-summit-2014', 'held', '2014-07-15', 'Fortaleza Declaration, 15 July 2014'],
  ['brics-summit-2015', 'started', '2015-07-08', 'Kremlin 49873; Business Standard (BRICS 8-9 July)'],
  ['brics-summit-2016', 'started', '2016-10-15', 'PIB India: Goa Declaration (15-16 October 2016)'],
  ['brics-summit-2017', 'started', '2017-09-03', 'APP 27 August 2017: Xiamen, September 3 to 5'],
  [
    'brics-summit-2018',
    'started',
    '2018-07-25',
    'Presidency of South Africa: Johannesburg Declaration, 25-27 July 2018',
  ],
  ['brics-summit-2019', 'ended', '2019-11-14', 'Mondaq; Ethiopian Herald (Brasilia, 13-14 November 2019)'],
  ['brics-summit-2020', 'held', '2020-11-17', 'Kremlin transcript 64430; TV BRICS'],
  ['brics-summit-2021', 'held', '2021-09-09', 'Indian Express, 9 September 2021'],
  ['brics-summit-2022', 'held', '2022-06-23', 'CGTN, 23 June 2022'],
  ['brics-summit-2023', 'started', '2023-08-22', 'Johannesburg II Declaration (22-24 August 2023)'],
  ['brics-summit-2024', 'started', '2024-10-22', 'Kazan Declaration text; Wikipedia 16th BRICS summit'],
  ['brics-summit-2025', 'started', '2025-07-06', 'TASS 6 July 2025; Shafaq News'],
  [
    'brics-extraordinary-summit-2023',
    'held',
    '2023-11-21',
    'SA Presidency statement via AllAfrica, 21 November 2023',
  ],
  ['sco-summit-2013', 'held', '2013-09-13', 'Bishkek Declaration, 13 September 2013; CACI Analyst'],
  ['sco-summit-2014', 'ended', '2014-09-12', 'SCO Secretariat press release, Dushanbe, 11-12 September 2014'],
  ['sco-summit-2015', 'started', '2015-07-09', 'Business Standard (Xinhua): SCO summit July 9-10 in Ufa'],
  ['sco-summit-2016', 'ended', '2016-06-24', 'Kazinform, 24 June 2016'],
  ['sco-summit-2017', 'other', '2017-06-09', 'SCO Secretariat press release, Astana 8-9 June 2017; TASS'],
  ['sco-summit-2018', 'ended', '2018-06-10', 'Asia-Plus: Qingdao Declaration signed 10 June 2018'],
  ['sco-summit-2019', 'ended', '2019-06-14', 'Bishkek Declaration, 14 June 2019'],
  ['sco-summit-2020', 'held', '2020-11-10', 'InfoSCO information report, 10 November 2020'],
  ['sco-summit-2021', 'held', '2021-09-17', 'UrduPoint (Sputnik) and Mehr, 17 September 2021'],
  ['sco-summit-2022', 'ended', '2022-09-16', 'Samarkand Declaration, 16 September 2022; Russian MFA'],
  ['sco-summit-2023', 'held', '2023-07-04', 'ETV Bharat and Mehr, 4 July 2023'],
  ['sco-summit-2024', 'other', '2024-07-04', 'Kremlin 74464: Belarus admitted, Astana, 4 July 2024'],
  ['sco-summit-2025', 'ended', '2025-09-01', 'TASS 2009973: Tianjin Declaration, 1 September 2025'],
  ['nato-russia-summit-2002-rome', 'held', '2002-05-28', 'Kremlin 43121; Wikipedia 2002 Rome summit'],
  ['nato-summit-2009-strasbourg-kehl', 'ended', '2009-04-04', 'NATO press release (2009) 044, 4 April 2009'],
  ['nato-summit-2010-lisbon', 'ended', '2010-11-20', 'NATO news 68876: NRC summit, Lisbon, 20 November 2010'],
  ['nato-summit-2012-chicago', 'started', '2012-05-20', 'NATO: 25th summit meeting, Chicago, 20-21 May 2012'],
  [
    'nato-summit-2014-wales',
    'started',
    '2014-09-04',
    'GOV.UK: NATO Summit Wales held on 4 to 5 September 2014',
  ],
  ['nato-summit-2016-warsaw', 'started', '2016-07-08', 'NATO summit list (Wikipedia): Warsaw 8-9 July 2016'],
  ['nato-summit-2017-brussels', 'held', '2017-05-25', 'NATO summit list (Wikipedia): Brussels 25 May 2017'],
  ['nato-summit-2018-brussels', 'started', '2018-07-11', 'Brussels Summit Declaration, 11-12 July 2018'],
  [
    'nato-summit-2019-london',
    'ended',
    '2019-12-04',
    'UK FCO written statement; London Declaration 4 Dec 2019',
  ],
  ['nato-summit-2021-brussels', 'held', '2021-06-14', 'Brussels Summit Communique, 14 June 2021'],
  [
    'nato-summit-2022-brussels-extraordinary',
    'held',
    '2022-03-24',
    'Reuters via Devdiscourse, 15 March 2022',
  ],
  [
    'g20-summit-2008-washington',
    'started',
    '2008-11-14',
    'Jagran Josh and G20 timeline: 14-15 November 2008',
  ],
  ['g20-summit-2009-london', 'held', '2009-04-02', 'G20 timeline; Xinhua list of G20 summits'],
  ['g20-summit-2009-pittsburgh', 'started', '2009-09-24', 'G20 timeline: September 24-25, 2009'],
  ['g20-summit-2010-toronto', 'started', '2010-06-26', 'G20 timeline: June 26-27, 2010'],
  ['g20-summit-2010-seoul', 'started', '2010-11-11', 'G20 timeline: November 11-12, 2010'],
  ['g20-summit-2011-cannes', 'started', '2011-11-03', 'Commit4Africa: Cannes, 3-4 November 2011'],
  ['g20-summit-2012-los-cabos', 'started', '2012-06-18', 'Los Cabos Leaders Declaration: 18-19 June 2012'],
  [
    'g20-summit-2013-st-petersburg',
    'started',
    '2013-09-05',
    'g20russia.ru: St. Petersburg hosts the G20 Summit, September 5-6',
  ],
  [
    'g20-summit-2014-brisbane',
    'started',
    '2014-11-15',
    'List of G20 summits to 2016: Brisbane 15-16 November 2014',
  ],
  [
    'g20-summit-2015-antalya',
    'started',
    '2015-11-15',
    'List of G20 summits to 2016: Antalya 15-16 November 2015',
  ],
  ['g20-summit-2016-hangzhou', 'started', '2016-09-04', 'WFO calendar: Hangzhou, September 4-5 (2016)'],
  [
    'g20-summit-2017-hamburg',
    'started',
    '2017-07-07',
    'The Guardian live, 7 July 2017; EPA caption 7-8 July',
  ],
  ['g20-summit-2018-buenos-aires', 'ended', '2018-12-01', 'European Sources Online; Infobae 1 December 2018'],
  ['g20-summit-2019-osaka', 'started', '2019-06-28', 'B20 Indonesia list: Osaka 28-29 June 2019'],
  ['g20-summit-2020-riyadh', 'started', '2020-11-21', 'B20 Indonesia list: Riyadh 21-22 November 2020'],
  ['g20-summit-2021-rome', 'started', '2021-10-30', 'G20 site Previous Summits: Rome, October 30-31, 2021'],
  ['g20-summit-2022-bali', 'started', '2022-11-15', 'G20 site Previous Summits: Bali, November 15-16, 2022'],
  [
    'g20-summit-2023-new-delhi',
    'started',
    '2023-09-09',
    'G20 site Previous Summits: New Delhi, September 9-10, 2023',
  ],
  [
    'g20-summit-2024-rio-de-janeiro',
    'started',
    '2024-11-18',
    'Indian Defence News; Sentinel Assam, November 2024',
  ],
  [
    'g20-summit-2025-johannesburg',
    'started',
    '2025-11-22',
    'AP via WTOP and Saudi Gazette, 22 November 2025',
  ],
  [
    'g8-summit-2006-st-petersburg',
    'started',
    '2006-07-15',
    'RFE/RL 17 July 2006; 32nd G8 summit, 15-17 July 2006',
  ],
  ['spief-2024', 'other', '2024-06-07', 'TASS 6 June 2024: plenary session on June 7'],
  ['spief-2025', 'other', '2025-06-20', 'TASS 20 June 2025: plenary session lasted four hours'],
  ['eef-2024', 'other', '2024-09-05', 'TASS 4 September 2024: plenary session on September 5'],
  ['eef-2025', 'other', '2025-09-05', 'TASS 5 September 2025: plenary session'],
  [
    'russia-africa-summit-2019',
    'ended',
    '2019-10-24',
    'Declaration of the First Russia-Africa Summit (Sochi, 24 October 2019)',
  ],
  [
    'russia-africa-summit-2023',
    'ended',
    '2023-07-28',
    'Declaration of the Second Russia-Africa Summit, 28 July 2023',
  ],
  [
    'russia-asean-summit-2016',
    'started',
    '2016-05-19',
    'TASS 19 May 2016: Russia-ASEAN jubilee summit opens in Sochi',
  ],
  ['russia-asean-summit-2018', 'held', '2018-11-14', 'CNA 14 November 2018: 3rd ASEAN-Russia Summit'],
  [
    'russia-asean-summit-2026',
    'ended',
    '2026-06-18',
    'SGBuzz 19 June 2026 quoting Singapore MFA statement of 18 June',
  ],
  ['csto-summit-2022-moscow', 'held', '2022-05-16', 'TASS 16 May 2022; Asia-Plus 17 May 2022'],
];

describe('fact review: summits and recurring events', () => {
  it('covers at least 20 checked dates', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(FACTS)('%s: %s on %s (checked against %s)', (id, kind, date) => {
    const entity = byId.get(id);
    expect(entity, `no entity "${id}"`).toBeDefined();
    const steps = entity!.timeline.filter((s) => s.kind === kind).map((s) => s.date);
    expect(steps).toContain(date);
  });

  it('gives every summit in summits.json a checked date in this table', () => {
    const file = JSON.parse(readFileSync(join(DATA_DIR, 'summits.json'), 'utf8')) as { id: string }[];
    const checked = new Set(FACTS.map(([id]) => id));
    expect(file.map((e) => e.id).filter((id) => !checked.has(id))).toEqual([]);
  });
});
