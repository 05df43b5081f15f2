// Fact review for src/data/recent.json (events of 2023-2026), plus the dates changed or confirmed in
// the November 2026 review of older files. Each row names where the date was checked by hand; a
// change to any of these dates must come with a new check.

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
    'brics-expansion-2024',
    'other',
    '2023-08-24',
    'The New Arab / LA Times, 24 Aug 2023: invitation announced in Johannesburg',
  ],
  ['brics-expansion-2024', 'held', '2024-01-01', 'APP (CGTN), 1 Jan 2024: memberships took effect'],
  ['brics-expansion-2024', 'other', '2025-01-06', 'Sputnik, 6 Jan 2025: Brazilian MFA on Indonesia'],
  ['putin-kim-summit-2023-vostochny', 'held', '2023-09-13', 'Al Jazeera and Xinhua, 13 Sep 2023'],
  [
    'putin-visit-pyongyang-2024',
    'held',
    '2024-06-19',
    'InfoBalkans (TASS), 19 Jun 2024: treaty signed in Pyongyang',
  ],
  ['crocus-city-hall-attack-2024', 'held', '2024-03-22', 'EPA captions, 23 Mar 2024; Wikipedia mirror'],
  ['wagner-mutiny-2023', 'started', '2023-06-23', 'bne IntelliNews, 24 Jun 2023; Wikipedia mirror'],
  [
    'wagner-mutiny-2023',
    'ended',
    '2023-06-24',
    'bne IntelliNews; deal via Belarus on the evening of 24 June',
  ],
  ['prigozhin-plane-crash-2023', 'held', '2023-08-23', 'Novinite (TASS) and Kyiv Post, 23 Aug 2023'],
  ['russian-presidential-election-2024', 'started', '2024-03-15', 'Sputnik, 17 Mar 2024: voting 15-17 March'],
  ['russian-presidential-election-2024', 'ended', '2024-03-17', 'Sputnik, 17 Mar 2024'],
  [
    'russian-presidential-election-2024',
    'other',
    '2024-03-21',
    'Xinhua: CEC official results announced on Thursday 21 March',
  ],
  [
    'russian-presidential-election-2024',
    'other',
    '2024-05-07',
    'Pledge Times and Wikipedia mirror: inauguration on 7 May 2024',
  ],
  ['putin-trump-phone-call-2025-02', 'held', '2025-02-12', 'Wikipedia; Moscow Times, 12 Feb 2025'],
  [
    'trump-zelensky-oval-office-2025-02',
    'held',
    '2025-02-28',
    'Newsmax (30 Apr 2025): spat at the White House on 28 February',
  ],
  ['russia-us-istanbul-consultations-2025', 'held', '2025-02-27', 'Kyiv Post and AFP, 27-28 Feb 2025'],
  [
    'jeddah-talks-2025',
    'held',
    '2025-03-11',
    'Interfax-Ukraine and State Department joint statement, 11 Mar 2025',
  ],
  ['putin-trump-phone-call-2025-03', 'held', '2025-03-18', 'Kyiv Independent and dpa, 18 Mar 2025'],
  ['riyadh-black-sea-talks-2025', 'started', '2025-03-23', 'Saudi Gazette: talks of 23-25 March'],
  [
    'riyadh-black-sea-talks-2025',
    'other',
    '2025-03-24',
    'Mondevudailleurs / Eurointegration: Russia-US round on 24 March',
  ],
  ['riyadh-black-sea-talks-2025', 'ended', '2025-03-25', 'White House statement of 25 March (Saudi Gazette)'],
  ['easter-truce-2025', 'started', '2025-04-19', 'Ukrainska Pravda (TASS), 19 Apr 2025'],
  ['easter-truce-2025', 'ended', '2025-04-21', 'Ukrainska Pravda: until 00:00 on 21 April'],
  [
    'us-ukraine-minerals-agreement-2025',
    'signed',
    '2025-04-30',
    'Kyiv Independent full text; RFE/RL, 30 Apr 2025',
  ],
  ['victory-day-truce-2025', 'started', '2025-05-08', 'Jang, 9 May 2025'],
  ['victory-day-parade-2025', 'held', '2025-05-09', 'Moscow Times and AP, 9 May 2025'],
  ['india-pakistan-clashes-2025', 'started', '2025-05-07', 'Business Standard timeline, 11 May 2025'],
  [
    'india-pakistan-clashes-2025',
    'ended',
    '2025-05-10',
    'Worthview / Business Standard: ceasefire from 5 pm on 10 May',
  ],
  [
    'russia-recognition-of-taliban-government-2025',
    'other',
    '2025-04-17',
    'AP via Star Tribune, 17 Apr 2025',
  ],
  ['russia-recognition-of-taliban-government-2025', 'held', '2025-07-03', 'Daily Sabah and AP, 3 Jul 2025'],
  ['washington-declaration-armenia-azerbaijan-2025', 'signed', '2025-08-08', 'RFE/RL, 8 Aug 2025'],
  ['white-house-meeting-2025-08-18', 'held', '2025-08-18', 'IBC World News, 19 Aug 2025; AP'],
  ['beijing-victory-parade-2025', 'held', '2025-09-03', 'Kyiv Independent and Daily Star, 3 Sep 2025'],
  [
    'gaza-ceasefire-2025-10',
    'in-force',
    '2025-10-10',
    'CNBC via Internewscast: IDF, ceasefire from 12:00 on 10 October',
  ],
  ['sharm-el-sheikh-summit-2025', 'held', '2025-10-13', 'i24NEWS and Antiwar.com, 13 Oct 2025'],
  [
    'geneva-us-ukraine-talks-2025',
    'held',
    '2025-11-23',
    'Hindustan Times (Reuters), 24 Nov 2025: talks on Sunday',
  ],
  ['putin-witkoff-kushner-meeting-2025-12', 'held', '2025-12-02', 'AnewZ (Reuters), 2 Dec 2025'],
  [
    'putin-state-visit-india-2025',
    'started',
    '2025-12-04',
    'NDTV (MEA), 28 Nov 2025; Business Standard, 5 Dec 2025',
  ],
  ['abu-dhabi-trilateral-talks-2026', 'started', '2026-01-23', 'Xinhua, 23 Jan 2026'],
  ['abu-dhabi-trilateral-talks-2026', 'other', '2026-02-05', 'Anadolu via A News, 5 Feb 2026'],
  [
    'armenia-csto-freeze-2024',
    'held',
    '2024-02-22',
    'RT, 22 Feb 2024 (interview published Thursday); Asbarez',
  ],
  ['nagorno-karabakh-operation-2023', 'started', '2023-09-19', 'Babel and Sputnik, 19-20 Sep 2023'],
  ['nagorno-karabakh-operation-2023', 'ended', '2023-09-20', 'Sputnik, 20 Sep 2023: suspension from 13:00'],
  ['hamas-attack-on-israel-2023', 'held', '2023-10-07', 'The Nation (Reuters), 7 Oct 2023'],
  ['gaza-ceasefire-2025-01', 'in-force', '2025-01-19', 'Trend and i24NEWS, 15 Jan 2025'],
  ['fall-of-assad-2024', 'held', '2024-12-08', 'IRNA (TASS), 8 Dec 2024'],
  ['israel-hezbollah-ceasefire-2024', 'in-force', '2024-11-27', 'DW live blog, 27 Nov 2024'],
  ['iran-attack-on-israel-2024-04', 'started', '2024-04-13', 'CBS via Newsroom, 13 Apr 2024'],
  ['cop29-baku', 'started', '2024-11-11', 'Trend, 23 Nov 2024: opened on 11 November'],
  ['cop29-baku', 'ended', '2024-11-24', 'AZERTAC, 24 Nov 2024: finance goal adopted at the closing plenary'],
  ['putin-visit-mongolia-2024', 'held', '2024-09-03', 'Kyiv Independent, 29 Aug 2024 (Kremlin announcement)'],
  ['ankara-prisoner-exchange-2024', 'held', '2024-08-01', 'Wikipedia: 2024 Ankara prisoner exchange; DPA'],
  ['moscow-format-afghanistan', 'founded', '2017-04-14', 'Anadolu / TASS: first meeting on 14 April 2017'],
  ['moscow-format-afghanistan', 'other', '2023-09-29', 'TASS, 29 Sep 2023: fifth meeting in Kazan'],
  [
    'xi-state-visit-moscow-2023',
    'started',
    '2023-03-20',
    'Sputnik (Kremlin), 17 Mar 2023; Xinhua, 20 Mar 2023',
  ],
  ['putin-state-visit-china-2024', 'started', '2024-05-16', 'Sputnik (Kremlin), 14 May 2024'],
  ['putin-state-visit-vietnam-2024', 'ended', '2024-06-20', 'Vietnam News Agency: talks on 20 June'],
  ['raisi-helicopter-crash-2024', 'held', '2024-05-19', 'Pulse (Tasnim), 19 May 2024'],
  ['azal-plane-crash-aktau-2024', 'held', '2024-12-25', 'JAMnews, 25 Dec 2024'],
  [
    'russian-nuclear-doctrine-2024',
    'held',
    '2024-11-19',
    'Meduza via Odessa Journal; Novyny.live, 19 Nov 2024',
  ],
  // Review of older files (November 2026): dates changed or newly sourced.
  [
    'nato-summit-2022-madrid',
    'started',
    '2022-06-29',
    'NATO summit page (29-30 June 2022) as quoted by Universal Current Affairs; changed from 28 June',
  ],
  ['brics', 'joined', '2025-01-06', 'Sputnik, 6 Jan 2025: Indonesia joins (refined from 2025-01)'],
  ['finland-nato-accession', 'other', '2022-05-18', 'Reuters via TBS News, 18 May 2022'],
  [
    'kursk-incursion-2024',
    'started',
    '2024-08-06',
    'Moscow Times, 6 Aug 2024: Russian MoD says the attack began at 8:00',
  ],
  ['nato-summit-2024-washington', 'started', '2024-07-09', 'TASS, 11 Jul 2024: summit runs 9-11 July'],
  ['un-security-council', 'founded', '1946-01-17', 'UNSC official record of the first meeting (Wikisource)'],
  ['iaea', 'founded', '1957-07-29', 'iaea.org: the Statute came into force on 29 July 1957'],
  ['european-union', 'founded', '1993-11-01', 'Treaty on European Union (Wikisource): in force 1 Nov 1993'],
  ['asean', 'founded', '1967-08-08', 'asean.org: joint press release, Bangkok, 8 Aug 1967'],
  ['nato', 'founded', '1949-04-04', 'nato.int news 118651: 12 nations signed on 4 April 1949'],
  ['nato-russia-council', 'founded', '2002-05-28', 'NATO Update, 28 May 2002'],
  [
    'black-sea-grain-initiative',
    'extended',
    '2022-11-17',
    'Middle East Monitor (Anadolu) and Interfax-Ukraine, 17 Nov 2022',
  ],
  ['dpr-lpr-recognition-2022', 'held', '2022-02-21', 'The Independent, 21 Feb 2022'],
  [
    'salt-i',
    'expired',
    '1977-10-03',
    'Five-year term from entry into force on 3 Oct 1972 (FAS; Public Law 92-448)',
  ],
];

describe('fact review: recent events and the 2026 review', () => {
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
