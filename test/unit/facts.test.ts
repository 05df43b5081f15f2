// Fact review: key dates in the dataset, each checked by hand against the source named in its row.
// A wrong date is worse than a missing one, so a change to any of these must come with a new check.

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
  ['new-start', 'signed', '2010-04-08', 'nuclearforces.org/new-start; Wikipedia New START'],
  ['new-start', 'in-force', '2011-02-05', 'nuclearforces.org/new-start; Wikipedia New START'],
  ['new-start', 'extended', '2021-02-03', 'Sputnik 2023-02-28 (exchange of notes on 3 February 2021)'],
  ['new-start', 'suspended', '2023-02-21', 'russianforces.org blog 2023-02; AP via wtop.com 2023-02-21'],
  ['new-start', 'other', '2023-02-28', 'Interfax 2023-02-28: Putin signs suspension law'],
  ['new-start', 'expired', '2026-02-05', 'lite.news and mdfy.news reports of the expiry'],
  ['start-i', 'signed', '1991-07-31', 'Arms Control Association: START I'],
  ['start-i', 'in-force', '1994-12-05', 'Arms Control Association: START I'],
  ['start-i', 'expired', '2009-12-05', 'Wikipedia START I'],
  ['start-ii', 'signed', '1993-01-03', 'Wikipedia START II; CFR'],
  ['start-ii', 'withdrawn', '2002-06-14', 'Wikipedia START II (one day after the ABM withdrawal)'],
  ['sort', 'signed', '2002-05-24', 'US DoD SORT executive summary'],
  ['sort', 'in-force', '2003-06-01', 'US DoD SORT executive summary'],
  ['sort', 'terminated', '2011-02-05', 'Wikipedia SORT (superseded by New START)'],
  ['inf-treaty', 'signed', '1987-12-08', 'Wikipedia INF Treaty'],
  ['inf-treaty', 'in-force', '1988-06-01', 'Wikipedia INF Treaty'],
  ['inf-treaty', 'terminated', '2019-08-02', 'Wikipedia INF Treaty (US withdrawal)'],
  ['abm-treaty', 'signed', '1972-05-26', 'Arms Control Association: ABM Treaty'],
  ['abm-treaty', 'in-force', '1972-10-03', 'Arms Control Association: ABM Treaty'],
  ['abm-treaty', 'terminated', '2002-06-13', 'wikigyan summary of Wikipedia ABM Treaty'],
  ['salt-i', 'signed', '1972-05-26', 'FAS: SALT I'],
  ['salt-ii', 'signed', '1979-06-18', 'Politico, This day in politics, June 18, 1979'],
  ['npt', 'signed', '1968-07-01', 'Arms Control Association: NPT; CTBTO FAQ'],
  ['npt', 'in-force', '1970-03-05', 'Arms Control Association: NPT'],
  ['npt', 'extended', '1995-05-11', 'JURIST; US State Department statement of 2020'],
  ['ctbt', 'signed', '1996-09-24', 'Vestnik Kavkaza 2023-11-02; news-pravda.com'],
  ['ctbt', 'other', '2023-11-02', 'The Moscow Times 2023-11-02'],
  ['ptbt', 'signed', '1963-08-05', 'ICAN: Partial Test Ban Treaty opens for signature'],
  ['ptbt', 'in-force', '1963-10-10', 'Encyclopedia summary of the Moscow Treaty of 1963'],
  ['outer-space-treaty', 'signed', '1967-01-27', 'Arms Control Association: Outer Space Treaty'],
  ['outer-space-treaty', 'in-force', '1967-10-10', 'Arms Control Association: Outer Space Treaty'],
  ['tpnw', 'in-force', '2021-01-22', 'ICAN timeline; Wikipedia TPNW'],
  ['cwc', 'signed', '1993-01-13', 'Arms Control Association: CWC; Britannica'],
  ['cwc', 'in-force', '1997-04-29', 'Arms Control Association: CWC; Britannica'],
  ['bwc', 'signed', '1972-04-10', 'UNODA: About the BWC'],
  ['bwc', 'in-force', '1975-03-26', 'UNODA: About the BWC'],
  ['open-skies', 'signed', '1992-03-24', 'CRS Insight IN10502'],
  ['open-skies', 'in-force', '2002-01-01', 'CRS Insight IN10502'],
  ['open-skies', 'withdrawn', '2020-11-22', 'CRS Insight IN10502 (US withdrawal effective)'],
  ['cfe', 'signed', '1990-11-19', 'Kremlin: law denouncing the CFE Treaty'],
  ['cfe', 'in-force', '1992-11-09', 'Kremlin: law denouncing the CFE Treaty'],
  ['cfe', 'withdrawn', '2023-11-07', 'Wikipedia CFE Treaty'],
  ['adapted-cfe', 'signed', '1999-11-19', 'Wikipedia Adapted CFE Treaty; Indian Express 1999'],
  ['vienna-document', 'other', '2011-11-30', 'OSCE FSC news; FSC.DOC/1/11'],
  ['helsinki-final-act', 'signed', '1975-08-01', 'OSCE: Summits (Helsinki, 30 July-1 August 1975)'],
  ['charter-of-paris', 'signed', '1990-11-21', 'USIP: CSCE becomes the OSCE'],
  ['budapest-memorandum', 'signed', '1994-12-05', 'Wikipedia Budapest Memorandum'],
  ['nato-russia-founding-act', 'signed', '1997-05-27', 'NATO official text 25470'],
  ['minsk-protocol', 'signed', '2014-09-05', 'European Parliament resolution text; Wikipedia Minsk Protocol'],
  ['minsk-ii', 'signed', '2015-02-12', 'news-front summary; outride.rs'],
  ['minsk-ii', 'other', '2015-02-17', 'UNSC resolution 2202 date, news-front summary'],
  ['normandy-format', 'founded', '2014-06-06', 'Wikipedia Normandy format (2017 copy)'],
  [
    'us-russia-security-treaty-draft-2021',
    'proposed',
    '2021-12-17',
    'Nation Thailand (Xinhua) 2021-12-18; Sputnik 2021-12-17',
  ],
  ['russia-nato-security-agreement-draft-2021', 'proposed', '2021-12-17', 'Sputnik 2021-12-17; ru-main.ru'],
  ['geneva-summit-2021', 'held', '2021-06-16', 'Kremlin: Russian-US talks, June 16, 2021, Geneva'],
  [
    'russia-us-security-talks-geneva-2022',
    'held',
    '2022-01-10',
    'US State Department briefing, January 10, 2022',
  ],
  ['nrc-meeting-2022-01-12', 'held', '2022-01-12', 'TASS 2022-01-12'],
  ['osce-pc-session-2022-01-13', 'held', '2022-01-13', 'Warsaw Point 2022-01-13; regtrends 2022-01-13'],
  ['istanbul-talks-2022', 'held', '2022-03-29', 'AP 2022-03-30; 18world.ru'],
  ['russia-ukraine-war-2022', 'started', '2022-02-24', 'Polish OSCE Chairmanship, 24.02.2022'],
  ['black-sea-grain-initiative', 'signed', '2022-07-22', 'Sputnik 2023-07-01 quoting the UN'],
  ['black-sea-grain-initiative', 'terminated', '2023-07-17', 'Raw Story 2023-07-17 quoting Peskov'],
  ['russia-un-memorandum-2022', 'signed', '2022-07-22', 'Warsaw Institute, Russia Monitor 07-2023'],
  ['crimea-2014', 'held', '2014-03-16', 'Wikipedia 2014 Crimean status referendum'],
  ['crimea-2014', 'signed', '2014-03-18', 'Rights in Russia, Remember the date: 18 March 2014'],
  ['crimea-2014', 'other', '2014-03-27', 'Wikipedia UNGA resolution 68/262'],
  ['alaska-summit-2025', 'held', '2025-08-15', 'The Moscow Times 2025-08-13; Mehr 2025-08-15'],
  ['istanbul-talks-2025', 'held', '2025-05-16', 'TRT World 2025-06-02'],
  ['istanbul-talks-2025', 'held', '2025-06-02', 'TRT World 2025-06-02; TASS'],
  ['istanbul-talks-2025', 'held', '2025-07-23', 'TASS 2025-07-25; Ukrainska Pravda 2025-07-23'],
  ['jcpoa', 'signed', '2015-07-14', 'Wikipedia JCPOA'],
  ['jcpoa', 'in-force', '2016-01-16', 'Wikipedia JCPOA (Implementation Day)'],
  ['jcpoa', 'withdrawn', '2018-05-08', 'Simple Wikipedia: Iran nuclear deal'],
  ['unsc-resolution-2231', 'other', '2015-07-20', 'Russian MFA statement of 17 October 2025'],
  ['iran-russia-treaty-2025', 'signed', '2025-01-17', 'IFP News; Kremlin text'],
  [
    'iran-russia-treaty-2025',
    'in-force',
    '2025-10-02',
    'ANI via indiathisweek.us; Russian MFA statement of 17 October 2025',
  ],
  ['dprk-russia-treaty-2024', 'signed', '2024-06-19', 'Interfax 2024-12-05'],
  ['dprk-russia-treaty-2024', 'in-force', '2024-12-04', 'Interfax 2024-12-05 quoting KCNA'],
  ['china-russia-treaty-2001', 'signed', '2001-07-16', 'Wikipedia 2001 Sino-Russian Treaty'],
  ['china-russia-treaty-2001', 'in-force', '2002-02-28', 'Wikipedia 2001 Sino-Russian Treaty'],
  ['china-russia-treaty-2001', 'extended', '2021-06-28', 'World Bulletin 2021-06-28'],
  [
    'belarus-russia-security-guarantees-treaty-2024',
    'signed',
    '2024-12-06',
    'Xinhua 2024-12-06; A News 2025-02-26',
  ],
  ['union-state', 'signed', '1999-12-08', 'Standing Committee of the Union State: History'],
  ['union-state', 'founded', '2000-01-26', 'Union State article (liquisearch copy of Wikipedia)'],
  ['united-nations', 'founded', '1945-10-24', 'Politico: United Nations comes into existence'],
  ['osce', 'other', '1995-01-01', 'OSCE: Budapest Summit 1994'],
  ['osce-smm', 'founded', '2014-03-21', 'Ukraine MFA 2014-03-21; Ukrinform'],
  ['osce-smm', 'expired', '2022-03-31', 'Ukrinform; Ukrainian News 2022-04'],
  ['sco', 'founded', '2001-06-15', 'ISSI: The expanding role of SCO'],
  ['sco', 'joined', '2017-06-09', 'ISSI: The expanding role of SCO'],
  ['csto', 'signed', '1992-05-15', 'CSTO charter; Washington Times topic page'],
  ['csto', 'founded', '2002-10-07', 'CSTO charter dated October 07, 2002'],
  ['eaeu', 'signed', '2014-05-29', 'Eurasian Economic Commission 2014-05-29'],
  ['eaeu', 'founded', '2015-01-01', 'Russian Embassy in Thailand: About the EAEU'],
  ['cis', 'founded', '1991-12-08', 'Presidential Library: The Belavezha Accords signed'],
  ['ctbto', 'founded', '1996-11-19', 'UNODA: About the CTBTO Preparatory Commission'],
  ['astana-format', 'founded', '2017-01-23', 'AP photo caption, Astana, 23 January 2017'],
  ['g7', 'founded', '1975-11-15', 'timelinesdb: first G6 summit at Rambouillet, 1975 Nov 15'],
];

describe('fact review', () => {
  it('covers at least 40 checked dates', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(FACTS)('%s: %s on %s (checked against %s)', (id, kind, date) => {
    const entity = byId.get(id);
    expect(entity, `no entity "${id}"`).toBeDefined();
    const steps = entity!.timeline.filter((s) => s.kind === kind).map((s) => s.date);
    expect(steps).toContain(date);
  });
});
