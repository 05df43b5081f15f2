// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../../src/locales/en/messages.json';
import ru from '../../../src/locales/ru/messages.json';
import type { Entity } from '../../../src/shared/types';
import { EntityCard, MENTIONS_PAGE } from '../../../src/ui/EntityCard';
import { setStrings, stringTable } from '../../../src/ui/strings';

// The content script gets these tables from the background; the tests read the locale files.
setStrings({ en: stringTable(en), ru: stringTable(ru) });

const newStart: Entity = {
  id: 'new-start',
  type: 'treaty',
  name: { en: 'New START', ru: 'Договор о СНВ-3' },
  aliases: { en: ['New START'], ru: ['ДСНВ', 'СНВ-3'] },
  summary: {
    en: 'A Russian–US treaty limiting deployed strategic nuclear warheads and their delivery vehicles.',
    ru: 'Российско-американский договор об ограничении развёрнутых стратегических ядерных боезарядов и их носителей.',
  },
  timeline: [
    { date: '2010-04-08', kind: 'signed', label: { en: 'Signed in Prague', ru: 'Подписан в Праге' } },
    { date: '2011-02-05', kind: 'in-force', label: { en: 'Entered into force', ru: 'Вступил в силу' } },
    {
      date: '2021-02-03',
      kind: 'extended',
      label: { en: 'Extended for five years', ru: 'Продлён на пять лет' },
    },
    {
      date: '2023-02-21',
      kind: 'suspended',
      label: { en: 'Russia suspends its participation', ru: 'Россия приостанавливает участие' },
    },
    { date: '2026-02-05', kind: 'expired', label: { en: 'Expired', ru: 'Истёк' } },
  ],
  parties: [
    { en: 'Russia', ru: 'Россия' },
    { en: 'United States', ru: 'США' },
  ],
  related: ['inf-treaty', 'unknown-entity'],
  sources: [
    { url: 'https://www.state.gov/new-start/', title: 'U.S. Department of State: New START' },
    { url: 'javascript:alert(1)', title: 'Evil link' },
  ],
};

const base = { entity: newStart, today: '2026-11-27', mentionCount: 3 };

afterEach(cleanup);

