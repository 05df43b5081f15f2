import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../src/site/detect';
import { type ExtractedText, extractText, locate } from '../../../src/site/extract';

const pagesDir = new URL('../../fixtures/pages/', import.meta.url);
const readPage = (name: string) => readFileSync(new URL(name, pagesDir), 'utf8');
const blocksOf = (html: string, selector = 'p, h1, h2') =>
  Array.from(parseHTML(`<html><body>${html}</body></html>`).document.querySelectorAll(selector));

/** What the DOM pieces that `locate` returns spell out. */
const spelled = (ex: ExtractedText, start: number, end: number) =>
  locate(ex, start, end)
    .map((p) => p.node.data.slice(p.startOffset, p.endOffset))
    .join('');

// A small deterministic generator so failures reproduce.
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** The extracted text with the separators taken out, as the DOM pieces would spell it. */
const withoutSeparators = (ex: ExtractedText, start: number, end: number) => {
  let out = '';
  for (const seg of ex.segments) {
    const a = Math.max(start, seg.start);
    const b = Math.min(end, seg.start + seg.node.data.length);
    if (b > a) out += ex.text.slice(a, b);
  }
  return out;
};

describe('extractText', () => {
  it('joins blocks with a blank line and keeps text verbatim', () => {
    const ex = extractText(blocksOf('<h1>Title</h1><p>One  <b>bold</b>\u00a0two</p><p>Three</p>'));
    expect(ex.text).toBe('Title\n\nOne  bold\u00a0two\n\nThree');
    for (const seg of ex.segments)
      expect(ex.text.slice(seg.start, seg.start + seg.node.data.length)).toBe(seg.node.data);
  });

  it('skips scripts, styles, buttons, hidden parts, captions and our own UI, but reads mention wrappers', () => {
    const ex = extractText(
      blocksOf(
        `<div>A<script>var x = 1;</script><style>p{}</style><noscript>no</noscript><template>t</template>
        <svg><text>svg</text></svg><button>Share</button><span hidden>hidden</span><span aria-hidden="true">aria</span>
        <figure><img alt=""><figcaption>caption</figcaption></figure><span class="photo-credit">credit</span>
        <backstory-card>card</backstory-card><span data-backstory="toggle">toggle</span>
        B <backstory-mention data-entity-id="nato">NATO</backstory-mention> C</div>`,
        'div',
      ),
    );
    expect(ex.text.replace(/\s+/g, ' ')).toBe('A B NATO C');
  });

  it('does not emit separators for blocks without text, nor read a node twice', () => {
    const blocks = blocksOf('<p>One</p><p></p><p><span hidden>x</span></p><p>Two</p>');
    const ex = extractText([...blocks, blocks[0]!]);
    expect(ex.text).toBe('One\n\nTwo');
    expect(extractText([]).text).toBe('');
    expect(extractText([]).segments).toEqual([]);
  });

  it('reads a block nested in another block once, where it is first reached', () => {
    const outer = blocksOf('<div><p>Lead</p> and the rest</div>', 'div')[0]!;
    const inner = outer.querySelector('p')!;
    expect(extractText([outer, inner]).text).toBe('Lead and the rest');
    const innerFirst = extractText([inner, outer]);
    expect(innerFirst.text).toBe('Lead\n\n and the rest');
    expect(innerFirst.segments.map((s) => s.node.data)).toEqual(['Lead', ' and the rest']);
  });

  it('keeps offsets right through nested inline markup and a mention wrapper', () => {
    const [p] = blocksOf(
      '<p>Moscow and <a href="/x">Washington <b>extended</b></a> the <backstory-mention>Strategic Arms Reduction Treaty (<i>New START</i>)</backstory-mention> for five years.</p>',
    );
    const ex = extractText([p!]);
    expect(ex.text).toBe(
      'Moscow and Washington extended the Strategic Arms Reduction Treaty (New START) for five years.',
    );
    const start = ex.text.indexOf('New START');
    const pieces = locate(ex, start, start + 'New START'.length);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.node.parentElement?.tagName.toLowerCase()).toBe('i');
    expect(pieces[0]).toMatchObject({ startOffset: 0, endOffset: 9 });
    const cross = ex.text.indexOf('Washington extended the Strategic');
    expect(locate(ex, cross, cross + 33).map((x) => x.node.data)).toEqual([
      'Washington ',
      'extended',
      ' the ',
      'Strategic Arms Reduction Treaty (',
    ]);
  });
});

