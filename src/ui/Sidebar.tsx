// The in-page toggle and the panel with the full context of the article, grouped by type.

import { useEffect, useRef } from 'preact/hooks';
import { formatDate } from '../core/status';
import type { ArticleInfo, Entity, EntityType, IsoDate, Lang } from '../core/types';
import { EntityCard, pick } from './EntityCard';
import { groupName, t } from './strings';

export interface SidebarProps {
  article: ArticleInfo;
  /** In order of first mention. */
  entities: Entity[];
  mentionCounts: Record<string, number>;
  lang: Lang;
  today: IsoDate;
  open: boolean;
  datasetVersion: string;
  theme?: 'light' | 'dark';
  onToggle: () => void;
  onShowEntity: (id: string) => void;
}

const GROUP_ORDER: EntityType[] = ['treaty', 'event', 'organization'];
const PANEL_ID = 'backstory-panel';

export function Sidebar(props: SidebarProps) {
  const {
    article,
    entities,
    mentionCounts,
    lang,
    today,
    open,
    datasetVersion,
    theme,
    onToggle,
    onShowEntity,
  } = props;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(open);
  const closedFromInside = useRef(false);

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

  const names = new Map(entities.map((entity) => [entity.id, pick(entity.name, lang)]));
  const openRelated = (id: string) => {
    for (const card of panelRef.current?.querySelectorAll<HTMLElement>('[data-entity-id]') ?? []) {
      if (card.dataset.entityId === id) {
        card.scrollIntoView?.({ block: 'start' });
        card.focus();
      }
    }
  };
  const label = t(lang, 'toggle', entities.length);

  return (
    <div class={open ? 'bs-root bs-open' : 'bs-root'} data-theme={theme} lang={lang}>
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
        <span class="bs-mark" aria-hidden="true">
          B
        </span>
        <span class="bs-count">{entities.length}</span>
      </button>
      {open && (
        <aside
          ref={panelRef}
          id={PANEL_ID}
          class="bs-panel"
          // biome-ignore lint/a11y/noRedundantRoles: stated outright so tests and the content script can find it by role
          role="complementary"
          aria-label={t(lang, 'title')}
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <header class="bs-head">
            <h2>{t(lang, 'title')}</h2>
            <p class="bs-meta">
              {article.date ? t(lang, 'published', formatDate(article.date, lang)) : t(lang, 'noDate')}
            </p>
            <p class="bs-meta">{t(lang, 'outlet')}</p>
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
            {entities.length === 0 && <p class="bs-empty">{t(lang, 'empty')}</p>}
            {GROUP_ORDER.map((type) => {
              const group = entities.filter((entity) => entity.type === type);
              if (group.length === 0) return null;
              const headingId = `backstory-group-${type}`;
              return (
                <section key={type} class="bs-group" aria-labelledby={headingId}>
                  <h3 id={headingId}>{groupName(lang, type)}</h3>
                  {group.map((entity) => (
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
                    />
                  ))}
                </section>
              );
            })}
          </div>
          <footer class="bs-foot">{t(lang, 'dataset', datasetVersion)}</footer>
        </aside>
      )}
    </div>
  );
}
