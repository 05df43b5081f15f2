// Mozilla's add-on linter over the Firefox build, offline: what addons.mozilla.org would reject or
// warn about fails here (README, Security and privacy: no warning is left to explain).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { DIST } from './suite-browser';

const WEB_EXT = resolve('node_modules/.bin/web-ext');

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

function lint(sourceDir: string): Promise<LintReport> {
  const args = ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-input', '--no-config-discovery'];
  return new Promise((resolveLint, reject) => {
    // web-ext exits 1 when there are errors; the JSON report on stdout is what matters.
    execFile(WEB_EXT, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const start = stdout.indexOf('{');
      if (start < 0) return reject(new Error(`web-ext lint gave no JSON report: ${err?.message}\n${stderr}`));
      try {
        resolveLint(JSON.parse(stdout.slice(start)) as LintReport);
      } catch (parseErr) {
        reject(new Error(`web-ext lint report is not JSON: ${parseErr}\n${stdout.slice(0, 2000)}`));
      }
    });
  });
}

const where = (m: LintMessage) => (m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '');

it('web-ext lint finds no errors and no warnings in the Firefox build', async () => {
  const dir = join(DIST, 'firefox');
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(
      `${dir}/manifest.json is missing: build first (\`node build.mjs\`; \`npm test\` does this).`,
    );
  const report = await lint(dir);
  for (const w of report.warnings) console.warn(`web-ext lint warning ${w.code}: ${w.message}${where(w)}`);
  const errors = report.errors.map((e) => `${e.code}: ${e.message}${where(e)}`);
  expect(errors).toEqual([]);
  expect(report.summary.errors).toBe(0);
  // Preact's innerHTML write was one (UNSAFE_VAR_ASSIGNMENT): build.mjs makes it a textContent write.
  expect(report.warnings.map((w) => `${w.code}: ${w.message}${where(w)}`)).toEqual([]);
  expect(report.summary.warnings).toBe(0);
});
