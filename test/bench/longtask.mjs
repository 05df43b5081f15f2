// `node test/bench/longtask.mjs [runs]` (after `node build.mjs`): long main-thread tasks on the ~300 KB
// article (https://tass.com/world/1500000 from the fixture server) in real headless Chromium, with
// Backstory loaded and without it (issue 5, "Long pages stay fast"). Measures and prints; asserts
// nothing.
//
// Two views of the page's main thread, both from navigation until the marks are painted, the sidebar
// opened and the page idle again:
// - PerformanceObserver 'longtask' entries (tasks of 50 ms or more, as the web platform reports
//   them), installed before any page script by addInitScript;
// - every task of the page's renderer main thread from a Chromium trace (CDP Tracing, "RunTask" in the
//   toplevel category), to see tasks longer than a frame (16 ms), which the longtask API does not report.
// The run without the extension loads the same page the same way; what it shows is the page's own cost
// (parsing and laying out 300 KB of HTML), so the difference is Backstory's.

import { LONG_ARTICLE, startServer } from '../e2e/server.mjs';
import { launchChromium, median, sidebarHasCard, testPageOf } from './harness.mjs';

const URL_ = `https://${LONG_ARTICLE.host}${LONG_ARTICLE.path}`;
const RUNS = Number(process.argv[2] ?? 5);
const FRAME_MS = 16;

function observeLongTasks() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__longTasks = null;
  }
}

async function launch(withExtension) {
  const launched = await launchChromium(server.port, {
    extension: withExtension,
    viewport: { width: 1280, height: 800 },
  });
  await launched.context.addInitScript(observeLongTasks);
  return launched;
}

/** Trace events of rendering work (style, layout, pre-paint, paint, commit). */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit', 'Layerize']);
/** Trace events that run script; nested ones (a FunctionCall in an EventDispatch) are not counted twice. */
const SCRIPT = new Set([
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'RunMicrotasks',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
]);

/**
 * What a task did: `render` and `script` ms, and whose script ran: `ours` when any of it came from the
 * extension (chrome-extension:// URLs), `harness` when it evaluated script with no URL (Playwright's
 * own page.evaluate and locator polling, which a reader's page never runs).
 */
function anatomy(inside) {
  let render = 0;
  let renderEnd = -1;
  let script = 0;
  let scriptEnd = -1;
  let ours = false;
  let harness = false;
  for (const e of inside) {
    // Events nest (a Paint inside a Paint, a FunctionCall inside an EventDispatch): outermost only.
    if (RENDERING.has(e.name) && e.ts >= renderEnd) {
      render += e.dur / 1000;
      renderEnd = e.ts + e.dur;
    }
    if (!SCRIPT.has(e.name)) continue;
    if (e.ts >= scriptEnd) {
      script += e.dur / 1000;
      scriptEnd = e.ts + e.dur;
    }
    const url = e.args?.data?.url;
    if (typeof url === 'string' && url.startsWith('chrome-extension://')) ours = true;
    if (e.name === 'EvaluateScript' && !url) harness = true;
  }
  return { render, script, ours, harness: harness && !ours };
}

/**
 * The article renderer's main-thread tasks from a trace: { ts (µs, trace clock), ms, render, script,
 * ours, harness }. Several renderers run (the extension's too); the article's is the one whose thread
 * saw the `backstory-run` user-timing mark, else the busiest.
 */
function mainThreadTasks(events) {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const marked = events.find((e) => e.name === 'backstory-run');
  let best = [];
  for (const m of mains) {
    const thread = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X')
      .sort((a, b) => a.ts - b.ts);
    const tasks = thread
      .filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
      .map((e) => {
        const inside =
          e.dur / 1000 > FRAME_MS
            ? thread.filter((x) => x !== e && x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur)
            : [];
        return { ts: e.ts, ms: e.dur / 1000, ...anatomy(inside) };
      });
    if (marked && marked.pid === m.pid) return tasks;
    if (tasks.reduce((a, t) => a + t.ms, 0) > best.reduce((a, t) => a + t.ms, 0)) best = tasks;
  }
  return best;
}

