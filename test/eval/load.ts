// Reads the dataset and the evaluation corpus from disk (Node only).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDataset } from '../../src/dataset/dataset';
import { readDatasetSources } from '../../src/dataset/source-files';
import type { Entity } from '../../src/shared/types';
import type { CorpusItem } from './evaluate';

/** The dataset as the build reads it (flat files, series, places), validated. */
export function loadDataset(root: string): { entities: Entity[]; errors: string[] } {
  const { files, errors } = readDatasetSources(root);
  const result = validateDataset(files);
  return { entities: result.entities, errors: [...errors, ...result.errors] };
}

/** Every item of every test/eval/corpus/*.json file, in file and then item order. */
export function loadCorpus(root: string): CorpusItem[] {
  const dir = join(root, 'test/eval/corpus');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CorpusItem[]);
}
