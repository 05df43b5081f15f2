// The in-page toggle and the panel with the full context of the article: a header (publication
// date, outlet, dataset, filter box), a timeline of the whole article, then one card per entity,
// grouped by type in order of first mention. The panel is resizable from its left edge, by
// pointer or by the arrow keys.

import { Component, createRef } from 'preact';
import { keyDates } from '../dataset/status';
import type { Lang } from '../shared/languages';
import type { DatasetNotice, RelatedEntity } from '../shared/messages';
import { SIDEBAR_WIDTH, type Theme } from '../shared/settings';
import type { ArticleInfo, Entity, EntityType, IsoDate } from '../shared/types';
import { EntityCard, pick } from './EntityCard';
import { filterEntities, groupEntities } from './layout/sidebar-groups';
import { ResizeHandle } from './ResizeHandle';
import { SidebarHeader } from './SidebarHeader';
import { groupName, t } from './strings';
import { Timeline } from './Timeline';

export interface SidebarProps {
  article: ArticleInfo;
  /** In order of first mention. */
  entities: Entity[];
  mentionCounts: Record<string, number>;
  lang: Lang;
  today: IsoDate;
  open: boolean;
  datasetVersion: string;
  datasetDate?: IsoDate;
  theme?: Theme;
  /** Entity types the reader wants to see (settings.types); all when absent. */
  types?: Record<EntityType, boolean>;
  /** Related entities the article does not mention. */
  related?: RelatedEntity[];
  /** Text around each mention, per entity id, in article order. */
  mentions?: Record<string, string[]>;
  width?: number;
  onResize?: (width: number) => void;
  onToggle: () => void;
  onShowEntity: (id: string) => void;
  onShowMention?: (id: string, index: number) => void;
  /**
   * Why Backstory gives no context on this page, in plain words, and what the reader can do about
   * it: the toggle then says so, and the open panel shows the message instead of cards.
   */
  problem?: SidebarProblem;
  /** Context is given, from the bundled dataset in memory: the database cannot be used (see DatasetNotice). */
  notice?: DatasetNotice;
}

export interface SidebarProblem {
  message: string;
  /** A way forward, such as opening Options to repair the dataset. */
  action?: { label: string; run: () => void };
}

const PANEL_ID = 'backstory-panel';
/**
 * Opening the panel draws only its frame (header, filter, an empty busy body) in the reader's click;
 * the article's timeline (over every entity's key dates) comes in the next task, then the cards, each
 * in two tasks: its head (name, summary, status), then the rest. Drawing them in the click made it
 * one long task, and even the first card drawn whole, before the code is optimised, missed a frame
 * in Firefox (test/bench/frames.mjs measures the opening).
 */

interface SidebarState {
  query: string;
  /** The width while the reader drags the handle; committed through onResize on release. */
  dragWidth: number | null;
  /**
   * Tasks run since the panel opened: after the first the article's timeline is drawn, after each
   * later one the next half of a card (its head, then the rest). Infinity draws everything at once.
   */
  step: number;
}

/** A class, not hooks: preact/hooks would be one more module in the content script. */
export class Sidebar extends Component<SidebarProps, SidebarState> {
  override state: SidebarState = { query: '', dragWidth: null, step: 0 };
  private toggleRef = createRef<HTMLButtonElement>();
  private panelRef = createRef<HTMLElement>();
  private closedFromInside = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The open panel has more to draw (set by render). */
  private busy = false;
  /**
   * The props the name lookups were made for. They are made again when the content script draws the
   * sidebar again, but kept while the panel fills in or filters, so the cards already drawn get
   * the same props and are not drawn again (EntityCard's shouldComponentUpdate).
   */
  private seen?: SidebarProps;
  private resolveName: (id: string) => string | null = () => null;
  private resolveOutside: (id: string) => RelatedEntity | null = () => null;

  override componentDidMount() {
    this.schedule();
  }

  override componentDidUpdate(previous: SidebarProps) {
    const { open } = this.props;
    if (open !== previous.open) {
      // Move focus into the panel when the reader opens it, and back to the toggle when they close it
      // from inside; a panel that starts open (restored state) must not steal focus from the page.
      // In the next frame: focus() brings the page's layout up to date, work the frame does anyway;
      // in the click it made a long article's layout part of the click's task.
      const target = open ? this.panelRef : this.closedFromInside ? this.toggleRef : null;
      if (target) requestAnimationFrame(() => target.current?.focus());
      this.closedFromInside = false;
      // Opened again, the panel fills in again from its frame.
      if (!open) this.setState({ step: 0 });
    }
    this.schedule();
  }

  override componentWillUnmount() {
    clearTimeout(this.timer);
  }