async function runOnce(browser, withExtension) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['toplevel', 'devtools.timeline', 'blink.user_timing', '__metadata'],
      recordMode: 'recordContinuously',
    },
  });
  const started = Date.now();
  await page.goto(URL_, { waitUntil: 'load' });
  await page.evaluate(() => performance.mark('backstory-run'));
  if (withExtension) {
    // Marks painted (their count stops changing), then the reader opens the sidebar.
    let last = -1;
    for (;;) {
      const n = await page.evaluate(() => document.querySelectorAll('backstory-mention').length);
      if (n > 0 && n === last) break;
      last = n;
      if (Date.now() - started > 30_000) throw new Error('no marks on the long article after 30 s');
      await page.waitForTimeout(250);
    }
    // Tasks from here on belong to opening the sidebar.
    await page.evaluate(() => performance.mark('backstory-open'));
    const tp = await testPageOf(page, 'chromium');
    await tp.click('[data-backstory="toggle"]');
    await tp.waitFor(sidebarHasCard, undefined, { what: 'a card in the sidebar', timeoutMs: 30_000 });
  }
  await page.waitForTimeout(1_000);
  // Closed again, so the next run's article does not open with the sidebar already open (remembered).
  if (withExtension) await (await testPageOf(page, 'chromium')).click('[data-backstory="toggle"]');
  await page.waitForTimeout(500);
  // Then the reader scrolls through the whole article, four screens at a time: marks are painted as
  // their paragraphs come near.
  await page.evaluate(() => performance.mark('backstory-scroll'));
  for (;;) {
    const more = await page.evaluate(() => {
      window.scrollBy(0, innerHeight * 4);
      return innerHeight + scrollY < document.documentElement.scrollHeight - 1;
    });
    await page.waitForTimeout(120);
    if (!more) break;
  }
  await page.waitForTimeout(1_000);
  const longTasks = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? Infinity;
    const [open, scroll] = [at('backstory-open'), at('backstory-scroll')];
    return (
      window.__longTasks?.map((t) => ({
        ...t,
        phase: t.start >= scroll ? 'scroll' : t.start >= open ? 'open' : 'load',
      })) ?? null
    );
  });
  const marks = await page.evaluate(() => document.querySelectorAll('backstory-mention').length);
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  const at = (name) => events.find((e) => e.name === name)?.ts ?? Infinity;
  const [openAt, scrollAt] = [at('backstory-open'), at('backstory-scroll')];
  const tasks = mainThreadTasks(events).map((t) => ({
    ...t,
    phase: t.ts >= scrollAt ? 'scroll' : t.ts >= openAt ? 'open' : 'load',
  }));
  return { longTasks, marks, tasks };
}

/** "22 B (render 15, script 6)": B when Backstory's script ran in the task, H for the harness's. */
const describe = (t) =>
  `${Math.round(t.ms)}${t.ours ? ' B' : t.harness ? ' H' : ''} (render ${Math.round(t.render)}, script ${Math.round(t.script)})`;
const fmt = (xs) => (xs.length ? xs.map((x) => Math.round(x)).join(', ') : '-');

const server = await startServer();
try {
  console.log(
    `Long tasks on ${URL_} (>= ${LONG_ARTICLE.minBytes / 1024} KB), ${RUNS} runs each, Chromium headless`,
  );
  const summary = {};
  for (const withExtension of [false, true]) {
    const label = withExtension ? 'with Backstory' : 'without';
    const browser = await launch(withExtension);
    const runs = [];
    try {
      await runOnce(browser, withExtension); // warm-up: caches, the background's compiled matcher
      for (let i = 0; i < RUNS; i++) runs.push(await runOnce(browser, withExtension));
    } finally {
      await browser.close();
    }
    for (const [i, r] of runs.entries()) {
      const over = (phase) => {
        const tasks = r.tasks.filter((t) => t.phase === phase && t.ms > FRAME_MS).sort((a, b) => b.ms - a.ms);
        return tasks.length ? tasks.map(describe).join(', ') : '-';
      };
      const long = (phase) =>
        fmt((r.longTasks ?? []).filter((t) => t.phase === phase).map((t) => t.duration));
      const both = (phase) => `longtask [${long(phase)}], trace > ${FRAME_MS} ms [${over(phase)}]`;
      console.log(
        `${label.padEnd(15)} run ${i + 1}: load${withExtension ? ' + marks' : ''}: ${both('load')}` +
          (withExtension ? `; opening the sidebar: ${both('open')}` : '') +
          `; scrolling to the end: ${both('scroll')}; ${r.tasks.length} tasks, ${r.marks} marks at the end`,
      );
    }
    // The harness's own tasks (Playwright evaluating in the page) are no reader's cost.
    const longest = (r, phase) =>
      Math.max(0, ...r.tasks.filter((t) => t.phase === phase && !t.harness).map((t) => t.ms));
    summary[label] = {
      longtaskCount: median(runs.map((r) => (r.longTasks ?? []).length)),
      overFrame: median(runs.map((r) => r.tasks.filter((t) => t.ms > FRAME_MS).length)),
      loadLongest: median(runs.map((r) => longest(r, 'load'))),
      openLongest: withExtension ? median(runs.map((r) => longest(r, 'open'))) : null,
      scrollLongest: median(runs.map((r) => longest(r, 'scroll'))),
    };
  }
  console.log(
    '\nTasks are "ms B|H (render ms, script ms)": B = Backstory\'s script ran in it, H = the test harness\'s;\n' +
      "unmarked tasks are the page's own work or rendering (after our changes to the page, when Backstory is loaded).",
  );
  console.log('medians over runs (harness tasks left out of "longest"):');
  for (const [label, s] of Object.entries(summary))
    console.log(
      `  ${label.padEnd(15)} longtask entries ${s.longtaskCount}; tasks > ${FRAME_MS} ms: ${s.overFrame}; ` +
        `longest task during load${label === 'without' ? '' : ' and marking'} ${Math.round(s.loadLongest)} ms` +
        (s.openLongest === null ? '' : `; opening the sidebar ${Math.round(s.openLongest)} ms`) +
        `; scrolling ${Math.round(s.scrollLongest)} ms`,
    );
} finally {
  await server.close();
}
