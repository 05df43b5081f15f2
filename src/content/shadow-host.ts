// Our UI lives in closed shadow roots that the page's scripts cannot reach: they can neither read
// what Backstory shows nor change it, and events they make up (dispatchEvent, element.click()) are
// stopped at the root before any of our handlers sees them. Only what the reader does counts.
//
// The named element (<backstory-sidebar>, <backstory-card>) is only a wrapper; the UI's shadow root
// is on a plain <div> inside it. A page may define a custom element under our name before we run:
// its ElementInternals reach even a closed root on the wrapper, so the wrapper's own closed root
// holds nothing but a <slot> (and, being ours, keeps the page from giving it a root that would hide
// the <div>); a <div> made by createElement cannot be anyone's custom element. If the page's
// element already took the wrapper's root, the wrapper gets a name of its own the page cannot know.
// Content scripts cannot register custom elements themselves (their isolated world has no usable
// customElements registry). The stylesheet arrives from the background (see PageUi in
// shared/messages.ts).

import type { Guard } from './guard';

export interface ShadowHost {
  /** The named wrapper in the page's DOM. */
  host: HTMLElement;
  root: ShadowRoot;
  mount: HTMLElement;
}

/**
 * Inline, so that no page style can hide or move the wrapper or the host: `display: contents` is
 * important (no box of theirs to hide, move or cover); the rest is reset too, but not as important,
 * which would keep a reader's own stylesheet from adjusting text spacing (WCAG 1.4.12). Inside,
 * the UI's root element resets everything again (ui/styles.ts).
 */
const HOST_STYLE = 'all: initial; display: contents !important;';

/** Events a reader makes on our UI; the page's made-up ones are stopped at the shadow root. */
const SHIELDED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mouseleave',
  'pointerdown',
  'pointermove',
  'pointerup',
  'pointercancel',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'change',
  'beforeinput',
  'focusin',
  'focus',
  'submit',
  'toggle',
  'wheel',
] as const;

/** Stops events the page dispatched itself (isTrusted false) before they reach anything of ours. */
export function shieldFromUntrusted(target: EventTarget): void {
  for (const type of SHIELDED_EVENTS)
    target.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      { capture: true },
    );
}

export function createShadowHost(
  doc: Document,
  tagName: 'backstory-sidebar' | 'backstory-card',
  css: string,
  guard: Guard,
): ShadowHost {
  let host = doc.createElement(tagName);
  try {
    host.attachShadow({ mode: 'closed' }).append(doc.createElement('slot'));
  } catch {
    host = doc.createElement(`${tagName}-${Math.random().toString(36).slice(2, 10)}`);
    host.attachShadow({ mode: 'closed' }).append(doc.createElement('slot'));
  }
  const inner = doc.createElement('div');
  const restyle = () => {
    for (const element of [host, inner]) {
      element.removeAttribute('hidden');
      element.removeAttribute('inert');
      element.style.cssText = HOST_STYLE;
    }
  };
  restyle();
  /** The style as this browser writes it back, to notice any change the page makes. */
  const style0 = host.style.cssText;
  const root = inner.attachShadow({ mode: 'closed' });
  shieldFromUntrusted(root);
  const style = doc.createElement('style');
  style.textContent = css;
  const mount = doc.createElement('div');
  root.append(style, mount);
  host.append(inner);
  const parent = () => doc.body ?? doc.documentElement;
  parent().append(host);
  // Whatever the page removes, moves or restyles is put back (within the guard's bounds).
  guard.keep({
    intact: () =>
      host.parentNode === parent() &&
      inner.parentNode === host &&
      [host, inner].every(
        (element) =>
          element.style.cssText === style0 &&
          !element.hasAttribute('hidden') &&
          !element.hasAttribute('inert'),
      ),
    repair() {
      restyle();
      if (inner.parentNode !== host) host.append(inner);
      if (host.parentNode !== parent()) parent().append(host);
    },
    watch: [host, inner],
  });
  return { host, root, mount };
}
