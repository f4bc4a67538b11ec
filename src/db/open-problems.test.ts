import { describe, expect, it } from 'vitest';
import { dataDirProblem, databaseProblem } from './open-problems.ts';

// The processes that meet these errors are in tests/e2e/start-up-errors.db.test.ts.
describe('start-up problems of the database, said in terms of the setting to fix', () => {
  const url = 'postgres://clinic:hunter22@db.internal:5432/clinic';

  it('names DATABASE_URL with its password masked, what failed and what to do', () => {
    const refused = databaseProblem(
      { code: '28P01', message: 'password authentication failed for user "clinic"' },
      url,
    );
    expect(refused?.message).toBe(
      'Cannot use the PostgreSQL database of DATABASE_URL postgres://clinic:***@db.internal:5432/clinic: the server refused the sign-in (password authentication failed for user "clinic"). Correct the user and password in DATABASE_URL, or allow them in pg_hba.conf.',
    );
    expect(databaseProblem({ code: 'ENOTFOUND' }, url)?.message).toContain(
      'the host name does not resolve (ENOTFOUND)',
    );
    expect(
      databaseProblem(new Error('Connection terminated due to connection timeout'), url)?.message,
    ).toContain('db.internal:5432 did not answer in time');
  });

  it('leaves any other error as it is', () => {
    expect(databaseProblem({ code: '42P01', message: 'relation "x" does not exist' }, url)).toBeUndefined();
    expect(dataDirProblem(new Error('boom'), '/srv/data')).toBeUndefined();
  });

  it('says a read-only DATA_DIR is read-only', () => {
    expect(dataDirProblem({ code: 'EROFS' }, '/srv/data')?.message).toMatch(
      /^DATA_DIR \/srv\/data is on a read-only file system \(EROFS\): .* Example: DATA_DIR=\/var\/lib\/clinic-site$/,
    );
  });
});
