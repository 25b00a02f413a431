import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // A throwaway PostgreSQL cluster for the store contract suite and the replica tests (see the file).
    globalSetup: ['test/support/postgres/global-setup.ts'],
  },
});
