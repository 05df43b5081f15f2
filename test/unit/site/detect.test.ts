import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { articleUrlLang, detectArticle, detectPlainText } from '../../../src/site/detect';
import { extractText } from '../../../src/site/extract';

const pagesDir = new URL('../../fixtures/pages/', import.meta.url);
const readPage = (name: string) => readFileSync(new URL(name, pagesDir), 'utf8');
const load = (html: string) => parseHTML(html);
const seedText = readFileSync(new URL('../../fixtures/seed-article.txt', import.meta.url), 'utf8');

interface Expected {
  url: string;
  detected: boolean;
  title?: string;
  date?: string;
  lang?: 'en' | 'ru';
  dateline?: string;
  contains?: string[];
  excludes?: string[];
  afterRender?: Omit<Expected, 'url' | 'afterRender'>;
}
const expected: Record<string, Expected> = JSON.parse(readPage('expected.json'));

function checkArticle(doc: Document, url: string, want: Omit<Expected, 'url'>) {
  const article = detectArticle(doc, url);
  expect(article).not.toBeNull();
  if (!article) return;
  expect(article.detected).toBe(true);
  expect(article.title).toBe(want.title);
  expect(article.date).toBe(want.date);
  expect(article.lang).toBe(want.lang);
  expect(article.blocks[0]?.tagName.toLowerCase()).toBe('h1');
  const { text } = extractText(article.blocks);
  expect(text.startsWith(`${want.title}\n\n`)).toBe(true);
  const bodyStart = article.blocks.find((b) => /\/(?:TASS|ТАСС|Корр\.)/.test(b.textContent ?? ''));
  expect(bodyStart?.textContent?.trim().startsWith(want.dateline ?? '')).toBe(true);
  for (const s of want.contains ?? []) expect(text).toContain(s);
  for (const s of want.excludes ?? []) expect(text).not.toContain(s);
  return article;
}