describe('EntityCard', () => {
  it('shows the name, type, summary and formatted key dates in English', () => {
    const { container } = render(<EntityCard {...base} lang="en" articleDate="2022-01-14" />);
    const card = container.querySelector('article[data-entity-id="new-start"]');
    expect(card).not.toBeNull();
    const text = card!.textContent!;
    expect(screen.getByRole('heading', { name: 'New START' })).toBeTruthy();
    expect(text).toContain('Treaty');
    expect(text).toContain('limiting deployed strategic nuclear warheads');
    for (const date of [
      '8 April 2010',
      '5 February 2011',
      '3 February 2021',
      '21 February 2023',
      '5 February 2026',
    ]) {
      expect(text).toContain(date);
    }
    expect(text).toContain('Signed in Prague');
  });

  it('shows the name and formatted key dates in Russian', () => {
    const { container } = render(<EntityCard {...base} lang="ru" articleDate="2022-01-14" />);
    const text = container.textContent!;
    expect(text).toContain('Договор о СНВ-3');
    expect(text).toContain('Договор');
    expect(text).toContain('8 апреля 2010 г.');
    expect(text).toContain('5 февраля 2026 г.');
    expect(text).toContain('Статус на 14 января 2022 г.');
    expect(text).toContain('Сегодня');
    expect(text).toContain('После выхода статьи');
    expect(text).toContain('Участники');
    expect(text).toContain('3 упоминания');
  });

  it('shows the status on the article date and today', () => {
    render(<EntityCard {...base} lang="en" articleDate="2022-01-14" />);
    const then = screen.getByText('Status on 14 January 2022:');
    expect(then.nextElementSibling!.textContent).toBe('In force');
    const now = screen.getByText('Today:');
    expect(now.nextElementSibling!.textContent).toBe('Expired');
  });

  it('lists what happened since the article', () => {
    render(<EntityCard {...base} lang="en" articleDate="2022-01-14" />);
    const heading = screen.getByText('Since this article');
    const list = heading.nextElementSibling!;
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(['21 February 2023 Russia suspends its participation', '5 February 2026 Expired']);
  });

  it('leaves scheduled steps that have not happened yet out of "since this article"', () => {
    render(<EntityCard {...base} today="2025-06-01" lang="en" articleDate="2022-01-14" />);
    const list = screen.getByText('Since this article').nextElementSibling!;
    expect(list.textContent).toContain('21 February 2023');
    expect(list.textContent).not.toContain('5 February 2026');
    expect(screen.getByText('Today:').nextElementSibling!.textContent).toBe(
      'In force, participation suspended',
    );
  });

  it('says when nothing has changed since the article', () => {
    render(<EntityCard {...base} lang="en" articleDate="2026-03-01" />);
    expect(screen.getByText('Nothing has changed since this article')).toBeTruthy();
  });

  it('shows only today’s status and no "since" list when the article date is unknown', () => {
    const { container } = render(<EntityCard {...base} lang="en" articleDate={null} />);
    expect(container.textContent).not.toContain('Status on');
    expect(container.textContent).not.toContain('Since this article');
    expect(screen.getByText('Today:').nextElementSibling!.textContent).toBe('Expired');
  });

  it('shows the parties and the mention count', () => {
    const { container } = render(<EntityCard {...base} lang="en" articleDate="2022-01-14" />);
    expect(container.textContent).toContain('Russia, United States');
    expect(container.textContent).toContain('3 mentions');
  });

  it('renders http(s) sources as safe external links and drops other schemes', () => {
    render(<EntityCard {...base} lang="en" articleDate="2022-01-14" />);
    const link = screen.getByRole('link', { name: 'U.S. Department of State: New START' });
    expect(link.getAttribute('href')).toBe('https://www.state.gov/new-start/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText('Evil link').closest('a')).toBeNull();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });

  it('shows markup in the summary as literal text', () => {
    const entity = {
      ...newStart,
      summary: { en: 'A <b>bold</b> claim <img src=x onerror=alert(1)>', ru: '' },
    };
    const { container } = render(<EntityCard {...base} entity={entity} lang="en" articleDate={null} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('A <b>bold</b> claim');
  });

  it('falls back to the other language when a translation is missing', () => {
    const entity = { ...newStart, summary: { en: 'English only', ru: '' } };
    const { container } = render(<EntityCard {...base} entity={entity} lang="ru" articleDate={null} />);
    expect(container.textContent).toContain('English only');
  });

  it('calls onShowInArticle with the entity id', () => {
    const onShow = vi.fn();
    render(<EntityCard {...base} lang="en" articleDate="2022-01-14" onShowInArticle={onShow} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show in article' }));
    expect(onShow).toHaveBeenCalledWith('new-start');
  });

  it('offers related entities it can name, and opens them', () => {
    const onOpen = vi.fn();
    const resolveName = (id: string) => (id === 'inf-treaty' ? 'INF Treaty' : null);
    render(
      <EntityCard
        {...base}
        lang="en"
        articleDate="2022-01-14"
        resolveName={resolveName}
        onOpenRelated={onOpen}
      />,
    );
    expect(screen.getByText('Related')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'INF Treaty' }));
    expect(onOpen).toHaveBeenCalledWith('inf-treaty');
    expect(screen.queryByText('unknown-entity')).toBeNull();
  });

  it('draws its list of mentions when the reader first opens it', () => {
    const onShowMention = vi.fn();
    const { container } = render(
      <EntityCard
        {...base}
        lang="en"
        articleDate="2022-01-14"
        mentions={['…the New START treaty…', '…extend New START…', '…New START limits…']}
        onShowMention={onShowMention}
      />,
    );
    const details = container.querySelector('details')!;
    expect(details.textContent).toContain('In the article: 3 mentions');
    expect(screen.queryAllByRole('button', { name: /New START/ })).toHaveLength(0);
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const buttons = screen.getAllByRole('button', { name: /New START/ });
    expect(buttons.map((b) => b.textContent)).toEqual([
      '…the New START treaty…',
      '…extend New START…',
      '…New START limits…',
    ]);
    fireEvent.click(buttons[2]!);
    expect(onShowMention).toHaveBeenCalledWith('new-start', 2);
  });

  it('draws a long list of mentions a page at a time, and the keyboard goes on from the next page', () => {
    const onShowMention = vi.fn();
    const mentions = Array.from({ length: 95_000 }, (_, i) => `…New START, mention ${i}…`);
    const { container } = render(
      <EntityCard
        {...base}
        lang="en"
        articleDate="2022-01-14"
        mentions={mentions}
        onShowMention={onShowMention}
      />,
    );
    const details = container.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(container.querySelectorAll('.bs-ment')).toHaveLength(MENTIONS_PAGE);
    const more = screen.getByRole('button', { name: `Show ${MENTIONS_PAGE} more` });
    fireEvent.click(more);
    const buttons = container.querySelectorAll<HTMLElement>('.bs-ment');
    expect(buttons).toHaveLength(2 * MENTIONS_PAGE);
    expect(document.activeElement).toBe(buttons[MENTIONS_PAGE]);
    fireEvent.click(buttons[MENTIONS_PAGE + 1]!);
    expect(onShowMention).toHaveBeenCalledWith('new-start', MENTIONS_PAGE + 1);
  });

  it('shows what changed when drawn again with other props', () => {
    const onShow = vi.fn();
    const { container, rerender } = render(
      <EntityCard {...base} lang="en" articleDate="2022-01-14" onShowInArticle={onShow} />,
    );
    expect(container.textContent).toContain('3 mentions');
    rerender(
      <EntityCard {...base} mentionCount={5} lang="en" articleDate="2022-01-14" onShowInArticle={onShow} />,
    );
    expect(container.textContent).toContain('5 mentions');
    rerender(
      <EntityCard {...base} mentionCount={5} lang="ru" articleDate="2022-01-14" onShowInArticle={onShow} />,
    );
    expect(container.textContent).toContain('Подписан в Праге');
    expect(container.textContent).toContain('5 упоминаний');
  });

  it('has no related section when no related entity can be named', () => {
    render(<EntityCard {...base} lang="en" articleDate="2022-01-14" resolveName={() => null} />);
    expect(screen.queryByText('Related')).toBeNull();
  });

  describe('a recurring event', () => {
    const info = (id: string, en: string, ru: string) => ({
      id,
      type: 'event' as const,
      name: { en, ru },
      summary: { en: `${en}: summary`, ru: `${ru}: сводка` },
    });
    const outside = new Map([
      ['sco-summit', info('sco-summit', 'SCO summits', 'Саммиты ШОС')],
      [
        'sco-summit-2026',
        info('sco-summit-2026', 'SCO summit in Bishkek (2026)', 'Саммит ШОС в Бишкеке (2026)'),
      ],
    ]);
    const tianjin: Entity = {
      ...newStart,
      id: 'sco-summit-2025',
      type: 'event',
      name: { en: 'SCO summit in Tianjin (2025)', ru: 'Саммит ШОС в Тяньцзине (2025)' },
      timeline: [{ date: '2025-08-31', kind: 'started', label: { en: 'Opens', ru: 'Открывается' } }],
      related: ['sco-summit', 'sco-summit-2024', 'sco-summit-2026', 'sco'],
      series: {
        of: 'sco-summit',
        ordinal: 25,
        year: 2025,
        previous: 'sco-summit-2024',
        next: 'sco-summit-2026',
      },
      documents: [{ en: 'Tianjin Declaration', ru: 'Тяньцзиньская декларация' }],
    };
    const props = {
      ...base,
      entity: tianjin,
      articleDate: '2025-09-01',
      // The article also mentions the 2024 summit, so that one has a card to open.
      resolveName: (id: string) => (id === 'sco-summit-2024' ? 'SCO summit in Astana (2024)' : null),
      resolveOutside: (id: string) => outside.get(id) ?? null,
    };

    it('an edition names its series, the editions before and after it, and what it adopted', () => {
      const onOpen = vi.fn();
      const { container } = render(<EntityCard {...props} lang="en" onOpenRelated={onOpen} />);
      const block = container.querySelector('.bs-series')!;
      const rows = Array.from(block.querySelectorAll('dt'), (dt) => [
        dt.textContent,
        dt.nextElementSibling?.textContent,
      ]);
      expect(rows).toEqual([
        ['Series', expect.stringContaining('SCO summits')],
        ['Previous', 'SCO summit in Astana (2024)'],
        ['Next', expect.stringContaining('SCO summit in Bishkek (2026)')],
        ['Documents adopted', 'Tianjin Declaration'],
      ]);
      fireEvent.click(screen.getByRole('button', { name: 'SCO summit in Astana (2024)' }));
      expect(onOpen).toHaveBeenCalledWith('sco-summit-2024');
      // Not in the article: it opens in place, with its summary.
      expect(block.querySelector('details[data-related-id="sco-summit-2026"]')?.textContent).toContain(
        'Not mentioned in this article',
      );
      // The Related list does not repeat them.
      expect(screen.queryAllByText('SCO summit in Astana (2024)')).toHaveLength(1);
    });

    it('says the same in Russian', () => {
      const { container } = render(<EntityCard {...props} lang="ru" />);
      const text = container.querySelector('.bs-series')!.textContent!;
      expect(text).toContain('Серия');
      expect(text).toContain('Саммиты ШОС');
      expect(text).toContain('Тяньцзиньская декларация');
    });

    it('a series says how many editions it has and shows the ones it can name', () => {
      const sco: Entity = {
        ...newStart,
        id: 'sco-summit',
        type: 'event',
        related: [],
        editions: ['sco-summit-2024', 'sco-summit-2025', 'sco-summit-2026'],
      };
      const { container } = render(<EntityCard {...props} entity={sco} lang="en" />);
      const block = container.querySelector('.bs-series')!;
      expect(block.querySelector('dt')?.textContent).toBe('In the series');
      const text = block.querySelector('dd')!.textContent!;
      expect(text).toContain('3 in all:');
      expect(text).toContain('SCO summit in Astana (2024)');
      expect(text).toContain('SCO summit in Bishkek (2026)');
    });

    it('an event outside any series has no series block', () => {
      const { container } = render(<EntityCard {...base} lang="en" articleDate="2022-01-14" />);
      expect(container.querySelector('.bs-series')).toBeNull();
    });
  });
});
