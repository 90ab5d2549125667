import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Unit and component tests. Browser e2e tests live in tests/e2e and run with vitest.e2e.config.ts.
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
});
