// The stored form of the matcher (what a restarted background worker loads from IndexedDB instead
// of compiling): it must find exactly what the compiled matcher finds.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../../src/engine/annotate';
import { compileMatcher, type Matcher } from '../../../src/engine/matcher/compile';
import {
  clueHitsAlone,
  findAliases,
  isName,
  scanForAnnotation,
  scanText,
} from '../../../src/engine/matcher/scan';
import { loadMatcher, MATCHER_FORMAT, serializeMatcher } from '../../../src/engine/matcher/stored';
import { loadCorpus, loadDataset } from '../../eval/load';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { entities } = loadDataset(root);
const corpus = loadCorpus(root);
const seed = readFileSync(join(root, 'test/fixtures/seed-article.txt'), 'utf8');
const compiled = compileMatcher(entities);

/** Through structuredClone, as IndexedDB stores it. */
function restored(version = 'v1'): Matcher | null {
  return loadMatcher(structuredClone(serializeMatcher(compiled, 'v1')), entities, version);
}

describe('the stored matcher', () => {
  const loaded = restored()!;

  it('finds the same aliases and clues as the compiled one in the seed article and the corpus', () => {
    expect(loaded).not.toBeNull();
    for (const text of [seed, ...corpus.map((item) => item.text)]) {
      expect(scanText(loaded, text, true)).toEqual(scanText(compiled, text, true));
    }
  });

  it('annotates the corpus identically', () => {
    for (const item of corpus) {
      const options = { date: item.date, lang: item.lang };
      expect(annotateText(loaded, item.text, options)).toEqual(annotateText(compiled, item.text, options));
    }
    expect(annotateText(loaded, seed, { date: '2022-01-14', lang: 'en' })).toEqual(
      annotateText(compiled, seed, { date: '2022-01-14', lang: 'en' }),
    );
  });

  it('is refused for another dataset version, another format, other entities or damaged data', () => {
    const stored = serializeMatcher(compiled, 'v1');
    expect(loadMatcher(stored, entities, 'v2')).toBeNull();
    expect(loadMatcher({ ...stored, format: MATCHER_FORMAT + 1 }, entities, 'v1')).toBeNull();
    expect(loadMatcher(stored, entities.slice(1), 'v1')).toBeNull();
    expect(loadMatcher(undefined, entities, 'v1')).toBeNull();
    expect(loadMatcher({ ...stored, aliases: null } as never, entities, 'v1')).toBeNull();
    expect(loadMatcher({ ...stored, clueInfo: undefined } as never, entities, 'v1')).toBeNull();
  });

  it('is typed arrays and plain data, much smaller than a dense root table', () => {
    const stored = serializeMatcher(compiled, 'v1');
    expect(stored.aliases.childCode).toBeInstanceOf(Uint16Array);
    expect(stored.aliases.rootCodes.length).toBeLessThan(1000);
  });
});

describe('one pass for aliases and clues', () => {
  it('finds what a pass for each finds, in the seed article and the corpus, joined and alone', () => {
    const texts = [seed, ...corpus.map((item) => item.text)];
    texts.push(texts.join('\n\n'));
    for (const text of texts) {
      // The alias trie alone (names, short names and document nouns), in a pass of its own.
      const aliases = scanText(compiled, text, false).aliases;
      expect(aliases.filter(isName)).toEqual(findAliases(compiled, text));
      expect(scanText(compiled, text, true)).toEqual({ aliases, clues: clueHitsAlone(compiled, text, null) });
      for (const lang of ['en', 'ru'] as const) {
        expect(scanForAnnotation(compiled, text, lang, true)).toEqual({
          aliases,
          clues: clueHitsAlone(compiled, text, lang),
        });
      }
    }
  });
});
