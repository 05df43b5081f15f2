// `npm start`, the README's first command, as a newcomer runs it on a machine without a display:
// the demo opens the seed article with the built extension, opens the sidebar and saves a picture.
// It broke once unnoticed when the sidebar moved into a closed shadow root.

import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOT = join(ROOT, 'test-results/demo.png');

it('npm start opens the seed article with its sidebar and saves the picture', () => {
  rmSync(SHOT, { force: true });
  const { DISPLAY: _none, ...env } = process.env;
  const result = spawnSync(process.execPath, [join(ROOT, 'test/e2e/demo.mjs')], {
    encoding: 'utf8',
    env,
    timeout: 90_000,
  });
  expect(result.stderr).not.toContain('Backstory demo failed');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Backstory demo screenshot');
  expect(statSync(SHOT).size).toBeGreaterThan(10_000);
}, 120_000);
