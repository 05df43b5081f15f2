// The sidebar in the page: its shadow-root host, drawing it with the current settings, opening and
// closing it, and pushing the page aside while it is open. Nothing on the host tells the page which
// extension version or dataset this is; only the reader's own keys and clicks open or close it.

import { render } from 'preact';
import { todayIso } from '../dataset/status';
import type { DatasetInfo, DatasetNotice, RelatedEntity } from '../shared/messages';
import { interfaceLanguage, sidebarStartsOpen } from '../shared/settings';
import type { Entity } from '../shared/types';
import type { DetectedArticle } from '../site/detect';
import type { MentionIndex } from '../ui/layout/mention-index';
import { Sidebar, type SidebarProblem } from '../ui/Sidebar';
import type { Guard } from './guard';
import type { SettingsSync } from './settings-sync';
import { createShadowHost } from './shadow-host';

/**
 * The open sidebar pushes the page aside when at least this much width is left beside it (a readable
 * column of text), and lies over the page otherwise. A fixed width, not the article's: measuring the
 * article would force a layout of the whole page, and once pushed it measures its squeezed self.
 */
const READING_WIDTH = 600;

export interface SidebarContent {
  article: DetectedArticle;
  entities: Entity[];
  related: RelatedEntity[];
  /** Absent when Backstory could not annotate the article (see `problem`). */
  dataset?: DatasetInfo;
  index: MentionIndex;
  css: string;
  guard: Guard;
  /** Why there is no context here, in plain words, with a way forward. */
  problem?: SidebarProblem;
  /** A caveat on the context given (the bundled dataset serves from memory). */
  notice?: DatasetNotice;
}

export interface MountedSidebar {
  host: HTMLElement;
  toggle(): void;
  /** Draws again with the current settings. */
  draw(): void;
}

/** The index of an article with no mentions: for a sidebar that only says why there is no context. */
export const NO_MENTIONS: MentionIndex = { counts: {}, positions: {}, snippets: {} };

export function mountSidebar(
  doc: Document,
  content: SidebarContent,
  settings: SettingsSync,
  reveal: (mentionIndex: number | undefined) => void,
): MountedSidebar {
  const { article, entities, related, dataset, index } = content;
  const root = doc.documentElement;
  const view = doc.defaultView ?? window;
  const today = todayIso();
  let open = sidebarStartsOpen(settings.current());
  const sidebar = createShadowHost(doc, 'backstory-sidebar', content.css, content.guard);

  /** Pushes the page aside while the sidebar is open and a readable column is left; overlays otherwise. */
  const pushPage = () => {
    const width = settings.current().sidebarWidth;
    const push = open && view.innerWidth - width >= READING_WIDTH;
    root.style.setProperty('margin-right', push ? `${width}px` : '');
  };
  const draw = () => {
    // In the frame that shows the panel's frame, before its cards fill in over the next tasks, each a
    // layout of the panel: the page moves once, with the panel, in a frame with little else to do.
    pushPage();
    const current = settings.current();
    render(
      <Sidebar
        article={article}
        entities={entities}
        mentionCounts={index.counts}
        mentions={index.snippets}
        related={related}
        lang={interfaceLanguage(current, article.lang)}
        theme={current.theme}
        types={current.types}
        width={current.sidebarWidth}
        today={today}
        open={open}
        datasetVersion={dataset?.version ?? ''}
        datasetDate={dataset?.date}
        problem={content.problem}
        notice={content.notice}
        onToggle={toggle}
        onResize={(sidebarWidth) => {
          settings.update({ sidebarWidth });
          draw();
        }}
        onShowEntity={(id) => reveal(index.positions[id]?.[0])}
        onShowMention={(id, position) => reveal(index.positions[id]?.[position])}
      />,
      sidebar.mount,
    );
  };
  function toggle() {
    open = !open;
    if (settings.current().openSidebar === 'remember') settings.update({ sidebarOpen: open });
    draw();
  }
  view.addEventListener('resize', pushPage, { passive: true });
  doc.addEventListener('keydown', (event) => {
    // Only the reader's own key closes it (a page's made-up Escape would be saved for every tab).
    if (!event.isTrusted) return;
    // Inside the panel the Sidebar component handles Escape itself.
    if (event.composedPath().includes(sidebar.host)) return;
    if (event.key === 'Escape' && open && !event.defaultPrevented) toggle();
  });
  draw();
  return { host: sidebar.host, toggle, draw };
}
