import { Writable } from 'node:stream';
import type { Hono } from 'hono';
import { createApp, type AppDeps } from '../../src/app.ts';
import { loadClinic } from '../../src/config/clinic.ts';
import { buildPublicSite, type PublicSite } from '../../src/features/content/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { openTestDatabase, type TestDatabase } from './test-db.ts';

export const TEST_SITE_URL = 'https://clinic.test';

let publicSite: Promise<PublicSite> | undefined;

/** The public site is the same for every test in a file: build it once. */
export function testPublicSite(): Promise<PublicSite> {
  publicSite ??= buildPublicSite({ clinic: loadClinic('clinic.config.json'), siteUrl: TEST_SITE_URL });
  return publicSite;
}

export type TestApp = { app: Hono; db: TestDatabase; logs: string[]; close(): Promise<void> };

/**
 * The real application over a fresh migrated database, with its log lines captured.
 * `overrides` replaces optional dependencies (a clock, a client address, the form's thresholds,
 * staff session lifetimes and sign-in throttling, SITE_URL).
 */
export async function createTestApp(
  overrides: Pick<AppDeps, 'now' | 'clientAddress' | 'intakePolicy' | 'session' | 'signinThrottle'> & {
    /** SITE_URL for this app (default TEST_SITE_URL); a browser test passes its server's own origin. */
    siteUrl?: string;
  } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const { siteUrl = TEST_SITE_URL, ...deps } = overrides;
  const app = createApp({
    env: { siteUrl },
    db,
    logger: createLogger('info', sink),
    publicSite: await testPublicSite(),
    ...deps,
  });
  return { app, db, logs, close: () => db.close() };
}
