// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../../src/locales/en/messages.json';
import ru from '../../../src/locales/ru/messages.json';
import type { Entity } from '../../../src/shared/types';
import { HoverCard } from '../../../src/ui/HoverCard';
import { setStrings, stringTable } from '../../../src/ui/strings';

// The content script gets these tables from the background; the tests read the locale files.
setStrings({ en: stringTable(en), ru: stringTable(ru) });

const newStart: Entity = {
  id: 'new-start',
  type: 'treaty',
  name: { en: 'New START', ru: 'Договор о СНВ-3' },
  aliases: { en: ['New START'], ru: ['ДСНВ'] },
  summary: {
    en: 'A Russian–US treaty limiting deployed strategic nuclear warheads.',
    ru: 'Российско-американский договор об ограничении стратегических ядерных боезарядов.',
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
  sources: [{ url: 'https://www.state.gov/new-start/', title: 'State Department' }],
};

const base = { entity: newStart, today: '2026-11-27', left: 120, top: 340 };

afterEach(cleanup);

describe('HoverCard', () => {
  it('is a labelled dialog positioned at the given viewport coordinates', () => {
    render(<HoverCard {...base} lang="en" articleDate="2022-01-14" id="bs-card-1" />);
    const card = screen.getByRole('dialog', { name: 'New START' });
    expect(card.id).toBe('bs-card-1');
    expect(card.getAttribute('aria-hidden')).toBeNull();
    expect(card.style.left).toBe('120px');
    expect(card.style.top).toBe('340px');
    expect(card.classList.contains('bs-hover')).toBe(true);
  });

  it('shows the name, type, summary and status on the article date and today', () => {
    render(<HoverCard {...base} lang="en" articleDate="2022-01-14" />);
    const text = screen.getByRole('dialog').textContent!;
    expect(text).toContain('New START');
    expect(text).toContain('Treaty');
    expect(text).toContain('limiting deployed strategic nuclear warheads');
    expect(screen.getByText('Status on 14 January 2022:').nextElementSibling!.textContent).toBe('In force');
    expect(screen.getByText('Today:').nextElementSibling!.textContent).toBe('Expired');
  });

  it('speaks Russian on Russian pages', () => {
    render(<HoverCard {...base} lang="ru" articleDate="2022-01-14" />);
    const text = screen.getByRole('dialog', { name: 'Договор о СНВ-3' }).textContent!;
    expect(text).toContain('Договор');
    expect(text).toContain('Статус на 14 января 2022 г.:В силе');
    expect(text).toContain('Сегодня:Истёк');
  });

  it('shows only today’s status when the article date is unknown', () => {
    render(<HoverCard {...base} lang="en" articleDate={null} />);
    expect(screen.getByRole('dialog').textContent).not.toContain('Status on');
    expect(screen.getByText('Today:')).toBeTruthy();
  });

  it('offers to turn hover cards off only when it can', () => {
    const onDisable = vi.fn();
    const { rerender } = render(<HoverCard {...base} lang="en" articleDate="2022-01-14" />);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<HoverCard {...base} lang="en" articleDate="2022-01-14" onDisable={onDisable} />);
    fireEvent.click(screen.getByRole('button', { name: 'Turn hover cards off' }));
    expect(onDisable).toHaveBeenCalledTimes(1);
  });

  it('shows markup in the summary as literal text', () => {
    const entity = { ...newStart, summary: { en: 'Treaty <b>text</b>', ru: 'Договор' } };
    render(<HoverCard {...base} entity={entity} lang="en" articleDate={null} />);
    const card = screen.getByRole('dialog');
    expect(card.querySelector('b')).toBeNull();
    expect(card.textContent).toContain('Treaty <b>text</b>');
  });

  it('follows a theme override', () => {
    render(<HoverCard {...base} lang="en" articleDate={null} theme="light" />);
    expect(screen.getByRole('dialog').dataset.theme).toBe('light');
  });
});

describe('HoverCard, more', () => {
  it('says where hover cards come back on, in the reader’s language', () => {
    render(<HoverCard {...base} lang="ru" articleDate={null} onDisable={() => {}} />);
    const button = screen.getByRole('button', { name: 'Отключить всплывающие карточки' });
    expect(button.getAttribute('title')).toBe('Включить их снова можно в настройках.');
  });

  it('carries the "system" theme on its root', () => {
    render(<HoverCard {...base} lang="en" articleDate={null} theme="system" />);
    expect(screen.getByRole('dialog').dataset.theme).toBe('system');
  });
});
