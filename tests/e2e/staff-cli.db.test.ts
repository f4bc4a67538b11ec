import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInviteWrap } from '../../src/features/keys/index.ts';
import { createInvite, findInvite } from '../../src/features/staff/index.ts';
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
    expect(list.stdout.split('\n')[0]).toBe(
      'E-mail\tRole\tStatus\tSince (UTC day), or invite valid until (UTC)',
    );
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

  it('disable on someone invited withdraws the invite, audited as the staff page does', async () => {
    await target.withDb((db) =>
      createInvite(db, {
        email: 'late@clinic.test',
        role: 'marketing',
        privateKey: null,
        actor: { staffId: null, email: null, address: null, via: 'cli' },
        now: new Date(),
      }),
    );
    // One after the other: each takes the embedded database's lock.
    const run = await runCli(['staff', 'disable', '--email', 'late@clinic.test'], target.env);
    const nobody = await runCli(['staff', 'disable', '--email', 'never@clinic.test'], target.env);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'The invite for late@clinic.test is withdrawn: the link no longer works.\n',
    });
    expect(nobody).toMatchObject({
      code: 1,
      stderr: 'clinic staff: There is no member or open invite for never@clinic.test.\n',
    });
    await target.withDb(async (db) => {
      expect(await db.query("SELECT id FROM staff_invites WHERE email = 'late@clinic.test'")).toEqual([]);
      const [entry] = await db.query<{ details: { email: string; via: string } }>(
        "SELECT details FROM audit_log WHERE action = 'staff.invite_revoked' ORDER BY id DESC LIMIT 1",
      );
      expect(entry?.details).toMatchObject({ email: 'late@clinic.test', via: 'cli' });
    });
  }, 120_000);

  it('refuses an unknown option or a bad e-mail with the usage, before touching anything', async () => {
    const [unknown, badEmail] = await Promise.all([
      runCli(['staff', 'list', '--all'], target.env),
      runCli(['staff', 'disable', '--email', 'notanemail'], target.env),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'clinic staff: Unknown option "--all" for staff list.\n\nUsage: npm run clinic -- staff',
    );
    expect(badEmail).toMatchObject({
      code: 2,
      stderr: 'clinic staff: "notanemail" is not a valid e-mail address. Example: --email name@example.com\n',
    });
  }, 120_000);
});
