import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { serverSupportsManyDatabases } from './tests/support/postgres-binaries';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only-stub.ts'),
      // No Next request exists under vitest: these stand in for it (see the files).
      'next/headers': path.resolve(import.meta.dirname, 'tests/support/next-request-stub.ts'),
      'next/cache': path.resolve(import.meta.dirname, 'tests/support/next-cache-stub.ts'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        // Real PostgreSQL: a throwaway server for the run, one database per worker (tests/support/db.ts).
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/vitest-global-setup.ts'],
          setupFiles: ['tests/support/vitest-worker-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The PGlite fallback is one database: its files must run one after another.
          fileParallelism: serverSupportsManyDatabases(),
        },
      },
      // No `e2e` project: browser tests (tests/e2e) run under Playwright, see playwright.config.ts.
    ],
  },
});
