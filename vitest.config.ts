import { defineConfig } from 'vitest/config';

/**
 * The slowest files (real `jiandu` processes, injected faults, a 200 MB import, walks over every route and role):
 * `npm test` skips them, `.ci/run` runs them on PostgreSQL (project `slow`), `npm run test:slow` runs them here.
 */
const SLOW = [
  'packages/server/test/db/import-cli.test.ts',
  'packages/server/test/db/process.test.ts',
  'packages/server/test/db/faults.test.ts',
  'packages/server/test/db/rules-cli.test.ts',
  'packages/server/test/db/meeting-cli.test.ts',
  'packages/server/test/db/audit-checkpoint-cli.test.ts',
  'packages/server/test/db/import-cadres-cli.test.ts',
  'packages/server/test/db/roster-placement-cli.test.ts',
  'packages/server/test/db/import-memory.test.ts',
  'packages/server/test/db/operations.test.ts',
  'packages/server/test/db/data-at-rest-grep.test.ts',
  'packages/server/test/api/exports.test.ts',
  'packages/server/test/api/account-approval.test.ts',
];
/** Those of them with tests only PGlite can run (data-folder locks, the embedded file layout, a full disk): `.ci/run` runs these on PGlite too. */
const SLOW_PGLITE = [
  'packages/server/test/db/process.test.ts',
  'packages/server/test/db/faults.test.ts',
  'packages/server/test/db/import-memory.test.ts',
  'packages/server/test/db/operations.test.ts',
  'packages/server/test/db/data-at-rest-grep.test.ts',
];

const database = {
  globalSetup: ['packages/server/test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/domain/test/**/*.test.ts', 'packages/server/test/unit/**/*.test.ts', 'packages/web/test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/server/test/db/**/*.test.ts', 'packages/server/test/api/**/*.test.ts'],
          exclude: SLOW,
          ...database,
        },
      },
      { test: { name: 'slow', include: SLOW, ...database } },
      { test: { name: 'slow-pglite', include: SLOW_PGLITE, ...database } },
    ],
  },
});
