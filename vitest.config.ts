// Two projects (SPEC Z5): "sqlite" runs every test on the embedded default; "pg" runs the store contract tests, the HTTP journeys
// and the PostgreSQL-only tests (test/pg) again on a throwaway PostgreSQL cluster its global setup starts. SKIP_PG=1 leaves "pg" out.
import { defineConfig } from 'vitest/config';

const skipPg = process.env.SKIP_PG === '1';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ['test/pg/**'] } },
      ...(skipPg
        ? []
        : [
            {
              extends: true as const,
              test: {
                name: 'pg',
                include: ['test/http/**/*.test.ts', 'test/store/**/*.test.ts', 'test/pg/**/*.test.ts'],
                // these start commands on a SQLite file of their own
                exclude: ['test/http/audit-cli.test.ts'],
                env: { TEST_DB: 'pg' },
                globalSetup: ['test/support/pg-global-setup.ts'],
              },
            },
          ]),
    ],
  },
});
