// Hover cards for inline mentions, with Page Previews' timings: a dwell before showing, so passing
// the pointer over a mention does nothing; a grace period before hiding, so the pointer can travel
// into the card; stale timers dropped whenever the pointer or focus moves on.

import { render } from 'preact';
import { placeCard } from '../core/card-layout';
import type { Entity, IsoDate, Lang } from '../core/types';
import { HoverCard } from '../ui/HoverCard';
import { MENTION_TAG } from './paint';
import { createShadowHost } from './shadow-host';

export const DWELL_MS = 150;
export const GRACE_MS = 300;

export interface HoverContext {
  entities: ReadonlyMap<string, Entity>;
  lang: Lang;
  articleDate: IsoDate | null;
  today: IsoDate;
  enabled: () => boolean;
  onDisable: () => void;
}

export function installHoverCards(doc: Document, context: HoverContext): { hide: () => void } {
  let host: ReturnType<typeof createShadowHost> | null = null;
  let anchor: HTMLElement | null = null;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const cardHost = () => {
    if (!host) {
      host = createShadowHost(doc, 'backstory-card');
      host.host.addEventListener('mouseenter', () => clearTimeout(hideTimer));
      host.host.addEventListener('mouseleave', () => scheduleHide());
    }
    return host;
  };

  const hide = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (anchor) anchor.removeAttribute('aria-describedby');
    anchor = null;
    if (host) render(null, host.mount);
  };

  const scheduleHide = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, GRACE_MS);
  };

  const show = (mention: HTMLElement) => {
    const entity = context.entities.get(mention.dataset.entityId ?? '');
    if (!entity || !context.enabled()) return;
    const { mount } = cardHost();
    anchor = mention;
    const draw = (left: number, top: number) =>
      render(
        <HoverCard
          id="backstory-hover-card"
          entity={entity}
          lang={context.lang}
          articleDate={context.articleDate}
          today={context.today}
          left={left}
          top={top}
          onDisable={() => {
            hide();
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
  };

  const mentionOf = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? (target.closest(MENTION_TAG) as HTMLElement | null) : null;

  doc.addEventListener('mouseover', (event) => {
    const mention = mentionOf(event.target);
    if (!mention) return;
    clearTimeout(hideTimer);
    if (mention === anchor) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(() => show(mention), DWELL_MS);
  });
  doc.addEventListener('mouseout', (event) => {
    if (mentionOf(event.target)) scheduleHide();
  });
  doc.addEventListener('focusin', (event) => {
    const mention = mentionOf(event.target);
    if (mention) {
      clearTimeout(hideTimer);
      show(mention);
    }
  });
  doc.addEventListener('focusout', (event) => {
    if (mentionOf(event.target)) scheduleHide();
  });
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && anchor) {
      // Escape closes the card first; the sidebar's own Escape handling sees defaultPrevented.
      event.preventDefault();
      hide();
    }
  });
  // A card left behind by scrolling would point at nothing.
  doc.addEventListener('scroll', () => anchor && hide(), { passive: true });

  return { hide };
}
