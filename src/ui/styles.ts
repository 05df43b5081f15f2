// One stylesheet for both shadow roots (sidebar and hover card). The page's CSS cannot reach into
// a shadow root, but inherited properties (font, colour, line-height...) still flow in through
// the host. `:host { all: initial }` alone is not enough: a page rule that matches the host element
// (`* { letter-spacing: 3px }`) outranks any :host rule (CSS Scoping, cascade order of shadow
// contexts), so our root element resets everything again and sets its own font. Sizes are in px
// so the page's root font size has no say.

const LIGHT =
  '--bg:#fff;--fg:#1c1d21;--mu:#5b6068;--bd:#d9dce1;--so:#f3f4f6;--ac:#1a5fb4;--af:#fff;--ok:#1e7b34;--wa:#8a5a00;--ba:#b3261e';
const DARK =
  '--bg:#1f2023;--fg:#e8eaed;--mu:#a3a7ae;--bd:#3c4043;--so:#2a2c30;--ac:#8ab4f8;--af:#111;--ok:#81c995;--wa:#f2c14e;--ba:#f28b82';

export const UI_CSS = `:host{all:initial}
.bs-root{all:initial;${LIGHT};display:block;color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:left;-webkit-text-size-adjust:100%}
@media (prefers-color-scheme:dark){.bs-root:not([data-theme=light]){${DARK}}}
.bs-root[data-theme=dark]{${DARK}}
.bs-root *{box-sizing:border-box}
:where(.bs-root) :where(h2,h3,h4,h5,p,ul,ol,dl,dd){margin:0;padding:0}
:where(.bs-root) button{font:inherit;color:inherit;cursor:pointer}
.bs-root :focus-visible{outline:2px solid var(--ac);outline-offset:2px}
.bs-root a{color:var(--ac)}
.bs-toggle{position:fixed;top:50%;right:0;transform:translateY(-50%);z-index:2147483646;display:flex;flex-direction:column;align-items:center;gap:4px;padding:8px 6px;background:var(--bg);border:1px solid var(--bd);border-right:0;border-radius:8px 0 0 8px;box-shadow:0 2px 8px rgba(0,0,0,.2)}
.bs-open .bs-toggle{right:min(var(--w,360px),100vw)}
.bs-mark{display:grid;place-items:center;width:24px;height:24px;border-radius:50%;background:var(--ac);color:var(--af);font-weight:700;font-size:14px}
.bs-mark::before{content:"B"}
.bs-count{font-size:12px;font-weight:600}
.bs-warn{color:var(--ba);font-size:14px}
.bs-problem{margin:16px 0;display:flex;flex-direction:column;align-items:flex-start;gap:8px}
.bs-more{margin:6px 0 0 22px}
.bs-panel{position:fixed;top:0;right:0;bottom:0;z-index:2147483646;display:flex;flex-direction:column;width:var(--w,360px);max-width:100vw;background:var(--bg);border-left:1px solid var(--bd);box-shadow:-2px 0 12px rgba(0,0,0,.15);outline:0;contain:size layout style}
.bs-head{position:relative;padding:12px 48px 10px 16px;border-bottom:1px solid var(--bd)}
.bs-head h2{font-size:18px;font-weight:700}
.bs-meta{font-size:12px;color:var(--mu)}
.bs-close{position:absolute;top:8px;right:8px;width:32px;height:32px;border:0;border-radius:6px;background:none;font-size:20px;line-height:1}
.bs-close:hover{background:var(--so)}
.bs-body{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:4px 16px 16px}
.bs-group>h3{margin:14px 0 6px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--mu)}
.bs-empty{margin:16px 0;color:var(--mu)}
.bs-card{margin-bottom:10px;padding:10px 12px;border:1px solid var(--bd);border-radius:8px}
.bs-card:focus{outline:2px solid var(--ac)}
.bs-name{font-size:15px;font-weight:700;line-height:1.3}
.bs-type{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--mu)}
.bs-summary{margin:6px 0}
.bs-status{display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;margin:6px 0;font-size:13px}
.bs-status dt{color:var(--mu)}
.bs-status dd{font-weight:600}
[data-status=in-force],[data-status=active],[data-status=ongoing]{color:var(--ok)}
[data-status=suspended]{color:var(--wa)}
[data-status=expired],[data-status=terminated],[data-status=dissolved]{color:var(--ba)}
.bs-sub{margin:8px 0 2px;font-size:12px;font-weight:700;color:var(--mu)}
.bs-list{list-style:none;font-size:13px}
.bs-list time{font-weight:600;margin-right:6px}
.bs-acts{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;margin-top:8px}
.bs-btn{padding:3px 8px;font-size:12px;background:var(--so);border:1px solid var(--bd);border-radius:6px}
.bs-btn:hover{border-color:var(--ac)}
.bs-hover{position:fixed;z-index:2147483647;width:max-content;max-width:min(320px,calc(100vw - 16px));padding:10px 12px;background:var(--bg);border:1px solid var(--bd);border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.25)}
.bs-hover .bs-summary{display:-webkit-box;-webkit-line-clamp:5;-webkit-box-orient:vertical;overflow:hidden}
.bs-off{margin-top:6px;padding:0;background:none;border:0;font-size:11px;color:var(--mu);text-decoration:underline}
.bs-resize{position:absolute;top:0;bottom:0;left:-4px;width:8px;cursor:ew-resize;z-index:1;touch-action:none}
.bs-resize:hover,.bs-resize:focus-visible{background:var(--ac);outline:0}
.bs-filter{display:block;width:100%;margin-top:8px;padding:5px 8px;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--mu);border-radius:6px}
.bs-filter::placeholder{color:var(--mu);opacity:1}
.bs-tl{display:block;width:100%;height:auto;margin:6px 0 2px;overflow:visible}
.bs-tl-axis{stroke:var(--mu);stroke-width:1}
.bs-tl-dot{fill:var(--mu)}
.bs-tl-after{fill:var(--bg);stroke:var(--ac);stroke-width:1.5}
.bs-tl-now{stroke:var(--ac);stroke-width:2}
.bs-tl-now-t,.bs-tl-y{font-size:10px;fill:var(--fg)}
.bs-tl-now-t{font-weight:700;fill:var(--ac)}
.bs-all{margin:10px 0 4px}
.bs-root details{margin-top:6px;font-size:13px}
.bs-root summary{cursor:pointer;color:var(--fg)}
.bs-rel{flex-basis:100%;padding:4px 8px;border:1px dashed var(--bd);border-radius:6px}
.bs-rel p{margin-top:4px}
.bs-ments ol{margin:4px 0 0;padding-left:22px}
.bs-ment{display:block;width:100%;padding:2px 4px;border:0;border-radius:4px;background:none;text-align:left;font-size:12px}
.bs-ment:hover{background:var(--so)}
`;

/**
 * The page-side stylesheet for inline marks (<backstory-mention>), added to the document itself.
 * Turning marks off makes their colours transparent rather than removing the underline: a colour is
 * only repainted, while taking away a border or decoration had the browser lay out the whole article
 * again (test/bench/longtask.mjs shows the difference on the long test article).
 */
export const MARK_CSS = `
backstory-mention { all: unset; display: inline; cursor: help; text-decoration: underline dotted currentColor;
  text-underline-offset: 0.2em; background-color: rgba(58, 120, 190, 0.12); }
backstory-mention:focus-visible { outline: 2px solid #3a78be; outline-offset: 1px; }
backstory-mention[data-flash] { background-color: rgba(224, 165, 38, 0.45); transition: background-color 0.3s; }
html.backstory-marks-off backstory-mention { text-decoration-color: transparent; background-color: transparent; cursor: auto; }
`;
