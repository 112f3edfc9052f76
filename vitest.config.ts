// Vitest settings: every test under tests/, the shared Redis set-up, and one test file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start Redis-backed workers and child processes; two cores are better
    // spent on one file at a time than on contended, flaky parallel runs.
    fileParallelism: false,
  },
});
