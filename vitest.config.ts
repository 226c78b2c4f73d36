import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 * - unit: pure code (common, engine, server helpers that need no database), property tests included;
 * - server: integration tests against a real PostgreSQL (embedded, or DATABASE_URL when set);
 *   the global setup migrates a template database once, each test file clones its own;
 * - e2e: a real Chromium driving the built interface against a real server.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['common/src/**/*.test.ts', 'engine/src/**/*.test.ts', 'server/src/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          sequence: { groupOrder: 1 },
          include: ['server/src/**/*.test.ts'],
          exclude: ['server/src/**/*.unit.test.ts'],
          globalSetup: ['server/test/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/e2e/setup.ts', 'server/test/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
