import { defineConfig } from 'vitest/config';
import pg from 'pg';

/**
 * Five projects: pure unit tests; database tests on PGlite; the same database tests on
 * PostgreSQL; browser tests in Debian's Chromium; fault tests that bring their own database
 * (a PostgreSQL cluster of their own, stopped and started by the test). Under CI=true a missing
 * PostgreSQL fails the run; elsewhere the PostgreSQL project is left out with a warning.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default defineConfig(async () => {
  const withPostgres = await postgresReachable();
  if (!withPostgres) {
    const message = `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL).`;
    if (process.env.CI === 'true') throw new Error(`${message} CI requires it.`);
    process.stderr.write(`WARNING: ${message} Database tests run on PGlite only.\n`);
  }
  const dbTests = ['src/**/*.db.test.{ts,tsx}', 'tests/**/*.db.test.{ts,tsx}'];
  // Generous limits: some tests start real server processes, which are slow on a loaded 2-core machine.
  const common = { setupFiles: ['tests/setup/console-guard.ts'], testTimeout: 60_000, hookTimeout: 120_000 };
  return {
    test: {
      // Vitest's default on two cores is one worker; most tests wait on servers, databases and
      // Chromium rather than compute, so two files at a time nearly halve the run.
      maxWorkers: 2,
      projects: [
        {
          test: {
            ...common,
            name: 'unit',
            include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
            exclude: dbTests,
          },
        },
        {
          test: {
            ...common,
            name: 'pglite',
            include: dbTests,
            globalSetup: ['tests/setup/global-pglite.ts'],
            env: { TEST_DB: 'pglite' },
          },
        },
        ...(withPostgres
          ? [
              {
                test: {
                  ...common,
                  name: 'postgres',
                  include: dbTests,
                  globalSetup: ['tests/setup/global-postgres.ts'],
                  env: { TEST_DB: 'postgres', TEST_DATABASE_URL },
                },
              },
            ]
          : []),
        {
          test: {
            ...common,
            name: 'browser',
            include: ['tests/browser/**/*.test.ts'],
            globalSetup: ['tests/setup/global-pglite.ts'],
            env: { TEST_DB: 'pglite' },
            testTimeout: 60_000,
            fileParallelism: false,
          },
        },
        {
          test: {
            ...common,
            name: 'faults',
            include: ['tests/faults/**/*.test.ts'],
            exclude: dbTests,
          },
        },
      ],
    },
  };
});
