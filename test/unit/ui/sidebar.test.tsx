// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../../src/locales/en/messages.json';
import ru from '../../../src/locales/ru/messages.json';
import type { ArticleInfo, Entity } from '../../../src/shared/types';
import { Sidebar, type SidebarProps } from '../../../src/ui/Sidebar';
import { setStrings, stringTable } from '../../../src/ui/strings';

// The content script gets these tables from the background; the tests read the locale files.
setStrings({ en: stringTable(en), ru: stringTable(ru) });

const newStart: Entity = {
  id: 'new-start',
  type: 'treaty',
  name: { en: 'New START', ru: 'Договор о СНВ-3' },
  aliases: { en: ['New START'], ru: ['ДСНВ'] },
  summary: {
    en: 'Russian–US strategic arms treaty.',
    ru: 'Российско-американский договор о стратегических вооружениях.',
  },
  timeline: [
    { date: '2010-04-08', kind: 'signed', label: { en: 'Signed', ru: 'Подписан' } },
    { date: '2011-02-05', kind: 'in-force', label: { en: 'Entered into force', ru: 'Вступил в силу' } },
    { date: '2021-02-03', kind: 'extended', label: { en: 'Extended', ru: 'Продлён' } },
    {
      date: '2023-02-21',
      kind: 'suspended',
      label: { en: 'Russia suspends participation', ru: 'Россия приостанавливает участие' },
    },
    { date: '2026-02-05', kind: 'expired', label: { en: 'Expired', ru: 'Истёк' } },
  ],
  related: ['nato'],
  sources: [{ url: 'https://www.state.gov/new-start/', title: 'State Department' }],
};

const genevaSummit: Entity = {
  id: 'geneva-summit-2021',
  type: 'event',
  name: { en: 'Putin–Biden summit in Geneva', ru: 'Встреча Путина и Байдена в Женеве' },
  aliases: { en: [], ru: [] },
  summary: { en: 'The first meeting of the two presidents.', ru: 'Первая встреча двух президентов.' },
  timeline: [
    { date: '2021-06-16', kind: 'held', label: { en: 'Held in Geneva', ru: 'Состоялась в Женеве' } },
  ],
  sources: [{ url: 'https://en.kremlin.ru/events/president/news/65870', title: 'Kremlin' }],
};

const nato: Entity = {
  id: 'nato',
  type: 'organization',
  name: { en: 'NATO', ru: 'НАТО' },
  aliases: { en: ['NATO'], ru: ['НАТО'] },
  summary: { en: 'A military alliance.', ru: 'Военный союз.' },
  timeline: [{ date: '1949-04-04', kind: 'founded', label: { en: 'Founded', ru: 'Основан' } }],
  sources: [{ url: 'https://www.nato.int/', title: 'NATO' }],
};

const inf: Entity = {
  ...newStart,
  id: 'inf-treaty',
  name: { en: 'INF Treaty', ru: 'Договор о РСМД' },
  timeline: [
    { date: '1987-12-08', kind: 'signed', label: { en: 'Signed', ru: 'Подписан' } },
    { date: '2019-08-02', kind: 'terminated', label: { en: 'Terminated', ru: 'Прекратил действие' } },
  ],
  related: [],
};

const article: ArticleInfo = {
  detected: true,
  title: 'Russia, US to hold talks',
  date: '2022-01-14',
  lang: 'en',
};

function props(overrides: Partial<SidebarProps> = {}): SidebarProps {
  return {
    article,
    // Order of first mention: the organisation first, then a treaty, the event, another treaty.
    entities: [nato, newStart, genevaSummit, inf],
    mentionCounts: { nato: 1, 'new-start': 4, 'geneva-summit-2021': 1, 'inf-treaty': 2 },
    lang: 'en',
    today: '2026-11-27',
    open: false,
    datasetVersion: '2026.11.1',
    onToggle: () => {},
    onShowEntity: () => {},
    ...overrides,
  };
}

