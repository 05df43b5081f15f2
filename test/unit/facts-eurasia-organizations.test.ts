// Fact review for src/data/eurasia-organizations.json: Russia's treaties and alliances, and the
// international organisations and formats it belongs to. Each row names where the date was checked;
// a change to any of these dates must come with a new check.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/core/dataset';
import type { StepKind } from '../../src/core/types';

const DATA_DIR = join(import.meta.dirname, '../../src/data');
const FILE = 'eurasia-organizations.json';
// The whole dataset is loaded, since related ids and shared aliases cross files.
const { entities, errors } = validateDataset(
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
  ['belovezha-accords', 'signed', '1991-12-08', 'Presidential Library prlib.ru; Wikipedia Belovezha Accords'],
  ['alma-ata-protocol', 'signed', '1991-12-21', 'Wikipedia Alma-Ata Protocol; Encyclopedia of Kazakhstan'],
  ['cis-charter', 'signed', '1993-01-22', 'UN Treaty Series No. 31139 (adopted at Minsk 22 January 1993)'],
  [
    'collective-security-treaty-1992',
    'signed',
    '1992-05-15',
    'CSTO Charter preamble (treaty of 15 May 1992)',
  ],
  ['csto-charter', 'signed', '2002-10-07', 'Kremlin supplement 3506 (signed in Chisinau 7 October 2002)'],
  ['csto-charter', 'in-force', '2003-09-18', 'Kazakhstan ratification law text (in force 18 September 2003)'],
  ['union-state-treaty-1999', 'signed', '1999-12-08', 'Standing Committee of the Union State: History'],
  ['union-state-treaty-1999', 'in-force', '2000-01-26', 'Wikipedia Union State, Creation (LiquiSearch copy)'],
  [
    'eaeu-treaty',
    'signed',
    '2014-05-29',
    'Wikipedia Belarus-Russia Customs Union (EAEU Treaty of 29 May 2014)',
  ],
  ['eurasian-customs-union', 'founded', '2010-01-01', 'Kremlin glossary 41: first phase from 1 January 2010'],
  ['sco-charter', 'signed', '2002-06-07', 'CIS Legislation: SCO Charter of June 7, 2002; Xinhua 8 June 2002'],
  ['sco-charter', 'in-force', '2003-09-19', 'SCO overview (in force 19 September 2003)'],
  ['shanghai-five', 'founded', '1996-04-26', 'RFE/RL 26 April 1996; Xinhua via ECNS 2016'],
  ['russia-china-joint-statement-2022', 'signed', '2022-02-04', 'Xinhua text; TASS selection via EIR'],
  ['russia-india-strategic-partnership', 'signed', '2000-10-03', 'TASS 2025-10-03; IANS via MENAFN'],
  ['akkuyu-agreement-2010', 'signed', '2010-05-12', 'Rosatom press releases (signed 12 May 2010 in Ankara)'],
  ['caspian-sea-convention', 'signed', '2018-08-12', 'Kazinform 2018-08-12; Wikipedia'],
  ['medvedev-sarkozy-plan-2008', 'signed', '2008-08-12', 'France 24 2008-08-12; French embassy text'],
  ['recognition-abkhazia-south-ossetia-2008', 'held', '2008-08-26', 'UNPO 26 August 2008; REGNUM'],
  ['nagorno-karabakh-ceasefire-2020', 'signed', '2020-11-09', 'TASS; News.am (statement of 9 November 2020)'],
  [
    'csto-mission-kazakhstan-2022',
    'started',
    '2022-01-06',
    'CSTO via Armenian Public Radio 2022-01-06; TASS',
  ],
  [
    'csto-mission-kazakhstan-2022',
    'ended',
    '2022-01-19',
    'TASS 2022-01-19 (operation over, last units return)',
  ],
  ['kharkiv-pact-2010', 'signed', '2010-04-21', 'Wikipedia Kharkiv Pact; calendarz'],
  [
    'russia-syria-hmeimim-agreement-2015',
    'signed',
    '2015-08-26',
    'Kremlin 2016-08-08 (signed in Damascus 26 August 2015)',
  ],
  ['russia-syria-tartus-agreement-2017', 'signed', '2017-01-18', 'Sputnik via SOTT; RT France'],
  [
    'russia-kazakhstan-treaty-2013',
    'signed',
    '2013-11-11',
    'Prensa Latina (signed 11 November 2013 in Yekaterinburg)',
  ],
  ['platform-3-plus-3', 'founded', '2021-12-10', 'Turkish MFA announcement; Trend 2021-12-10'],
  ['osce-minsk-group', 'dissolved', '2025-09-01', 'Azernews 2025-09-01; Mediamax 2025-12-01'],
  ['paris-club', 'joined', '1997-09-17', 'RFE/RL 17 September 1997'],
  ['un-human-rights-council', 'suspended', '2022-04-07', 'A News; The Independent; Republic World'],
  ['wto', 'joined', '2012-08-22', 'WTO press release 668'],
  ['imf', 'joined', '1992-06-01', 'IMF membership overview (Russia signed the Articles on 1 June 1992)'],
  ['new-development-bank', 'founded', '2015-07-21', 'Shanghai government; Kazinform/Xinhua 2015-07-21'],
  ['aiib', 'in-force', '2015-12-25', 'AIIB news: Charter enters into force on 25 December 2015'],
  ['arctic-council', 'founded', '1996-09-19', 'Wikipedia Arctic Council (Ottawa Declaration)'],
  ['cbss', 'left', '2022-05-17', 'teleSUR 2022-05-17; Mehr 2022-05-17'],
  ['bsec', 'in-force', '1999-05-01', 'BSEC Charter page (entered into force 1 May 1999)'],
  ['council-of-europe', 'joined', '1996-02-28', 'Council of Europe archives: Russian Federation'],
  ['council-of-europe', 'left', '2022-03-16', 'Council of Europe archives; EEAS'],
  ['interpol', 'joined', '1990-09-27', 'Russia Beyond: Soviet Union joined Interpol'],
  [
    'eurasian-development-bank',
    'signed',
    '2006-01-12',
    'Kazakhstan ratification law (signed in Astana 12 January 2006)',
  ],
  ['guam', 'founded', '2006-05-23', 'GUAM: About the Organization (Kyiv summit 23 May 2006)'],
  ['cis-interparliamentary-assembly', 'founded', '1992-03-27', 'IPA CIS: the Assembly turns 26 (27 March)'],
  ['csto-crrf', 'signed', '2009-06-14', 'Kremlin: law on ratification (agreement signed 14 June 2009)'],
  ['ric', 'held', '2005-06-02', 'RIA Novosti 2005-05-27; PTI via Rediff 2005-06-01'],
  ['caspian-summit', 'held', '2022-06-29', 'Russia-Islamic World 2022-06-29'],
  ['un-general-assembly', 'founded', '1946-01-10', 'Wikipedia First session of the UN General Assembly'],
  ['who', 'founded', '1948-04-07', 'UN iLibrary; World History Project'],
  ['icj', 'founded', '1946-04-18', 'ICJ press release on the 75th anniversary of its inaugural sitting'],
  ['barents-euro-arctic-council', 'left', '2023-09-18', 'TASS 2023-09-18; High North News'],
  [
    'geneva-international-discussions',
    'founded',
    '2008-10-15',
    'PanARMENIAN 2008-10-16 (OSCE, UN, EU co-chairs)',
  ],
  ['russia-abkhazia-treaty-2014', 'signed', '2014-11-24', 'Agenda.ge; Russian Embassy in Abkhazia'],
  [
    'russia-south-ossetia-treaty-2015',
    'signed',
    '2015-03-18',
    'ASIL insight; South Ossetia information agency',
  ],
  ['russia-azerbaijan-declaration-2022', 'signed', '2022-02-22', 'AZERTAC text; Meydan TV'],
  ['baikonur-lease-agreement', 'signed', '1994-03-28', 'CIS Legislation: agreement of March 28, 1994'],
  ['black-sea-fleet-agreements-1997', 'signed', '1997-05-28', 'Los Angeles Times 1997-05-29; Wikipedia'],
  [
    'brics-contingent-reserve-arrangement',
    'in-force',
    '2015-07-30',
    'Russia BRICS chairmanship site 2015-07-30',
  ],
  ['cis-free-trade-area-treaty', 'signed', '2011-10-18', 'OSW 2011-10-26; The Messenger 2011-10-20'],
  ['eurasec', 'signed', '2000-10-10', 'Kremlin background; TASS 2014-10-10'],
  ['eurasec', 'dissolved', '2015-01-01', 'TASS 2014-10-10 (replaced by the EAEU on 1 January 2015)'],
  ['eurasian-economic-commission', 'founded', '2012-02-02', 'Wikipedia Eurasian Economic Commission'],
  ['fatf', 'suspended', '2023-02-24', 'Interfax-Ukraine; ANI; Law360'],
  ['oecd', 'suspended', '2014-03-12', 'OECD statement of 13 March 2014 (Council meeting of 12 March)'],
  ['oecd', 'terminated', '2022-02-25', 'China News Service via Teller Report; OECD statement'],
  ['unesco', 'founded', '1946-11-04', 'Grozny TV; Rusreality'],
  [
    'transnistria-peace-agreement-1992',
    'signed',
    '1992-07-21',
    'Transnistrian MFA text; TASS 2024-07-29; Sputnik',
  ],
  ['tajikistan-base-agreement-2012', 'signed', '2012-10-05', 'Kremlin 2013-03-20; TASS 2014-02-06'],
  ['soviet-japanese-declaration-1956', 'signed', '1956-10-19', 'Wikipedia; Oreanda'],
  [
    'russia-abkhazia-south-ossetia-friendship-treaties-2008',
    'signed',
    '2008-09-17',
    'Nakanune 2008-11-12; South Ossetia information agency',
  ],
  ['union-of-belarus-and-russia', 'signed', '1997-04-02', 'Standing Committee of the Union State: History'],
  ['csto-collective-security-council', 'held', '2022-01-06', 'TASS 2022-01-19 (decision of 6 January 2022)'],
  ['instc-agreement-2000', 'signed', '2000-09-12', 'IRNA 2000-09-12; Trend 2023-10-27'],
  ['russia-norway-barents-treaty-2010', 'signed', '2010-09-15', 'Norwegian MFA; Kremlin 2011-02-10'],
  ['russia-norway-barents-treaty-2010', 'in-force', '2011-07-07', 'Norwegian MFA press release 2011'],
  ['azov-kerch-treaty-2003', 'signed', '2003-12-24', 'Wikipedia; Vesti.ru; Moscow Times'],
  ['union-state-integration-decree-2021', 'signed', '2021-11-04', 'Pravda.ru 2021-11-04; Belsat; Oreanda'],
  ['russia-china-border-agreement-2004', 'signed', '2004-10-14', 'RIA Novosti 2005-06-01; PA-X database'],
  ['eaeu-court', 'founded', '2015-01-01', 'Court of the EAEU: About the Court'],
];

describe('fact review: eurasia organisations', () => {
  it('the file has no validation errors', () => {
    expect(errors.filter((e) => e.startsWith(`${FILE}:`))).toEqual([]);
  });

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
