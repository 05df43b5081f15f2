// Compiling the dataset into a matcher: every alias with its Russian case forms and joined spellings,
// every event clue and context word, into two tries (aliases, clues). This is the expensive part of
// matching; stored.ts keeps its result so a restarted worker loads it instead. `npm run bench`
// measures both.

import type { Lang } from '../../shared/languages';
import type { EntityOutline, MatchingEntity } from '../../shared/types';
import { englishVariants, russianVariants, spellingVariants } from '../name-variants';
import { joinedSpellings } from '../normalize';
import { shortNames } from '../references/short-names';
import { russianForms } from '../russian';
import { type Automaton, addPattern, type Capitals, PatternSet } from './automaton';

export interface AliasHit {
  /** Offsets into the original text. */
  start: number;
  end: number;
  /** More than one when an alias is shared. */
  entityIds: string[];
  /**
   * Entities whose context alias (Entity.contextAliases) matched here: they are named only if their
   * context confirms it (see annotate). Empty for most hits.
   */
  contextIds: string[];
  /**
   * Organisations whose short name (references/short-names.ts) matched here: named only where the
   * article has named them already. Empty for most hits.
   */
  shortIds: string[];
  /** A document noun ("statement", "заявление") that a date next to it may turn into a name. */
  document: boolean;
}

/**
 * An event's place, cue word or participant, or a word that confirms a context alias.
 */
export type ClueKind = 'place' | 'cue' | 'participant' | 'context';

/**
 * A clue term: one word of the dataset's event clues or context words (Entity.event,
 * Entity.context) in one language and role, with every entity that lists it. A cue word such as
 * "summit" belongs to dozens of events: the matcher keeps it once, and one occurrence in a text is
 * one ClueHit that shares the term's entity list.
 */
export interface ClueTerm {
  kind: ClueKind;
  lang: Lang;
  /** The clue as the dataset writes it (tells two participants apart whatever their case form). */
  term: string;
  /** Every entity that lists the term, in dataset order. Shared: do not modify. */
  entityIds: readonly string[];
}

/** An occurrence of a clue term: an event's place, cue word or participant, or a context word. */
export interface ClueHit {
  start: number;
  end: number;
  kind: ClueKind;
  lang: Lang;
  term: string;
  /** The term's entities (ClueTerm.entityIds, shared by every hit of the term: do not modify). */
  entityIds: readonly string[];
}

/**
 * The entities a matcher names, by id: a Map, or a stored dataset's, each read when it is first
 * asked for (so `get` may throw when what is read back is damaged).
 */
export interface EntityLookup {
  get(id: string): MatchingEntity | undefined;
  has(id: string): boolean;
  readonly size: number;
  /** Every entity: reads them all. */
  values(): Iterable<MatchingEntity>;
}

export interface Matcher {
  /** Each entity by id. */
  readonly entities: EntityLookup;
  /** Every entity's outline: what the tables over all of them read, without whole entities. */
  readonly outlines: readonly EntityOutline[];
}

/** The entities a matcher is loaded with: each by id, and the outlines of all of them. */
export interface EntitySet {
  readonly byId: EntityLookup;
  readonly outlines: readonly EntityOutline[];
}

/** The entity set of whole entities in memory (the first of each id counts). */
export function entitySet(entities: readonly MatchingEntity[]): EntitySet {
  const byId = new Map<string, MatchingEntity>();
  for (const entity of entities) if (!byId.has(entity.id)) byId.set(entity.id, entity);
  return { byId, outlines: [...byId.values()] };
}

// ---- The compiled matcher ---------------------------------------------------------------------

/** A clue term as the matcher keeps it: its entities as indices into the matcher's entity ids. */
export interface ClueTermData {
  kind: ClueKind;
  lang: Lang;
  term: string;
  entities: number[];
}

export class CompiledMatcher implements Matcher {
  constructor(
    readonly entities: EntityLookup,
    readonly outlines: readonly EntityOutline[],
    readonly entityIds: string[],
    readonly aliases: Automaton,
    readonly clues: Automaton,
    /** The clue terms; the payload of a clue pattern is an index into this table. */
    readonly clueInfo: ClueTermData[],
  ) {
    this.clueTerms = clueInfo.map(({ kind, lang, term, entities }) => ({
      kind,
      lang,
      term,
      entityIds: entities.map((e) => {
        const id = entityIds[e];
        if (id === undefined) throw new RangeError('clue term of an unknown entity');
        return id;
      }),
    }));
  }

  /** The clue terms with their entity ids (what ClueHit shares). */
  readonly clueTerms: ClueTerm[];
}

export function compiled(matcher: Matcher): CompiledMatcher {
  if (!(matcher instanceof CompiledMatcher)) throw new TypeError('not a matcher from compileMatcher');
  return matcher;
}

