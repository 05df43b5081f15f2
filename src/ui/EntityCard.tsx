// The full context for one entity, as the sidebar shows it: what it is, where it stood on the
// article's date and today, what has happened since, and where the facts come from.

import { Component, createRef } from 'preact';
import { compareIsoDates, keyDates, type Status, statusOn, stepsAfter } from '../dataset/status';
import type { Bilingual, Lang } from '../shared/languages';
import type { RelatedEntity } from '../shared/messages';
import type { Entity, IsoDate, TimelineStep } from '../shared/types';
import { formatDate } from './layout/format-date';
import { plural, type StringKey, t } from './strings';
import { Timeline } from './Timeline';

export interface EntityCardProps {
  entity: Entity;
  lang: Lang;
  articleDate: IsoDate | null;
  today: IsoDate;
  mentionCount: number;
  onShowInArticle?: (id: string) => void;
  resolveName?: (id: string) => string | null;
  onOpenRelated?: (id: string) => void;
  /** Related entities the article does not mention, shown inline (expandable) when `resolveName` has no card for them. */
  resolveOutside?: (id: string) => RelatedEntity | null;
  /** Text around each mention in the article, in order; each becomes a button that reveals it. */
  mentions?: string[];
  onShowMention?: (id: string, index: number) => void;
  /** Only the head (name, summary, status): the sidebar draws a card in two tasks (see Sidebar). */
  brief?: boolean;
}

/** Text in the reader's language, falling back to the other one when a translation is missing. */
export function pick(text: Bilingual, lang: Lang): string {
  return text[lang] || text[lang === 'ru' ? 'en' : 'ru'];
}

/** The URL when it is http(s), else null: dataset links must never run script or open local files. */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Name, type and the two status lines: shared by the entity card and the hover card. */
export function EntityHead(props: {
  entity: Entity;
  lang: Lang;
  articleDate: IsoDate | null;
  today: IsoDate;
  nameId?: string;
}) {
  const { entity, lang, articleDate, today } = props;
  const then = articleDate ? statusOn(entity, articleDate) : null;
  const now = statusOn(entity, today);
  const label = (status: Status) => t(lang, `status_${status.code.replace('-', '_')}` as StringKey);
  // In the sidebar the name is a heading under its group's h3; the hover card (which passes nameId)
  // floats over the page's own headings, where an h4 would break their order: its name labels the dialog instead.
  const Name = props.nameId ? 'p' : 'h4';
  return (
    <>
      <Name class="bs-name" id={props.nameId}>
        {pick(entity.name, lang)}
      </Name>
      <div class="bs-type">{t(lang, entity.type)}</div>
      <p class="bs-summary">{pick(entity.summary, lang)}</p>
      <dl class="bs-status">
        {then && articleDate && (
          <>
            <dt>{t(lang, 'statusOn', formatDate(articleDate, lang))}:</dt>
            <dd data-status={then.code}>{label(then)}</dd>
          </>
        )}
        <dt>{t(lang, 'today')}:</dt>
        <dd data-status={now.code}>{label(now)}</dd>
      </dl>
    </>
  );
}

function Steps(props: { steps: TimelineStep[]; lang: Lang }) {
  return (
    <ul class="bs-list">
      {props.steps.map((step) => (
        <li key={step.date + step.kind + step.label.en}>
          <time dateTime={step.date}>{formatDate(step.date, props.lang)}</time> {pick(step.label, props.lang)}
        </li>
      ))}
    </ul>
  );
}

interface KnownEntity {
  id: string;
  /** Its name when the article mentions it (its card is in the sidebar). */
  name: string | null;
  /** Its short record when the article does not mention it. */
  outside: RelatedEntity | null;
}

/** The ids a recurring event's own block names, which its Related list need not repeat. */
function seriesPlace(entity: Entity): { shown: Set<string> } {
  const shown = new Set<string>(entity.editions ?? []);
  if (entity.series)
    for (const id of [entity.series.of, entity.series.previous, entity.series.next]) if (id) shown.add(id);
  return { shown };
}

