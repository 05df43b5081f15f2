// The shorter names an article uses for a body it has named in full: "the Security Council" after
// "the UN Security Council", "the Contact Group" after "the Trilateral Contact Group", "Совет
// Безопасности" after "Совет Безопасности ООН". They are derived from the organisation's aliases, never listed by hand, and
// name it only where the article has named it already (see annotate).

import type { PerLang } from '../../shared/languages';
import type { MatchingEntity, Mention } from '../../shared/types';
import { wordBefore } from './words';

/**
 * English heads too common to name a body alone ("the Council", "the Court"): two bodies of the
 * same kind in one story are the rule. A distinctive head ("the Commonwealth", "the Union") may.
 */
const EN_GENERIC = new Set([
  'council',
  'committee',
  'commission',
  'court',
  'bank',
  'group',
  'organization',
  'organisation',
  'assembly',
  'agency',
  'forum',
  'conference',
  'fund',
  'office',
  'service',
  'ministry',
  'parliament',
  'party',
  'movement',
  'centre',
  'center',
  'board',
  'authority',
  'secretariat',
  'force',
  'forces',
  'mission',
  'republic',
  'federation',
  'treaty',
  'summit',
]);

const MAX_WORDS = 12;

/** English words that may sit inside a name without a capital. */
const FUNCTION_WORDS = new Set(['of', 'on', 'the', 'for', 'and', 'in', 'to']);
const ACRONYM_EN = /^\p{Lu}{2,}$/u;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
/** A Russian word that agrees like an adjective: not a head noun on its own. */
const RU_ADJECTIVE = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его)$/;
/**
 * Russian heads too common to name a body alone: Russian capitalises only the first word of a name,
 * so "Совет" or "Комиссия" opening a sentence proves nothing.
 */
const RU_GENERIC = new Set([
  'совет',
  'комитет',
  'комиссия',
  'организация',
  'союз',
  'ассамблея',
  'суд',
  'банк',
  'фонд',
  'группа',
  'агентство',
  'форум',
  'совещание',
  'конференция',
  'парламент',
  'палата',
  'служба',
  'министерство',
  'партия',
  'движение',
  'центр',
  'секретариат',
  'исполком',
  'бюро',
  'миссия',
  'силы',
]);

function englishShortNames(alias: string): string[] {
  const words = alias.split(' ');
  // A name of more than a dozen words is a title, not a name with a short form in use (and its
  // tails would grow with the square of its length).
  if (words.length < 3 || words.length > MAX_WORDS) return [];
  const out: string[] = [];
  const isNameWord = (w: string) => CAPITALISED.test(w) || FUNCTION_WORDS.has(w);
  // What follows "of" or "for" is what the body is of or for, not the body: "Council of CIS Defence
  // Ministers" gives no "Defence Ministers".
  const of = words.findIndex((w) => w === 'of' || w === 'for');
  // "UN Security Council" → "Security Council": the name's tail of two words or more, from a
  // capitalised word that follows no function word ("... of Belarus and Russia" gives nothing). One
  // word alone would be a place, a person or a generic head as often as the body.
  for (let k = 1; k < (of === -1 ? words.length - 1 : of); k++) {
    const tail = words.slice(k);
    if (FUNCTION_WORDS.has(words[k - 1]!) || !CAPITALISED.test(tail[0]!)) continue;
    if (!tail.every(isNameWord) || FUNCTION_WORDS.has(tail.at(-1)!)) continue;
    out.push(tail.join(' '));
  }
  // "Parliamentary Assembly of the Council of Europe" → "Parliamentary Assembly".
  if (of > 1 && words[of] === 'of') {
    const head = words.slice(0, of);
    if (head.every((w) => CAPITALISED.test(w))) out.push(head.join(' '));
  }
  return out.filter((s) => !ACRONYM_EN.test(s) && !/\d/.test(s) && !EN_GENERIC.has(s.toLowerCase()));
}

function russianShortNames(alias: string): string[] {
  const words = alias.split(' ');
  // "Совет Безопасности ООН" → "Совет Безопасности", "Генассамблея ООН" → "Генассамблея": the
  // name without the organisation's acronym, unless what is left is a generic head ("Совет").
  if (words.length < 2 || !/^\p{Lu}{2,}$/u.test(words.at(-1)!)) return [];
  const rest = words.slice(0, -1);
  if (!/^[А-ЯЁ][а-яё]/.test(rest[0]!)) return [];
  if (rest.length === 1 && (RU_GENERIC.has(rest[0]!.toLowerCase()) || RU_ADJECTIVE.test(rest[0]!))) return [];
  return [rest.join(' ')];
}