/** English plural of a cue word: "meeting" → "meetings", "talks" stays. */
function englishPlural(word: string): string[] {
  if (/s$/i.test(word)) return [word];
  return [word, /(x|ch|sh)$/i.test(word) ? `${word}es` : `${word}s`];
}

/** Nouns of documents that articles name by their date ("the November 9 statement"). */
const DOCUMENT_NOUNS: Record<Lang, string[]> = {
  // "treaty" and "agreement" are too common to walk at each: their dates are rarely their names.
  en: ['statement', 'declaration', 'memorandum'],
  ru: ['заявление', 'декларация', 'меморандум'],
};

/** Marks the payload of a context alias (the entity index is in the low bits). */
export const CONTEXT_FLAG = 1 << 24;
/** Marks the payload of an organisation's short name (the entity index is in the low bits). */
export const SHORT_FLAG = 1 << 25;
/**
 * The payload of a document noun, which names no entity. Short names and document nouns share the
 * alias trie: a word such as "Security" is walked once for both, not once per trie.
 */
export const DOCUMENT = 1 << 26;

/** Compiles the dataset's aliases (and its events' clue words) into a matcher. */
export function compileMatcher(entities: MatchingEntity[]): Matcher {
  const aliasSet = new PatternSet();
  const clueSet = new PatternSet();
  const clueInfo: ClueTermData[] = [];
  /** Term index by kind, language and term. */
  const termIndex = new Map<string, number>();
  const byId = new Map<string, MatchingEntity>();
  const ids: string[] = [];
  const asIs = (w: string) => [w];
  /** Adds clue terms of `owner` (an entity index; -1 for terms of no entity). */
  const addClues = (
    owner: number,
    kind: ClueKind,
    lang: Lang,
    words: string[] | undefined,
    forms: (w: string) => string[],
    capitals: Capitals = 'acronyms',
  ) => {
    if (words === undefined) return;
    for (const word of words) {
      // Its forms depend only on the kind and language: a term's patterns are added once.
      const key = `${kind}\u0000${lang}\u0000${word}`;
      let payload = termIndex.get(key);
      if (payload === undefined) {
        payload = clueInfo.length;
        termIndex.set(key, payload);
        clueInfo.push({ kind, lang, term: word, entities: [] });
        for (const form of forms(word)) addPattern(clueSet, form, payload, capitals);
      }
      const term = clueInfo[payload]!;
      if (owner >= 0 && term.entities[term.entities.length - 1] !== owner) term.entities.push(owner);
    }
  };
  for (const entity of entities) {
    if (byId.has(entity.id)) continue;
    const index = ids.length;
    byId.set(entity.id, entity);
    ids.push(entity.id);
    // Context aliases carry CONTEXT_FLAG in their payload; their context words are clues.
    for (const [names, payload] of [
      [entity.aliases, index],
      [entity.contextAliases, index | CONTEXT_FLAG],
    ] as const) {
      if (names === undefined) continue;
      for (const alias of names.en) {
        for (const variant of [alias, ...englishVariants(alias)])
          for (const spelling of joinedSpellings(variant)) addPattern(aliasSet, spelling, payload);
      }
      for (const alias of names.ru) {
        for (const variant of [alias, ...russianVariants(alias)])
          for (const form of russianForms(variant, false)) addPattern(aliasSet, form, payload, 'initial');
      }
    }
    const short = shortNames(entity);
    for (const name of short.en)
      for (const variant of [name, ...spellingVariants(name)])
        for (const spelling of joinedSpellings(variant))
          addPattern(aliasSet, spelling, index | SHORT_FLAG, 'words');
    for (const name of short.ru)
      for (const form of russianForms(name, false)) addPattern(aliasSet, form, index | SHORT_FLAG, 'initial');
    if (entity.contextAliases !== undefined) {
      addClues(index, 'context', 'en', entity.context?.en, asIs);
      addClues(index, 'context', 'ru', entity.context?.ru, russianForms);
    }
    const clues = entity.type === 'event' ? entity.event : undefined;
    if (clues === undefined) continue;
    addClues(index, 'place', 'en', clues.places.en, asIs);
    addClues(index, 'place', 'ru', clues.places.ru, asIs);
    addClues(index, 'cue', 'en', clues.cues.en, englishPlural);
    addClues(index, 'cue', 'ru', clues.cues.ru, russianForms);
    addClues(index, 'participant', 'en', clues.participants?.en, asIs);
    addClues(index, 'participant', 'ru', clues.participants?.ru, russianForms);
  }
  for (const noun of DOCUMENT_NOUNS.en)
    for (const form of englishPlural(noun)) addPattern(aliasSet, form, DOCUMENT);
  for (const noun of DOCUMENT_NOUNS.ru)
    for (const form of russianForms(noun)) addPattern(aliasSet, form, DOCUMENT);
  return new CompiledMatcher(byId, [...byId.values()], ids, aliasSet.build(), clueSet.build(), clueInfo);
}
