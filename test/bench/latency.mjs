// `node test/bench/latency.mjs [warm runs] [start runs]` (after `node build.mjs` and
// `node build.mjs --bench`): how soon after the page is ready the reader gets context, in real
// headless Chromium and Firefox, on the seed article. Measures and prints; asserts nothing.
//
// For each browser, medians of:
// - DOMContentLoaded -> the first inline mark in the page, and -> the sidebar ready (its host in the
//   page with its toggle), seen from the page by a MutationObserver installed before any page script;
// - warm: the browser and the background already up (an article was read before);
// - woken (Chromium): the browser up but its worker stopped (CDP ServiceWorker.stopAllWorkers), as
//   Chromium stops a worker idle for 30 s, so the article starts it: a reader's usual first article;
// - start: right after a browser start, on a profile that has the extension installed and its
//   database seeded (Chromium: the same profile relaunched with the unpacked extension; Firefox: the
//   extension sideloaded into the profile, so it loads at start like an installed add-on);
// - the same page without Backstory, for reference (its own DOMContentLoaded and load);
// - split by phase, from the bench build (dist-bench/, whose content script and background record
//   when each step happened; src/shared/bench.ts): when the content script started (before
//   DOMContentLoaded: it runs at document_start) and saw the page parsed, detection (parsed -> the
//   article found), extraction (-> its text sent), message to and message
//   back (each way of the annotate round trip, including any wait for a busy main thread),
//   background (the background answering it, including waking up and loading the matcher), paint
//   (reply -> first mark), sidebar (reply -> sidebar ready).
// Totals come from the shipped build (dist/); the bench build's own totals are printed beside them.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../e2e/server.mjs';
import { firefoxProfileWithExtension, launchChromium, launchFirefox, median, root } from './harness.mjs';

const WARM = Number(process.argv[2] ?? 15);
const STARTS = Number(process.argv[3] ?? 7);
const ARTICLE = 'https://tass.com/politics/1387519';
const TIMEOUT_MS = 20_000;
/**
 * The builds to measure, each a folder with chrome/ and firefox/ (relative to the repository or
 * absolute): the shipped build and the bench build by default. Another pair, such as a copy of an
 * older build, compares versions in one run on the same machine load.
 */
const BUILDS = (process.env.BACKSTORY_LATENCY_BUILDS ?? 'dist,dist-bench').split(',');
/** The browsers to measure (BACKSTORY_LATENCY_BROWSERS=chromium or firefox): both by default. */
const BROWSERS = (process.env.BACKSTORY_LATENCY_BROWSERS ?? 'chromium,firefox').split(',');

for (const dir of BUILDS)
  if (!existsSync(join(resolve(root, dir), 'chrome/manifest.json')))
    throw new Error(`${dir}/ is missing: run node build.mjs (and node build.mjs --bench) first`);

/**
 * Installed before any page script: when the first mark and the sidebar's toggle appear. It resolves
 * window.__backstoryLatencyDone when both are there (or at the load event on a page without
 * Backstory), so that the bench asks the page once instead of polling it while it works.
 */
function observeBackstory(withBackstory) {
  const seen = {};
  window.__backstoryLatency = seen;
  let done;
  window.__backstoryLatencyDone = new Promise((resolve) => {
    done = resolve;
  });
  const finish = () => {
    if (withBackstory ? seen.mark !== undefined && seen.sidebar !== undefined : seen.load !== undefined)
      done();
  };
  const check = () => {
    if (seen.mark === undefined && document.querySelector('backstory-mention')) seen.mark = performance.now();
    const host = document.querySelector('backstory-sidebar');
    if (host && seen.sidebar === undefined) {
      const shadow = host.shadowRoot;
      if (!shadow || shadow.querySelector('[data-backstory="toggle"]')) seen.sidebar = performance.now();
      else if (!seen.watchingShadow) {
        seen.watchingShadow = true;
        new MutationObserver(check).observe(shadow, { childList: true, subtree: true });
      }
    }
    finish();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  addEventListener('load', () => {
    seen.load = performance.now();
    setTimeout(finish);
  });
}

/** Read in the page: the observer's times and the bench marks, relative to DOMContentLoaded. */
function readLatency() {
  const nav = performance.getEntriesByType('navigation')[0];
  const dcl = nav?.domContentLoadedEventStart ?? 0;
  const seen = window.__backstoryLatency ?? {};
  const raw = document.documentElement.dataset.backstoryBench;
  const bench = raw ? JSON.parse(raw) : null;
  const rel = (epoch) => (epoch === undefined ? undefined : epoch - performance.timeOrigin - dcl);
  return {
    dcl,
    load: nav && nav.loadEventStart > 0 ? nav.loadEventStart - dcl : undefined,
    mark: seen.mark === undefined ? undefined : seen.mark - dcl,
    sidebar: seen.sidebar === undefined ? undefined : seen.sidebar - dcl,
    marks: bench ? Object.fromEntries(Object.entries(bench).map(([k, v]) => [k, rel(v)])) : null,
  };
}

/** Waits for the page's first mark and sidebar (or for its load, without Backstory), then reads the times. */
async function measure(evaluate) {
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`no context after ${TIMEOUT_MS} ms`)), TIMEOUT_MS),
  );
  await Promise.race([evaluate(() => window.__backstoryLatencyDone), timeout]);
  return evaluate(readLatency);
}

