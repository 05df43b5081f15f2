// Case forms of Russian names. Curators write aliases in the nominative ("Договор о РСМД",
// "зерновая сделка", "Минские соглашения"); articles use every case ("из Договора о РСМД",
// "зерновой сделки", "Минских соглашений"). We inflect the leading adjectives and the head noun and
// leave the rest of the name (prepositional phrases, genitive complements, acronyms, proper names in
// apposition) as written. Where the ending alone cannot tell (stress, gender of -ь nouns, fleeting
// vowels), both candidates are generated: a form that does not exist never occurs in text, and every
// form keeps the rest of the name or the alias's own stem, so none of them is an ordinary word. The
// bookish instrumental in -ою/-ею is left out: news does not write it, and in a name of two words it
// would double the forms of every other word.

import { RU_CARDINAL_TENS } from '../shared/languages';

const VELAR = 'гкх';
const SIBILANT = 'жшщч';
const VOWELS = 'аеёиоуыэюя';

/** Words that end the inflected part: prepositions and conjunctions. */
const STOP_WORDS = new Set([
  'о',
  'об',
  'обо',
  'по',
  'между',
  'в',
  'во',
  'на',
  'с',
  'со',
  'для',
  'при',
  'против',
  'к',
  'ко',
  'от',
  'ото',
  'из',
  'у',
  'за',
  'над',
  'под',
  'перед',
  'через',
  'без',
  'до',
  'после',
  'среди',
  'вокруг',
  'относительно',
  'и',
  'или',
  'а',
  'но',
]);

/** Nouns that look like plural adjectives ("оружие" is not "ядерные"). */
const NOUNS_LIKE_ADJECTIVES = new Set(['оружие', 'наличие', 'величие', 'обличие', 'приличие', 'затишье']);

/** Forms per case: nominative, genitive, dative, accusative, instrumental, prepositional. */
type Cases = string[][];

interface Paradigm {
  sg: Cases | null;
  pl: Cases | null;
}

type Gender = 'm' | 'f' | 'n' | 'pl';

const last = (s: string, k = 1) => s.slice(-k).toLowerCase();
const has = (set: string, ch: string) => ch !== '' && set.includes(ch);

function cases(...forms: (string | string[])[]): Cases {
  return forms.map((f) => (typeof f === 'string' ? [f] : f));
}

/** Genitive plural with no ending: "сделка" → "сделок", "инициатива" → "инициатив". */
function zeroGenitive(stem: string): string[] {
  const end = last(stem);
  const before = last(stem, 2).charAt(0);
  if ((end === 'к' || end === 'н' || end === 'л') && before !== '' && !has(VOWELS, before)) {
    // Fleeting vowel: "сделк" → "сделок", "копейк" → "копеек"; but "войн", "волн" take none.
    const head = before === 'й' || before === 'ь' ? stem.slice(0, -2) : stem.slice(0, -1);
    const fleeting = [`${head}о${stem.slice(-1)}`, `${head}е${stem.slice(-1)}`];
    return end === 'к' ? fleeting : [stem, ...fleeting];
  }
  return [stem];
}

// ---- Adjectives ------------------------------------------------------------------------------

const ADJECTIVE_ENDINGS = ['ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие'];

function adjectiveGender(word: string): Gender | null {
  const lw = word.toLowerCase();
  if (lw.length < 4) return null;
  const end = lw.slice(-2);
  if (!ADJECTIVE_ENDINGS.includes(end)) return null;
  const before = lw.charAt(lw.length - 3);
  if (has(VOWELS, before) || before === 'ь' || before === 'ъ') return null;
  if (end === 'ий' && !has(`${VELAR}${SIBILANT}н`, before)) return null; // "санаторий"
  if (end === 'ие') {
    if (NOUNS_LIKE_ADJECTIVES.has(lw)) return null;
    // "соглашение", "совещание" are nouns; "последние", "внешние", "внутренние" adjectives.
    if (!has(`${VELAR}${SIBILANT}н`, before)) return null;
    if (before === 'н' && has(VOWELS, lw.charAt(lw.length - 4))) return null;
  }
  if (end === 'ее' && !has(`${SIBILANT}н`, before)) return null;
  if (end === 'ый' || end === 'ий' || end === 'ой') return 'm';
  if (end === 'ая' || end === 'яя') return 'f';
  if (end === 'ое' || end === 'ее') return 'n';
  return 'pl';
}

