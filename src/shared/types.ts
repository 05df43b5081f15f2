// The shapes every part of Backstory agrees on: the dataset, the article, the mentions.
// The dataset's types are inferred from its schema (dataset/schema.ts), where each field is
// declared and documented once; this file names them and holds the plain lists the schema and the
// UI share (kept here so the page's bundle does not pull in the schema library). No browser API.

import type { InferOutput } from 'valibot';
import type {
  EntitySchema,
  EventCluesSchema,
  SeriesLinkSchema,
  SourceSchema,
  TimelineStepSchema,
} from '../dataset/schema';
import type { Lang } from './languages';

/** The kinds of thing the dataset describes, in the order the sidebar groups them. */
export const ENTITY_TYPES = ['treaty', 'event', 'organization'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * What a dated step did. Status on a given date is derived from the last status-changing step
 * on or before that date (see dataset/status.ts).
 */
export const STEP_KINDS = [
  'proposed', // a draft published or put on the table
  'signed',
  'ratified',
  'in-force',
  'extended',
  'suspended', // a party suspended its participation; the instrument itself may stay in force
  'resumed',
  'withdrawn', // a party withdrew
  'expired',
  'terminated',
  'founded', // organisations: established / began work
  'joined', // a member joined
  'left', // a member left
  'dissolved',
  'started', // events: began (multi-day events)
  'ended',
  'held', // events: took place (one-day events)
  'other',
] as const;

export type StepKind = (typeof STEP_KINDS)[number];

/** An ISO date, precise to the day (YYYY-MM-DD), the month (YYYY-MM) or the year (YYYY). */
export type IsoDate = string;

export type TimelineStep = InferOutput<typeof TimelineStepSchema>;

export type Source = InferOutput<typeof SourceSchema>;

export type EventClues = InferOutput<typeof EventCluesSchema>;

export type SeriesLink = InferOutput<typeof SeriesLinkSchema>;

/** A treaty, event or organisation, as the bundle ships it (see EntitySchema for every field). */
export type Entity = InferOutput<typeof EntitySchema>;

/**
 * The fields only the reader's cards show. The matcher never reads them, so a worker that starts
 * reads them after the rest: the first article's mentions do not wait for them.
 */
export const CARD_FIELDS = ['summary', 'sources', 'parties', 'documents', 'note'] as const;

export type CardField = (typeof CARD_FIELDS)[number];

/** An entity as the matcher reads it: every field but the cards' own. A whole Entity is one too. */
export type MatchingEntity = Omit<Entity, CardField>;

/**
 * What the matcher's tables read of every entity at once (the events by their period, treaties and
 * events by day): a stored dataset can give these without reading each whole entity.
 */
export type EntityOutline = Pick<MatchingEntity, 'id' | 'type'> & {
  timeline: readonly Pick<TimelineStep, 'date' | 'kind'>[];
};

/** One entity's card fields, with its id. */
export type EntityCardFields = Pick<Entity, 'id' | CardField>;

/** The compiled dataset that ships in the extension and is seeded into IndexedDB. */
export interface DatasetBundle {
  /**
   * Version of the bundle's file format (dataset's BUNDLE_FORMAT). A file in a format this
   * build does not know is refused on import rather than guessed at.
   */
  format: 2;
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
