import { defineConfig } from 'vitest/config';

/**
 * Two projects, run together by `npm test`:
 * - unit: in-process tests (core, CLI through runCli, store, knowledge, eval). They share worker
 *   processes (isolate: false), so the libraries and the knowledge snapshot are loaded once per worker
 *   instead of once per file; no test mocks modules or changes the environment.
 * - e2e: the real discord.js client and Bolt app against the fakes, and tests that start processes
 *   (the bot, crash and race children, the CLI over pipes); each file in its own process.
 * test/support/global-setup.ts compiles the knowledge snapshot once for both.
 */
const E2E = [
  'test/adapters/**/*.test.ts',
  'test/app/**/*.test.ts',
  'test/totd/**/*.test.ts',
  'test/cli/streams.test.ts',
  'test/core/knowledge/load-faults.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // The knowledge snapshot built once; a throwaway PostgreSQL cluster for the store contract suite and the replica tests.
    globalSetup: ['test/support/global-setup.ts', 'test/support/postgres/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E, isolate: false } },
      { extends: true, test: { name: 'e2e', include: E2E, isolate: false } },
    ],
  },
});
