import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInviteWrap } from '../../src/features/keys/index.ts';
import { findInvite } from '../../src/features/staff/index.ts';
import { runCli } from '../setup/cli-process.ts';
import { addMember, testClock } from '../setup/staff.ts';
import { prepareTarget, type E2eTarget } from './harness.ts';

// `npm run clinic -- staff …` as a person runs it: a real child process on a set-up clinic.
let target: E2eTarget;
beforeAll(async () => {
  target = await prepareTarget();
});
afterAll(() => target.cleanup());

const linkToken = (stdout: string) => /\/staff\/invite\?token=([A-Za-z0-9_-]{43})/.exec(stdout)?.[1] ?? '';

describe('clinic staff', () => {
  it('add: unlocks the key with an admin password from stdin and prints a one-time link that carries it', async () => {
    const { email, password } = target.clinic;
    const args = ['staff', 'add', '--email', 'Coord@Clinic.Test', '--role', 'coordinator', '--admin', email];
    const run = await runCli(args, target.env, `${password}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Invite link for coord@clinic\.test \(Coordinator\), valid until /);
    expect(run.stdout + run.stderr).not.toContain(password);
    const token = linkToken(run.stdout);
    await target.withDb(async (db) => {
      const invite = await findInvite(db, token, new Date());
      expect(invite).toMatchObject({ email: 'coord@clinic.test', role: 'coordinator' });
      expect(await openInviteWrap(db, invite?.id ?? '', token)).toEqual(target.clinic.privateKey);
    });
  }, 120_000);

  it('add: a key role needs an unlock; marketing does not; secrets are never arguments', async () => {
    const refused = await runCli(
      ['staff', 'add', '--email', 'c2@clinic.test', '--role', 'admin'],
      target.env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('This role opens patient data');
    const wrong = await runCli(
      ['staff', 'add', '--email', 'c2@clinic.test', '--role', 'admin', '--admin', target.clinic.email],
      target.env,
      'not the password\n',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The e-mail address or password is wrong');
    const argument = await runCli(
      ['staff', 'add', '--email', 'c2@clinic.test', '--password', 'x'],
      target.env,
    );
    expect(argument.code).toBe(2);
    const marketing = await runCli(
      ['staff', 'add', '--email', 'ads@clinic.test', '--role', 'marketing'],
      target.env,
    );
    expect(marketing.code).toBe(0);
    expect(linkToken(marketing.stdout)).not.toBe('');
  }, 120_000);

  it('add with the recovery key from stdin, then list shows members and open invites', async () => {
    const args = ['staff', 'add', '--email', 'night@clinic.test', '--role', 'coordinator', '--recovery-key'];
    const run = await runCli(args, target.env, `${target.clinic.recoveryKey}\n`);
    expect(run.code).toBe(0);
    const list = await runCli(['staff', 'list'], target.env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^admin@clinic\.test\tadmin\tactive\t/m);
    expect(list.stdout).toMatch(/^night@clinic\.test\tcoordinator\tinvited\t/m);
    expect(list.stdout).toMatch(/^ads@clinic\.test\tmarketing\tinvited\t/m);
  }, 120_000);

  it('disable: removes the member’s key copy and sessions; reset prints a new link', async () => {
    const member = await target.withDb((db) =>
      addMember(db, {
        email: 'gone@clinic.test',
        role: 'coordinator',
        adminKey: target.clinic.privateKey,
        clock: testClock(new Date()),
      }),
    );
    await target.withDb((db) =>
      db.query(
        `INSERT INTO staff_sessions (token_hash, staff_id, stage, created_at, last_seen_at, expires_at)
         VALUES (decode(repeat('ab', 32), 'hex'), $1, 'active', now(), now(), now() + interval '1 hour')`,
        [member.staffId],
      ),
    );
    const reset = await runCli(
      ['staff', 'reset', '--email', 'gone@clinic.test', '--recovery-key'],
      target.env,
      `${target.clinic.recoveryKey}\n`,
    );
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^Reset link for gone@clinic\.test/);
    const run = await runCli(['staff', 'disable', '--email', 'gone@clinic.test'], target.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gone@clinic.test is disabled');
    await target.withDb(async (db) => {
      expect(await db.query('SELECT id FROM key_wraps WHERE staff_id = $1', [member.staffId])).toEqual([]);
      expect(await db.query('SELECT id FROM staff_sessions WHERE staff_id = $1', [member.staffId])).toEqual(
        [],
      );
      expect(await db.query("SELECT id FROM staff_invites WHERE email = 'gone@clinic.test'")).toEqual([]);
    });
    const list = await runCli(['staff', 'list'], target.env);
    expect(list.stdout).toMatch(/^gone@clinic\.test\tcoordinator\tdisabled\t/m);
  }, 120_000);
});