describe('detectArticle on the fixture pages', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want.detected ? 'an article' : 'not an article'}`, () => {
      const { document } = load(readPage(name));
      if (want.detected) checkArticle(document, want.url, want);
      else expect(detectArticle(document, want.url)).toBeNull();
    });
  }

  it('drops the trailing site boilerplate of a current tass.ru page but keeps the sub-head', () => {
    const { document } = load(readPage('tass-ru-current.html'));
    const article = detectArticle(document, expected['tass-ru-current.html']!.url)!;
    const last = article.blocks[article.blocks.length - 1]!;
    expect(last.textContent).toMatch(/^Итоги весенних встреч/);
    expect(article.blocks.some((b) => b.tagName.toLowerCase() === 'h2')).toBe(true);
  });

  it('drops trailing advertising, copyright, registration, share and subscribe lines, not body text', () => {
    const { document } = load(`<h1>Заголовок</h1><div class="text-block">
      <p>МОСКВА, 1 мая. /ТАСС/. Текст. Реклама в тексте статьи остается.</p><p>Реклама</p>
      <p>© Информационное агентство ТАСС</p><p>Свидетельство о регистрации СМИ № 00000</p>
      <p>Поделиться</p><p>Подписывайтесь на ТАСС в Telegram</p><p>Share</p><p>Subscribe to TASS</p><p> </p></div>`);
    const article = detectArticle(document, 'https://tass.ru/politika/1')!;
    expect(article.blocks.map((b) => b.textContent)).toEqual([
      'Заголовок',
      'МОСКВА, 1 мая. /ТАСС/. Текст. Реклама в тексте статьи остается.',
    ]);
  });

  it('puts the lead right after the headline', () => {
    const { document } = load(readPage('tass-com-2022-seed.html'));
    const article = detectArticle(document, 'http://tass.com/politics/1387519')!;
    expect(article.blocks[1]?.textContent).toMatch(/^Meanwhile, Russia will certainly continue/);
    expect(article.blocks).toHaveLength(9); // headline, lead, seven paragraphs
  });
});

describe('the same results over a second DOM implementation (happy-dom)', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(name, async () => {
      const window = new Window({ url: want.url });
      try {
        window.document.write(readPage(name));
        const document = window.document as unknown as Document;
        if (want.detected) checkArticle(document, want.url, want);
        else expect(detectArticle(document, want.url)).toBeNull();
      } finally {
        await window.happyDOM.close();
      }
    });
  }
});

describe('a page rendered by script after load', () => {
  it('is not an article at first and is one once the script has run', () => {
    const name = 'tass-com-rendered-later.html';
    const want = expected[name]!;
    const { document } = load(readPage(name));
    expect(detectArticle(document, want.url)).toBeNull();

    // linkedom does not run scripts: run the page's own one, with load and the timer firing at once.
    const code = document.getElementById('render-later')!.textContent!;
    const fakeWindow = { addEventListener: (_: string, fn: () => void) => fn() };
    new Function('document', 'window', 'setTimeout', code)(document, fakeWindow, (fn: () => void) => fn());
    checkArticle(document, want.url, want.afterRender!);
  });
});

describe('the host and the path decide first', () => {
  const { document } = load(readPage('tass-com-2022-seed.html'));
  it.each([
    'https://tass.com/politics/1387519',
    'https://www.tass.com/politics/1387519/',
    'https://m.tass.com/politics/1387519?utm_source=x#top',
    'http://tass.com/politics/1387519/amp',
    'https://tass.ru/mezhdunarodnaya-panorama/sub-rubric/12345678',
  ])('accepts %s', (url) => {
    expect(detectArticle(document, url)).not.toBeNull();
  });
  it.each([
    'https://tass.com/',
    'https://tass.com/politics',
    'https://tass.com/politics/amp',
    'https://tass.com/1387519',
    'https://nottass.com/politics/1387519',
    'https://tass.com.example.org/politics/1387519',
    'https://example.org/politics/1387519',
    'ftp://tass.com/politics/1387519',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(detectArticle(document, url)).toBeNull();
  });
  it('uses tass.ru for Russian and tass.com for English', () => {
    const ru = load(readPage('tass-ru-2021.html')).document;
    expect(detectArticle(ru, 'https://tass.ru/politika/10609733')?.lang).toBe('ru');
  });
});

describe('the publication date', () => {
  const url = 'https://tass.ru/mezhdunarodnaya-panorama/20812345';
  it('falls back to the Next.js flight data when JSON-LD is missing', () => {
    const { document } = load(readPage('tass-ru-current.html'));
    for (const s of document.querySelectorAll('script[type="application/ld+json"]')) s.remove();
    const article = detectArticle(document, url)!;
    expect(article.date).toBe('2024-05-16');
    expect(article.title).toBe(expected['tass-ru-current.html']!.title);
  });
  it('combines a year-only date with the dateline, and gives null when no year is known', () => {
    const { document } = load(readPage('tass-ru-current.html'));
    for (const s of document.querySelectorAll('script')) s.remove();
    expect(detectArticle(document, url)?.date).toBeNull();
    const time = document.createElement('time');
    time.setAttribute('datetime', '2024');
    document.body.appendChild(time);
    expect(detectArticle(document, url)?.date).toBe('2024-05-16');
  });
  it('converts timestamps to the Moscow calendar day', () => {
    const page = (meta: string) =>
      load(`<html lang="en"><head>${meta}</head><body><h1>Title</h1><div class="text-block">
        <p>MOSCOW, March 1. /TASS/. Text.</p></div></body></html>`).document;
    const u = 'https://tass.com/world/1';
    expect(
      detectArticle(page('<meta property="article:published_time" content="2023-02-28T22:30:00Z">'), u)?.date,
    ).toBe('2023-03-01');
    expect(
      detectArticle(page('<meta property="article:published_time" content="2023-02-28T20:59:00Z">'), u)?.date,
    ).toBe('2023-02-28');
    expect(
      detectArticle(page('<meta property="article:published_time" content="2023-03-01T01:00:00+0300">'), u)
        ?.date,
    ).toBe('2023-03-01');
    const withUnix = page('').querySelector('h1')!.ownerDocument;
    const df = withUnix.createElement('dateformat');
    df.setAttribute('time', '1677623400'); // 2023-02-28 22:30 UTC = 2023-03-01 01:30 MSK
    withUnix.body.appendChild(df);
    expect(detectArticle(withUnix, u)?.date).toBe('2023-03-01');
  });
  it('reads tass.ru dates written out in Russian', () => {
    const { document } = load(readPage('tass-ru-2017.html'));
    document.querySelector('.b-material__date')!.textContent = '14 января 2017, 12:30';
    expect(detectArticle(document, 'http://tass.ru/politika/1')?.date).toBe('2017-01-14');
  });
});

describe('the content heuristic', () => {
  const page = (body: string) => load(`<html lang="en"><body>${body}</body></html>`).document;
  it('takes the largest run of sibling paragraphs under the headline when it has a TASS dateline', () => {
    const doc = page(`<p>Site notice</p><h1>Headline</h1><div class="x"><p>Teaser one</p></div>
      <section><p>GENEVA, June 16. /TASS/. First paragraph of the story.</p><p>Second paragraph.</p>
      <p>Third paragraph.</p><p>© TASS 2021</p></section>`);
    const article = detectArticle(doc, 'https://tass.com/world/1')!;
    expect(article.title).toBe('Headline');
    expect(article.blocks.map((b) => b.textContent)).toEqual([
      'Headline',
      'GENEVA, June 16. /TASS/. First paragraph of the story.',
      'Second paragraph.',
      'Third paragraph.',
    ]);
  });
  it('rejects paragraphs without a TASS dateline', () => {
    const doc = page('<h1>Headline</h1><section><p>Just some text.</p><p>More text.</p></section>');
    expect(detectArticle(doc, 'https://tass.com/world/1')).toBeNull();
  });
  it('accepts the older Russian correspondent dateline', () => {
    const doc = page(
      '<h1>Заголовок</h1><div><p>МОСКВА, 8 декабря. /Корр. ТАСС Иван Петров/. Текст.</p></div>',
    );
    expect(detectArticle(doc, 'https://tass.ru/politika/1')?.lang).toBe('ru');
  });
});

describe('pages that must not break detection', () => {
  const url = 'https://tass.com/politics/1';
  it.each([
    ['an empty document', ''],
    ['no head, empty body', '<body></body>'],
    ['only text', 'MOSCOW, January 14. /TASS/.'],
    ['broken JSON-LD only', '<script type="application/ld+json">{"@type":"NewsArticle",</script>'],
    [
      'an absurd timestamp',
      '<dateformat time="99999999999999999999"></dateformat><h1>T</h1><div class="text-block"><p>x</p></div>',
    ],
  ])('%s', (_, html) => {
    expect(() => detectArticle(load(html).document, url)).not.toThrow();
  });
  it('handles deeply nested unclosed markup and a huge page', () => {
    const deep = `<h1>T</h1><div class="text-block"><p>MOSCOW, May 1. /TASS/. ${'<span>x'.repeat(5000)}</p></div>`;
    const a = detectArticle(load(deep).document, url);
    expect(a?.title).toBe('T');
    const huge = `<h1>T</h1><div class="text-block">${'<p>MOSCOW, May 1. /TASS/. Lorem ipsum dolor sit amet.</p>'.repeat(20000)}</div>`;
    expect(detectArticle(load(huge).document, url)?.blocks.length).toBe(20001);
  });
  it('uses JSON-LD when the headline element is missing', () => {
    const doc = load(`<html><head><script type="application/ld+json">[{"@type":"WebPage"},
      {"@graph":[{"@type":"NewsArticle","headline":"From LD","datePublished":"2024-01-02"}]}]</script></head>
      <body><div class="text-block"><p>MOSCOW, January 2. /TASS/. Text.</p></div></body></html>`).document;
    const a = detectArticle(doc, url)!;
    expect(a.title).toBe('From LD');
    expect(a.date).toBe('2024-01-02');
    expect(a.blocks).toHaveLength(1);
  });
});

describe('one article among several on a page', () => {
  // tass.com appends the next story below the one the reader opened, each in its own .news container.
  const page = (secondDate: string) => `<html lang="en"><head>
    <meta property="article:published_time" content="2019-07-30T10:05:00+03:00">
    <meta property="og:title" content="First story"></head><body>
    <div class="news"><h1 class="news-header__title">First story</h1>
      <dateformat time="1564470300"></dateformat>
      <div class="text-content"><div class="text-block"><p>MOSCOW, July 30. /TASS/. The first story.</p></div></div></div>
    <div class="news"><h1 class="news-header__title">Second story</h1>${secondDate}
      <div class="text-content"><div class="text-block"><p>GENEVA, August 5. /TASS/. The second story.</p>
        <p>More of it.</p></div></div></div></body></html>`;
  const url = 'https://tass.com/world/1600000';

  it('reads only that article within its container, with its own date', () => {
    const { document } = load(page('<dateformat time="1564998000"></dateformat>'));
    const second = document.querySelectorAll('.news')[1]!;
    const article = detectArticle(document, url, second)!;
    expect(article.title).toBe('Second story');
    expect(article.date).toBe('2019-08-05');
    expect(article.blocks.map((b) => b.textContent)).toEqual([
      'Second story',
      'GENEVA, August 5. /TASS/. The second story.',
      'More of it.',
    ]);
    // The whole page is still the first article's.
    expect(detectArticle(document, url)!.date).toBe('2019-07-30');
  });

  it("never takes the page's meta tags, which describe the first article, for an appended one", () => {
    const { document } = load(page(''));
    const article = detectArticle(document, url, document.querySelectorAll('.news')[1]!)!;
    expect(article.title).toBe('Second story');
    // Month and day from the dateline, but no year of its own: no date rather than the first story's.
    expect(article.date).toBeNull();
  });
});

describe('detectPlainText', () => {
  it('reads the seed article', () => {
    expect(detectPlainText(seedText, '2022-01-14')).toEqual({
      detected: true,
      title: 'Russia expects US, NATO to give written response on security guarantees, Lavrov says',
      date: '2022-01-14',
      lang: 'en',
    });
  });
  it('has no date without a hint, and completes a bare year from the dateline', () => {
    expect(detectPlainText(seedText).date).toBeNull();
    expect(detectPlainText(seedText, null).date).toBeNull();
    expect(detectPlainText(seedText, '2022').date).toBe('2022-01-14');
    expect(detectPlainText(seedText, '14.01.2022').date).toBeNull();
    expect(detectPlainText(seedText, '2022-02-30').date).toBeNull();
  });
  it('recognises Russian text and datelines', () => {
    const ru = 'Все новости\n\n  Заголовок статьи  \n\nМОСКВА, 3 февраля. /ТАСС/. Текст.';
    expect(detectPlainText(ru, '2021-02-03')).toEqual({
      detected: true,
      title: 'Заголовок статьи',
      date: '2021-02-03',
      lang: 'ru',
    });
    expect(detectPlainText('Заголовок\nМОСКВА, 8 декабря. /Корр. ТАСС Иван Петров/. Текст.').detected).toBe(
      true,
    );
  });
  it('says not detected for text without a TASS dateline, and copes with empty input', () => {
    expect(detectPlainText('Hello\nworld').detected).toBe(false);
    expect(detectPlainText('')).toEqual({ detected: false, title: null, date: null, lang: 'en' });
  });
});

describe('articleUrlLang: the address alone, before the page is read', () => {
  it.each([
    ['https://tass.com/politics/1387519', 'en'],
    ['http://www.tass.com/politics/1387519/amp', 'en'],
    ['https://tass.ru/mezhdunarodnaya-panorama/3000000', 'ru'],
    ['https://m.tass.ru/politika/2000000/', 'ru'],
  ])('%s is an article address of the %s site', (url, lang) => {
    expect(articleUrlLang(url)).toBe(lang);
  });

  it.each([
    'https://tass.com/',
    'https://tass.com/politics',
    'https://tass.ru/politika',
    'https://example.org/politics/1387519',
    'https://tass.com.example.org/politics/1',
    'ftp://tass.com/politics/1',
    'not a url',
  ])('%s is not', (url) => {
    expect(articleUrlLang(url)).toBeNull();
  });
});
