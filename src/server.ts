import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadClinic } from './config/clinic.ts';
import { ConfigError, parseEnv } from './config/env.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock.ts';
import { DatabaseNewerError, migrate } from './db/migrate.ts';
import { buildPublicSite } from './features/content/public-site.tsx';
import { ContentError } from './features/content/content-index.ts';
import { createLogger } from './lib/logger.ts';

/** The only place that starts I/O: config, lock, database, migrations, HTTP, and a clean shutdown. */
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const clinic = loadClinic(env.clinicConfigPath);
  const logger = createLogger(env.logLevel);

  const unlock = env.databaseUrl ? () => undefined : lockDataDir(env.dataDir);
  const db = await openDatabase(
    env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir },
    (error) =>
      logger.warn(
        { err: { type: error.name, code: (error as { code?: unknown }).code } },
        'database connection lost',
      ),
  );
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  const publicSite = await buildPublicSite({ clinic, siteUrl: env.siteUrl });
  const app = createApp({ env, db, logger, publicSite });

  const server: ServerType = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
    logger.info(
      { url: `http://${env.host}:${info.port}`, database: db.kind, siteUrl: env.siteUrl },
      'listening',
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests finish, then close the database and release DATA_DIR.
    server.close(async () => {
      await db.close();
      unlock();
      logger.info('stopped');
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => {
      logger.error('in-flight requests did not finish in 10 s; exiting');
      unlock();
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const known = [ConfigError, DataDirLockedError, DatabaseNewerError, ContentError].some(
    (k) => error instanceof k,
  );
  process.stderr.write(
    known
      ? `${(error as Error).message}\n`
      : `Clinic Site failed to start: ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
