// The shapes every part of Backstory agrees on: the dataset, the article, the mentions.
// Pure types only; no code here depends on a browser.

import type { Bilingual, Lang, PerLang } from './languages';

/** The kinds of thing the dataset describes, in the order the sidebar groups them. */
export const ENTITY_TYPES = ['treaty', 'event', 'organization'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * What a dated step did. Status on a given date is derived from the last status-changing step
 * on or before that date (see dataset/status.ts).
 */
export type StepKind =
  | 'proposed' // a draft published or put on the table
  | 'signed'
  | 'ratified'
  | 'in-force'
  | 'extended'
  | 'suspended' // a party suspended its participation; the instrument itself may stay in force
  | 'resumed'
  | 'withdrawn' // a party withdrew
  | 'expired'
  | 'terminated'
  | 'founded' // organisations: established / began work
  | 'joined' // a member joined
  | 'left' // a member left
  | 'dissolved'
  | 'started' // events: began (multi-day events)
  | 'ended'
  | 'held' // events: took place (one-day events)
  | 'other';

/** An ISO date, precise to the day (YYYY-MM-DD), the month (YYYY-MM) or the year (YYYY). */
export type IsoDate = string;

export interface TimelineStep {
  date: IsoDate;
  kind: StepKind;
  /** What happened, short, in both languages ("Russia suspends its participation"). */
  label: Bilingual;
}

export interface Source {
  url: string;
  title: string;
}

/** What the event linker needs to recognise an event that the text names only by place and date. */
export interface EventClues {
  /** Place names as the text may write them, per language ("Geneva"; "Женеве", "Женева"). */
  places: PerLang;
  /** Words that say an event of this kind happened ("meeting", "summit", "talks"; "встреча", "саммит"). */
  cues: PerLang;
  /** People or parties whose names make the link surer ("Putin", "Biden"; "Путин", "Байден"). */
  participants?: PerLang;
}

export interface Entity {
  /** Stable, lowercase kebab-case ("new-start", "geneva-summit-2021"). */
  id: string;
  type: EntityType;
  name: Bilingual;
  /**
   * Names as articles write them. English aliases are matched case-insensitively except for tokens
   * written in capitals (acronyms such as START, INF, NPT), which must appear in capitals.
   * Russian aliases are written in the nominative; the matcher generates the other case forms
   * (plural forms only for a name written in the plural). A Russian alias whose first word is
   * capitalised ("Союзное государство") must be capitalised in the article too; write it in lower
   * case ("зерновая сделка") when articles do. Hyphen and space spellings read alike, and an
   * English hyphenated compound also matches joined ("Non-Proliferation", "Nonproliferation").
   */
  aliases: PerLang;
  /**
   * Names that also name other things, so they name this entity only in context: "Permanent
   * Council" (of the OSCE, or of the OAS?), "Moscow Treaty" (SORT, or the 1970 USSR–FRG treaty?),
   * "NRC", "Istanbul agreements" (on grain, or the 2022 peace talks?). Written like `aliases`. A
   * context alias names this entity when one of its `context` words is in the same sentence, or
   * when the text also names the entity by a plain alias. Where the same name is a plain alias of
   * another entity, a context alias that is confirmed wins. Needs `context`.
   */
  contextAliases?: PerLang;
  /**
   * Words that confirm a context alias in its sentence ("OSCE", "Vienna"; "ОБСЕ", "Вене"). Matched
   * like aliases (capitals only for acronyms); Russian words in the nominative, inflected by the
   * matcher. Only with `contextAliases`.
   */
  context?: PerLang;
  summary: Bilingual;
  timeline: TimelineStep[];
  /** Parties, members or participants, in both languages. */
  parties?: Bilingual[];
  /** Ids of related entities. */
  related?: string[];
  sources: Source[];
  /** Only for type 'event'. */
  event?: EventClues;
  /** Curator's note: why a date was chosen where sources disagree, or how an ambiguous alias resolves. */
  note?: string;
}

/** The compiled dataset that ships in the extension and is seeded into IndexedDB. */
export interface DatasetBundle {
  /**
   * Version of the bundle's file format (dataset's BUNDLE_FORMAT). A file in a format this
   * build does not know is refused on import rather than guessed at.
   */
  format: 1;
  /** Content version: changes whenever any entity changes. */
  version: string;
  /** ISO date of the newest dataset change. */
  date: IsoDate;
  entities: Entity[];
}

/** What detection learnt about a page. */
export interface ArticleInfo {
  detected: boolean;
  title: string | null;
  /** Publication date, YYYY-MM-DD, or null when the page does not tell. */
  date: IsoDate | null;
  lang: Lang;
}

/** One mention of an entity, as offsets into the extracted article text. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  entityId: string;
}
