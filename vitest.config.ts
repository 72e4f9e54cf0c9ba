import { defineConfig } from 'vitest/config';

/**
 * Three projects: `default` is what `npm test` runs (unit, contract, http, cdk, chaos, e2e when Chromium
 * exists); `corpus` reads the third-party real-world files in ../shared/testdata; `e2e` only the browser.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'default',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/corpus/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: { name: 'corpus', include: ['test/corpus/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
