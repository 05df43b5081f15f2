// Timings for the latency bench (test/bench/latency.mjs), compiled in only by `node build.mjs --bench`.
// In every other build __BENCH__ is false and esbuild drops these calls' bodies as dead code, so the
// shipped extension records nothing and leaves nothing in the page. The times are epoch
// milliseconds with sub-millisecond precision, comparable across the page and the background.

declare global {
  /**
   * True only in the bench build; build.mjs and vitest.config.ts define it. Callers test it
   * themselves (`if (__BENCH__) benchMark(...)`) so that the call, not only its body, is dropped.
   */
  const __BENCH__: boolean;
}

/** Now, as epoch milliseconds: the same clock in the content script and the background. */
export function benchNow(): number {
  return performance.timeOrigin + performance.now();
}

const marks: Record<string, number> = {};

/**
 * Records a named moment of the content script's work on the page's root element, where the bench
 * reads it (data-backstory-bench, JSON). The first moment of each name counts.
 */
export function benchMark(name: string, at?: number): void {
  if (marks[name] === undefined) marks[name] = at ?? benchNow();
  if (document.documentElement) document.documentElement.dataset.backstoryBench = JSON.stringify(marks);
}

/** Moments of the background's own work (loading the dataset), sent back with each reply. */
export const benchSteps: Record<string, number> = {};

/** Records a named moment of the background's work; the first of each name counts. */
export function benchStep(name: string): void {
  benchSteps[name] ??= benchNow();
}