function adjectiveParadigm(word: string, gender: Gender): Paradigm {
  const stem = word.slice(0, -2);
  const end = last(word, 2);
  const before = last(stem);
  const soft =
    (end === 'ий' || end === 'яя' || end === 'ее' || end === 'ие') && !has(VELAR + SIBILANT, before);
  const sibilant = has(SIBILANT, before);
  const i = soft || sibilant || has(VELAR, before) ? 'и' : 'ы';
  const s = (...endings: string[]) => endings.map((e) => stem + e);
  const plNom = gender === 'pl' ? word : stem + (i === 'и' ? 'ие' : 'ые');
  const pl = cases(plNom, s(`${i}х`), s(`${i}м`), plNom, s(`${i}ми`), s(`${i}х`));
  if (gender === 'pl') return { sg: null, pl };
  let sg: Cases;
  if (gender === 'f') {
    if (soft) sg = cases(word, s('ей'), s('ей'), s('юю'), s('ей'), s('ей'));
    else if (sibilant) sg = cases(word, s('ей', 'ой'), s('ей', 'ой'), s('ую'), s('ей', 'ой'), s('ей', 'ой'));
    else sg = cases(word, s('ой'), s('ой'), s('ую'), s('ой'), s('ой'));
  } else {
    // Masculine and neuter share the oblique cases. The accusative is taken as inanimate: an animate
    // accusative equals the genitive, which is generated anyway. After a sibilant, the stressed
    // ending ("большой", "большое") keeps о, the unstressed one ("общий", "общее") has е.
    const e = soft || (sibilant && end !== 'ой' && end !== 'ое') ? 'е' : 'о';
    sg = cases(word, s(`${e}го`), s(`${e}му`), word, s(`${i}м`), s(`${e}м`));
  }
  return { sg, pl };
}

// ---- Numbers in names ------------------------------------------------------------------------

/** "25-й", "80-я", "10-е": an ordinal in digits with the ending of its gender. */
const DIGIT_ORDINAL = /^(\d+)-(?:ы?й|и?й|о?й|а?я|о?е)$/;
/** "XXV": a Roman ordinal, the same in every case. */
const ROMAN = /^[IVXLC]+$/;
/** Cardinal numbers that open a compound ordinal ("двадцать пятый") and do not change in it. */
const CARDINALS: ReadonlySet<string> = new Set([...RU_CARDINAL_TENS.filter(Boolean), 'сто']);

/** The gender an ordinal in digits agrees with, from its ending. */
function digitOrdinalGender(word: string): Gender | null {
  const end = DIGIT_ORDINAL.exec(word);
  if (!end) return null;
  const ending = word.slice(end[1]!.length + 1);
  return ending.endsWith('я') ? 'f' : ending.endsWith('е') ? 'n' : 'm';
}

/** "25-й саммит" → "25-го саммита", "25-м саммите"; "80-я сессия" → "80-й сессии". */
function digitOrdinalParadigm(word: string, gender: Gender): Paradigm {
  const digits = word.slice(0, word.indexOf('-') + 1);
  const s = (...endings: string[]) => endings.map((e) => digits + e);
  const pl = cases(s('е'), s('х'), s('м'), s('е'), s('ми'), s('х'));
  if (gender === 'f') return { sg: cases(word, s('й'), s('й'), s('ю'), s('й'), s('й')), pl };
  return { sg: cases(word, s('го'), s('му'), word, s('м'), s('м')), pl };
}

/** A word that stays as it is in every case of the name: a Roman ordinal, or the tens of a compound ordinal. */
const invariant = (word: string) => ROMAN.test(word) || CARDINALS.has(word.toLowerCase());

// ---- Nouns -----------------------------------------------------------------------------------

function merge(a: Paradigm, b: Paradigm): Paradigm {
  const join = (x: Cases | null, y: Cases | null): Cases | null =>
    x === null ? y : y === null ? x : x.map((forms, c) => [...forms, ...y[c]!]);
  return { sg: join(a.sg, b.sg), pl: join(a.pl, b.pl) };
}