/** The phases of one run of the bench build, in ms. */
function phases(r) {
  const m = r.marks;
  if (!m) return null;
  const p = {
    // The script starts before the page is parsed (run_at document_start), so this is negative
    // when it waited for the page; parsed: when it saw the page parsed.
    '(script started)': m.start,
    '(parsed)': m.parsed,
    detection: m.detected - m.parsed,
    extraction: m.extracted - m.detected,
    'wait to send': m['annotate:sent'] - m.extracted,
    'message to': m['annotate:received'] - m['annotate:sent'],
    'message back': m['annotate:replied'] - m['annotate:answered'],
    background: m['annotate:answered'] - m['annotate:received'],
    paint: r.mark - m['annotate:replied'],
    sidebar: r.sidebar - m['annotate:replied'],
  };
  if (!Object.values(p).every(Number.isFinite)) return null;
  // Not phases but moments, relative to DOMContentLoaded: when the background's script started and
  // when its matcher was ready (negative: before the page).
  p['(worker started)'] = m['background:started'];
  p['(matcher ready)'] = m['background:loaded'];
  // Within loading: the database opened, each record of the dataset read (the outlines also parsed
  // and checked), the dataset ready, the stored matcher loaded.
  for (const step of [
    'load',
    'opened',
    'meta',
    'outlines',
    'outlines parsed',
    'stored matcher',
    'read',
    'matcher',
    'texts',
    'entities',
    'cards',
  ])
    p[`(${step})`] = m[`background:${step}`];
  return p;
}

const server = await startServer();
/** results[browser][case] = list of readLatency() results. */
const results = { chromium: {}, firefox: {} };
const add = (browser, key, r) => {
  results[browser][key] ??= [];
  results[browser][key].push(r);
};

