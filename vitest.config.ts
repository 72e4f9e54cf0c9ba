import { defineConfig } from 'vitest/config';

/**
 * Three projects, all run by `npm test`, each test in exactly one: `default` (architecture, unit, integration,
 * contract, adapters, http, handlers, cdk, chaos …), `e2e` (real Chromium) and `corpus` (the third-party
 * real-world files in ../shared/testdata). With CI=true a missing corpus, Chromium or DynamoDB Local fails
 * the run instead of skipping (test/fixtures/required.ts).
 */
export default defineConfig({
  test: {
    // Each project sets AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: the SDK range is pinned and tested
    // on Node 20, and its notice about later releases is noise here.
    projects: [
      {
        test: {
          name: 'default',
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          // Browser tests belong to the e2e project alone (its own time limits), so they run once.
          exclude: ['test/corpus/**', 'test/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'corpus',
          include: ['test/corpus/**/*.test.ts'],
          testTimeout: 120_000,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
      {
        test: {
          name: 'e2e',
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
