// Public news held in a fetched git repository, as JSON lines on stdout for compare-engines.mjs:
// read with git from the repository's objects and piped on, never written to a file (the articles
// are under copyright). Two layouts are known:
// - "json files/tass/*.json": {"articles": [{<key>: {url, date "MM/DD/YYYY ...", title, subtitle,
//   text}}]} (tass.ru headlines and subheadings);
// - "chunks/*.csv": columns url, title, date_extracted (YYYY-MM-DD), content (news with body text).
//
// Usage: node test/eval/news-lines.mjs <git dir> | node test/eval/compare-engines.mjs <revision> ru

import { execFileSync } from 'node:child_process';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: node test/eval/news-lines.mjs <git dir>');
  process.exit(2);
}
const git = (...args) =>
  execFileSync('git', [`--git-dir=${gitDir}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const files = git('ls-tree', '-r', '--name-only', '-z', 'HEAD').split('\0');
const out = (item) => process.stdout.write(`${JSON.stringify(item)}\n`);
const seen = new Set();

/** The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function* csvRecords(text) {
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      record.push(field);
      yield record;
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) yield [...record, field];
}

/** A file's text, or null when the snapshot lists it without holding it (its largest files). */
function read(file) {
  try {
    return git('show', `HEAD:${file}`);
  } catch {
    console.error(`news-lines: ${file} is not in the snapshot; skipped`);
    return null;
  }
}

for (const file of files) {
  const json = file.startsWith('json files/tass/') && file.endsWith('.json');
  const csv = file.startsWith('chunks/') && file.endsWith('.csv');
  const text = json || csv ? read(file) : null;
  if (text === null) continue;
  if (json) {
    for (const article of JSON.parse(text).articles ?? [])
      for (const item of Object.values(article)) {
        if (seen.has(item.url)) continue;
        seen.add(item.url);
        const [m, d, y] = String(item.date ?? '')
          .split(' ')[0]
          .split('/');
        const date = y ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : null;
        const text = [item.title, item.subtitle, item.text]
          .filter((t) => typeof t === 'string' && t.trim())
          .map((t) => t.trim())
          .join('\n\n');
        out({ id: item.url, date, text });
      }
  } else {
    const [header, ...rows] = csvRecords(text);
    const col = (name) => header.indexOf(name);
    for (const row of rows) {
      const date = row[col('date_extracted')] || null;
      const text = `${row[col('title')] ?? ''}\n\n${row[col('content')] ?? ''}`.slice(0, 20_000);
      out({ id: row[col('url')], date, text });
    }
  }
}
