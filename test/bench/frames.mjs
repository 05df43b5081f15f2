// `node test/bench/frames.mjs [runs]` (after `node build.mjs`): what the reader of the ~300 KB
// article sees, in both browsers: the gaps between the page's animation frames while the article
// loads and gets its marks, while the sidebar opens and closes (the same idle time without
// Backstory), and while the reader scrolls to the end, with Backstory loaded and without it.
// Measures and prints; asserts nothing.
//
// longtask.mjs reads Chromium's own trace, which Firefox does not offer over WebDriver BiDi; this
// bench looks from inside the page instead, so it works in both: a requestAnimationFrame loop,
// installed before any page script, notes when each frame came. A task longer than a frame, ours or
// the page's, shows as a gap of two frames or more (33 ms and up at 60 Hz).

import { LONG_ARTICLE, startServer } from '../e2e/server.mjs';
import { launchChromium, launchFirefox, median, testPageOf } from './harness.mjs';

const URL_ = `https://${LONG_ARTICLE.host}${LONG_ARTICLE.path}`;
const RUNS = Number(process.argv[2] ?? 3);
const PHASES = ['load', 'open', 'scroll'];

/** Runs in the page before its scripts: frame times, and the phase each belongs to. */
function sampleFrames() {
  window.__frames = { phase: 'load', gaps: { load: [], open: [], scroll: [] } };
  let last = 0;
  const tick = (now) => {
    if (last) window.__frames.gaps[window.__frames.phase].push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The steps of one run, the same in both browsers; `page` is a small adapter over each driver. */
async function runOnce(page, withExtension) {
  await page.goto(URL_);
  if (withExtension) {
    // Marks near the reader painted (their count stops changing).
    let last = -1;
    for (let waited = 0; ; waited += 250) {
      const n = await page.evaluate(() => document.querySelectorAll('backstory-mention').length);
      if (n > 0 && n === last) break;
      if (waited > 30_000) throw new Error('no marks on the long article after 30 s');
      last = n;
      await sleep(250);
    }
  } else {
    await sleep(2_000);
  }
  // The same window of time without Backstory, where the page just sits: what the browser does on
  // its own after loading 300 KB (garbage collection, say) shows there too.
  await page.evaluate(() => {
    window.__frames.phase = 'open';
  });
  if (withExtension) await page.clickToggle();
  await sleep(1_500);
  if (withExtension) await page.clickToggle();
  await sleep(500);
  await page.evaluate(() => {
    window.__frames.phase = 'scroll';
  });
  for (;;) {
    const more = await page.evaluate(() => {
      window.scrollBy(0, innerHeight * 4);
      return innerHeight + scrollY < document.documentElement.scrollHeight - 1;
    });
    await sleep(120);
    if (!more) break;
  }
  await sleep(1_000);
  return page.evaluate(() => window.__frames.gaps);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The runs in one browser, the first left out: it warms caches and the background's matcher. */
async function runsIn(launched, newPage, withExtension) {
  try {
    const runs = [];
    for (let i = 0; i <= RUNS; i++) {
      const { page, close } = await newPage();
      const gaps = await runOnce(page, withExtension);
      await close();
      if (i > 0) runs.push(gaps);
    }
    return runs;
  } finally {
    await launched.close();
  }
}

async function chromiumRuns(withExtension) {
  const launched = await launchChromium(server.port, {
    extension: withExtension,
    viewport: { width: 1280, height: 800 },
  });
  await launched.context.addInitScript(sampleFrames);
  return runsIn(
    launched,
    async () => {
      const p = await launched.context.newPage();
      const page = {
        goto: (url) => p.goto(url, { waitUntil: 'load' }),
        evaluate: (fn) => p.evaluate(fn),
        clickToggle: async () => (await testPageOf(p, 'chromium')).click('[data-backstory="toggle"]'),
      };
      return { page, close: () => p.close() };
    },
    withExtension,
  );
}

async function firefoxRuns(withExtension) {
  const launched = await launchFirefox(server.port, { extension: withExtension });
  return runsIn(
    launched,
    async () => {
      const p = await launched.browser.newPage();
      await p.setViewport({ width: 1280, height: 800 });
      await p.evaluateOnNewDocument(sampleFrames);
      const page = {
        goto: (url) => p.goto(url, { waitUntil: 'load' }),
        evaluate: (fn) => p.evaluate(fn),
        clickToggle: async () => (await testPageOf(p, 'firefox')).click('[data-backstory="toggle"]'),
      };
      return { page, close: () => p.close() };
    },
    withExtension,
  );
}

/** Per phase: the longest gap and the frames missed (a gap of n frames misses n - 1), medians of runs. */
function summarise(runs) {
  const out = {};
  for (const phase of PHASES) {
    const longest = runs.map((r) => Math.max(0, ...r[phase]));
    const missed = runs.map((r) =>
      r[phase].reduce((n, gap) => n + Math.max(0, Math.round(gap / 16.7) - 1), 0),
    );
    out[phase] = {
      longest: median(longest),
      missed: median(missed),
      frames: median(runs.map((r) => r[phase].length)),
    };
  }
  return out;
}

const server = await startServer();
try {
  console.log(`Frame gaps on ${URL_}, medians of ${RUNS} runs after a warm-up, headless, 1280×800`);
  console.log("  (a gap of n frames misses n - 1: a task longer than a frame, ours or the page's)\n");
  for (const [name, runs] of [
    ['Chromium', chromiumRuns],
    ['Firefox', firefoxRuns],
  ]) {
    for (const withExtension of [false, true]) {
      const s = summarise(await runs(withExtension));
      const label = `${name} ${withExtension ? 'with Backstory' : 'without'}`.padEnd(24);
      const part = (phase) =>
        `${phase} longest gap ${Math.round(s[phase].longest)} ms, ${s[phase].missed} frames missed in ${s[phase].frames}`;
      console.log(`${label} ${part('load')}; ${part('open')}; ${part('scroll')}`);
    }
  }
} finally {
  await server.close();
}
