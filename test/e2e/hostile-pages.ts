// A generator of hostile TASS article pages, seeded and reproducible: page N of seed S is always the
// same bytes. Each page is a tass.com article (the seed fixture's frame) whose body is made of
// sentences naming known entities, with a random mix of what a real or malicious page may do: be
// huge or deeply nested, carry weird Unicode or text that looks like HTML (or like Backstory's own
// marks), forge marks, take Backstory's names first, remove its elements (a few times or for ever),
// mutate continuously, recycle article containers, or flood the document with made-up events.
// The test (hostile-pages.test.ts) loads many of them in one tab and checks what a reader would.

/** A sentence of our own and the entity the matcher finds in it. */
const SENTENCES: readonly [string, string][] = [
  ['Officials discussed the future of the New START treaty on Tuesday.', 'new-start'],
  ['NATO ministers met in Brussels to review the alliance posture.', 'nato'],
  ['The OSCE said its observers would return next month.', 'osce'],
  ['The CSTO held drills in Tajikistan.', 'csto'],
];

/** Unicode that trips text handling: combining marks, bidi controls, joiners, astral characters. */
const WEIRD = [
  'e\u0301\u0301\u0301',
  '\u202Eevil\u202C',
  'a\u200Db\u200Cc',
  '\uD83D\uDE00\uD83C\uDDF7\uD83C\uDDFA',
  'soft\u00ADhyphen',
  '\uFEFF',
  'Ꙭ꙰',
  '\u0000\u0007',
  '\uD800',
];

/** Text that looks like markup (escaped in the HTML, so it is text in the page). */
const HTML_LIKE = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&lt;backstory-mention data-entity-id="nato"&gt;NATO&lt;/backstory-mention&gt;',
  '"&gt;&lt;img src=x onerror=alert(1)&gt;',
  '&lt;backstory-sidebar&gt;&lt;/backstory-sidebar&gt;',
  '{{constructor.constructor("alert(1)")()}}',
];

/** Page scripts, by trait (run in the page's main world before Backstory). */
const SCRIPTS: Record<string, string> = {
  squat: `for (const n of ['backstory-sidebar','backstory-card']) customElements.define(n, class extends HTMLElement {
      constructor() { super(); this.attachInternals(); this.attachShadow({ mode: 'open' }).innerHTML = '<b>squat</b>'; } });
    const s = document.createElement('style'); s.id = 'backstory-mark-style'; document.head.append(s);
    document.documentElement.dataset.backstoryDone = '1';`,
  forge: `addEventListener('load', () => { const m = document.createElement('backstory-mention');
    m.dataset.entityId = 'nato'; m.tabIndex = 0; m.textContent = 'forged'; document.querySelector('.news-header').append(m); });`,
  removeFew: `let n = 0; new MutationObserver(() => { for (const e of document.querySelectorAll('body > *'))
    if (n < 4 && e.localName.startsWith('backstory-')) { e.remove(); n++; } }).observe(document.documentElement, { childList: true, subtree: true });`,
  removeAlways: `new MutationObserver(() => { for (const e of document.querySelectorAll('body > *'))
    if (e.localName.startsWith('backstory-')) e.remove(); }).observe(document.documentElement, { childList: true, subtree: true });`,
  mutate: `addEventListener('load', () => { const box = document.createElement('div'); box.id = 'ticker'; document.body.append(box);
    let i = 0; setInterval(() => { box.textContent = 'tick ' + (i++); if (box.childNodes.length > 50) box.replaceChildren(); }, 1); });`,
  recycle: `addEventListener('load', () => { const main = document.querySelector('main') || document.body; let i = 0;
    setInterval(() => { const c = document.createElement('div'); c.className = 'news';
      c.innerHTML = '<h1 class="news-header__title">Item ' + i + '</h1><div class="text-content"><div class="text-block"><p>MOSCOW, January 14. /TASS/. NATO ministers met again, item ' + (i++) + '.</p></div></div>';
      main.append(c); const all = main.querySelectorAll(':scope > .news'); if (all.length > 4) all[1].remove(); }, 50); });`,
  events: `addEventListener('load', () => setInterval(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      const m = document.querySelector('backstory-mention'); m && m.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      for (const e of document.querySelectorAll('body > *')) if (e.localName.startsWith('backstory-')) e.click();
    }, 10));`,
  manyContainers: `addEventListener('load', () => { const f = document.createDocumentFragment();
    for (let i = 0; i < 2000; i++) { const d = document.createElement('div'); d.className = 'news'; d.textContent = 'teaser ' + i; f.append(d); }
    document.body.append(f); });`,
};

export interface HostilePage {
  html: string;
  /** Entity ids the article body names (each must be marked). */
  expected: string[];
  /** The traits drawn for this page, for failure messages. */
  traits: string[];
  /** The page removes Backstory's elements for ever: it may only be told on the toolbar button. */
  removesForever: boolean;
}

/** mulberry32: a small seeded PRNG, so a page can be rebuilt from its seed and number alone. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Page `n` of `seed`, built into `template` (the seed fixture: its body blocks are replaced). */
export function hostilePage(template: string, seed: number, n: number): HostilePage {
  const rand = random(seed * 100_003 + n);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const traits: string[] = [];
  const chance = (trait: string, p: number) => {
    const yes = rand() < p;
    if (yes) traits.push(trait);
    return yes;
  };
  const huge = chance('huge', 0.05);
  const deep = chance('deep', 0.15);
  const weird = chance('weird', 0.35);
  const htmlLike = chance('html-like', 0.35);
  const scripts = Object.keys(SCRIPTS).filter((name) =>
    chance(name, name === 'removeAlways' ? 0.05 : name === 'manyContainers' ? 0.08 : 0.12),
  );
  const paragraphs = huge ? 300 + Math.floor(rand() * 200) : 1 + Math.floor(rand() * 12);
  const expected = new Set<string>();
  const blocks: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const parts: string[] = p === 0 ? ['MOSCOW, January 14. /TASS/.'] : [];
    const count = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < count; s++) {
      const [sentence, id] = pick(SENTENCES);
      parts.push(escapeHtml(sentence));
      expected.add(id);
      // Between sentences, never inside a name: the names must still be found.
      if (weird && rand() < 0.5) parts.push(escapeHtml(pick(WEIRD)));
      if (htmlLike && rand() < 0.4) parts.push(pick(HTML_LIKE));
    }
    blocks.push(`<p>${parts.join(' ')}</p>`);
  }
  let body = `<div class="text-block">\n${blocks.join('\n')}\n</div>`;
  const head = scripts.map((name) => `<script>${SCRIPTS[name]}</script>`).join('');
  let html = template.replace(
    /<div class="text-content">[\s\S]*?<div class="tags">/,
    `<div class="text-content" id="hostile-body">${body}</div>\n<div class="tags">`,
  );
  if (!html.includes('hostile-body')) throw new Error('the template has no .text-content followed by .tags');
  if (deep) {
    const depth = 100 + Math.floor(rand() * 400);
    html = html.replace(/<main class="container">([\s\S]*)<\/main>/, (_, inner: string) => {
      body = `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;
      return `<main class="container">${body}</main>`;
    });
  }
  html = html.replace('<head>', `<head>${head}`);
  return { html, expected: [...expected].sort(), traits, removesForever: scripts.includes('removeAlways') };
}