/** The short names of an organisation, per language; none for other kinds of entity. */
export function shortNames(entity: MatchingEntity): PerLang {
  if (entity.type !== 'organization') return { en: [], ru: [] };
  const own = new Set(
    [entity.aliases, entity.contextAliases ?? { en: [], ru: [] }]
      .flatMap((names) => [...names.en, ...names.ru])
      .map((a) => a.toLowerCase()),
  );
  const derive = (aliases: string[], rule: (alias: string) => string[]) => [
    ...new Set(aliases.flatMap(rule).filter((s) => !own.has(s.toLowerCase()))),
  ];
  return {
    en: derive(entity.aliases.en, englishShortNames),
    ru: derive(entity.aliases.ru, russianShortNames),
  };
}

/** A short name's occurrence: where it is and which organisations it may name. */
export interface ShortNameHit {
  start: number;
  end: number;
  entityIds: readonly string[];
}

/**
 * True when a capitalised word or an acronym stands right before `start` ("Russian Security
 * Council", "Iran's Security Council", "(OSCE) Permanent Council"): the article names a body in full
 * there, which the dataset may not know; the short name is not on its own. A word that ends a
 * sentence or a clause ("on Monday. Security Council members", "In Dushanbe, Security Council") is
 * not part of the name; an abbreviation's full stop ("U.S.") is; in Russian only an acronym is.
 */
function continuesName(text: string, start: number): boolean {
  const before = wordBefore(text, start);
  if (!before) return false;
  const word = text.slice(before[0], before[1]);
  if (/^(?:the|The|its|Its|их|его|ее|её)$/u.test(word)) return false;
  if (/\p{Ll}[.,;:!?]$/u.test(word)) return false;
  // Russian writes an owner after the name and adjectives in lower case: a Russian word with only
  // its first letter capital opens a sentence ("Секретарь Совета безопасности Сергей Шойгу").
  if (/^[А-ЯЁ][а-яё-]*$/u.test(word)) return false;
  return /\p{Lu}/u.test(word);
}

/** What follows a short name: whose body it is, a title, or nothing that tells. */
type After = { owner: number } | 'title' | null;

/** A Cyrillic name follows Russian word order. */
const CYRILLIC = /[А-яЁё]/;
/** Up to three capitalised words right after a name, one space apart. */
const RU_CAPITALS_AFTER = /^ (\p{Lu}[\p{L}-]*)(?: (\p{Lu}[\p{L}-]*))?(?: (\p{Lu}[\p{L}-]*))?/u;
/** A patronymic ("Николай Платонович Патрушев" is one person). */
const PATRONYMIC = /(?:вич|вн|ич|ичн)[а-яё]*$/u;
/** The genitive endings of most country names ("Армении", "Казахстана", "Украины"). */
const COUNTRY_GENITIVE = /(?:ии|стана|Украины)$/u;
/** Nouns with those endings that are no country: "Совет Безопасности Организации" is the UN's. */
const NOT_A_COUNTRY = /^(?:Организации|Федерации|Ассамблеи|Комиссии|Конференции|Конвенции)$/u;

/**
 * What follows the short name at [start, end) in `text`. Its owner, where that owner's name starts:
 * English names it after "of" ("the Council of Foreign Ministers of the CIS"), Russian in the
 * genitive right after ("Совет глав правительств Шанхайской организации сотрудничества", "Совет
 * министров обороны ШОС"): an acronym, a name the article names there (`startsMention`), a word
 * before a person's first and last name, or a country's genitive that no name follows. A title
 * (English only: "Security Council Secretary Abdurahim Qahhorov"): a capitalised word right after,
 * other than a resolution, which is the body's own; a title is held in a body the story has named,
 * or in one it has not. In Russian a person's name after a body is the title's holder ("секретарь
 * Совета безопасности Николай Патрушев"), which tells nothing.
 */
function whatFollows(
  text: string,
  start: number,
  end: number,
  startsMention: (at: number) => boolean,
): After {
  if (CYRILLIC.test(text.slice(start, end))) {
    const words = RU_CAPITALS_AFTER.exec(text.slice(end, end + 80));
    if (words === null) return null;
    const [, first = '', second, third] = words;
    const owned =
      /^\p{Lu}{2,}$/u.test(first) ||
      startsMention(end + 1) ||
      // "Совета безопасности Белоруссии Александр Гольфович": an owner, then the holder's name.
      (second !== undefined && third !== undefined && !PATRONYMIC.test(second)) ||
      // "Совет безопасности Армении заявил": a country's genitive with no name after it.
      (second === undefined && COUNTRY_GENITIVE.test(first) && !NOT_A_COUNTRY.test(first));
    return owned ? { owner: end + 1 } : null;
  }
  const after = text.slice(end, end + 24);
  const of = /^ of (?:the )?(?=\p{Lu})/u.exec(after);
  if (of !== null) return { owner: end + of[0].length };
  const next = /^ (\p{Lu}\p{L}*)/u.exec(after);
  return next !== null && !/^Resolutions?$/.test(next[1]!) ? 'title' : null;
}

