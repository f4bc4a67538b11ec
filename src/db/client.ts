import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
/**
 * Plain SQL on one connection, inside a transaction. Statements take typed rows:
 * `sql.query<{ id: string }>('SELECT id::text AS id FROM …', [value])`. The migrations are the one
 * definition of the tables; src/db/statements.db.test.ts prepares every statement in src/.
 */
export type RawSql = {
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
};

export type Database = {
  kind: 'pglite' | 'postgres';
  /** Runs `fn` inside one transaction on one connection; commits when it resolves. */
  rawTransaction<T>(fn: (sql: RawSql) => Promise<T>): Promise<T>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

export type DatabaseTarget = { url: string } | { dataDir: string } | { pglite: PGlite };

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `<dataDir>/pgdata`.
 * PGlite keeps its default full durability: a commit is on disk before the promise resolves.
 */
export async function openDatabase(
  target: DatabaseTarget,
  onPoolError?: (error: Error) => void,
): Promise<Database> {
  if ('url' in target) return openPostgres(target.url, onPoolError);
  const client = 'pglite' in target ? target.pglite : await openPglite(join(target.dataDir, 'pgdata'));
  return {
    kind: 'pglite',
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (script) => void (await tx.exec(script)),
          query: async (text, params) => (await tx.query(text, params)).rows as never,
        }),
      ),
    query: async (text, params) => (await client.query(text, params)).rows as never,
    close: () => client.close(),
  };
}

/**
 * Opens the embedded database, creating it by PGlite's initdb when the folder holds none (a
 * server's first start copies the build's migrated template there first: open.ts). initdb grows
 * PGlite's WebAssembly memory to about 660 MB, which a WebAssembly instance never gives back:
 * closing that first instance and opening the new database again releases most of it. Shared
 * buffers are 32 MB instead of PostgreSQL's 128 MB: a clinic's database is small, the operating
 * system caches its files anyway, and ingest and dashboard benchmarks ran as fast.
 * (`npm run bench:memory` and `bench:startup`; figures in docs/benchmarks.md.)
 */
async function openPglite(path: string): Promise<PGlite> {
  const client = await createPglite(path);
  restrictToOwner(path);
  return client;
}

async function createPglite(path: string): Promise<PGlite> {
  const fresh = !existsSync(join(path, 'PG_VERSION'));
  const options = { postgresqlconf: ['shared_buffers = 32MB'] };
  const client = await PGlite.create(path, options);
  if (!fresh) return client;
  await client.close();
  return PGlite.create(path, options);
}

/**
 * PGlite gives its files mode 0666 and its folders 0755 whatever the umask (its WebAssembly file
 * system sets them explicitly): the embedded database would be readable, even writable, by every
 * user of the machine. Folders become 0700 and files 0600, once per start (about 1,000 entries).
 */
function restrictToOwner(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o077) !== 0) chmodSync(path, 0o700);
    for (const entry of readdirSync(path)) restrictToOwner(join(path, entry));
  } else if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
  }
}

/**
 * Connections the pool opens at start and keeps however long they sit idle (the others close
 * after 10 s). Opening one costs the main thread about as much as a post's own statements, so a
 * burst of posts after a quiet spell should not have to open them all at once.
 */
export const POOL_KEEP_OPEN = 4;

async function openPostgres(url: string, onPoolError?: (error: Error) => void): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    min: POOL_KEEP_OPEN,
    connectionTimeoutMillis: 5000,
  });
  // An idle connection that breaks (server restart) must not crash the process; the pool reconnects.
  pool.on('error', (error) => onPoolError?.(error));
  await openConnections(pool, POOL_KEEP_OPEN);
  return {
    kind: 'postgres',
    async rawTransaction(fn) {
      const conn = await pool.connect();
      // The pool listens for a broken connection only while it is idle: one that breaks while
      // checked out (the server stopped between two statements) emits 'error' here, which
      // would end the process if nobody listened. The next statement then fails, and the
      // broken connection is thrown away instead of going back to the pool.
      let broken: Error | undefined;
      const onBroken = (error: Error) => (broken = error);
      conn.on('error', onBroken);
      try {
        await conn.query('BEGIN');
        const result = await fn({
          exec: async (script) => void (await conn.query(script)),
          query: async (text, params) => (await conn.query(text, params)).rows,
        });
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.off('error', onBroken);
        conn.release(broken);
      }
    },
    query: async (text, params) => (await pool.query(text, params)).rows,
    close: () => pool.end(),
  };
}

/** Opens `count` connections at once and returns them to the pool; the first failure is thrown. */
async function openConnections(pool: pg.Pool, count: number): Promise<void> {
  const opened = await Promise.allSettled(Array.from({ length: count }, () => pool.connect()));
  for (const result of opened) if (result.status === 'fulfilled') result.value.release();
  const failed = opened.find((result) => result.status === 'rejected');
  if (failed) {
    await pool.end().catch(() => undefined);
    throw failed.reason;
  }
}
