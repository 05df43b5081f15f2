// Our UI lives in open shadow roots of undefined, hyphenated host elements: content scripts cannot
// register custom elements (their isolated world has no usable customElements registry), but any
// hyphenated element accepts attachShadow in Chromium and Firefox. The page's CSS cannot reach in.
// The stylesheet arrives with the background's annotate reply (see PageUi in shared/messages.ts).

export function createShadowHost(
  doc: Document,
  tagName: 'backstory-sidebar' | 'backstory-card',
  css: string,
): {
  host: HTMLElement;
  root: ShadowRoot;
  mount: HTMLElement;
} {
  const host = doc.createElement(tagName);
  // Inline so no page style can hide or move the host itself.
  host.style.cssText = 'all: initial; position: static; display: contents;';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const mount = doc.createElement('div');
  root.append(style, mount);
  (doc.body ?? doc.documentElement).append(host);
  return { host, root, mount };
}
