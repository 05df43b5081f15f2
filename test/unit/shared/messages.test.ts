import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../src/shared/limits';
import {
  isTabCommand,
  jsonByteLength,
  jsonDepth,
  MAX_IMPORT_BYTES,
  MAX_TEXT_LENGTH,
  parseRequest,
  portParts,
} from '../../../src/shared/messages';
import {
  DEFAULT_SETTINGS,
  interfaceLanguage,
  parseSettings,
  SIDEBAR_WIDTH,
  sidebarStartsOpen,
} from '../../../src/shared/settings';
import { DATASET_INFO as dataset, NATO as entity, NATO_MENTIONS as mentions } from './annotation-reply';

describe('the background refuses what it should not trust', () => {
  it('accepts a well-formed annotate request', () => {
    expect(
      parseRequest({ type: 'annotate', text: 'NATO', lang: 'en', date: '2022-01-14', extra: 1 }),
    ).toEqual({
      type: 'annotate',
      text: 'NATO',
      lang: 'en',
      date: '2022-01-14',
    });
    expect(parseRequest({ type: 'annotate', text: '', lang: 'ru', date: null })).toMatchObject({
      lang: 'ru',
    });
  });

  it.each([
    [null, 'not an object'],
    ['annotate', 'not an object'],
    [[1, 2], 'not an object'],
    [{ type: 'drop-database' }, 'unknown message type'],
    [{ type: 'annotate', text: 5, lang: 'en', date: null }, 'text must be a string'],
    [{ type: 'annotate', text: 'x', lang: 'de', date: null }, 'lang'],
    [{ type: 'annotate', text: 'x', lang: 'en', date: '14.01.2022' }, 'date'],
    [{ type: 'annotate', text: 'x', lang: 'en' }, 'date'],
    // Shaped like a day but none: the status line would be computed for no real date.
    [{ type: 'annotate', text: 'x', lang: 'en', date: '2022-99-99' }, 'date'],
    [{ type: 'annotate', text: 'x', lang: 'en', date: '2022-02-29' }, 'date'],
    [{ type: 'annotate', text: 'x', lang: 'en', date: '2022-04-31' }, 'date'],
    [{ type: 'annotate', text: 'x', lang: 'en', date: '2022-00-10' }, 'date'],
  ])('refuses %j with a reason', (message, reason) => {
    const parsed = parseRequest(message);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toContain(reason);
  });

  it('accepts a leap day', () => {
    expect(parseRequest({ type: 'annotate', text: 'x', lang: 'en', date: '2024-02-29' })).toMatchObject({
      date: '2024-02-29',
    });
  });

  it('refuses oversized text with a reason the page can show', () => {
    const parsed = parseRequest({
      type: 'annotate',
      text: 'a'.repeat(MAX_TEXT_LENGTH + 1),
      lang: 'en',
      date: null,
    });
    expect(parsed).toMatchObject({ reason: 'too-large' });
  });

  it('refuses a file nested thousands of levels deep, without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(parseRequest({ type: 'import-dataset', bundle: { entities: deep } })).toEqual({
      error: `import-dataset: the file nests more than ${MAX_JSON_DEPTH} levels deep`,
    });
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
  });

  it('accepts a repair request', () => {
    expect(parseRequest({ type: 'repair-dataset' })).toEqual({ type: 'repair-dataset' });
  });

  it('refuses oversized text and says how big it was', () => {
    const parsed = parseRequest({
      type: 'annotate',
      text: 'a'.repeat(MAX_TEXT_LENGTH + 1),
      lang: 'en',
      date: null,
    });
    expect((parsed as { error: string }).error).toContain(String(MAX_TEXT_LENGTH + 1));
  });

  it('accepts the options page dataset requests', () => {
    const bundle = { format: 1, version: 'v', date: '2026-11-27', entities: [] };
    expect(parseRequest({ type: 'import-dataset', bundle })).toEqual({ type: 'import-dataset', bundle });
    expect(parseRequest({ type: 'reset-dataset', extra: true })).toEqual({ type: 'reset-dataset' });
    expect(parseRequest({ type: 'dataset-info' })).toEqual({ type: 'dataset-info' });
  });

  it('refuses an import without a bundle, or one that is not JSON data', () => {
    expect(parseRequest({ type: 'import-dataset' })).toEqual({ error: 'import-dataset: bundle is missing' });
    expect(parseRequest({ type: 'import-dataset', bundle: undefined })).toHaveProperty('error');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // A cycle nests without end.
    expect((parseRequest({ type: 'import-dataset', bundle: cyclic }) as { error: string }).error).toMatch(
      /not JSON|nests more than/,
    );
  });

  it('refuses an oversized import and says how big it was', () => {
    // Multi-byte text counts in UTF-8 bytes, as the file on disk would.
    const text = 'д'.repeat(MAX_IMPORT_BYTES / 2);
    expect(jsonByteLength(text)).toBe(MAX_IMPORT_BYTES + 2);
    const parsed = parseRequest({ type: 'import-dataset', bundle: { entities: [text] } });
    expect((parsed as { error: string }).error).toMatch(
      /import-dataset: the dataset is \d+ bytes, over the limit/,
    );
    expect(jsonByteLength({ a: '€😀' })).toBe(new TextEncoder().encode(JSON.stringify({ a: '€😀' })).length);
  });

  it('recognises only its own tab command', () => {
    expect(isTabCommand({ type: 'toggle-sidebar' })).toBe(true);
    expect(isTabCommand({ type: 'toggle' })).toBe(false);
    expect(isTabCommand('toggle-sidebar')).toBe(false);
  });
});