function masculineHard(word: string): Paradigm {
  const end = last(word);
  const hush = has(`${SIBILANT}ц`, end);
  const plNom = has(VELAR + SIBILANT, end) ? `${word}и` : `${word}ы`;
  const plGen = has(SIBILANT, end) ? [`${word}ей`] : end === 'ц' ? [`${word}ев`, `${word}ов`] : [`${word}ов`];
  const paradigm: Paradigm = {
    sg: cases(
      word,
      `${word}а`,
      `${word}у`,
      word,
      hush ? [`${word}ем`, `${word}ом`] : `${word}ом`,
      `${word}е`,
    ),
    pl: cases(plNom, plGen, `${word}ам`, plNom, `${word}ами`, `${word}ах`),
  };
  if (/^[А-ЯЁ].*(ов|ев|ёв|ин|ын)$/.test(word)) {
    // Surnames in -ов/-ин take -ым in the instrumental ("Путиным", "Лавровым").
    paradigm.sg![4]!.push(`${word}ым`);
  }
  if (word.length > 4 && last(word, 2) === 'ец') {
    // Fleeting vowel: "американец" → "американца".
    const stem = `${word.slice(0, -2)}ц`;
    return merge(paradigm, {
      sg: cases([], `${stem}а`, `${stem}у`, [], `${stem}ем`, `${stem}е`),
      pl: cases(`${stem}ы`, `${stem}ев`, `${stem}ам`, `${stem}ы`, `${stem}ами`, `${stem}ах`),
    });
  }
  return paradigm;
}

function masculineSoft(word: string): Paradigm {
  // "музей", "санаторий", "Кремль"
  const stem = word.slice(0, -1);
  const iy = last(word, 2) === 'ий';
  const yot = last(word) === 'й';
  return {
    sg: cases(word, `${stem}я`, `${stem}ю`, word, `${stem}ем`, iy ? `${stem}и` : `${stem}е`),
    pl: cases(
      `${stem}и`,
      yot ? `${stem}ев` : `${stem}ей`,
      `${stem}ям`,
      `${stem}и`,
      `${stem}ями`,
      `${stem}ях`,
    ),
  };
}

function feminineSoftSign(word: string): Paradigm {
  // "связь", "помощь"
  const stem = word.slice(0, -1);
  const a = has(SIBILANT, last(stem)) ? 'а' : 'я';
  return {
    sg: cases(word, `${stem}и`, `${stem}и`, word, `${word}ю`, `${stem}и`),
    pl: cases(`${stem}и`, `${stem}ей`, `${stem}${a}м`, `${stem}и`, `${stem}${a}ми`, `${stem}${a}х`),
  };
}

function feminineA(word: string): Paradigm {
  // "сделка", "встреча", "инициатива"
  const stem = word.slice(0, -1);
  const end = last(stem);
  const gen = has(VELAR + SIBILANT, end) ? `${stem}и` : `${stem}ы`;
  const ins = has(`${SIBILANT}ц`, end) ? [`${stem}ей`, `${stem}ой`] : [`${stem}ой`];
  const plGen = zeroGenitive(stem);
  return {
    sg: cases(word, gen, `${stem}е`, `${stem}у`, ins, `${stem}е`),
    pl: cases(gen, plGen, `${stem}ам`, gen, `${stem}ами`, `${stem}ах`),
  };
}

function feminineIya(word: string): Paradigm {
  // "организация", "конвенция"
  const stem = word.slice(0, -1);
  return {
    sg: cases(word, `${stem}и`, `${stem}и`, `${stem}ю`, `${stem}ей`, `${stem}и`),
    pl: cases(`${stem}и`, `${stem}й`, `${stem}ям`, `${stem}и`, `${stem}ями`, `${stem}ях`),
  };
}

function feminineYa(word: string): Paradigm {
  // "неделя", "статья", "стая"
  const stem = word.slice(0, -1);
  const end = last(stem);
  const plGen =
    end === 'ь' ? [`${stem.slice(0, -1)}ей`] : has(VOWELS, end) ? [`${stem}й`] : [`${stem}ь`, `${stem}ей`];
  return {
    sg: cases(word, `${stem}и`, `${stem}е`, `${stem}ю`, `${stem}ей`, `${stem}е`),
    pl: cases(`${stem}и`, plGen, `${stem}ям`, `${stem}и`, `${stem}ями`, `${stem}ях`),
  };
}

function neuterO(word: string): Paradigm {
  // "Содружество"
  const stem = word.slice(0, -1);
  const plGen = zeroGenitive(stem);
  return {
    sg: cases(word, `${stem}а`, `${stem}у`, word, `${stem}ом`, `${stem}е`),
    pl: cases(`${stem}а`, plGen, `${stem}ам`, `${stem}а`, `${stem}ами`, `${stem}ах`),
  };
}

function neuterIe(word: string): Paradigm {
  // "соглашение", "совещание"
  const stem = word.slice(0, -1);
  return {
    sg: cases(word, `${stem}я`, `${stem}ю`, word, `${stem}ем`, `${stem}и`),
    pl: neuterIyaPlural(`${stem}я`).pl,
  };
}

