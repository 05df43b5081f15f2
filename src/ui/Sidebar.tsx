// The in-page toggle and the panel with the full context of the article: a header (publication
// date, outlet, dataset, filter box), a timeline of the whole article, then one card per entity,
// grouped by type in order of first mention. The panel is resizable from its left edge, by
// pointer or by the arrow keys.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { RelatedEntity } from '../core/messages';
import { SIDEBAR_WIDTH, type Theme } from '../core/settings';
import { formatDate, keyDates } from '../core/status';
import type { ArticleInfo, Entity, EntityType, IsoDate, Lang } from '../core/types';
import { EntityCard, pick } from './EntityCard';
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
}

const GROUP_ORDER: EntityType[] = ['treaty', 'event', 'organization'];
const PANEL_ID = 'backstory-panel';
const RESIZE_STEP = 16;
/**
 * Cards drawn per task when there are many. Opening the panel draws the first cards in the click's
 * task and the rest a few per task after it: a long article mentions dozens of entities, and drawing
 * every card, with its timeline, in the click would be one long task that freezes the page. A short
 * list (up to AT_ONCE cards) is drawn whole, so it never visibly fills in.
 */
const CARDS_PER_TASK = 2;
const AT_ONCE = 4;

/** How many cards to draw now: all of a short list; of a long one, CARDS_PER_TASK more per task. */
function useStagedCount(open: boolean, total: number): [number, (count: number) => void] {
  const first = total <= AT_ONCE ? total : CARDS_PER_TASK;
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (!open) {
      setCount(first);
      return;
    }
    if (count >= total) return;
    const timer = setTimeout(() => setCount((now) => Math.max(now, first) + CARDS_PER_TASK));
    return () => clearTimeout(timer);
  }, [open, count, total, first]);
  return [Math.max(count, first), setCount];
}

/** Lower case, ё as е, single spaces: how the filter compares names. */
const fold = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The entities whose name or any alias (in either language) contains the query. */
export function filterEntities(entities: Entity[], query: string): Entity[] {
  const q = fold(query);
  if (!q) return entities;
  return entities.filter((entity) =>
    [entity.name.en, entity.name.ru, ...entity.aliases.en, ...entity.aliases.ru].some((name) =>
      fold(name).includes(q),
    ),
  );
}

/** The groups to show: by type in GROUP_ORDER, types turned off left out, each in the given order. */
export function groupEntities(
  entities: Entity[],
  types?: Record<EntityType, boolean>,
): { type: EntityType; entities: Entity[] }[] {
  return GROUP_ORDER.filter((type) => !types || types[type])
    .map((type) => ({ type, entities: entities.filter((entity) => entity.type === type) }))
    .filter((group) => group.entities.length > 0);
}

const clampWidth = (width: number) => Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, width));

