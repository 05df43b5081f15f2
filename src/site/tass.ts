// Everything Backstory knows about TASS's pages, in one place: which addresses are articles, how
// their markup has looked over the years, how a TASS dateline is written, and which trailing lines
// belong to the site rather than the story. Another news site would be another profile like this.

import type { Lang } from '../shared/languages';

export interface SiteProfile {
  /** The site's hosts and the language each publishes in (www. and m. variants are accepted too). */
  hosts: Record<string, Lang>;
  /** The path of an article page. */
  articlePath: RegExp;
  /** An address in each language for a saved page that lost its own (the CLI). */
  savedPageUrl: Record<Lang, string>;
  /** The container of one article on a page that holds several. */
  articleContainer: string;
  /** Headline elements, best first. */
  headline: string[];
  /** Body containers whose p, h2 and h3 are the story, best first. */
  body: string[];
  /** A class-name fragment of body paragraphs in CSS-module markup (class names with a build hash). */
  bodyParagraphClass: string;
  /** Lead (standfirst) elements. */
  lead: string;
  /** Publication time as Unix seconds in an attribute: [selector, attribute]. */
  unixTime: [string, string];
  /** Publication date written for people ("14 января 2017, 12:30"). */
  humanDate: string;
  /** The agency's slug that ends a dateline: "MOSCOW, January 14. /TASS/." */
  agencySlug: RegExp;
  /** The agency's mark in a dateline, which tells an article of the agency's own. */
  agencyMark: RegExp;
  /** A dateline at the start of a paragraph, up to and including the agency's mark. */
  datelineAtStart: RegExp;
  /** Month and day of an English dateline: [month word, day]. */
  englishDateline: RegExp;
  /** Day and month of a Russian dateline: [day, month word], or in groups 3 and 4 for a dateline without a city. */
  russianDateline: RegExp;
  /** A trailing line that belongs to the site, not to the story. */
  boilerplate: RegExp;
}

export const TASS: SiteProfile = {
  hosts: { 'tass.com': 'en', 'tass.ru': 'ru' },
  // /<section>/<number>; tass.ru rubrics may nest; AMP copies add /amp.
  articlePath: /^\/(?:[a-z0-9_-]+\/)+\d+(?:\/amp)?\/?$/i,
  savedPageUrl: { en: 'https://tass.com/saved/0', ru: 'https://tass.ru/saved/0' },
  articleContainer: '.news',
  headline: ['h1.news-header__title', '.news h1, article h1', 'h1'],
  body: ['.text-content .text-block', '.text-block', '.b-material-text__l'],
  bodyParagraphClass: 'Paragraph_paragraph',
  lead: '.news-header__lead, .b-material__preview, [class*="_lead"]',
  unixTime: ['dateformat[time]', 'time'],
  humanDate: '.b-material__date',
  agencySlug: /\/\s*(?:TASS|ТАСС|Корр\.)\s*\//u,
  // "/TASS/", "/ТАСС/", "/Корр. ТАСС Имя Фамилия/"; reference pieces open with "ТАСС-ДОСЬЕ", and
  // current tass.ru writes a dateline without a city: "ТАСС, 24 ноября."
  agencyMark: /\/\s*(?:TASS|ТАСС)\s*\/|\/Корр\.\s?ТАСС|^\s*ТАСС-ДОСЬЕ\b|^\s*ТАСС,\s+\d{1,2}\s+[а-яё]+\./im,
  datelineAtStart:
    /^[^\n]{0,100}?(?:\/\s*(?:TASS|ТАСС)\s*\/|\/Корр\.[^\n/]{0,60}\/)\.?|^\s*ТАСС-ДОСЬЕ\s*\.?|^\s*ТАСС,\s+\d{1,2}\s+[а-яё]+\./gm,
  englishDateline: /\b([A-Z][a-z]{2,8})\.? (\d{1,2})\.?\s*\/TASS\//,
  russianDateline:
    /(\d{1,2})\s+([а-яё]{3,9})\.?\s*\/(?:ТАСС|Корр\.)|^\s*ТАСС,\s+(\d{1,2})\s+([а-яё]{3,9})\./im,
  boilerplate:
    /^(?:©|\(c\)|Реклама(?![а-яё])|Свидетельство о регистрации|Информационное агентство ТАСС|Поделиться|Подпис[а-я]+ на|Читайте (?:нас|ТАСС)|Все новости|Share\b|Subscribe|Follow (?:us|TASS)|Read (?:us|TASS) on|All news)/i,
};

/** The language of a site host, accepting www. and m. variants; null for other hosts. */
export function hostLanguage(profile: SiteProfile, hostname: string): Lang | null {
  const host = hostname.toLowerCase().replace(/^(?:www|m)\./, '');
  return Object.hasOwn(profile.hosts, host) ? profile.hosts[host]! : null;
}

/** Where a dateline at the start of a paragraph ends, for each paragraph that opens with one. */
export function datelineSpans(profile: SiteProfile, text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = new RegExp(profile.datelineAtStart.source, `${profile.datelineAtStart.flags.replace('g', '')}y`);
  // A dateline opens a paragraph and holds the agency's name near its start: only the paragraphs
  // whose opening holds that name are tried.
  let latin = text.indexOf('TASS');
  let cyrillic = text.indexOf('ТАСС');
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const line = next < 0 ? text.length : next;
    const reach = Math.min(line, at + 160);
    while (latin >= 0 && latin < at) latin = text.indexOf('TASS', at);
    while (cyrillic >= 0 && cyrillic < at) cyrillic = text.indexOf('ТАСС', at);
    if ((latin >= 0 && latin < reach) || (cyrillic >= 0 && cyrillic < reach)) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m !== null && m[0].length > 0) spans.push([at, at + m[0].length]);
    }
    at = line + 1;
  }
  return spans;
}