describe('locate', () => {
  it('maps random spans of every fixture article back to text nodes exactly', () => {
    const next = random(42);
    for (const [name, url] of [
      ['tass-com-2022-seed.html', 'http://tass.com/politics/1387519'],
      ['tass-com-2022-seed-amp.html', 'http://tass.com/politics/1387519/amp'],
      ['tass-ru-2017.html', 'http://tass.ru/mezhdunarodnaya-panorama/4795512'],
      ['tass-ru-2021.html', 'https://tass.ru/politika/10609733'],
      ['tass-ru-current.html', 'https://tass.ru/mezhdunarodnaya-panorama/20812345'],
      ['tass-com-malformed.html', 'http://tass.com/politics/1585000'],
    ] as const) {
      const article = detectArticle(parseHTML(readPage(name)).document, url);
      expect(article, name).not.toBeNull();
      const ex = extractText(article!.blocks);
      for (let i = 0; i < 300; i++) {
        const start = Math.floor(next() * ex.text.length);
        const end = Math.min(ex.text.length, start + 1 + Math.floor(next() * 200));
        expect(spelled(ex, start, end), `${name} [${start}, ${end})`).toBe(withoutSeparators(ex, start, end));
        if (withoutSeparators(ex, start, end).length === end - start)
          expect(spelled(ex, start, end), `${name} [${start}, ${end})`).toBe(ex.text.slice(start, end));
      }
      // A mention found in the text maps to the same characters on the page.
      const dateline = /\/(?:TASS|ТАСС|Корр\. ТАСС[^/]*)\//.exec(ex.text);
      expect(dateline, name).not.toBeNull();
      expect(spelled(ex, dateline!.index, dateline!.index + dateline![0].length)).toBe(dateline![0]);
    }
  });

  it('skips the separators between blocks', () => {
    const ex = extractText(blocksOf('<p>Alpha</p><p>Beta</p>'));
    const pieces = locate(ex, 2, 9); // "pha\n\nBe"
    expect(pieces.map((p) => p.node.data.slice(p.startOffset, p.endOffset))).toEqual(['pha', 'Be']);
    expect(locate(ex, 5, 7)).toEqual([]); // only the separator
  });

  it('returns nothing for empty or reversed ranges, and clamps ranges past the end', () => {
    const ex = extractText(blocksOf('<p>Alpha</p>'));
    expect(locate(ex, 3, 3)).toEqual([]);
    expect(locate(ex, 4, 2)).toEqual([]);
    expect(spelled(ex, -5, 2)).toBe('Al');
    expect(spelled(ex, 3, 100)).toBe('ha');
    expect(locate(extractText([]), 0, 10)).toEqual([]);
  });

  it('gives one piece per text node crossed, in order', () => {
    const ex = extractText(blocksOf('<p>a<b>b</b><i>c<u>d</u></i>e</p>'));
    expect(locate(ex, 0, 5).map((p) => p.node.data)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('a 1 MB page', () => {
  it('extracts without error and maps offsets at the far end', () => {
    const para =
      '<p>MOSCOW, May 1. /TASS/. The <a href="#">Russia-NATO Council</a> and the <b>OSCE</b> met, <span hidden>x</span>again.</p>\n';
    const html = `<h1>Headline</h1><div class="text-block">${para.repeat(Math.ceil(1_000_000 / para.length))}</div>`;
    expect(html.length).toBeGreaterThan(1_000_000);
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    const article = detectArticle(document, 'https://tass.com/politics/1')!;
    const ex = extractText(article.blocks);
    expect(ex.text).not.toContain('x again');
    const at = ex.text.lastIndexOf('Russia-NATO Council');
    expect(spelled(ex, at, at + 19)).toBe('Russia-NATO Council');
  });
});
