// Hover cards for inline mentions. When they show and hide is ui/layout/hover-timing's (Page Previews'
// timings); this module feeds it the page's pointer, focus and key events and draws the card.

import { render } from 'preact';
import type { Lang } from '../shared/languages';
import type { Theme } from '../shared/settings';
import type { Entity, EntityType, IsoDate } from '../shared/types';
import { HoverCard } from '../ui/HoverCard';
import { placeCard } from '../ui/layout/card-layout';
import { createHoverTiming } from '../ui/layout/hover-timing';
import { MENTION_TAG } from './paint';
import { createShadowHost } from './shadow-host';

/** The card's host element carries this id, so a mention's aria-describedby can point at it: ids do not cross into shadow roots, but a host's description comes from its flattened content. */
const HOST_ID = 'backstory-hover-card';

export interface HoverContext {
  entities: ReadonlyMap<string, Entity>;
  css: string;
  lang: () => Lang;
  theme: () => Theme;
  /** Date of the article a mention is in (a page may hold several, appended as the reader scrolls). */
  articleDate: (mention: HTMLElement) => IsoDate | null;
  today: IsoDate;
  /** Hover cards are on (and, given a type, that type is shown). */
  enabled: (type?: EntityType) => boolean;
  onDisable: () => void;
}

export function installHoverCards(doc: Document, context: HoverContext): { close: () => void } {
  let host: ReturnType<typeof createShadowHost> | null = null;
  let anchor: HTMLElement | null = null;

  const cardHost = () => {
    if (!host) {
      host = createShadowHost(doc, 'backstory-card', context.css);
      host.host.id = HOST_ID;
      host.host.addEventListener('mouseover', () => timing.enterCard());
      host.host.addEventListener('mouseleave', () => timing.leave());
    }
    return host;
  };

  const show = (mention: HTMLElement, entity: Entity | null) => {
    if (!entity) return;
    const { mount } = cardHost();
    anchor?.removeAttribute('aria-describedby');
    anchor = mention;
    const draw = (left: number, top: number) =>
      render(
        <HoverCard
          id="backstory-card"
          entity={entity}
          lang={context.lang()}
          theme={context.theme()}
          articleDate={context.articleDate(mention)}
          today={context.today}
          left={left}
          top={top}
          onDisable={() => {
            timing.close();
            context.onDisable();
          }}
        />,
        mount,
      );
    // Draw off-screen first to measure the card, then place it by the pure layout function.
    draw(-10_000, -10_000);
    const card = mount.firstElementChild?.getBoundingClientRect();
    const view = doc.documentElement;
    const place = placeCard(
      // A mention that wraps across lines: attach the card to its first line.
      mention.getClientRects()[0] ?? mention.getBoundingClientRect(),
      { width: card?.width ?? 320, height: card?.height ?? 160 },
      { width: view.clientWidth, height: view.clientHeight },
    );
    draw(place.left, place.top);
    mention.setAttribute('aria-describedby', HOST_ID);
  };

  const timing = createHoverTiming<HTMLElement, Entity | null>({
    load: (mention) => {
      const entity = context.entities.get(mention.dataset.entityId ?? '');
      return entity && context.enabled(entity.type) ? entity : null;
    },
    show,
    hide: () => {
      anchor?.removeAttribute('aria-describedby');
      anchor = null;
      if (host) render(null, host.mount);
    },
  });

  const mentionOf = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? (target.closest(MENTION_TAG) as HTMLElement | null) : null;

  doc.addEventListener('mouseover', (event) => {
    const mention = mentionOf(event.target);
    if (mention && context.enabled()) timing.enter(mention);
  });
  doc.addEventListener('mouseout', (event) => {
    const mention = mentionOf(event.target);
    if (mention && mentionOf(event.relatedTarget) !== mention) timing.leave();
  });
  doc.addEventListener('focusin', (event) => {
    const mention = mentionOf(event.target);
    if (mention && context.enabled()) timing.focus(mention);
  });
  doc.addEventListener('focusout', (event) => {
    if (mentionOf(event.target)) timing.leave();
  });
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && timing.shown()) {
      // Escape closes the card first; the sidebar's own Escape handling sees defaultPrevented.
      event.preventDefault();
      timing.close();
    }
  });
  // A card left behind by scrolling would point at nothing; a card in a window the reader left is noise.
  doc.addEventListener('scroll', () => timing.shown() && timing.close(), { passive: true });
  doc.defaultView?.addEventListener('blur', () => timing.close());

  return { close: timing.close };
}
