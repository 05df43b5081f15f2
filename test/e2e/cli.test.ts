// The command line as curators and other tests use it: the built dist/cli.mjs, run as a process.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity, Mention } from '../../src/shared/types';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.mjs');
const PAGES = join(ROOT, 'test/fixtures/pages');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Annotation {
  article: { detected: boolean; title: string | null; date: string | null; lang: string };
  mentions: Mention[];
  entities: Entity[];
}

function annotate(...args: string[]): Annotation {
  const { code, stdout, stderr } = run('annotate', ...args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Annotation;
}

let scratch: string;
beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error('dist/cli.mjs is missing: build first (`node build.mjs`; `npm test` does this).');
  scratch = mkdtempSync(join(tmpdir(), 'backstory-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('node dist/cli.mjs annotate', () => {
  it('annotates a saved tass.com page: the article, its mentions and their full entity records', () => {
    const result = annotate(join(PAGES, 'tass-com-2022-seed.html'));
    expect(result.article).toEqual({
      detected: true,
      title: 'Russia expects US, NATO to give written response on security guarantees, Lavrov says',
      date: '2022-01-14',
      lang: 'en',
    });
    const ids = new Set(result.mentions.map((m) => m.entityId));
    for (const id of ['new-start', 'geneva-summit-2021', 'nato-russia-council', 'osce-pc-session-2022-01-13'])
      expect(ids).toContain(id);
    expect(result.entities.map((e) => e.id).sort()).toEqual([...ids].sort());
    for (const entity of result.entities) expect(entity.sources.length).toBeGreaterThan(0);
    const starts = result.mentions.map((m) => m.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const m of result.mentions) expect(m.end - m.start).toBe(m.text.length);
  });

  it('reads plain text, with offsets into the file, and needs --date to place events in time', () => {
    const file = join(ROOT, 'test/fixtures/seed-article.txt');
    const dated = annotate(file, '--date', '2022-01-14');
    expect(dated.article).toMatchObject({ detected: true, date: '2022-01-14', lang: 'en' });
    expect(dated.mentions.map((m) => m.entityId)).toContain('geneva-summit-2021');
    const undated = annotate(file);
    expect(undated.article.date).toBeNull();
    expect(undated.mentions.map((m) => m.entityId)).not.toContain('geneva-summit-2021');
    expect(undated.mentions.map((m) => m.entityId)).toContain('nato');
  });

  it('annotates a Russian tass.ru page', () => {
    const result = annotate(join(PAGES, 'tass-ru-2021.html'));
    expect(result.article).toMatchObject({ detected: true, lang: 'ru', date: '2021-02-03' });
    expect(result.mentions.map((m) => m.entityId)).toContain('new-start');
  });

  it('finds no article on a section page, and says so', () => {
    const result = annotate(join(PAGES, 'tass-com-section.html'));
    expect(result).toEqual({
      article: { detected: false, title: null, date: null, lang: 'en' },
      mentions: [],
      entities: [],
    });
  });

  it('takes a saved page without its address to be an article page, and --url overrides', () => {
    expect(annotate(join(PAGES, 'tass-com-malformed.html')).article.detected).toBe(true);
    const elsewhere = annotate(
      join(PAGES, 'tass-com-malformed.html'),
      '--url',
      'https://example.org/politics/1',
    );
    expect(elsewhere.article.detected).toBe(false);
  });
});

describe('node dist/cli.mjs dataset', () => {
  it('prints every entity as a JSON array', () => {
    const { code, stdout } = run('dataset');
    expect(code).toBe(0);
    const entities = JSON.parse(stdout) as Entity[];
    expect(entities.length).toBeGreaterThanOrEqual(400);
    expect(new Set(entities.map((e) => e.id)).size).toBe(entities.length);
  });

  it('prints counts by type and language and the share of entities with sources', () => {
    const { code, stdout } = run('dataset', '--stats');
    expect(code).toBe(0);
    const stats = JSON.parse(stdout) as {
      total: number;
      byType: Record<string, number>;
      sourcedShare: number;
    };
    expect(Object.values(stats.byType).reduce((a, b) => a + b, 0)).toBe(stats.total);
    expect(stats.sourcedShare).toBe(1);
  });

  it('counts the series of recurring events and their editions, as the entity list has them', () => {
    const stats = JSON.parse(run('dataset', '--stats').stdout) as { series: number; editions: number };
    const entities = JSON.parse(run('dataset').stdout) as { editions?: string[]; series?: object }[];
    expect(stats.series).toBe(entities.filter((e) => e.editions).length);
    expect(stats.editions).toBe(entities.filter((e) => e.series).length);
    expect(stats.series).toBeGreaterThan(0);
    expect(stats.editions).toBeGreaterThan(stats.series);
  });
});

describe('bad input gets one line on stderr and a non-zero exit, never a stack trace', () => {
  it.each([
    ['a missing file', () => ['annotate', join(scratch, 'missing.html')], /no such file/],
    ['a directory', () => ['annotate', scratch], /not a file/],
    [
      'a binary file',
      () => {
        const file = join(scratch, 'image.bin');
        writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
        return ['annotate', file];
      },
      /binary/,
    ],
    [
      'a huge file',
      () => {
        const file = join(scratch, 'huge.txt');
        writeFileSync(file, 'NATO. '.repeat(2_000_000));
        return ['annotate', file];
      },
      /over the .* limit/,
    ],
    [
      'a malformed date',
      () => ['annotate', join(PAGES, 'tass-com-2022-seed.html'), '--date', '14.01.2022'],
      /--date/,
    ],
    ['an unknown command', () => ['summarise'], /unknown command/],
    ['an unknown option', () => ['dataset', '--everything'], /unknown option/],
  ])('%s', (_what, args, message) => {
    const { code, stdout, stderr } = run(...args());
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