function neuterE(word: string): Paradigm {
  // "Приднестровье", "поле", "сердце"
  const stem = word.slice(0, -1);
  const end = last(stem);
  if (has(`${SIBILANT}ц`, end)) {
    return {
      sg: cases(word, `${stem}а`, `${stem}у`, word, `${stem}ем`, `${stem}е`),
      pl: cases(`${stem}а`, stem, `${stem}ам`, `${stem}а`, `${stem}ами`, `${stem}ах`),
    };
  }
  const plGen = end === 'ь' ? [`${stem.slice(0, -1)}ий`] : [`${stem}ей`];
  return {
    sg: cases(word, `${stem}я`, `${stem}ю`, word, `${stem}ем`, `${stem}е`),
    pl: cases(`${stem}я`, plGen, `${stem}ям`, `${stem}я`, `${stem}ями`, `${stem}ях`),
  };
}

function neuterIyaPlural(word: string): Paradigm {
  // "соглашения", "учения"
  const stem = word.slice(0, -1);
  return { sg: null, pl: cases(word, `${stem}й`, `${stem}ям`, word, `${stem}ями`, `${stem}ях`) };
}

function pluralNoun(word: string): Paradigm {
  const stem = word.slice(0, -1);
  const end = last(word);
  const before = last(stem);
  if (end === 'ы' || (end === 'и' && has(VELAR + SIBILANT, before)) || end === 'а') {
    // "переговоры", "сделки", "средства"
    const gen = [`${stem}ов`, ...zeroGenitive(stem)];
    if (has(SIBILANT, before)) gen.push(`${stem}ей`);
    return { sg: null, pl: cases(word, gen, `${stem}ам`, word, `${stem}ами`, `${stem}ах`) };
  }
  if (last(word, 2) === 'ии') {
    // "консультации"
    return { sg: null, pl: cases(word, `${stem}й`, `${stem}ям`, word, `${stem}ями`, `${stem}ях`) };
  }
  if (end === 'я') return neuterIyaPlural(word);
  // Soft stems: "договоренности", "музеи"
  const gen = has(VOWELS, before) ? [`${stem}ев`, `${stem}й`] : [`${stem}ей`, `${stem}ь`];
  return { sg: null, pl: cases(word, gen, `${stem}ям`, word, `${stem}ями`, `${stem}ях`) };
}

/** The paradigm of a head noun, given the gender and number its adjectives show (if any). */
function nounParadigm(word: string, hint: Gender | null): Paradigm | null {
  const lw = word.toLowerCase();
  const end = last(lw);
  if (lw.length < 2) return null;
  if (hint === 'pl') return pluralNoun(word);
  if (end === 'ы') return pluralNoun(word);
  if (end === 'и') return last(lw, 2) === 'ии' || hint === null ? pluralNoun(word) : null;
  if (end === 'й') return masculineSoft(word);
  if (end === 'ь') {
    if (hint === 'm') return masculineSoft(word);
    if (hint === 'f') return feminineSoftSign(word);
    return merge(masculineSoft(word), feminineSoftSign(word));
  }
  if (end === 'а') return feminineA(word);
  if (end === 'я') {
    if (last(lw, 2) === 'ия') {
      const fem = feminineIya(word);
      // Without an adjective, "соглашения" may be the plural of "соглашение".
      if (hint === null && /([аеяю]н|т)ия$/.test(lw)) return merge(fem, neuterIyaPlural(word));
      return fem;
    }
    if (last(lw, 2) === 'мя') return null; // "время": rare in names, irregular
    return feminineYa(word);
  }
  if (end === 'о') return neuterO(word);
  if (end === 'е') return last(lw, 2) === 'ие' ? neuterIe(word) : neuterE(word);
  if (/[бвгджзклмнпрстфхцчшщ]/.test(end)) return masculineHard(word);
  return null; // indeclinable ("кафе" aside): leave as written
}

// ---- Names -----------------------------------------------------------------------------------

/** A word the inflection stops at (and does not change). */
function isStop(word: string): boolean {
  if (STOP_WORDS.has(word.toLowerCase())) return true;
  if (!/^[А-Яа-яЁё][а-яё]*(?:-[А-Яа-яЁё][а-яё]*)*$/.test(word)) return true; // acronym, number, Latin, quote
  return false;
}

/** Does `next` (an adjective or noun in the nominative) agree with an adjective of `gender`? */
function agrees(gender: Gender, next: string): boolean {
  const nextGender = adjectiveGender(next);
  if (nextGender !== null) return nextGender === gender;
  const lw = next.toLowerCase();
  const end = last(lw);
  switch (gender) {
    case 'm':
      return /[бвгджзклмнпрстфхцчшщйь]/.test(end) || end === 'а';
    case 'f':
      return end === 'а' || end === 'я' || end === 'ь';
    case 'n':
      return end === 'о' || end === 'е' || lw.endsWith('мя');
    case 'pl':
      return end === 'ы' || end === 'и' || end === 'а' || end === 'я';
  }
}

