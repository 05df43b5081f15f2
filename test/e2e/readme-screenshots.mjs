// `npm run screenshots`: copies the README's pictures from the last end-to-end run into
// test/screenshots/. test/e2e/experience.test.ts writes them to test-results/screenshots/ as
// chromium-<theme>-<view>.png (the sidebar and a hover card on the seed article, the options page);
// Chromium's are used because only Chromium can show the options page in the tests.
// A picture missing or older than an hour means the run did not happen or failed: nothing is copied.

import { copyFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const from = join(root, 'test-results/screenshots');
const to = join(root, 'test/screenshots');
const MAX_AGE_MS = 60 * 60 * 1000;

const pictures = ['sidebar', 'hover-card', 'options'].flatMap((view) =>
  ['light', 'dark'].map((theme) => ({
    source: join(from, `chromium-${theme}-${view}.png`),
    target: join(to, `${view}-${theme}.png`),
  })),
);

const problems = pictures.flatMap(({ source }) => {
  if (!existsSync(source)) return [`${relative(root, source)} is missing`];
  const age = Date.now() - statSync(source).mtimeMs;
  return age > MAX_AGE_MS ? [`${relative(root, source)} is ${Math.round(age / 60_000)} minutes old`] : [];
});
if (problems.length > 0) {
  console.error(
    `Not copying the README screenshots:\n  ${problems.join('\n  ')}\n` +
      'Run `node build.mjs && npx vitest run --project e2e test/e2e/experience.test.ts` first.',
  );
  process.exit(1);
}
for (const { source, target } of pictures) {
  copyFileSync(source, target);
  console.log(`${relative(root, source)} -> ${relative(root, target)}`);
}
