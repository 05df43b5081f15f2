// `npm start`: shows Backstory at work. Serves the fixture pages under the real TASS host names,
// launches Chromium with dist/chrome loaded, opens the seed article and its sidebar.
// With a display (DISPLAY set) the browser stays open until you close it or press Ctrl+C;
// without one it runs headless, saves test-results/demo.png, prints its path and exits.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { sidebarHasCard, sidebarHasToggle, testPageOf } from '../bench/harness.mjs';
import { chromiumArgs, startServer } from './server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ext = join(resolve(root, process.env.BACKSTORY_E2E_DIST ?? 'dist'), 'chrome');
const shot = join(root, 'test-results/demo.png');
const article = 'https://tass.com/politics/1387519';
const headed = Boolean(process.env.DISPLAY);

if (!existsSync(join(ext, 'manifest.json'))) {
  console.error(`${relative(process.cwd(), ext)}/manifest.json is missing: run \`node build.mjs\` first.`);
  process.exit(1);
}

const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'backstory-demo-'));
let context;

async function stop(code) {
  await context?.close().catch(() => {});
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: !headed,
    viewport: headed ? null : { width: 1280, height: 800 },
    args: chromiumArgs(server.port, ext),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(article);
  // The sidebar is in a closed shadow root: reached the way the end-to-end tests reach it.
  const backstory = await testPageOf(page, 'chromium');
  await backstory.waitFor(sidebarHasToggle, undefined, { what: "Backstory's toggle", timeoutMs: 15_000 });
  // Open the sidebar unless the extension already restored it open.
  const open = await backstory.waitFor(sidebarHasCard, undefined, { what: 'a card', timeoutMs: 1_500 }).then(
    () => true,
    () => false,
  );
  if (!open) await backstory.click('[data-backstory="toggle"]');
  await backstory.waitFor(sidebarHasCard, undefined, { what: 'a card in the sidebar', timeoutMs: 10_000 });

  if (headed) {
    console.log(`Backstory demo: ${article} is open in Chromium. Close the window or press Ctrl+C to stop.`);
    context.on('close', () => stop(0));
  } else {
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    console.log(`Backstory demo screenshot: ${shot}`);
    await stop(0);
  }
} catch (err) {
  console.error(`Backstory demo failed: ${err instanceof Error ? err.message : err}`);
  await stop(1);
}
