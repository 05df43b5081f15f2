// A stylesheet of its own module, bundled into the content script: styles.ts is sent by the
// background instead, and importing anything from it would bundle all of it.

/**
 * Just enough of UI_CSS for the toggle and a panel that says why there is no context, for when the
 * background could not even send the stylesheet (it is bundled into the content script, so small).
 */
export const FALLBACK_CSS = `.bs-root{all:initial;display:block;font:14px/1.45 system-ui,sans-serif;color:#1c1d21}
.bs-toggle{position:fixed;top:50%;right:0;transform:translateY(-50%);z-index:2147483646;padding:8px 6px;background:#fff;border:1px solid #d9dce1;border-right:0;border-radius:8px 0 0 8px;font:inherit;cursor:pointer}
.bs-open .bs-toggle{right:360px}
.bs-mark::before{content:"B";font-weight:700}
.bs-count{display:block;font-weight:700;color:#b3261e}
.bs-panel{position:fixed;top:0;right:0;bottom:0;z-index:2147483646;width:360px;max-width:100vw;padding:12px 16px;background:#fff;border-left:1px solid #d9dce1;overflow:auto}
.bs-panel *{font:inherit;color:inherit}
.bs-resize,.bs-filter{display:none}
.bs-close{position:absolute;top:8px;right:8px}
.bs-btn{margin-top:8px;cursor:pointer}
`;
