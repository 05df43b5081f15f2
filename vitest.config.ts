import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As in the shipped build (build.mjs): no bench timings.
  define: { __BENCH__: 'false' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Several tests compile the whole dataset's matcher, which on a loaded two-core machine
          // takes longer than vitest's default five seconds; a hang still fails.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
