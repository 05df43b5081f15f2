// Reads the dataset's source files from disk for the build, the CLI's tools, the tests and the
// staging check (Node only; the extension never reads source files). One reader, so every caller
// validates exactly the files the build ships: src/data/*.json (lists of entities, meta.json
// aside), src/data/series/*.json and src/data/places/*.json.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile, SourceKind } from './dataset';

export interface ReadResult {
  files: SourceFile[];
  /** Files that are not JSON, one line each. */
  errors: string[];
}

/** Every *.json file of `dir` (sorted, meta.json aside), labelled `${label}/${name}`. */
export function readJsonFiles(dir: string, label: string, kind: SourceKind): ReadResult {
  const result: ReadResult = { files: [], errors: [] };
  if (!existsSync(dir)) return result;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name === 'meta.json') continue;
    const file = `${label}/${name}`;
    try {
      result.files.push({ file, kind, content: JSON.parse(readFileSync(join(dir, name), 'utf8')) });
    } catch (error) {
      result.errors.push(
        `${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return result;
}

/** The dataset's sources under `root` (the repository): flat files, series, places. */
export function readDatasetSources(root: string): ReadResult {
  const data = join(root, 'src/data');
  const parts = [
    readJsonFiles(data, 'src/data', 'entities'),
    readJsonFiles(join(data, 'series'), 'src/data/series', 'series'),
    readJsonFiles(join(data, 'places'), 'src/data/places', 'places'),
  ];
  return { files: parts.flatMap((p) => p.files), errors: parts.flatMap((p) => p.errors) };
}
