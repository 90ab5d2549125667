import { defineConfig } from 'vitest/config';

// Real-browser tests: one file at a time (each launches its own browser), generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120000,
    hookTimeout: 120000,
  },
});