async function chromiumRuns(build) {
  const extensionDir = join(resolve(root, build), 'chrome');
  // Warm: one browser, one article read first so the background is up.
  const warm = await launchChromium(server.port, { extensionDir });
  try {
    await warm.context.addInitScript(observeBackstory, true);
    const page = await warm.context.newPage();
    await page.goto(ARTICLE);
    await measure((fn) => page.evaluate(fn));
    for (let i = 0; i < WARM; i++) {
      await page.goto(ARTICLE);
      add('chromium', `${build} warm`, await measure((fn) => page.evaluate(fn)));
    }
    // Woken: the worker stopped, as Chromium stops one that has been idle for 30 s; the next
    // article starts it again in a browser that is up.
    const cdp = await warm.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    for (let i = 0; i < STARTS; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.goto(ARTICLE);
      add('chromium', `${build} woken`, await measure((fn) => page.evaluate(fn)));
    }
    await cdp.detach();
  } finally {
    await warm.close();
  }
  // Start: a profile with the extension installed and seeded, then restarted for each run.
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-start-'));
  try {
    const first = await launchChromium(server.port, { extensionDir, profile });
    try {
      await first.context.addInitScript(observeBackstory, true);
      const page = await first.context.newPage();
      await page.goto(ARTICLE);
      await measure((fn) => page.evaluate(fn));
    } finally {
      await first.close();
    }
    for (let i = 0; i < STARTS; i++) {
      const again = await launchChromium(server.port, { extensionDir, profile, waitForWorker: false });
      try {
        await again.context.addInitScript(observeBackstory, true);
        const p = again.context.pages()[0] ?? (await again.context.newPage());
        await p.goto(ARTICLE);
        add('chromium', `${build} start`, await measure((fn) => p.evaluate(fn)));
      } finally {
        await again.close();
      }
    }
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

async function firefoxRuns(build) {
  const extensionDir = join(resolve(root, build), 'firefox');
  const warm = await launchFirefox(server.port, { extensionDir });
  try {
    const page = await warm.browser.newPage();
    await page.evaluateOnNewDocument(observeBackstory, true);
    await page.goto(ARTICLE);
    await measure((fn) => page.evaluate(fn));
    for (let i = 0; i < WARM; i++) {
      await page.goto(ARTICLE);
      add('firefox', `${build} warm`, await measure((fn) => page.evaluate(fn)));
    }
  } finally {
    await warm.close();
  }
  const { rmSync } = await import('node:fs');
  const profile = firefoxProfileWithExtension(extensionDir);
  try {
    for (let i = 0; i <= STARTS; i++) {
      const again = await launchFirefox(server.port, { profile });
      try {
        const page = await again.browser.newPage();
        await page.evaluateOnNewDocument(observeBackstory, true);
        await page.goto(ARTICLE);
        const r = await measure((fn) => page.evaluate(fn));
        // The first start installs the add-on and seeds its database: not a start with it installed.
        if (i > 0) add('firefox', `${build} start`, r);
      } finally {
        await again.close();
      }
    }
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

async function withoutBackstory() {
  const chromium = await launchChromium(server.port, { extension: false });
  try {
    await chromium.context.addInitScript(observeBackstory, false);
    const page = await chromium.context.newPage();
    for (let i = 0; i < WARM; i++) {
      await page.goto(ARTICLE);
      add('chromium', 'no Backstory', await measure((fn) => page.evaluate(fn)));
    }
  } finally {
    await chromium.close();
  }
  const firefox = await launchFirefox(server.port, { extension: false });
  try {
    const page = await firefox.browser.newPage();
    await page.evaluateOnNewDocument(observeBackstory, false);
    for (let i = 0; i < WARM; i++) {
      await page.goto(ARTICLE);
      add('firefox', 'no Backstory', await measure((fn) => page.evaluate(fn)));
    }
  } finally {
    await firefox.close();
  }
}

try {
  await withoutBackstory();
  for (const build of BUILDS) {
    if (BROWSERS.includes('chromium')) await chromiumRuns(build);
    if (BROWSERS.includes('firefox')) await firefoxRuns(build);
  }
} finally {
  await server.close();
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1).padStart(7)} ms` : '      - ');
const med = (list, pick) => median(list.map(pick).filter(Number.isFinite));
console.log(
  `latency on ${ARTICLE}: medians of ${WARM} warm loads and ${STARTS} browser starts; ` +
    `load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
for (const browser of BROWSERS) {
  const r = results[browser];
  const alone = r['no Backstory'] ?? [];
  const aloneDcl = med(alone, (x) => x.dcl);
  const aloneLoad = med(alone, (x) => x.load);
  console.log(`\n${browser}`);
  console.log(
    `  the page without Backstory: navigation -> DOMContentLoaded ${ms(aloneDcl)}, -> load +${ms(aloneLoad)}`,
  );
  for (const build of BUILDS) {
    for (const mode of ['warm', 'woken', 'start']) {
      const runs = r[`${build} ${mode}`] ?? [];
      if (runs.length === 0) continue;
      const mark = med(runs, (x) => x.mark);
      const sidebar = med(runs, (x) => x.sidebar);
      console.log(
        `  ${build.padEnd(10)} ${mode.padEnd(5)} DOMContentLoaded -> first mark ${ms(mark)}, -> sidebar ready ${ms(sidebar)}` +
          `   (page: -> DOMContentLoaded ${ms(med(runs, (x) => x.dcl))}; first mark / page's own DOMContentLoaded ${(mark / aloneDcl).toFixed(2)})`,
      );
    }
  }
  for (const build of BUILDS)
    for (const mode of ['warm', 'woken', 'start']) {
      const split = (r[`${build} ${mode}`] ?? []).map(phases).filter(Boolean);
      if (split.length === 0) continue;
      const names = Object.keys(split[0]);
      console.log(
        `  phases, ${mode} (${build}, ${split.length} runs): ` +
          names.map((n) => `${n} ${med(split, (p) => p[n]).toFixed(1)}`).join(', ') +
          ' ms',
      );
    }
  // BACKSTORY_LATENCY_RAW=1: every run's moments too (relative to DOMContentLoaded), for a closer look.
  if (process.env.BACKSTORY_LATENCY_RAW)
    for (const build of BUILDS)
      for (const mode of ['warm', 'woken', 'start'])
        for (const run of r[`${build} ${mode}`] ?? [])
          if (run.marks)
            console.log(
              `  ${build} ${mode} mark ${run.mark.toFixed(0)}: ` +
                Object.entries(run.marks)
                  .sort(([, a], [, b]) => a - b)
                  .map(([name, at]) => `${name} ${at.toFixed(0)}`)
                  .join(', '),
            );
  for (const build of BUILDS) {
    const warm = med(r[`${build} warm`] ?? [], (x) => x.mark);
    const start = med(r[`${build} start`] ?? [], (x) => x.mark);
    console.log(`  ${build}: ratio start / warm (first mark) ${(start / warm).toFixed(2)}`);
  }
  if (BUILDS.length === 2)
    for (const mode of ['warm', 'start']) {
      const [a, b] = BUILDS.map((build) => med(r[`${build} ${mode}`] ?? [], (x) => x.mark));
      console.log(`  ${mode}: first mark ${BUILDS[1]} / ${BUILDS[0]} ${(b / a).toFixed(2)}`);
    }
}
