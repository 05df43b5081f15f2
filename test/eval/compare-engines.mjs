// How a change to matching or the dataset changes the marks on text nobody wrote for it: annotates
// every item read from stdin with the engine and dataset of a git revision and with the working
// tree's, in one process, and prints the items whose marks differ and the totals. The text is read
// from a pipe and printed only around a changed mark: real articles are never written to disk (see
// news-lines.mjs for public news held in a fetched repository).
//
// Usage: node test/eval/news-lines.mjs <git dir> | node test/eval/compare-engines.mjs <revision> [en|ru]
// Each stdin line: {"id": ..., "date": "YYYY-MM-DD" | null, "text": ...}.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { importTs } from './import-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const [revision, lang = 'ru'] = process.argv.slice(2);
if (!revision) {
  console.error('usage: node test/eval/compare-engines.mjs <revision> [en|ru] < lines.jsonl');
  process.exit(2);
}

/** The engine and dataset of a checkout, bundled in memory, with its dataset's matcher compiled. */
async function engineOf(checkout) {
  const engine = await importTs(
    `export { annotateText } from './src/engine/annotate';
     export { compileMatcher } from './src/engine/matcher/compile';
     export { loadDataset } from './test/eval/load';`,
    checkout,
  );
  const { entities, errors } = engine.loadDataset(checkout);
  if (errors.length > 0) throw new Error(`${checkout}: the dataset is invalid: ${errors[0]}`);
  const matcher = engine.compileMatcher(entities);
  return (text, date) => engine.annotateText(matcher, text, { date, lang });
}

const base = mkdtempSync(join(tmpdir(), 'backstory-compare-'));
const git = (...args) => execFileSync('git', ['-C', root, ...args], { stdio: 'pipe' });
git('worktree', 'add', '--detach', base, revision);
try {
  symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'));
  const before = await engineOf(base);
  const after = await engineOf(root);
  let items = 0;
  let changed = 0;
  let removed = 0;
  let added = 0;
  const totals = [0, 0];
  const key = (m) => `${m.start}:${m.end}:${m.entityId}`;
  const around = (text, m) => text.slice(Math.max(0, m.start - 40), m.end + 40).replace(/\s+/g, ' ');
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const { id, date, text } = JSON.parse(line);
    items++;
    const a = before(text, date);
    const b = after(text, date);
    totals[0] += a.length;
    totals[1] += b.length;
    const inB = new Set(b.map(key));
    const inA = new Set(a.map(key));
    const gone = a.filter((m) => !inB.has(key(m)));
    const come = b.filter((m) => !inA.has(key(m)));
    if (gone.length === 0 && come.length === 0) continue;
    changed++;
    removed += gone.length;
    added += come.length;
    console.log(`## ${id} ${date}`);
    for (const m of gone) console.log(`  - ${m.text} -> ${m.entityId} | ${around(text, m)}`);
    for (const m of come) console.log(`  + ${m.text} -> ${m.entityId} | ${around(text, m)}`);
  }
  console.log(
    `items ${items}, with differences ${changed}; mentions ${totals[0]} -> ${totals[1]} (${removed} removed, ${added} added)`,
  );
} finally {
  git('worktree', 'remove', '--force', base);
  rmSync(base, { recursive: true, force: true });
}
