import { defineConfig } from 'vitest/config';

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
          globalSetup: ['packages/server/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
