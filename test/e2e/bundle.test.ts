// What the built extensions promise the stores and the reader: a small content script, the right
// background for each browser, one permission, and pages on TASS sites only.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './suite-browser';

/**
 * The content script is parsed and run on every TASS page before anything is marked: its size is the
 * one budget the project asserts (README, Measurements). It holds the UI (Preact), drawn in closed
 * shadow roots, and the guards that keep it there against a hostile page (README, Security).
 */
const CONTENT_SCRIPT_LIMIT = 50 * 1024;
/** Match patterns allowed for content scripts: https TASS pages only (a plain http page can be altered on the way). */
const TASS_MATCH = /^https:\/\/(www\.)?tass\.(com|ru)\/\*$/;

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { matches: string[]; js?: string[] }[];
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown };
  };
}

function manifest(browser: 'chrome' | 'firefox'): Manifest {
  const file = join(DIST, browser, 'manifest.json');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build first (\`node build.mjs\`; \`npm test\` does this).`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

describe.each(['chrome', 'firefox'] as const)('%s build', (browser) => {
  it('asks for storage only and runs on TASS pages only', () => {
    const m = manifest(browser);
    expect(m.manifest_version).toBe(3);
    expect(m.permissions).toEqual(['storage']);
    expect(m.optional_permissions ?? []).toEqual([]);
    for (const host of m.host_permissions ?? []) expect(host).toMatch(TASS_MATCH);
    const matches = (m.content_scripts ?? []).flatMap((c) => c.matches);
    expect(matches.length).toBeGreaterThan(0);
    for (const pattern of matches) expect(pattern).toMatch(TASS_MATCH);
  });

  it('has a content script of at most 50 KB', () => {
    const m = manifest(browser);
    const files = [...new Set((m.content_scripts ?? []).flatMap((c) => c.js ?? []))];
    expect(files).toContain('content.js');
    const bytes = files.reduce((sum, f) => sum + statSync(join(DIST, browser, f)).size, 0);
    console.info(`${browser}: content script ${files.join(' + ')} = ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(CONTENT_SCRIPT_LIMIT);
  });
});

describe.each(['chrome', 'firefox'] as const)('%s dataset', (browser) => {
  it('ships the digest of its dataset.json, so that installing it needs no second validation', () => {
    const digest = createHash('sha256')
      .update(readFileSync(join(DIST, browser, 'dataset.json')))
      .digest('hex');
    expect(readFileSync(join(DIST, browser, 'background.js'), 'utf8')).toContain(`"${digest}"`);
  });
});

it('Chrome runs the background as a service worker', () => {
  const { background } = manifest('chrome');
  expect(background?.service_worker).toBeTruthy();
  expect(background?.scripts).toBeUndefined();
  expect(existsSync(join(DIST, 'chrome', background!.service_worker!))).toBe(true);
});

it('Firefox runs the background as event-page scripts and carries its gecko settings', () => {
  const m = manifest('firefox');
  expect(m.background?.scripts?.length).toBeGreaterThan(0);
  for (const s of m.background!.scripts!) expect(existsSync(join(DIST, 'firefox', s))).toBe(true);
  const gecko = m.browser_specific_settings?.gecko;
  expect(gecko?.id).toBeTruthy();
  expect(gecko?.strict_min_version).toBe('142.0');
  expect(gecko?.data_collection_permissions).toBeDefined();
});
