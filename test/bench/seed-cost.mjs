// `node test/bench/seed-cost.mjs [launches]` (after `node build.mjs`): what the bundled dataset costs
// in real browsers. Measures and prints; asserts nothing.
//
// - Size of dist/chrome/dataset.json and matcher.bin (the compiled matcher the build ships), raw
//   and gzipped.
// - Chromium: the reset-dataset round trip from the options page (fetch the bundled file and check
//   its digest, fetch and check the shipped matcher, replace the stored dataset and matcher in one
//   IndexedDB transaction), repeated; and the first article on a fresh profile against the next one.
// - Firefox: the first article on a fresh profile (the background seeds on install) against the next
//   one; Firefox's extension pages cannot be driven over WebDriver BiDi, so no reset timing there.
//
// "First article" is navigation start to the sidebar host being in the page; the difference between
// the first and the second article is what seeding adds to the reader's first article.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from '../e2e/server.mjs';
import { launchChromium, launchFirefox, median, root } from './harness.mjs';

const LAUNCHES = Number(process.argv[2] ?? 3);
const ARTICLE = 'https://tass.com/politics/1387519';
const SECOND = 'https://tass.ru/politika/2000000';

const ms = (value) => `${value.toFixed(0).padStart(6)} ms`;

const dataset = readFileSync(join(root, 'dist/chrome/dataset.json'));
const shippedMatcher = readFileSync(join(root, 'dist/chrome/matcher.bin'));
const entities = JSON.parse(dataset.toString('utf8')).entities.length;
console.log(
  `dataset.json: ${entities} entities, ${(dataset.length / 1024).toFixed(0)} KB raw, ` +
    `${(gzipSync(dataset, { level: 9 }).length / 1024).toFixed(0)} KB gzipped; ` +
    `matcher.bin: ${(shippedMatcher.length / 1024).toFixed(0)} KB raw, ` +
    `${(gzipSync(shippedMatcher, { level: 9 }).length / 1024).toFixed(0)} KB gzipped`,
);

/** Milliseconds from navigation start until Backstory's sidebar host is in the page. */
function untilSidebar() {
  return new Promise((done) => {
    const check = () => {
      if (document.querySelector('backstory-sidebar')) done(performance.now());
      else setTimeout(check, 10);
    };
    check();
  });
}

const server = await startServer();
const results = { chromiumReset: [], chromiumFirst: [], chromiumNext: [], firefoxFirst: [], firefoxNext: [] };

try {
  for (let launch = 0; launch < LAUNCHES; launch++) {
    const chromium = await launchChromium(server.port);
    try {
      const { context, worker } = chromium;
      const page = await context.newPage();
      await page.goto(ARTICLE);
      results.chromiumFirst.push(await page.evaluate(untilSidebar));
      await page.goto(SECOND);
      results.chromiumNext.push(await page.evaluate(untilSidebar));
      const options = await context.newPage();
      await options.goto(new URL('options.html', worker.url()).href);
      for (let i = 0; i < 3; i++) {
        results.chromiumReset.push(
          await options.evaluate(async () => {
            const start = performance.now();
            const reply = await chrome.runtime.sendMessage({ type: 'reset-dataset' });
            if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
            return performance.now() - start;
          }),
        );
      }
    } finally {
      await chromium.close();
    }

    const firefox = await launchFirefox(server.port);
    try {
      const page = await firefox.browser.newPage();
      await page.goto(ARTICLE);
      results.firefoxFirst.push(await page.evaluate(untilSidebar));
      await page.goto(SECOND);
      results.firefoxNext.push(await page.evaluate(untilSidebar));
    } finally {
      await firefox.close();
    }
  }
} finally {
  await server.close();
}

console.log(
  `medians of ${LAUNCHES} fresh profiles (reset: 3 per launch); load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
console.log(
  `  Chromium reset-dataset round trip (read, check, seed)          ${ms(median(results.chromiumReset))}`,
);
console.log(
  `  Chromium first article on a fresh profile                      ${ms(median(results.chromiumFirst))}`,
);
console.log(
  `  Chromium next article                                          ${ms(median(results.chromiumNext))}`,
);
console.log(
  `  Firefox first article on a fresh profile                       ${ms(median(results.firefoxFirst))}`,
);
console.log(
  `  Firefox next article                                           ${ms(median(results.firefoxNext))}`,
);
