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

  it('is refused, not scanned, when IndexedDB gives back a damaged record', () => {
    const stored = structuredClone(serializeMatcher(compiled, 'v1'));
    const damaged: ((s: typeof stored) => void)[] = [
      (s) => {
        s.aliases.laterChildren = s.aliases.laterChildren.slice(0, 10); // truncated
      },
      (s) => {
        s.aliases.laterChildren[5] = 0; // a child that leads back to the root: a walk could loop
      },
      (s) => {
        s.aliases.childCount[10] = 60_000; // a child list beyond the arrays
      },
      (s) => {
        s.aliases.childCount[10]! += 1; // one child more than the lists hold
      },
      (s) => {
        // Two children of the root for the same code unit: the child lists would be out of order.
        s.aliases.childCode[1] = s.aliases.childCode[0]!;
      },
      (s) => {
        s.aliases.firstWords = s.aliases.firstWords.slice(0, 100);
      },
      (s) => {
        s.clues.ends[s.clues.ends.length - 1] = 1e9; // an output that ends nowhere
      },
      (s) => {
        s.clues.ends = s.clues.ends.slice(1); // outputs and their ends no longer pair up
      },
      (s) => {
        s.aliases.outputs = s.aliases.outputs.slice(0, s.aliases.outputs.length - 3);
      },
      (s) => {
        s.aliases.tails = s.aliases.tails.slice(0, s.aliases.tails.length >> 1); // tails cut short
      },
      (s) => {
        s.aliases.outputs[s.aliases.outputs.length - 1] = entities.length + 7; // an unknown entity
      },
      (s) => {
        (s.clues as { childCode: unknown }).childCode = Array.from(s.clues.childCode); // not typed
      },
      (s) => {
        s.clueInfo[0] = { ...s.clueInfo[0]!, entities: [entities.length] };
      },
      (s) => {
        (s.clueInfo as unknown[])[1] = 'garbage';
      },
    ];
    for (const damage of damaged) {
      const copy = structuredClone(stored);
      damage(copy);
      expect(loadMatcher(copy, entities, 'v1'), damage.toString()).toBeNull();
    }
    expect(loadMatcher(structuredClone(stored), entities, 'v1')).not.toBeNull();
  });

  it('stores and loads a matcher with an alias of 300,000 characters', () => {
    // Older builds accepted such an alias; storing it spread it into push() and overflowed the stack.
    const long = `Treaty ${'of the long name '.repeat(17_650)}`.trim();
    expect(long.length).toBeGreaterThan(300_000);
    const nato = entities.find((e) => e.id === 'nato')!;
    const odd = {
      ...nato,
      aliases: { en: [long], ru: [`Договор ${'о длинном имени '.repeat(20_000)}`.trim()] },
    };
    const matcher = compileMatcher([odd]);
    const loaded = loadMatcher(structuredClone(serializeMatcher(matcher, 'v1')), [odd], 'v1');
    expect(loaded).not.toBeNull();
    const text = `He spoke of the ${long} yesterday.`;
    expect(findAliases(loaded!, text).map((h) => [h.start, h.end, h.entityIds])).toEqual([
      [16, 16 + long.length, ['nato']],
    ]);
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
