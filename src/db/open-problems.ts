import { maskSecrets } from '../lib/mask-secrets.ts';
import { StartUpError } from '../lib/start-up-error.ts';

/** The database named by DATABASE_URL cannot be reached or used: what failed, and what to do. */
export class DatabaseUnreachableError extends StartUpError {
  override name = 'DatabaseUnreachableError';
}

/** DATA_DIR cannot hold the embedded database (read-only, not ours, or not a directory). */
export class DataDirUnwritableError extends StartUpError {
  override name = 'DataDirUnwritableError';
}

type DriverError = { code?: unknown; message?: unknown };

/**
 * The driver's error when PostgreSQL could not be reached or refused us, said in terms of
 * DATABASE_URL (its password masked); undefined for any other error, which stays as it is.
 * @example databaseProblem({ code: '3D000', message: 'database "x" does not exist' }, url)
 */
export function databaseProblem(error: unknown, url: string): DatabaseUnreachableError | undefined {
  const { code, message } = (error ?? {}) as DriverError;
  const named = `DATABASE_URL ${maskSecrets(url)}`;
  const server = URL.canParse(url) ? new URL(url).host || 'localhost' : 'its host';
  const text = typeof message === 'string' ? message : '';
  const problem = (what: string, todo: string) =>
    new DatabaseUnreachableError(`Cannot use the PostgreSQL database of ${named}: ${what}. ${todo}`);
  switch (code) {
    case 'ECONNREFUSED':
      return problem(
        `nothing answers at ${server} (ECONNREFUSED)`,
        'Start PostgreSQL, or correct the host and port in DATABASE_URL.',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return problem(
        `the host name does not resolve (${code})`,
        'Correct the host in DATABASE_URL. Example: DATABASE_URL=postgres://clinic@127.0.0.1:5432/clinic',
      );
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return problem(
        `${server} does not answer (${code})`,
        'Check that PostgreSQL runs there and that no firewall is in the way.',
      );
    case '3D000':
      return problem(
        text || 'the database does not exist',
        'Create it (as a PostgreSQL admin: CREATE DATABASE <name> OWNER <user>;), or correct its name at the end of DATABASE_URL.',
      );
    case '28P01':
    case '28000':
      return problem(
        `the server refused the sign-in (${text})`,
        'Correct the user and password in DATABASE_URL, or allow them in pg_hba.conf.',
      );
    case '42501':
      return problem(
        `its user may not create the tables (${text})`,
        'Make the user the owner of the database, or: GRANT CREATE ON SCHEMA public TO <user>;',
      );
  }
  // pg's own connection timeout carries no code.
  if (/timeout/i.test(text) && /connect/i.test(text)) {
    return problem(
      `${server} did not answer in time`,
      'Check that PostgreSQL runs there and that no firewall is in the way.',
    );
  }
  return undefined;
}

/**
 * A file-system error on DATA_DIR (taking the lock, creating the embedded database) said in
 * terms of DATA_DIR; undefined for any other error.
 */
export function dataDirProblem(error: unknown, dataDir: string): DataDirUnwritableError | undefined {
  const { code } = (error ?? {}) as DriverError;
  const todo =
    'Point DATA_DIR at a writable directory owned by the user that runs Clinic Site, or set DATABASE_URL to use PostgreSQL. Example: DATA_DIR=/var/lib/clinic-site';
  const problem = (what: string) =>
    new DataDirUnwritableError(
      `DATA_DIR ${dataDir} ${what}: the embedded database and its lock live there. ${todo}`,
    );
  switch (code) {
    case 'EROFS':
      return problem('is on a read-only file system (EROFS)');
    case 'EACCES':
    case 'EPERM':
      return problem(`may not be written by this user (${code})`);
    case 'ENOTDIR':
    case 'EEXIST':
      return problem(`is not a directory: a file has that name, or one of the folders above it (${code})`);
    case 'ENOSPC':
      return problem('is on a full disk (ENOSPC)');
  }
  return undefined;
}
