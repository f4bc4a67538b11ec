import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../../src/app.ts';
import { loadClinic, type Clinic } from '../../src/config/clinic.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import {
  createAnalyticsIngest,
  createAnalyticsJobs,
  DEFAULT_RETENTION_DAYS,
} from '../../src/features/analytics/index.ts';
import { buildPublicSite } from '../../src/features/content/index.ts';
import { clientAddressBehind } from '../../src/http/client-address.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { TEST_DATABASE_URL } from '../../vitest.config.ts';
import { freePort } from './server-process.ts';

/**
 * A whole-system setting for browser stories: a database the command-line tool can reach too
 * (an embedded one in a DATA_DIR, or a fresh PostgreSQL database), and the real app served on a
 * loopback port with SITE_URL set to that origin and a clock the test can move forward.
 */

export type StoryStore = {
  kind: 'pglite' | 'postgres';
  /** DATA_DIR and DATABASE_URL for `npm run clinic`. */
  env: Record<string, string>;
  open(): Promise<Database>;
  remove(): Promise<void>;
};

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Whether the test PostgreSQL server answers (the browser project runs on PGlite without it). */
export const postgresReachable = () =>
  adminQuery('SELECT 1').then(
    () => true,
    () => false,
  );

/**
 * The databases a browser story runs on: the embedded one, and PostgreSQL when it answers. Under
 * CI=true a missing PostgreSQL fails the story instead of leaving half of it out.
 */
export async function storyTargets(): Promise<StoryStore['kind'][]> {
  if (await postgresReachable()) return ['pglite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error(`CI=true, but PostgreSQL at ${TEST_DATABASE_URL} does not answer`);
  return ['pglite'];
}

/** The first admin of every browser story, set up by `clinic setup`. */
export const STORY_ADMIN = { email: 'admin@clinic.test', password: 'a long passphrase for the admin' };

/** An empty store; `clinic setup` migrates it. */
export async function createStore(kind: StoryStore['kind']): Promise<StoryStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-story-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'pglite') {
    return {
      kind,
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ dataDir }),
      remove: async () => removeDir(),
    };
  }
  const name = `clinic_story_${process.pid}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString() }),
    remove: async () => {
      removeDir();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Real time plus an offset the test moves forward (sessions, form timing, TOTP steps). */
export type StoryClock = { now: () => Date; advance(ms: number): void };

export function storyClock(): StoryClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export type StoryServer = {
  baseUrl: string;
  db: Database;
  logs: string[];
  /** One pass of the analytics upkeep the server runs each minute: buffered events written, days rolled up. */
  analyticsUpkeep(): Promise<void>;
  stop(): Promise<void>;
};

export type StoryServerOptions = {
  /** The clinic's config (parseClinic of its own file); the shipped clinic.config.json by default. */
  clinic?: Clinic;
  /** TRUSTED_PROXIES: behind that many proxies the visitor's address comes from X-Forwarded-For. */
  trustedProxies?: number;
};

/**
 * The app over the store, on a free port whose origin is its SITE_URL, wired as server.ts wires
 * it: the analytics collector with its upkeep (run here on demand, not every minute), and the
 * visitor's address behind `trustedProxies` proxies.
 */
export async function startStoryServer(
  store: StoryStore,
  clock: StoryClock,
  options: StoryServerOptions = {},
): Promise<StoryServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const db = await store.open();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const clinic = options.clinic ?? loadClinic('clinic.config.json');
  const publicSite = await buildPublicSite({ clinic, siteUrl: baseUrl });
  const logger = createLogger('info', sink);
  const analytics = createAnalyticsIngest({ db, logger, now: clock.now });
  const analyticsJobs = createAnalyticsJobs({
    db,
    ingest: analytics,
    logger,
    timeZone: clinic.timeZone,
    retentionDays: DEFAULT_RETENTION_DAYS,
  });
  const app = createApp({
    env: { siteUrl: baseUrl },
    db,
    logger,
    publicSite,
    analytics,
    clientAddress: clientAddressBehind(options.trustedProxies ?? 0),
    now: clock.now,
  });
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }) as Server;
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseUrl,
    db,
    logs,
    analyticsUpkeep: () => analyticsJobs.runOnce(),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      // As server.ts does: the events still buffered are written and rolled up before the database closes.
      await analyticsJobs.stop();
      await db.close();
    },
  };
}