afterEach(cleanup);

/**
 * Waits until the open panel has drawn everything: it draws its timeline and cards a task at a time
 * after opening, and is aria-busy until the last.
 */
const drawn = (root: ParentNode = document) =>
  waitFor(() => {
    expect(root.querySelector('[role="complementary"]')?.getAttribute('aria-busy')).toBe('false');
  });

/** Renders the sidebar open and waits until it has drawn everything. */
async function renderOpen(overrides: Partial<SidebarProps> = {}) {
  const result = render(<Sidebar {...props({ open: true, ...overrides })} />);
  await drawn();
  return result;
}

describe('Sidebar toggle', () => {
  it('is always shown, with the number of entities found and aria-expanded', () => {
    const { container, rerender } = render(<Sidebar {...props()} />);
    const toggle = container.querySelector<HTMLButtonElement>('[data-backstory="toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toContain('4');
    expect(screen.queryByRole('complementary')).toBeNull();

    rerender(<Sidebar {...props({ open: true })} />);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('complementary', { name: 'Backstory' });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
  });

  it('calls onToggle when clicked', () => {
    const onToggle = vi.fn();
    const { container } = render(<Sidebar {...props({ onToggle })} />);
    fireEvent.click(container.querySelector('[data-backstory="toggle"]')!);
    expect(onToggle).toHaveBeenCalledTimes(1);
  });
});

describe('Sidebar panel', () => {
  it('has a header with the title, publication date and outlet note', () => {
    render(<Sidebar {...props({ open: true })} />);
    const panel = screen.getByRole('complementary');
    expect(within(panel).getByRole('heading', { level: 2, name: 'Backstory' })).toBeTruthy();
    expect(panel.textContent).toContain('Published 14 January 2022');
    expect(panel.textContent).toContain('TASS, Russia’s state news agency');
    expect(panel.textContent).toContain('2026.11.1');
  });

  it('is in Russian for Russian articles', async () => {
    await renderOpen({ lang: 'ru', article: { ...article, lang: 'ru' } });
    const panel = screen.getByRole('complementary');
    expect(panel.textContent).toContain('Опубликовано 14 января 2022 г.');
    expect(panel.textContent).toContain('ТАСС, государственное информационное агентство России');
    expect(within(panel).getByRole('heading', { name: 'Договоры' })).toBeTruthy();
    expect(panel.textContent).toContain('Договор о СНВ-3');
    expect(panel.textContent).toContain('8 апреля 2010 г.');
    expect(within(panel).getAllByRole('button', { name: 'Показать в статье' })).toHaveLength(4);
  });

  it('says when the publication date is unknown, and then shows only today’s status', async () => {
    await renderOpen({ article: { ...article, date: null } });
    const panel = screen.getByRole('complementary');
    expect(panel.textContent).toContain('Today:Expired');
    expect(panel.textContent).toContain('Publication date unknown');
    expect(panel.textContent).not.toContain('Status on');
    expect(panel.textContent).not.toContain('Since this article');
  });

  it('groups entities by type: treaties, events, organisations, each in order of first mention', async () => {
    const { container } = await renderOpen();
    const headings = [...container.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).toEqual(['Treaties', 'Events', 'Organisations']);
    const ids = [...container.querySelectorAll('[data-entity-id]')].map((el) =>
      el.getAttribute('data-entity-id'),
    );
    expect(ids).toEqual(['new-start', 'inf-treaty', 'geneva-summit-2021', 'nato']);
    const treaties = screen.getByRole('region', { name: 'Treaties' });
    expect(within(treaties).getAllByRole('article')).toHaveLength(2);
  });

  it('draws only its frame in the click that opens it, then the timeline, then each card in two tasks, busy until the last', async () => {
    vi.useFakeTimers();
    try {
      const many = Array.from({ length: 11 }, (_, i) => ({
        ...nato,
        id: `org-${i}`,
        name: { en: `Org ${i}`, ru: `Орг ${i}` },
      }));
      const { container } = render(<Sidebar {...props({ open: true, entities: many })} />);
      const panel = screen.getByRole('complementary');
      const count = () => container.querySelectorAll('[data-entity-id]').length;
      /** Runs the next task (one timer), then the rendering it asked for (a microtask). */
      const nextTask = async () => {
        vi.advanceTimersToNextTimer();
        await Promise.resolve();
      };
      // The frame: title, filter and close button at once, with an empty body that says it is busy.
      expect(within(panel).getByRole('heading', { level: 2, name: 'Backstory' })).toBeTruthy();
      expect(within(panel).getByRole('searchbox', { name: 'Filter' })).toBeTruthy();
      expect(within(panel).getByRole('button', { name: 'Close' })).toBeTruthy();
      expect(count()).toBe(0);
      expect(screen.queryByRole('img')).toBeNull();
      expect(panel.getAttribute('aria-busy')).toBe('true');
      // The next task draws the article's timeline; each card then comes in two: its head (name,
      // summary, status), then the rest (key dates, its own timeline, sources...).
      await nextTask();
      expect(screen.getByRole('img', { name: 'This article among the dates' })).toBeTruthy();
      expect(count()).toBe(0);
      const keyDatesOf = (n: number) =>
        within(container.querySelectorAll<HTMLElement>('[data-entity-id]')[n - 1]!).queryByText('Key dates');
      for (let drawnCards = 1; drawnCards <= 11; drawnCards++) {
        expect(panel.getAttribute('aria-busy')).toBe('true');
        await nextTask();
        expect(count()).toBe(drawnCards);
        expect(keyDatesOf(drawnCards)).toBeNull();
        await nextTask();
        expect(count()).toBe(drawnCards);
        expect(keyDatesOf(drawnCards)).toBeTruthy();
      }
      expect(panel.getAttribute('aria-busy')).toBe('false');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws everything again, in the same steps, when opened again', async () => {
    const { container, rerender } = await renderOpen();
    expect(container.querySelectorAll('[data-entity-id]')).toHaveLength(4);
    rerender(<Sidebar {...props({ open: false })} />);
    rerender(<Sidebar {...props({ open: true })} />);
    expect(screen.getByRole('complementary').getAttribute('aria-busy')).toBe('true');
    await drawn();
    expect(container.querySelectorAll('[data-entity-id]')).toHaveLength(4);
  });

  it('shows each entity card with its status on the article date and today', async () => {
    const { container } = await renderOpen();
    const card = container.querySelector<HTMLElement>('[data-entity-id="new-start"]')!;
    expect(card.textContent).toContain('Status on 14 January 2022:In force');
    expect(card.textContent).toContain('Today:Expired');
    expect(card.textContent).toContain('21 February 2023');
    expect(card.textContent).toContain('4 mentions');
  });

  it('omits groups that have no entities', async () => {
    const { container } = await renderOpen({ entities: [newStart] });
    expect(container.querySelectorAll('[data-entity-id]')).toHaveLength(1);
    expect([...container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Treaties']);
  });

  it('calls onToggle from the close button', () => {
    const onToggle = vi.fn();
    render(<Sidebar {...props({ open: true, onToggle })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  it('closes on Escape while focus is inside the panel', async () => {
    const onToggle = vi.fn();
    await renderOpen({ onToggle });
    const button = screen.getAllByRole('button', { name: 'Show in article' })[0]!;
    button.focus();
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  it('ignores other keys', () => {
    const onToggle = vi.fn();
    render(<Sidebar {...props({ open: true, onToggle })} />);
    fireEvent.keyDown(screen.getByRole('complementary'), { key: 'Enter' });
    expect(onToggle).not.toHaveBeenCalled();
  });

  it('calls onShowEntity with the entity id from "Show in article"', async () => {
    const onShowEntity = vi.fn();
    const { container } = await renderOpen({ onShowEntity });
    const card = container.querySelector<HTMLElement>('[data-entity-id="geneva-summit-2021"]')!;
    fireEvent.click(within(card).getByRole('button', { name: 'Show in article' }));
    expect(onShowEntity).toHaveBeenCalledWith('geneva-summit-2021');
  });

  it('links a related entity found in the same article to its card', async () => {
    const { container } = await renderOpen();
    const card = container.querySelector<HTMLElement>('[data-entity-id="new-start"]')!;
    fireEvent.click(within(card).getByRole('button', { name: 'NATO' }));
    expect(document.activeElement).toBe(container.querySelector('[data-entity-id="nato"]'));
  });

  it('opens a related card hidden by the filter: the filter is cleared and the card drawn and focused', async () => {
    const { container } = await renderOpen();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter' }), { target: { value: 'new start' } });
    expect(container.querySelector('[data-entity-id="nato"]')).toBeNull();
    const card = container.querySelector<HTMLElement>('[data-entity-id="new-start"]')!;
    fireEvent.click(within(card).getByRole('button', { name: 'NATO' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(container.querySelector('[data-entity-id="nato"]')),
    );
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Filter' }).value).toBe('');
    expect(container.querySelectorAll('[data-entity-id]')).toHaveLength(4);
  });

  it('opens a related card not drawn yet at once: every card is drawn and the panel is no longer busy', async () => {
    // Many entities, so the panel is still filling in when the reader follows the link.
    const many = Array.from({ length: 8 }, (_, i) => ({
      ...nato,
      id: `org-${i}`,
      name: { en: `Org ${i}`, ru: `Орг ${i}` },
    }));
    const { container } = render(<Sidebar {...props({ open: true, entities: [newStart, ...many, nato] })} />);
    // New START's card drawn whole (its head comes first, its related entities with the rest).
    const link = await waitFor(() => {
      const found = container.querySelector<HTMLElement>('[data-entity-id="new-start"]');
      expect(found).not.toBeNull();
      return within(found!).getByRole('button', { name: 'NATO' });
    });
    expect(container.querySelector('[data-entity-id="nato"]')).toBeNull();
    fireEvent.click(link);
    await waitFor(() =>
      expect(document.activeElement).toBe(container.querySelector('[data-entity-id="nato"]')),
    );
    expect(container.querySelectorAll('[data-entity-id]')).toHaveLength(10);
    expect(screen.getByRole('complementary').getAttribute('aria-busy')).toBe('false');
  });

  it('shows the empty state when nothing was found', async () => {
    const { container } = await renderOpen({ entities: [], mentionCounts: {} });
    expect(screen.getByText('No context found for this article')).toBeTruthy();
    expect(container.querySelector('[data-backstory="toggle"]')!.textContent).toContain('0');
  });

  it('follows a theme override on its root element', () => {
    const { container } = render(<Sidebar {...props({ theme: 'dark' })} />);
    expect((container.firstElementChild as HTMLElement).dataset.theme).toBe('dark');
  });
});

describe('Sidebar focus', () => {
  function Harness() {
    const [open, setOpen] = useState(false);
    return <Sidebar {...props({ open, onToggle: () => setOpen((o) => !o) })} />;
  }

  it('moves focus into the panel on open and back to the toggle on Escape', async () => {
    const { container } = render(<Harness />);
    const toggle = container.querySelector<HTMLButtonElement>('[data-backstory="toggle"]')!;
    fireEvent.click(toggle);
    const panel = await screen.findByRole('complementary');
    await waitFor(() => expect(document.activeElement).toBe(panel));
    fireEvent.keyDown(panel, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(document.activeElement).toBe(toggle));
  });

  it('does not steal focus when it starts open', async () => {
    render(<Sidebar {...props({ open: true })} />);
    await drawn();
    await new Promise((r) => setTimeout(r, 50));
    expect(document.activeElement).toBe(document.body);
  });
});

describe('Sidebar in a shadow root', () => {
  it('renders, closes on Escape and jumps to related cards inside an open shadow root', async () => {
    const { UI_CSS } = await import('../../../src/ui/styles');
    const host = document.createElement('backstory-sidebar');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = UI_CSS;
    const mount = document.createElement('div');
    root.append(style, mount);
    const onToggle = vi.fn();
    render(<Sidebar {...props({ open: true, onToggle })} />, { container: mount });
    await drawn(root);

    expect(root.querySelector('[data-backstory="toggle"]')!.getAttribute('aria-expanded')).toBe('true');
    const card = root.querySelector<HTMLElement>('[data-entity-id="new-start"]')!;
    expect(card.textContent).toContain('New START');
    fireEvent.click(within(card).getByRole('button', { name: 'NATO' }));
    expect(root.activeElement).toBe(root.querySelector('[data-entity-id="nato"]'));
    fireEvent.keyDown(root.activeElement!, { key: 'Escape' });
    expect(onToggle).toHaveBeenCalledTimes(1);
    host.remove();
  });
});

describe('Sidebar filter, types, resize, mentions', () => {
  const ids = (container: Element) =>
    [...container.querySelectorAll('[data-entity-id]')].map((el) => el.getAttribute('data-entity-id'));

  it('filters cards by name or alias, in either language, and says when nothing matches', async () => {
    const { container } = await renderOpen();
    const filter = screen.getByRole('searchbox', { name: 'Filter' });
    fireEvent.input(filter, { target: { value: 'inf' } });
    expect(ids(container)).toEqual(['inf-treaty']);
    fireEvent.input(filter, { target: { value: 'снв-3' } });
    expect(ids(container)).toEqual(['new-start']);
    fireEvent.input(filter, { target: { value: 'nothing like this' } });
    expect(ids(container)).toEqual([]);
    expect(container.textContent).toContain('Nothing matches “nothing like this”');
    fireEvent.input(filter, { target: { value: '' } });
    expect(ids(container)).toHaveLength(4);
  });

  it('leaves out the entity types the reader turned off, also from the count', async () => {
    const { container } = await renderOpen({ types: { treaty: false, event: true, organization: true } });
    expect([...container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Events',
      'Organisations',
    ]);
    expect(ids(container)).toEqual(['geneva-summit-2021', 'nato']);
    expect(container.querySelector('[data-backstory="toggle"]')!.textContent).toContain('2');
  });

  it('speaks Russian when the interface language is Russian, whatever the article', async () => {
    await renderOpen({ lang: 'ru' });
    const panel = screen.getByRole('complementary');
    expect(within(panel).getByRole('searchbox', { name: 'Фильтр' })).toBeTruthy();
    expect(within(panel).getByRole('separator', { name: 'Ширина панели' })).toBeTruthy();
    expect(within(panel).getByRole('heading', { name: 'События' })).toBeTruthy();
    expect(panel.textContent).toContain('Статья среди дат');
    expect(panel.textContent).toContain('Сегодня:Истёк');
  });

  it('puts the theme setting on its root, "system" included', () => {
    const { container } = render(<Sidebar {...props({ theme: 'system' })} />);
    expect((container.firstElementChild as HTMLElement).dataset.theme).toBe('system');
  });

  it('resizes from the keyboard on its handle, within the allowed widths', () => {
    const onResize = vi.fn();
    render(<Sidebar {...props({ open: true, width: 400, onResize })} />);
    const handle = screen.getByRole('separator', { name: 'Sidebar width' });
    expect(handle.getAttribute('aria-valuenow')).toBe('400');
    expect(handle.tabIndex).toBe(0);
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(onResize).toHaveBeenLastCalledWith(416);
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(onResize).toHaveBeenLastCalledWith(384);
    fireEvent.keyDown(handle, { key: 'End' });
    expect(onResize).toHaveBeenLastCalledWith(640);
    fireEvent.keyDown(handle, { key: 'Home' });
    expect(onResize).toHaveBeenLastCalledWith(280);
  });

  it('lists every mention of an entity; a click asks to reveal that one', async () => {
    const onShowMention = vi.fn();
    const { container } = await renderOpen({
      mentions: { 'new-start': ['…the New START treaty…', '…extend New START…'] },
      onShowMention,
    });
    const card = container.querySelector<HTMLElement>('[data-entity-id="new-start"]')!;
    expect(card.textContent).toContain('In the article: 2 mentions');
    // The list is drawn when the reader opens it.
    expect(within(card).queryByRole('button', { name: '…extend New START…' })).toBeNull();
    const details = card.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    fireEvent.click(await within(card).findByRole('button', { name: '…extend New START…' }));
    expect(onShowMention).toHaveBeenCalledWith('new-start', 1);
  });

  it('shows a related entity the article does not mention in place', async () => {
    const { container } = await renderOpen({
      entities: [newStart],
      related: [
        {
          id: 'nato',
          type: 'organization',
          name: { en: 'NATO', ru: 'НАТО' },
          summary: { en: 'A military alliance.', ru: 'Военный союз.' },
        },
      ],
    });
    const related = container.querySelector<HTMLElement>('[data-related-id="nato"]')!;
    expect(related.tagName).toBe('DETAILS');
    expect(related.textContent).toContain('NATO');
    expect(related.textContent).toContain('Not mentioned in this article');
    expect(related.textContent).toContain('A military alliance.');
  });

  it('draws a timeline for the article and one per entity, marking the article date', async () => {
    const { container } = await renderOpen();
    const pictures = screen.getAllByRole('img');
    expect(pictures[0]!.getAttribute('aria-label')).toBe('This article among the dates');
    expect(
      within(container.querySelector<HTMLElement>('[data-entity-id="new-start"]')!).getByRole('img', {
        name: 'Timeline: New START',
      }),
    ).toBeTruthy();
    expect(container.querySelectorAll('.bs-tl-now').length).toBe(pictures.length);
  });
});

describe('Sidebar drawn again by the content script', () => {
  it('follows a change of language and of the types shown in the cards already drawn', async () => {
    // The same callbacks each time, as the content script passes them.
    const same = props({ open: true });
    const { container, rerender } = render(<Sidebar {...same} />);
    await drawn();
    const card = () => container.querySelector<HTMLElement>('[data-entity-id="new-start"]')!;
    expect(within(card()).getByRole('button', { name: 'NATO' })).toBeTruthy();
    rerender(<Sidebar {...same} lang="ru" />);
    await drawn();
    expect(card().textContent).toContain('Договор о СНВ-3');
    expect(within(card()).getByRole('button', { name: 'НАТО' })).toBeTruthy();
    // Organisations turned off: NATO has no card to jump to any more.
    rerender(<Sidebar {...same} lang="ru" types={{ treaty: true, event: true, organization: false }} />);
    await drawn();
    expect(container.querySelector('[data-entity-id="nato"]')).toBeNull();
    expect(within(card()).queryByRole('button', { name: 'НАТО' })).toBeNull();
  });
});

describe('filterEntities and groupEntities', () => {
  it('match folded text (case, ё) and keep the order of first mention', async () => {
    const { filterEntities, groupEntities } = await import('../../../src/ui/layout/sidebar-groups');
    expect(filterEntities([nato, newStart], 'договор о снв').map((e) => e.id)).toEqual(['new-start']);
    expect(filterEntities([nato, newStart], '  ').map((e) => e.id)).toEqual(['nato', 'new-start']);
    const groups = groupEntities([nato, newStart, genevaSummit, inf], {
      treaty: true,
      event: false,
      organization: true,
    });
    expect(groups.map((g) => [g.type, g.entities.map((e) => e.id)])).toEqual([
      ['treaty', ['new-start', 'inf-treaty']],
      ['organization', ['nato']],
    ]);
  });
});