/**
 * A card's list of mentions draws this many buttons at a time, and a button for the next as many:
 * an entity named tens of thousands of times must not cost tens of thousands of buttons at once.
 */
export const MENTIONS_PAGE = 200;

interface EntityCardState {
  listShown?: boolean;
  /** Buttons drawn in the open list: pages of MENTIONS_PAGE. */
  listed?: number;
}

/**
 * A class, not hooks: preact/hooks would be one more module in the content script.
 * It draws again only when a prop changed (compared one by one) or its mention list opened or
 * grew: the sidebar draws its cards a few per task, and without this every task would draw again
 * all the cards already there, each task longer than the one before.
 */
export class EntityCard extends Component<EntityCardProps, EntityCardState> {
  private listRef = createRef<HTMLOListElement>();

  override shouldComponentUpdate(next: EntityCardProps, state: EntityCardState): boolean {
    const now = this.props;
    for (const key in { ...now, ...next })
      if (now[key as keyof EntityCardProps] !== next[key as keyof EntityCardProps]) return true;
    return state.listShown !== this.state.listShown || state.listed !== this.state.listed;
  }

  override render() {
    const props = this.props;
    const { entity, lang, articleDate, today, mentionCount, onShowInArticle, resolveName, onOpenRelated } =
      props;
    if (props.brief)
      return (
        <article class="bs-card" data-entity-id={entity.id} tabIndex={-1}>
          <EntityHead entity={entity} lang={lang} articleDate={articleDate} today={today} />
        </article>
      );
    const snippets = props.mentions ?? [];
    // The list is drawn when first opened: a long article has thousands of mentions, and drawing all
    // their buttons with the sidebar would be one long task.
    const listShown = this.state.listShown;
    const listed = Math.min(snippets.length, this.state.listed ?? MENTIONS_PAGE);
    // Scheduled steps (an expiry date fixed in the treaty, say) are not news until they happen.
    const since = articleDate
      ? stepsAfter(entity, articleDate).filter((step) => compareIsoDates(step.date, today) <= 0)
      : [];
    const known = (id: string) => ({
      id,
      name: resolveName?.(id) ?? null,
      outside: props.resolveOutside?.(id) ?? null,
    });
    const series = seriesPlace(entity);
    const related = (entity.related ?? [])
      .filter((id) => !series.shown.has(id))
      .map(known)
      .filter((r) => r.name || r.outside);
    const link = (r: KnownEntity) =>
      r.name && onOpenRelated ? (
        <button key={r.id} type="button" class="bs-btn" onClick={() => onOpenRelated(r.id)}>
          {r.name}
        </button>
      ) : r.name || !r.outside ? (
        <span key={r.id}>{r.name}</span>
      ) : (
        // Not in this article, so no card to jump to: it opens in place.
        <details key={r.id} class="bs-rel" data-related-id={r.id}>
          <summary>{pick(r.outside.name, lang)}</summary>
          <p class="bs-meta">
            {t(lang, r.outside.type)} · {t(lang, 'notInArticle')}
          </p>
          <p>{pick(r.outside.summary, lang)}</p>
        </details>
      );
    /** A row of the series block: its links, or nothing when none of them can be shown. */
    const row = (label: StringKey, ids: (string | undefined)[], before?: string) => {
      const links = ids
        .filter((id): id is string => id !== undefined)
        .map(known)
        .filter((r) => r.name || r.outside);
      if (links.length === 0 && !before) return null;
      return (
        <>
          <dt>{t(lang, label)}</dt>
          <dd class="bs-acts">
            {before && <span>{before}</span>}
            {links.map(link)}
          </dd>
        </>
      );
    };
    const sources = entity.sources.filter((s) => s.url || s.title);

    return (
      <article class="bs-card" data-entity-id={entity.id} tabIndex={-1}>
        <EntityHead entity={entity} lang={lang} articleDate={articleDate} today={today} />
        {articleDate && (
          <>
            <h5 class="bs-sub">{t(lang, 'since')}</h5>
            {since.length > 0 ? <Steps steps={since} lang={lang} /> : <p>{t(lang, 'nothingSince')}</p>}
          </>
        )}
        <h5 class="bs-sub">{t(lang, 'keyDates')}</h5>
        <Steps steps={keyDates(entity)} lang={lang} />
        <Timeline
          points={entity.timeline.map((step) => ({ date: step.date, text: pick(step.label, lang) }))}
          articleDate={articleDate}
          lang={lang}
          label={`${t(lang, 'timeline')}: ${pick(entity.name, lang)}`}
        />
        {entity.parties && entity.parties.length > 0 && (
          <>
            <h5 class="bs-sub">{t(lang, 'parties')}</h5>
            <p>{entity.parties.map((party) => pick(party, lang)).join(', ')}</p>
          </>
        )}
        {entity.series && (
          <>
            <h5 class="bs-sub">{t(lang, 'recurringEvent')}</h5>
            <dl class="bs-status bs-series">
              {row('seriesOf', [entity.series.of])}
              {row('previousEdition', [entity.series.previous])}
              {row('nextEdition', [entity.series.next])}
              {entity.documents && entity.documents.length > 0 && (
                <>
                  <dt>{t(lang, 'documentsAdopted')}</dt>
                  <dd>{entity.documents.map((doc) => pick(doc, lang)).join('; ')}</dd>
                </>
              )}
            </dl>
          </>
        )}
        {entity.editions && entity.editions.length > 0 && (
          <>
            <h5 class="bs-sub">{t(lang, 'recurringEvent')}</h5>
            <dl class="bs-status bs-series">
              {row('editions', entity.editions, t(lang, 'editionCount', entity.editions.length))}
            </dl>
          </>
        )}
        {related.length > 0 && (
          <>
            <h5 class="bs-sub">{t(lang, 'related')}</h5>
            <div class="bs-acts">{related.map(link)}</div>
          </>
        )}
        {sources.length > 0 && (
          <>
            <h5 class="bs-sub">{t(lang, 'sources')}</h5>
            <ul class="bs-list">
              {sources.map((source) => {
                const href = safeUrl(source.url);
                const label = source.title || source.url;
                return (
                  <li key={source.url}>
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {label}
                      </a>
                    ) : (
                      label
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
        {(mentionCount > 0 || onShowInArticle) && (
          <div class="bs-acts">
            {onShowInArticle && (
              <button type="button" class="bs-btn" onClick={() => onShowInArticle(entity.id)}>
                {t(lang, 'showInArticle')}
              </button>
            )}
            {mentionCount > 0 && snippets.length === 0 && (
              <span class="bs-meta">{plural(lang, 'mentions', mentionCount)}</span>
            )}
          </div>
        )}
        {snippets.length > 0 && (
          // Every mention is reachable from the keyboard here, one button each, in article order.
          <details
            class="bs-ments"
            onToggle={(event) => this.setState({ listShown: event.currentTarget.open })}
          >
            <summary>
              {t(lang, 'mentionsInArticle')}: {plural(lang, 'mentions', snippets.length)}
            </summary>
            <ol ref={this.listRef}>
              {listShown &&
                snippets.slice(0, listed).map((snippet, index) => (
                  <li key={index}>
                    <button
                      type="button"
                      class="bs-ment"
                      onClick={() => props.onShowMention?.(entity.id, index)}
                    >
                      {snippet}
                    </button>
                  </li>
                ))}
            </ol>
            {listShown && listed < snippets.length && (
              <button
                type="button"
                class="bs-btn bs-more"
                onClick={() =>
                  // The keyboard goes on from the first mention the button brought.
                  this.setState({ listed: listed + MENTIONS_PAGE }, () =>
                    this.listRef.current?.querySelectorAll<HTMLElement>('.bs-ment')[listed]?.focus(),
                  )
                }
              >
                {t(lang, 'mentionsMore', Math.min(MENTIONS_PAGE, snippets.length - listed))}
              </button>
            )}
          </details>
        )}
      </article>
    );
  }
}
