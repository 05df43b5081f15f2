// The other ways an article writes a name the dataset gives once. Each rule serves every entity:
// British and American spellings ("Organisation", "Organization"), a possessive after an acronym
// ("NATO's expansion" for "NATO expansion"), a country's adjective for its name and
// back ("the Iranian nuclear deal", "the Crimea Bridge"), Roman and Arabic designations ("СНВ-III"
// for "СНВ-3"), and a long treaty title without its opening "Treaty on". Only variants that cannot
// turn a name into an ordinary phrase are made: every one keeps the name's distinctive words.

/** Spelling pairs of British and American English, as whole words (lower case; capitals follow the alias). */
const SPELLINGS: [string, string][] = [
  ['organisation', 'organization'],
  ['organisations', 'organizations'],
  ['defence', 'defense'],
  ['programme', 'program'],
  ['centre', 'center'],
  ['labour', 'labor'],
  ['harbour', 'harbor'],
  ['honour', 'honor'],
  ['cooperation', 'co-operation'],
];

/** Country names and their English adjectives, as written in names of treaties, deals and events. */
const COUNTRY_ADJECTIVES: [string, string][] = [
  ['Iran', 'Iranian'],
  ['Russia', 'Russian'],
  ['Ukraine', 'Ukrainian'],
  ['China', 'Chinese'],
  ['Syria', 'Syrian'],
  ['Korea', 'Korean'],
  ['Turkey', 'Turkish'],
  ['India', 'Indian'],
  ['Japan', 'Japanese'],
  ['Israel', 'Israeli'],
  ['Germany', 'German'],
  ['France', 'French'],
  ['Belarus', 'Belarusian'],
  ['Georgia', 'Georgian'],
  ['Armenia', 'Armenian'],
  ['Azerbaijan', 'Azerbaijani'],
  ['Kazakhstan', 'Kazakh'],
  ['Afghanistan', 'Afghan'],
  ['Iraq', 'Iraqi'],
  ['Libya', 'Libyan'],
  ['Crimea', 'Crimean'],
  ['Europe', 'European'],
  ['Africa', 'African'],
  ['Asia', 'Asian'],
  ['Arctic', 'Arctic'],
  ['Caspian', 'Caspian'],
];

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V'];

/** Head nouns of names that two names may share in the plural. */
const PLURAL_HEADS = new Set([
  'republic',
  'summit',
  'treaty',
  'agreement',
  'council',
  'conference',
  'forum',
  'declaration',
  'region',
  'ministry',
]);

/** The alias with one whole word replaced, keeping the word's capital. */
function replaceWord(alias: string, from: string, to: string): string | null {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${from}(?![\\p{L}\\p{N}])`, 'iu');
  const m = re.exec(alias);
  if (!m) return null;
  const found = m[0];
  const replacement = found[0] === found[0]!.toUpperCase() ? to[0]!.toUpperCase() + to.slice(1) : to;
  return alias.slice(0, m.index) + replacement + alias.slice(m.index + found.length);
}

/** The alias in the other spellings of SPELLINGS, one word replaced each (the alias not included). */
export function spellingVariants(alias: string): string[] {
  const out: string[] = [];
  for (const [uk, us] of SPELLINGS) {
    for (const [a, b] of [
      [uk, us],
      [us, uk],
    ] as const) {
      const v = replaceWord(alias, a, b);
      if (v !== null && v !== alias && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/** English variants of an alias (the alias itself not included). */
export function englishVariants(alias: string): string[] {
  const out = new Set<string>(spellingVariants(alias));
  const words = alias.split(' ');
  // "NATO expansion" → "NATO's expansion". Not before a name of its own ("the OSCE's Permanent
  // Council"): there the acronym and the body are two mentions.
  if (words.length >= 2 && /^\p{Lu}{2,}$/u.test(words[0]!) && /^\p{Ll}/u.test(words[1]!))
    out.add(`${words[0]}'s ${words.slice(1).join(' ')}`);
  // A country's name and its adjective at the start of a name of at least three words.
  if (words.length >= 3) {
    for (const [country, adjective] of COUNTRY_ADJECTIVES) {
      if (country === adjective) continue;
      if (words[0] === country) out.add([adjective, ...words.slice(1)].join(' '));
      else if (words[0] === adjective) out.add([country, ...words.slice(1)].join(' '));
    }
  }
  if (words.length === 2 && words[1]!.toLowerCase() === 'bridge') {
    for (const [country, adjective] of COUNTRY_ADJECTIVES) {
      if (words[0] === adjective && country !== adjective) out.add(`${country} ${words[1]}`);
    }
  }
  // "Treaty on Measures for the Further Reduction ..." is also written without "Treaty on".
  const title = /^(?:the )?(?:Treaty|Agreement|Convention) (?:on|for) (.+)$/i.exec(alias);
  if (title && title[1]!.split(' ').length >= 5) out.add(title[1]!);
  // "Lugansk People's Republics", "SCO summits": a name in the plural, as two names sharing their
  // last words are written ("the Donetsk and Lugansk People's Republics").
  const last = words.at(-1)!;
  if (words.length >= 2 && PLURAL_HEADS.has(last.toLowerCase()))
    out.add([...words.slice(0, -1), /y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`].join(' '));
  for (const v of designationVariants(alias)) out.add(v);
  out.delete(alias);
  return [...out];
}

/** Russian variants of an alias (the alias itself not included): designations only. */
export function russianVariants(alias: string): string[] {
  return designationVariants(alias).filter((v) => v !== alias);
}

/** "СНВ-3" ↔ "СНВ-III", "START II" ↔ "START-2": a designation written in the other numerals. */
function designationVariants(alias: string): string[] {
  const m = /^(.*\p{Lu}{2,})([- ])(I{1,3}|IV|V|[1-5])$/u.exec(alias);
  if (!m) return [];
  const [, stem, , number] = m;
  const arabic = /\d/.test(number!) ? Number(number) : ROMAN.indexOf(number!);
  if (arabic < 1) return [];
  return [`${stem}-${arabic}`, `${stem}-${ROMAN[arabic]}`, `${stem} ${ROMAN[arabic]}`];
}