  /** One more step of drawing in a task of its own, while the open panel has more to draw. */
  private schedule() {
    if (!this.busy) {
      clearTimeout(this.timer);
      this.timer = undefined;
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.setState((state) => ({ step: state.step + 1 }));
      });
    }
  }

  private close = () => {
    this.closedFromInside = true;
    this.props.onToggle();
  };

  private focusCard(id: string): boolean {
    for (const card of this.panelRef.current?.querySelectorAll<HTMLElement>('[data-entity-id]') ?? []) {
      if (card.dataset.entityId === id) {
        card.scrollIntoView?.({ block: 'start' });
        card.focus();
        return true;
      }
    }
    return false;
  }

  private openRelated = (id: string) => {
    // A related card hidden by the filter, or not drawn yet, comes into view first.
    if (!this.focusCard(id)) {
      this.setState({ query: '', step: Number.POSITIVE_INFINITY });
      setTimeout(() => this.focusCard(id));
    }
  };

  override render() {
    const props = this.props;
    const { article, mentionCounts, lang, today, open, datasetVersion, theme, onToggle, onShowEntity } =
      props;
    const { query, step } = this.state;
    const width = this.state.dragWidth ?? props.width ?? SIDEBAR_WIDTH.default;
    const groups = groupEntities(props.entities, props.types);
    const visible = groups.flatMap((group) => group.entities);
    if (this.seen !== props) {
      this.seen = props;
      const names = new Map(visible.map((entity) => [entity.id, pick(entity.name, lang)]));
      const outside = new Map((props.related ?? []).map((entity) => [entity.id, entity]));
      this.resolveName = (id) => names.get(id) ?? null;
      this.resolveOutside = (id) => outside.get(id) ?? null;
    }
    const shown = new Set(filterEntities(visible, query));
    const timelineDrawn = step > 0;
    const halves = Math.max(0, step - 1);
    const drawn = Math.ceil(halves / 2);
    const whole = Math.floor(halves / 2);
    this.busy = open && !(timelineDrawn && whole >= visible.length);
    let drawing = 0;
    const problem = props.problem;
    const label = problem ? t(lang, 'toggleProblem') : t(lang, 'toggle', visible.length);
    const allPoints =
      open && timelineDrawn && !query
        ? visible.flatMap((entity) =>
            keyDates(entity).map((step) => ({
              date: step.date,
              text: `${pick(entity.name, lang)}: ${pick(step.label, lang)}`,
            })),
          )
        : [];

    return (
      <div
        class={open ? 'bs-root bs-open' : 'bs-root'}
        data-theme={theme}
        lang={lang}
        style={{ '--w': `${width}px` }}
      >
        <button
          ref={this.toggleRef}
          type="button"
          class="bs-toggle"
          data-backstory="toggle"
          aria-expanded={open}
          aria-controls={PANEL_ID}
          aria-label={label}
          title={label}
          onClick={open ? this.close : onToggle}
        >
          {/* The "B" is drawn by CSS (.bs-mark::before): visible text must be part of the accessible name (WCAG 2.5.3), and a letter B is not. */}
          <span class="bs-mark" />
          <span class={problem ? 'bs-count bs-warn' : 'bs-count'}>{problem ? '!' : visible.length}</span>
        </button>
        {open && (
          <aside
            ref={this.panelRef}
            id={PANEL_ID}
            class="bs-panel"
            // biome-ignore lint/a11y/noRedundantRoles: stated outright so tests and the content script can find it by role
            role="complementary"
            aria-label={t(lang, 'title')}
            // Busy while the timeline and the cards are still being drawn.
            aria-busy={this.busy}
            tabIndex={-1}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                this.close();
              }
            }}
          >
            <ResizeHandle
              lang={lang}
              width={width}
              onDrag={(dragWidth) => this.setState({ dragWidth })}
              onResize={(next) => {
                this.setState({ dragWidth: null });
                props.onResize?.(next);
              }}
            />
            <SidebarHeader
              lang={lang}
              articleDate={article.date}
              datasetVersion={datasetVersion}
              datasetDate={props.datasetDate}
              query={query}
              onQuery={(next) => this.setState({ query: next })}
              onClose={this.close}
            />
            <div class="bs-body">
              {props.notice === 'database-unavailable' && (
                <div class="bs-problem" role="status">
                  <p>
                    {t(lang, 'noticeDatabaseUnavailable')} {t(lang, 'noticeDatabaseUnavailableNext')}
                  </p>
                </div>
              )}
              {problem && (
                <div class="bs-problem" role="status">
                  <p>{problem.message}</p>
                  {problem.action && (
                    <button type="button" class="bs-btn" onClick={problem.action.run}>
                      {problem.action.label}
                    </button>
                  )}
                </div>
              )}
              {!problem && visible.length === 0 && <p class="bs-empty">{t(lang, 'empty')}</p>}
              {visible.length > 0 && shown.size === 0 && <p class="bs-empty">{t(lang, 'noMatch', query)}</p>}
              {allPoints.length > 0 && (
                <div class="bs-all">
                  <p class="bs-sub">{t(lang, 'articleTimeline')}</p>
                  <Timeline
                    points={allPoints}
                    articleDate={article.date}
                    lang={lang}
                    label={t(lang, 'articleTimeline')}
                  />
                </div>
              )}
              {groups.map(({ type, entities }) => {
                const group = entities.filter((entity) => shown.has(entity));
                if (group.length === 0) return null;
                const headingId = `backstory-group-${type}`;
                return (
                  <section key={type} class="bs-group" aria-labelledby={headingId}>
                    <h3 id={headingId}>{groupName(lang, type)}</h3>
                    {group.map((entity) => {
                      const index = drawing++;
                      return index >= drawn ? null : (
                        <EntityCard
                          key={entity.id}
                          brief={index >= whole}
                          entity={entity}
                          lang={lang}
                          articleDate={article.date}
                          today={today}
                          mentionCount={mentionCounts[entity.id] ?? 0}
                          onShowInArticle={onShowEntity}
                          resolveName={this.resolveName}
                          onOpenRelated={this.openRelated}
                          resolveOutside={this.resolveOutside}
                          mentions={props.mentions?.[entity.id]}
                          onShowMention={props.onShowMention}
                        />
                      );
                    })}
                  </section>
                );
              })}
            </div>
          </aside>
        )}
      </div>
    );
  }
}