/** What resolving a short name reads of the dataset's entities. */
export interface Bodies {
  /** The entity's related entities (an organisation's body lists its organisation among them). */
  related(id: string): readonly string[];
  /** The entity's aliases in both languages. */
  names(id: string): readonly string[];
}

const escaped = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `body` is a body of the organisation `org`: related to it, and named with one of its
 * names ("CSTO Council of Defence Ministers" is the CSTO's; the CIS council of defence ministers,
 * though related to the CSTO, is named with the CIS's names only). Answers are kept for the call
 * of resolveShortNames that makes them: a long article asks about the same pairs again and again.
 */
function bodyTest(bodies: Bodies): (body: string, org: string) => boolean {
  const patterns = new Map<string, RegExp | null>();
  const answers = new Map<string, boolean>();
  const pattern = (org: string) => {
    let re = patterns.get(org);
    if (re === undefined) {
      const names = bodies.names(org);
      re =
        names.length === 0
          ? null
          : new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escaped).join('|')})(?![\\p{L}\\p{N}])`, 'u');
      patterns.set(org, re);
    }
    return re;
  };
  return (body, org) => {
    const key = `${body}\u0000${org}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const re = bodies.related(body).includes(org) ? pattern(org) : null;
      answer = re !== null && bodies.names(body).some((name) => re.test(name));
      answers.set(key, answer);
    }
    return answer;
  };
}

/** `ids` narrowed to the bodies of one of `orgs`, when that leaves one; else `ids` as they are. */
function narrowedToBodies(
  isBodyOf: (body: string, org: string) => boolean,
  ids: readonly string[],
  orgs: Iterable<string>,
): readonly string[] {
  if (ids.length < 2) return ids;
  const owned: string[] = [];
  for (const org of orgs) for (const id of ids) if (!owned.includes(id) && isBodyOf(id, org)) owned.push(id);
  return owned.length === 1 ? owned : ids;
}

/**
 * The organisation each short name names, or nothing. When the name goes on with its owner, the
 * body of the organisation named there, if the article names it as one (else nothing: "the Security
 * Council of Russia" is not the UN's, whatever the story named before). Otherwise one the article
 * has already named by a full name, or else, for a name of two words or more, the one body of an
 * organisation the article has named ("the Security Council" in a story that named the UN; "the
 * Council of Defence Ministers" in one that named the CSTO, whose council it is, and not the CIS,
 * whose council is only related to the CSTO). Two candidates name nothing. `named` lists the
 * article's mentions in text order.
 */
export function resolveShortNames(
  text: string,
  hits: readonly ShortNameHit[],
  named: readonly Mention[],
  bodies: Bodies,
): Mention[] {
  const out: Mention[] = [];
  const isBodyOf = bodyTest(bodies);
  // Naming a body names its organisation too: "the CSTO Council of Foreign Ministers" has named the
  // CSTO for "the Committee of Secretaries of Security Councils" that follows.
  const seen = new Set<string>();
  const see = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const org of bodies.related(id)) if (!seen.has(org) && isBodyOf(id, org)) seen.add(org);
  };
  let k = 0;
  for (const hit of hits) {
    while (k < named.length && named[k]!.start < hit.start) see(named[k++]!.entityId);
    if (continuesName(text, hit.start)) continue;
    const name = text.slice(hit.start, hit.end);
    const after = whatFollows(text, hit.start, hit.end, (at) => named.some((m) => m.start === at));
    let ids: readonly string[];
    if (after === 'title') {
      // "Security Council Secretary Sergei Shoigu" after "the Russian Security Council": only a body
      // the story has named in full; a council of a named organisation may be any country's.
      ids = hit.entityIds.filter((id) => seen.has(id));
    } else if (after !== null) {
      const owner = named.find((m) => m.start === after.owner)?.entityId;
      ids =
        owner === undefined
          ? []
          : narrowedToBodies(
              isBodyOf,
              hit.entityIds.filter((id) => bodies.related(id).includes(owner)),
              [owner],
            );
    } else {
      if (seen.size === 0) continue;
      ids = hit.entityIds.filter((id) => seen.has(id));
      if (ids.length === 0 && /\s/.test(name)) {
        const ofSeen = hit.entityIds.filter((id) => bodies.related(id).some((parent) => seen.has(parent)));
        ids = narrowedToBodies(isBodyOf, ofSeen, seen);
      }
    }
    if (ids.length === 1) out.push({ start: hit.start, end: hit.end, text: name, entityId: ids[0]! });
  }
  return out;
}