export function Sidebar(props: SidebarProps) {
  const { article, mentionCounts, lang, today, open, datasetVersion, theme, onToggle, onShowEntity } = props;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(open);
  const closedFromInside = useRef(false);
  const [query, setQuery] = useState('');
  /** The width while the reader drags the handle; committed through onResize on release. */
  const [dragWidth, setDragWidth] = useState<number | null>(null);
  const width = dragWidth ?? props.width ?? SIDEBAR_WIDTH.default;

  // Move focus into the panel when the reader opens it, and back to the toggle when they close it
  // from inside; a panel that starts open (restored state) must not steal focus from the page.
  useEffect(() => {
    if (open && !wasOpen.current) panelRef.current?.focus();
    if (!open && closedFromInside.current) toggleRef.current?.focus();
    closedFromInside.current = false;
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    closedFromInside.current = true;
    onToggle();
  };

  const groups = groupEntities(props.entities, props.types);
  const visible = groups.flatMap((group) => group.entities);
  const shown = new Set(filterEntities(visible, query));
  const names = new Map(visible.map((entity) => [entity.id, pick(entity.name, lang)]));
  const outside = new Map((props.related ?? []).map((entity) => [entity.id, entity]));
  const focusCard = (id: string) => {
    for (const card of panelRef.current?.querySelectorAll<HTMLElement>('[data-entity-id]') ?? []) {
      if (card.dataset.entityId === id) {
        card.scrollIntoView?.({ block: 'start' });
        card.focus();
        return true;
      }
    }
    return false;
  };
  const openRelated = (id: string) => {
    // A related card hidden by the filter, or not drawn yet, comes into view first.
    if (!focusCard(id)) {
      setQuery('');
      setDrawn(visible.length);
      setTimeout(() => focusCard(id));
    }
  };
  const [drawn, setDrawn] = useStagedCount(open, visible.length);
  let drawing = 0;
  const resize = (next: number) => props.onResize?.(clampWidth(next));
  const label = t(lang, 'toggle', visible.length);
  const allPoints = visible.flatMap((entity) =>
    keyDates(entity).map((step) => ({
      date: step.date,
      text: `${pick(entity.name, lang)}: ${pick(step.label, lang)}`,
    })),
  );

  return (
    <div
      class={open ? 'bs-root bs-open' : 'bs-root'}
      data-theme={theme}
      lang={lang}
      style={{ '--w': `${width}px` }}
    >
      <button
        ref={toggleRef}
        type="button"
        class="bs-toggle"
        data-backstory="toggle"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        aria-label={label}
        title={label}
        onClick={open ? close : onToggle}
      >
        {/* The "B" is drawn by CSS (.bs-mark::before): visible text must be part of the accessible name (WCAG 2.5.3), and a letter B is not. */}
        <span class="bs-mark" />
        <span class="bs-count">{visible.length}</span>
      </button>
      {open && (
        <aside
          ref={panelRef}
          id={PANEL_ID}
          class="bs-panel"
          // biome-ignore lint/a11y/noRedundantRoles: stated outright so tests and the content script can find it by role
          role="complementary"
          aria-label={t(lang, 'title')}
          // Busy while the cards are still being drawn, a few per task (see CARDS_PER_TASK).
          aria-busy={drawn < visible.length}
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          {/* biome-ignore lint/a11y/useSemanticElements: <hr> cannot be focused or dragged; a focusable separator is the ARIA window-splitter pattern */}
          <div
            class="bs-resize"
            role="separator"
            aria-orientation="vertical"
            aria-label={t(lang, 'resize')}
            aria-valuemin={SIDEBAR_WIDTH.min}
            aria-valuemax={SIDEBAR_WIDTH.max}
            aria-valuenow={width}
            tabIndex={0}
            onKeyDown={(event) => {
              // The handle is on the left edge: moving it left makes the panel wider.
              const step = event.shiftKey ? RESIZE_STEP * 4 : RESIZE_STEP;
              const next =
                event.key === 'ArrowLeft'
                  ? width + step
                  : event.key === 'ArrowRight'
                    ? width - step
                    : event.key === 'Home'
                      ? SIDEBAR_WIDTH.min
                      : event.key === 'End'
                        ? SIDEBAR_WIDTH.max
                        : null;
              if (next === null) return;
              event.preventDefault();
              resize(next);
            }}
            onPointerDown={(event) => {
              event.preventDefault();
              const handle = event.currentTarget;
              const startX = event.clientX;
              const startWidth = width;
              let last = startWidth;
              handle.setPointerCapture?.(event.pointerId);
              const move = (e: PointerEvent) => {
                last = clampWidth(startWidth + startX - e.clientX);
                setDragWidth(last);
              };
              const up = () => {
                handle.removeEventListener('pointermove', move);
                handle.removeEventListener('pointerup', up);
                handle.removeEventListener('pointercancel', up);
                setDragWidth(null);
                resize(last);
              };
              handle.addEventListener('pointermove', move);
              handle.addEventListener('pointerup', up);
              handle.addEventListener('pointercancel', up);
            }}
          />
          <header class="bs-head">
            <h2>{t(lang, 'title')}</h2>
            <p class="bs-meta">
              {article.date ? t(lang, 'published', formatDate(article.date, lang)) : t(lang, 'noDate')}
            </p>
            <p class="bs-meta">{t(lang, 'outlet')}</p>
            <p class="bs-meta">
              {t(
                lang,
                'dataset',
                datasetVersion,
                props.datasetDate ? formatDate(props.datasetDate, lang) : '',
              ).replace(' ()', '')}
            </p>
            <input
              class="bs-filter"
              type="search"
              aria-label={t(lang, 'filter')}
              placeholder={t(lang, 'filterPlaceholder')}
              value={query}
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
            <button
              type="button"
              class="bs-close"
              aria-label={t(lang, 'close')}
              title={t(lang, 'close')}
              onClick={close}
            >
              ×
            </button>
          </header>
          <div class="bs-body">
            {visible.length === 0 && <p class="bs-empty">{t(lang, 'empty')}</p>}
            {visible.length > 0 && shown.size === 0 && <p class="bs-empty">{t(lang, 'noMatch', query)}</p>}
            {allPoints.length > 0 && !query && (
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
                  {group.map((entity) =>
                    drawing++ >= drawn ? null : (
                      <EntityCard
                        key={entity.id}
                        entity={entity}
                        lang={lang}
                        articleDate={article.date}
                        today={today}
                        mentionCount={mentionCounts[entity.id] ?? 0}
                        onShowInArticle={onShowEntity}
                        resolveName={(id) => names.get(id) ?? null}
                        onOpenRelated={openRelated}
                        resolveOutside={(id) => outside.get(id) ?? null}
                        mentions={props.mentions?.[entity.id]}
                        onShowMention={props.onShowMention}
                      />
                    ),
                  )}
                </section>
              );
            })}
          </div>
        </aside>
      )}
    </div>
  );
}