describe('the request port sends an annotation in two parts', () => {
  const related = [
    { id: 'otan', type: 'organization' as const, name: { en: 'x', ru: 'x' }, summary: { en: 'y', ru: 'y' } },
  ];

  it('first what the marks need, then the cards\u2019 data, nothing lost or repeated', () => {
    const parts = portParts('annotate', {
      ok: true,
      result: { mentions, entities: [entity], related, dataset },
    });
    expect(parts.map((p) => p.part)).toEqual(['mentions', 'details']);
    const [first, second] = parts;
    expect(first).toEqual({ part: 'mentions', reply: { ok: true, result: { mentions, dataset } } });
    expect(second).toEqual({ part: 'details', result: { entities: [entity], related } });
  });

  it('a failure is one part, with the reason the page will show', () => {
    expect(portParts('annotate', { ok: false, error: 'too big', reason: 'too-large' })).toEqual([
      { part: 'mentions', reply: { ok: false, error: 'too big', reason: 'too-large' } },
    ]);
  });

  it('while any other request gets its reply whole', () => {
    const reply = { ok: true as const, result: null };
    expect(portParts('open-options', reply)).toEqual([{ part: 'reply', reply }]);
    expect(portParts(undefined, { ok: false, error: 'unknown message type' })).toHaveLength(1);
  });
});

describe('settings read back from storage', () => {
  it('fall back to the defaults for anything missing or of the wrong type', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ sidebarOpen: true, marks: 'no', hoverCards: false, theme: 'purple' })).toEqual({
      ...DEFAULT_SETTINGS,
      sidebarOpen: true,
      hoverCards: false,
    });
  });

  it('keep a stored width inside the limits the sidebar can be resized to', () => {
    expect(parseSettings({ sidebarWidth: 5000 }).sidebarWidth).toBe(SIDEBAR_WIDTH.max);
    expect(parseSettings({ sidebarWidth: 10 }).sidebarWidth).toBe(SIDEBAR_WIDTH.min);
    expect(parseSettings({ sidebarWidth: Number.NaN }).sidebarWidth).toBe(SIDEBAR_WIDTH.default);
  });

  it('decide whether the sidebar starts open and in which language', () => {
    const remembered = parseSettings({ sidebarOpen: true });
    expect(sidebarStartsOpen(remembered)).toBe(true);
    expect(sidebarStartsOpen({ ...remembered, openSidebar: 'never' })).toBe(false);
    expect(sidebarStartsOpen({ ...DEFAULT_SETTINGS, openSidebar: 'always' })).toBe(true);
    expect(interfaceLanguage(DEFAULT_SETTINGS, 'ru')).toBe('ru');
    expect(interfaceLanguage({ ...DEFAULT_SETTINGS, language: 'en' }, 'ru')).toBe('en');
  });
});
