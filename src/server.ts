import { createServer } from 'node:http';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { stop as stopEsbuild } from 'esbuild';
import { createApp } from './app.ts';
import { loadClinic } from './config/clinic.ts';
import { parseEnv } from './config/env.ts';
import { exampleValuesIn } from './config/example-values.ts';
import { checkCanListen, listenProblem } from './config/listen-check.ts';
import { openMigratedDatabase } from './db/open.ts';
import { loadPublicSite, SITE_CACHE_FILE } from './features/content/index.ts';
import { createAnalyticsIngest, createAnalyticsJobs, reportForDays } from './features/analytics/index.ts';
import { createPurgeJob, dailySummaryCounts } from './features/inbox/index.ts';
import { createBackupJob, listenForBackups } from './features/backup/index.ts';
import { prepareFirstStart, setupLinkNotice } from './features/keys/index.ts';
import { DEFAULT_SESSION_POLICY } from './features/auth/index.ts';
import { createStaffCleanupJob } from './features/staff/index.ts';
import {
  createNotifyWorker,
  createSummaryJob,
  createWeeklySummaryJob,
  senderFromEnv,
} from './features/notify/index.ts';
import { clientAddressBehind } from './http/client-address.ts';
import { preparedLane } from './http/prepared-lane.ts';
import { securedHeaders } from './http/security-headers.ts';
import { createLogger } from './lib/logger.ts';
import { maskSecrets } from './lib/mask-secrets.ts';
import { StartUpError } from './lib/start-up-error.ts';
import { prettyDestination } from './lib/log-format.ts';
import { VERSION } from './version.ts';

