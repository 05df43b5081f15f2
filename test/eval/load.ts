// Reads the dataset and the evaluation corpus from disk (Node only).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDataset } from '../../src/dataset/dataset';
import type { Entity } from '../../src/shared/types';
import type { CorpusItem } from './evaluate';

/** The dataset as the build reads it: every src/data file except meta.json, validated. */
export function loadDataset(root: string): { entities: Entity[]; errors: string[] } {
  const dir = join(root, 'src/data');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== 'meta.json')
    .sort()
    .map((name) => ({
      file: `src/data/${name}`,
      content: JSON.parse(readFileSync(join(dir, name), 'utf8')),
    }));
  return validateDataset(files);
}

/** Every item of every test/eval/corpus/*.json file, in file and then item order. */
export function loadCorpus(root: string): CorpusItem[] {
  const dir = join(root, 'test/eval/corpus');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CorpusItem[]);
}
