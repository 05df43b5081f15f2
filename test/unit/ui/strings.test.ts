// The page's words come from the tables the background sends; when those could not be had, the
// reader still reads words (the browser's own messages), not message names.

import { afterEach, describe, expect, it } from 'vitest';
import en from '../../../src/locales/en/messages.json';
import { setStringLookup, setStrings, stringTable, t } from '../../../src/ui/strings';

afterEach(() => {
  setStrings({});
  setStringLookup(() => undefined);
});

describe('interface strings', () => {
  it('come from the tables, in the article\u2019s language when it has them', () => {
    setStrings({ en: stringTable(en), ru: { openOptions: 'Открыть настройки' } });
    expect(t('ru', 'openOptions')).toBe('Открыть настройки');
    expect(t('ru', 'problemRepair')).toBe(en.problemRepair.message);
  });

  it('without tables, come from the browser\u2019s own messages', () => {
    setStrings({});
    const browserMessages = stringTable(en);
    setStringLookup((key) => browserMessages[key]);
    expect(t('ru', 'toggleProblem')).toBe(en.toggleProblem.message);
    expect(t('en', 'problemNoAnswer')).toBe(en.problemNoAnswer.message);
  });
});
