import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, run together by `npm test`:
 * - unit: in-process tests (core, CLI through runCli, store, knowledge, eval). They share worker
 *   processes (isolate: false), so the libraries and the knowledge snapshot are loaded once per worker
 *   instead of once per file; no test mocks modules or changes the environment.
 * - e2e: the real discord.js client and Bolt app against the fakes, and tests that start processes
 *   (the bot, crash and race children, the CLI over pipes). Shared workers too: every file closes
 *   what it starts (servers, clients, children) and none depends on a fresh module state.
 * test/support/global-setup.ts compiles the knowledge snapshot once for both, and src/ to JavaScript
 * for the processes tests start (test/support/child-build.ts).
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
    // At least two workers even on two cores (vitest's default leaves one core free): many tests wait on
    // processes and sockets they started, and a second worker fills that time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The knowledge snapshot and the child build made once, a throwaway PostgreSQL cluster started meanwhile (store contract suite, replica tests).
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E, isolate: false } },
      { extends: true, test: { name: 'e2e', include: E2E, isolate: false } },
    ],
  },
});