function product(parts: string[][], separators: string[]): string[] {
  let out = [''];
  parts.forEach((forms, k) => {
    const next: string[] = [];
    for (const prefix of out) for (const form of forms) next.push(prefix + separators[k]! + form);
    out = next;
  });
  return out;
}

/**
 * Every case form (singular and plural) of a Russian name written in the nominative, the name
 * itself first. Names that do not start with an inflectable Russian word (acronyms such as "НАТО",
 * numbers, Latin, quotes) come back unchanged. With `pluralOfSingular` false, a name written in the
 * singular gets only singular forms: the name of one treaty or deal ("зерновая сделка") in the
 * plural ("зерновых сделок") is a common noun. Cue words keep their plurals ("встречи").
 */
export function russianForms(alias: string, pluralOfSingular = true): string[] {
  const words: { word: string; sep: string }[] = [];
  const re = /\S+/g;
  let from = 0;
  for (let m = re.exec(alias); m !== null; m = re.exec(alias)) {
    words.push({ word: m[0], sep: alias.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  // Split a trailing "-2" or similar off the word it hangs on ("Минск-2").
  const inflected: { word: string; sep: string; gender: Gender | null; fixed?: boolean }[] = [];
  let tail = '';
  let restIndex = words.length;
  for (let k = 0; k < words.length; k++) {
    const { word, sep } = words[k]!;
    const hyphenTail = /^([А-Яа-яЁё][а-яё]+)(-\d.*)$/.exec(word);
    const core = hyphenTail ? hyphenTail[1]! : word;
    // An ordinal opening the name ("25-й саммит", "XXV саммит", "двадцать пятый саммит") agrees
    // with the noun after it, or stays as it is.
    const ordinalGender = digitOrdinalGender(core);
    if ((ordinalGender !== null || invariant(core)) && k + 1 < words.length) {
      inflected.push({ word: core, sep, gender: ordinalGender, fixed: ordinalGender === null });
      continue;
    }
    if (isStop(core)) {
      restIndex = k;
      break;
    }
    const gender = adjectiveGender(core);
    const nextWord = words[k + 1]?.word;
    const isAdjective =
      gender !== null &&
      !hyphenTail &&
      nextWord !== undefined &&
      !isStop(nextWord) &&
      agrees(gender, nextWord);
    inflected.push({
      word: core,
      sep,
      gender:
        isAdjective || (gender !== null && (nextWord === undefined || isStop(nextWord))) ? gender : null,
    });
    if (!isAdjective) {
      tail = hyphenTail ? hyphenTail[2]! : '';
      restIndex = k + 1;
      break;
    }
  }
  if (inflected.length === 0) return [alias];
  const rest =
    tail +
    words
      .slice(restIndex)
      .map((w) => w.sep + w.word)
      .join('') +
    alias.slice(from);

  const head = inflected[inflected.length - 1]!;
  if (inflected.every((w) => w.fixed || digitOrdinalGender(w.word) !== null)) return [alias];
  const hint = inflected.find((w) => w.gender !== null)?.gender ?? null;
  const paradigms: Paradigm[] = [];
  for (const w of inflected) {
    if (w.fixed) paradigms.push({ sg: cases(...Array(6).fill(w.word)), pl: cases(...Array(6).fill(w.word)) });
    else if (digitOrdinalGender(w.word) !== null) paradigms.push(digitOrdinalParadigm(w.word, w.gender!));
    else if (w.gender !== null) paradigms.push(adjectiveParadigm(w.word, w.gender));
    else {
      const noun = nounParadigm(w.word, w === head ? hint : null);
      if (noun === null)
        paradigms.push({ sg: cases(...Array(6).fill(w.word)), pl: cases(...Array(6).fill(w.word)) });
      else paradigms.push(noun);
    }
  }
  const separators = inflected.map((w) => w.sep);
  const out = new Set<string>([alias]);
  const singular = paradigms.every((p) => p.sg !== null);
  for (const number of ['sg', 'pl'] as const) {
    if (paradigms.some((p) => p[number] === null)) continue;
    if (number === 'pl' && singular && !pluralOfSingular) continue;
    for (let c = 0; c < 6; c++) {
      for (const form of product(
        paradigms.map((p) => p[number]![c]!),
        separators,
      )) {
        out.add(form + rest);
      }
    }
  }
  return [...out];
}
