import { ROLE_LABELS } from '../../features/auth/index.ts';
import {
  createInvite,
  disableMember,
  findMemberByEmail,
  inviteLink,
  listMembers,
  listOpenInvites,
  resetMember,
  revokeInvite,
  StaffError,
  clearSignInLock,
  type IssuedInvite,
} from '../../features/staff/index.ts';
import { parseStaffEmail } from '../../features/keys/index.ts';
import type { CommandIo } from '../command.ts';
import { optionValue, unknownOption, type KnownOptions } from '../option-value.ts';
import { STAFF_USAGE as USAGE } from './staff-usage.ts';
import { unlockForStaff } from './staff-unlock.ts';

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`clinic staff: ${message}\n`);
  return code;
}

function printLink(io: CommandIo, issued: IssuedInvite, what: string): number {
  const until = issued.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  io.stdout.write(
    `${what} for ${issued.email} (${ROLE_LABELS[issued.role]}), valid until ${until} UTC:\n\n` +
      `    ${inviteLink(io.env.siteUrl, issued.token)}\n\n` +
      'Give it to them privately (by phone or in person): whoever opens it sets up the account. It works once.\n',
  );
  return 0;
}

/** The options each subcommand takes; any other is refused with the usage. */
const OPTIONS: Record<string, KnownOptions> = {
  list: {},
  add: { values: ['--email', '--role', '--admin'], flags: ['--recovery-key'] },
  disable: { values: ['--email'] },
  'clear-lock': { values: ['--email'] },
  reset: { values: ['--email', '--admin'], flags: ['--recovery-key'] },
};

/** What `clinic staff` does (loaded only when that command runs, so other commands start fast). */
export async function runStaff(io: CommandIo): Promise<number> {
  const [sub, ...args] = io.args;
  if (args.some((a) => /^--?(pass|secret|token)|^--recovery-key=/i.test(a))) {
    return fail(
      io,
      'Secrets are never taken as arguments: pipe them on stdin or type them at the prompt.',
      2,
    );
  }
  const how = { admin: optionValue(args, '--admin') ?? null, recoveryKey: args.includes('--recovery-key') };
  const known = Object.hasOwn(OPTIONS, sub ?? '') ? OPTIONS[sub as string] : undefined;
  if (!known) return fail(io, USAGE, 2);
  const unknown = unknownOption(args, known);
  if (unknown !== undefined) return fail(io, `Unknown option "${unknown}" for staff ${sub}.\n\n${USAGE}`, 2);
  const given = optionValue(args, '--email');
  const email = parseStaffEmail(given);
  if (sub !== 'list' && !given)
    return fail(io, `Give the member's e-mail: --email name@example.com\n\n${USAGE}`, 2);
  if (sub !== 'list' && !email)
    return fail(
      io,
      `${JSON.stringify(given)} is not a valid e-mail address. Example: --email name@example.com`,
      2,
    );

  return io.withDatabase(async (db) => {
    try {
      const now = new Date();
      if (sub === 'list') {
        const members = await listMembers(db);
        const invites = await listOpenInvites(db, now);
        if (members.length === 0 && invites.length === 0) {
          io.stdout.write(
            'No staff members and no open invites yet: `clinic setup` creates the first admin.\n',
          );
          return 0;
        }
        io.stdout.write('E-mail\tRole\tStatus\tSince (UTC day), or invite valid until (UTC)\n');
        for (const m of members) {
          const status = m.disabledAt ? 'disabled' : 'active';
          io.stdout.write(`${m.email}\t${m.role}\t${status}\t${m.createdAt.toISOString().slice(0, 10)}\n`);
        }
        for (const i of invites) {
          io.stdout.write(
            `${i.email}\t${i.role}\tinvited\tuntil ${i.expiresAt.toISOString().slice(0, 16)}\n`,
          );
        }
        return 0;
      }
      const target = await findMemberByEmail(db, email as string);
      const cliActor = { staffId: null, email: null, address: null, via: 'cli' } as const;
      if (sub === 'disable' && !target) {
        // Someone invited who has not yet accepted: withdraw the link, as the staff page does.
        const invites = (await listOpenInvites(db, now)).filter((i) => i.email === email);
        if (invites.length === 0) return fail(io, `There is no member or open invite for ${email}.`);
        for (const invite of invites) await revokeInvite(db, { inviteId: invite.id, actor: cliActor, now });
        io.stdout.write(`The invite for ${email} is withdrawn: the link no longer works.\n`);
        return 0;
      }
      if (sub !== 'add' && !target) return fail(io, `There is no member ${email}.`);
      if (sub === 'clear-lock' && target) {
        const counters = await clearSignInLock(db, { staffId: target.id, actor: cliActor, now });
        io.stdout.write(
          counters > 0
            ? `${email} may sign in again now: their sign-in lock is cleared.\n`
            : `${email} had no sign-in lock; nothing to clear.\n`,
        );
        return 0;
      }
      if (sub === 'disable' && target) {
        const actor = cliActor;
        await disableMember(db, { staffId: target.id, actor, now });
        io.stdout.write(`${email} is disabled: signed out, and their copy of the clinic key is deleted.\n`);
        return 0;
      }
      const unlocked = await unlockForStaff(io, db, how);
      if ('problem' in unlocked) return fail(io, unlocked.problem);
      try {
        if (sub === 'reset' && target) {
          return printLink(io, await resetMember(db, { staffId: target.id, ...unlocked, now }), 'Reset link');
        }
        const role = optionValue(args, '--role') ?? '';
        const issued = await createInvite(db, { email: email as string, role, ...unlocked, now });
        return printLink(io, issued, 'Invite link');
      } finally {
        unlocked.privateKey?.fill(0);
      }
    } catch (error) {
      if (error instanceof StaffError) return fail(io, error.message);
      throw error;
    }
  });
}
