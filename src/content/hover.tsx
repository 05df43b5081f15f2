// Hover cards for inline mentions. When they show and hide is ui/layout/hover-timing's (Page Previews'
// timings); this module feeds it the reader's pointer, focus and key events and draws the card.
// Events the page's scripts make up (isTrusted false) are ignored, and only marks this script made
// get a card (see paint.ts).

import { render } from 'preact';
import type { Lang } from '../shared/languages';
import type { Theme } from '../shared/settings';
import type { Entity, EntityType, IsoDate } from '../shared/types';
import { HoverCard } from '../ui/HoverCard';
import { placeCard } from '../ui/layout/card-layout';
import { createHoverTiming } from '../ui/layout/hover-timing';
import type { Guard } from './guard';
import { markAt, markEntity } from './paint';
import { createShadowHost } from './shadow-host';

/**
 * The card's host element carries this id, so a mention's aria-describedby can point at it: ids do
 * not cross into shadow roots, but a host's description comes from its flattened content. Random,
 * so that no element the page made first under a known id is read out as the card.
 */
const HOST_ID = `backstory-card-${Math.random().toString(36).slice(2, 10)}`;

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
  guard: Guard;
}

export function installHoverCards(doc: Document, context: HoverContext): { close: () => void } {
  let host: ReturnType<typeof createShadowHost> | null = null;
  let anchor: HTMLElement | null = null;

  const cardHost = () => {
    if (!host) {
      host = createShadowHost(doc, 'backstory-card', context.css, context.guard);
      host.host.id = HOST_ID;
      host.host.addEventListener('mouseover', (event) => event.isTrusted && timing.enterCard());
      host.host.addEventListener('mouseleave', (event) => event.isTrusted && timing.leave());
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
      const entity = context.entities.get(markEntity(mention) ?? '');
      return entity && context.enabled(entity.type) ? entity : null;
    },
    show,
    hide: () => {
      anchor?.removeAttribute('aria-describedby');
      anchor = null;
      if (host) render(null, host.mount);
    },
  });

  const mentionOf = markAt;

  doc.addEventListener('mouseover', (event) => {
    const mention = event.isTrusted ? mentionOf(event.target) : null;
    if (mention && context.enabled()) timing.enter(mention);
  });
  doc.addEventListener('mouseout', (event) => {
    const mention = event.isTrusted ? mentionOf(event.target) : null;
    if (mention && mentionOf(event.relatedTarget) !== mention) timing.leave();
  });
  doc.addEventListener('focusin', (event) => {
    const mention = event.isTrusted ? mentionOf(event.target) : null;
    if (mention && context.enabled()) timing.focus(mention);
  });
  doc.addEventListener('focusout', (event) => {
    if (event.isTrusted && mentionOf(event.target)) timing.leave();
  });
  doc.addEventListener('keydown', (event) => {
    if (event.isTrusted && event.key === 'Escape' && timing.shown()) {
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
