// Fact review for src/data/nonproliferation.json: key dates, each checked by hand against the
// source named in its row. A change to any of these must come with a new check.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/core/dataset';
import type { StepKind } from '../../src/core/types';

const FILE = join(import.meta.dirname, '../../src/data/nonproliferation.json');
// Related ids point into other files, so only the entities are used here; dataset.test.ts
// validates the whole dataset.
const { entities } = validateDataset([
  { file: 'nonproliferation.json', content: JSON.parse(readFileSync(FILE, 'utf8')) as unknown },
]);
const byId = new Map(entities.map((e) => [e.id, e]));

/** [entity id, step kind, ISO date, where it was checked] */
const FACTS: [string, StepKind, string, string][] = [
  ['npt-revcon-1975', 'started', '1975-05-05', 'FRUS 1969-76 vol. E-14, doc. 142: opening plenary May 5'],
  ['npt-revcon-1985', 'ended', '1985-09-21', 'UN Chronicle: Final Declaration adopted 21 September 1985'],
  ['npt-revcon-1995', 'extended', '1995-05-11', 'USIS text of the extension decision; JURIST'],
  ['npt-revcon-2010', 'ended', '2010-05-28', 'un.org: Final Document adopted on 28 May 2010'],
  ['npt-revcon-2015', 'ended', '2015-05-22', 'PassBlue 2015-05-24; The Nation 2015-05-25'],
  ['npt-revcon-2022', 'ended', '2022-08-26', 'UN press release DC/3850; Reaching Critical Will'],
  ['npt-revcon-2026', 'started', '2026-04-27', 'UNODA meeting page 76801'],
  ['npt-revcon-2026', 'ended', '2026-05-22', 'UNODA meeting page 76801; NTI'],
  ['threshold-test-ban-treaty', 'signed', '1974-07-03', 'Arms Control Association: TTBT'],
  ['threshold-test-ban-treaty', 'in-force', '1990-12-11', 'Arms Control Association: TTBT; FAS'],
  ['peaceful-nuclear-explosions-treaty', 'signed', '1976-05-28', 'Arms Control Association: PNET'],
  ['seabed-treaty', 'signed', '1971-02-11', 'Arms Control Association: Seabed Treaty'],
  ['seabed-treaty', 'in-force', '1972-05-18', 'Arms Control Association: Seabed Treaty'],
  ['hotline-agreement-1963', 'signed', '1963-06-20', 'US State Department treaty page; FRUS 1961-63'],
  [
    'incidents-at-sea-agreement-1972',
    'signed',
    '1972-05-25',
    'Wikipedia INCSEA; 1988 launch agreement preamble',
  ],
  [
    'prevention-of-nuclear-war-agreement-1973',
    'signed',
    '1973-06-22',
    'FRUS 1969-76 editorial note; TASS 2018',
  ],
  ['nuclear-risk-reduction-centers-agreement-1987', 'signed', '1987-09-15', 'FAS NRRC page; Reagan remarks'],
  [
    'ballistic-missile-launch-notification-agreement-1988',
    'signed',
    '1988-05-31',
    'Reagan Library statement; FAS',
  ],
  ['pmda', 'suspended', '2016-10-03', 'IPFM blog 2016-10-03; The Hindu 2016-10-03'],
  ['pmda', 'withdrawn', '2025-10-27', 'TASS 2025-10-27; UNN 2025-10-27'],
  ['nunn-lugar-ctr-agreement', 'signed', '1992-06-17', 'Wikipedia CTR umbrella agreement; Sputnik 2007'],
  ['nunn-lugar-ctr-agreement', 'expired', '2013-06-17', 'White House fact sheet via armscontrollaw.com'],
  ['heu-purchase-agreement-1993', 'signed', '1993-02-18', 'Wikipedia Megatons to Megawatts'],
  ['lisbon-protocol-1992', 'signed', '1992-05-23', 'Wikipedia Lisbon Protocol; CFR'],
  [
    'reagan-gorbachev-statement-1985',
    'signed',
    '1985-11-21',
    'Reagan Library: joint statement of November 21, 1985',
  ],
  ['p5-statement-2022', 'signed', '2022-01-03', 'White House statement text; Wikipedia'],
  [
    'russia-ctbt-ratification-revocation-2023',
    'signed',
    '2023-11-02',
    'The Moscow Times 2023-11-02; Sputnik',
  ],
  ['russia-ctbt-ratification-revocation-2023', 'other', '2023-10-18', 'TASS 2023-10-18'],
  ['new-start-limits-offer-2025', 'proposed', '2025-09-22', 'A News (Reuters) 2025-09-22; TAG24 (AFP)'],
  ['russia-intermediate-range-missile-moratorium', 'terminated', '2025-08-04', 'Novinite 2025-08-04; AP'],
  ['mtcr', 'founded', '1987-04-16', 'PNND treaty list'],
  ['wassenaar-arrangement', 'founded', '1996-07-12', 'ACDA fact sheet July 1996'],
  ['hague-code-of-conduct', 'signed', '2002-11-25', 'EU Non-Proliferation Consortium: About HCoC'],
  ['arms-trade-treaty', 'in-force', '2014-12-24', 'Wikipedia Arms Trade Treaty'],
  ['ottawa-convention', 'in-force', '1999-03-01', 'Wikipedia Ottawa Treaty'],
  ['convention-on-cluster-munitions', 'in-force', '2010-08-01', 'Cluster Munition Coalition treaty status'],
  ['ccw', 'in-force', '1983-12-02', 'ICRC International Review No. 238'],
  ['treaty-of-tlatelolco', 'signed', '1967-02-14', 'IAEA Bulletin 26-3; Arms Control Association'],
  ['treaty-of-rarotonga', 'in-force', '1986-12-11', 'ILPI Nuclear Weapons Project'],
  ['treaty-of-pelindaba', 'in-force', '2009-07-15', 'AFCONE; Arms Control Association'],
  ['treaty-of-semipalatinsk', 'in-force', '2009-03-21', 'KAS timeline; ILPI'],
  ['cppnm', 'in-force', '1987-02-08', 'PNND treaty list; NTI summary'],
  ['icsant', 'in-force', '2007-07-07', 'Wikipedia Nuclear Terrorism Convention; UN 2007'],
  ['geneva-protocol-1925', 'in-force', '1928-02-08', 'UNODA: 1925 Geneva Protocol'],
  ['unsc-resolution-1540', 'other', '2004-04-28', 'UN Disarmament Yearbook 2004'],
  ['jpoa-2013', 'signed', '2013-11-24', 'US Treasury OFAC 2014-01-20'],
  ['jpoa-2013', 'in-force', '2014-01-20', 'US Treasury OFAC 2014-01-20'],
  ['lausanne-framework-2015', 'other', '2015-04-02', 'German Foreign Office: joint statement text'],
  ['unsc-resolution-1696', 'other', '2006-07-31', 'Arms Control Association fact sheet'],
  ['unsc-resolution-1737', 'other', '2006-12-23', 'Reut Institute; UN 1737 Committee page'],
  ['unsc-resolution-1747', 'other', '2007-03-24', 'Reut Institute'],
  ['unsc-resolution-1803', 'other', '2008-03-03', 'NCRI-US resolution list'],
  ['unsc-resolution-1835', 'other', '2008-09-27', 'UN press release via IranWatch'],
  ['unsc-resolution-1929', 'other', '2010-06-09', 'Text of S/RES/1929 (2010)'],
  ['e3-snapback-2025', 'started', '2025-08-28', 'Al Jazeera 2025-08-29; Mehr 2025-08-28'],
  ['us-withdrawal-from-jcpoa-2018', 'held', '2018-05-08', 'Simple Wikipedia: Iran nuclear deal'],
  ['israel-iran-war-2025', 'started', '2025-06-13', 'Business Insider Africa; The Sunday Diplomat'],
  ['us-strikes-on-iran-2025', 'held', '2025-06-22', 'YNews; oikosix summary (Iran time)'],
  ['iaea-board-resolution-iran-2025-06', 'other', '2025-06-12', 'DW 2025-06-12; AP 2025-06-12'],
  ['us-israel-iran-war-2026', 'started', '2026-02-28', 'Indian Express 2026-03-05; NPR via WGCU'],
  ['syria-chemical-weapons-framework-2013', 'signed', '2013-09-14', 'AP via Toledo Blade 2013-09-14'],
  ['unsc-resolution-2118', 'other', '2013-09-27', 'Wikipedia; UN press release'],
  ['astana-de-escalation-memorandum-2017', 'signed', '2017-05-04', 'TASS 2017-05-04'],
  ['quartet-middle-east', 'founded', '2002-04-10', 'Institute for Palestine Studies'],
  ['abraham-accords', 'signed', '2020-09-15', 'Jagran Josh 2020-09-16; Guardian'],
  ['gcc', 'founded', '1981-05-25', 'Gulf News; Gulf States News'],
  ['opec', 'founded', '1960-09-14', 'Political Handbook of the World 2008'],
  ['opec-plus', 'founded', '2016-12-10', 'TASS 2022-12-11; OPEC Bulletin'],
  ['oic', 'founded', '1969-09-25', 'onemcq summary of Wikipedia'],
  ['saudi-iran-beijing-agreement-2023', 'signed', '2023-03-10', 'Mehr News; teleSUR 2023-03-10'],
  ['oslo-accords', 'signed', '1993-09-13', 'ECF; Center for Israel Education'],
];

describe('nonproliferation fact review', () => {
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