/** The only place that starts I/O: config, lock, database, migrations, HTTP, and a clean shutdown. */
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const clinic = loadClinic(env.clinicConfigPath);
  // JSON lines for a log collector; readable lines when a person watches a terminal.
  const logger = createLogger(
    env.logLevel,
    process.stdout.isTTY ? prettyDestination(process.stdout) : undefined,
  );
  const send = senderFromEnv(env, logger);
  const examples = exampleValuesIn(clinic);
  if (examples.length > 0) {
    logger.warn(
      { config: env.clinicConfigPath, examples },
      'the clinic config still holds the shipped example values: replace them before going live (docs/deploy.md)',
    );
  }

  // Before the database is touched: a taken port must not leave a new set-up link behind.
  await checkCanListen(env.port, env.host);
  // The public site is read from DATA_DIR's cache of it, or built while the database opens and
  // migrates: esbuild, argon2 and PostgreSQL work outside this thread, so the two overlap. A
  // failed database is said first.
  const building = loadPublicSite({
    clinic,
    siteUrl: env.siteUrl,
    cacheFile: join(env.dataDir, SITE_CACHE_FILE),
  }).then(async (loaded) => {
    // The stylesheets and scripts are built: esbuild's service process need not stay (about 15 MB).
    await stopEsbuild();
    // Written once every page is compressed, after the start: a start never waits for it or fails by it.
    const saved = loaded.saved.catch((error: NodeJS.ErrnoException) =>
      logger.warn(
        { err: { type: error.name, code: error.code } },
        'the built public site could not be cached in DATA_DIR: each start builds it',
      ),
    );
    return { ...loaded, saved };
  });
  building.catch(() => undefined);
  const database = await openMigratedDatabase(env, (error) =>
    logger.warn(
      { err: { type: error.name, code: (error as { code?: unknown }).code } },
      'database connection lost',
    ),
  );
  const { db, applied } = database;
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  // Until the first admin exists, each start makes a fresh clinic key pair and one-time set-up link.
  const firstStart = await prepareFirstStart(db);
  if (firstStart) {
    logger.warn('set-up is not complete: the one-time set-up link is printed on stderr');
    process.stderr.write(setupLinkNotice(env.siteUrl, firstStart.setupToken));
  }
  const { publicSite, source: publicSiteSource, saved: publicSiteSaved } = await building;
  // Analytics: events are written in batches; the jobs roll them up, rotate the daily salt and
  // delete raw events older than ANALYTICS_RETENTION_DAYS.
  const analytics = createAnalyticsIngest({ db, logger });
  // Staff sessions end after SESSION_IDLE_MINUTES unused (and 12 hours at most); a job deletes
  // ended sessions and expired invite links every minute.
  const session = { ...DEFAULT_SESSION_POLICY, idleMs: env.sessionIdleMinutes * 60_000 };
  // Behind TRUSTED_PROXIES proxies, the visitor's address comes from X-Forwarded-For (right to left).
  const clientAddress = clientAddressBehind(env.trustedProxies);
  const app = createApp({ env, db, logger, publicSite, analytics, session, clientAddress });
  const staffCleanup = createStaffCleanupJob({ db, logger, policy: session });
  staffCleanup.start();
  const analyticsJobs = createAnalyticsJobs({
    db,
    ingest: analytics,
    logger,
    timeZone: clinic.timeZone,
    retentionDays: env.analyticsRetentionDays,
  });
  analyticsJobs.start();
  const notifyWorker = createNotifyWorker({
    db,
    send,
    logger,
    siteUrl: env.siteUrl,
    timeZone: clinic.timeZone,
    summaryCounts: (now) => dailySummaryCounts(db, publicSite.site, now),
    weeklyReport: (week) => reportForDays(db, week, clinic.timeZone),
  });
  notifyWorker.start();
  // The daily summary at DAILY_SUMMARY_AT, clinic time, to members who asked: e-mail only.
  const summaryJob = createSummaryJob({ db, logger, timeZone: clinic.timeZone, at: env.dailySummaryAt });
  // The weekly analytics summary on Mondays at the same time, to admins and marketing who asked.
  const weeklyJob = createWeeklySummaryJob({ db, logger, timeZone: clinic.timeZone, at: env.dailySummaryAt });
  if (env.smtpUrl) {
    summaryJob.start();
    weeklyJob.start();
  } else logger.info('daily and weekly summary e-mails are off: SMTP_URL is not set');
  // Retention: once a day, requests closed longer than clinic.retentionDays lose their sealed data.
  const purgeJob = createPurgeJob({ db, logger, retentionDays: clinic.retentionDays });
  purgeJob.start();
  // Backups while serving: daily into BACKUP_DIR (the newest BACKUP_KEEP kept), and on request
  // from `clinic backup`, which cannot open the embedded database while this process holds it.
  const backupJob = createBackupJob({ db, logger, dir: env.backupDir, keep: env.backupKeep });
  if (env.backupKeep > 0) backupJob.start();
  const backupSocket = env.databaseUrl
    ? undefined
    : await listenForBackups({ db, logger, dataDir: env.dataDir });

  // Pages, assets, the sitemap and robots.txt are answered by the prepared lane; the rest by Hono.
  const securityHeaders = securedHeaders(env.siteUrl);
  const server = createServer(
    preparedLane({
      responses: publicSite.responses,
      securityHeaders,
      logger,
      next: getRequestListener(app.fetch),
    }),
  );
  // The port can still be taken in the moment between the check above and this listen.
  server.once('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`${listenProblem(error, env.port, env.host).message}\n`);
    database.unlock();
    process.exit(1);
  });
  server.listen(env.port, env.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.port;
    logger.info(
      {
        version: VERSION,
        url: `http://${env.host}:${port}`,
        database: db.kind,
        siteUrl: env.siteUrl,
        publicSite: publicSiteSource,
      },
      'listening',
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests and the notice being sent finish, then close the
    // database and release DATA_DIR.
    backupSocket?.close();
    const workerStopped = Promise.all([
      // A server stopped soon after its start still leaves the built site for the next one.
      publicSiteSaved,
      notifyWorker.stop(),
      summaryJob.stop(),
      weeklyJob.stop(),
      purgeJob.stop(),
      staffCleanup.stop(),
      backupJob.stop(),
    ]);
    server.close(async () => {
      await workerStopped;
      // Write the analytics events still buffered (and roll them up) before the database closes.
      await analyticsJobs
        .stop()
        .catch((error: { name?: string; code?: unknown }) =>
          logger.warn({ err: { type: error.name, code: error.code } }, 'analytics buffer not written'),
        );
      await database.close();
      logger.info('stopped');
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => {
      logger.error('in-flight requests did not finish in 10 s; exiting');
      database.unlock();
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    maskSecrets(
      error instanceof StartUpError
        ? `${(error as Error).message}\n`
        : `Clinic Site failed to start: ${String((error as Error)?.stack ?? error)}\n`,
    ),
  );
  process.exit(1);
});
