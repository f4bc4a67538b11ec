import QRCode from 'qrcode';
import { loadClinic } from '../../config/clinic.ts';
import {
  completeSetup,
  isSetupComplete,
  newPasswordProblem,
  parseStaffEmail,
  SetupError,
  type SetupResult,
} from '../../features/keys/index.ts';
import type { Command, CommandIo } from '../command.ts';
import { optionValue, unknownOption } from '../option-value.ts';
import { readSecret } from '../read-secret.ts';

const USAGE = `Usage: npm run clinic -- setup --email <address>

Creates the first admin and gives them the clinic key: wrapped under their password and under a
recovery key printed once. Prints the two-factor (TOTP) enrollment and ten recovery codes.
The password is read from stdin (first line) when stdin is not a terminal, otherwise prompted
twice without echo. It is never accepted as an argument.`;

const ALREADY_COMPLETE = 'Set-up is already complete: the clinic has its first admin. Nothing was changed.';

/** `clinic setup --email E`: the command-line twin of the set-up link (see features/keys). */
export const setupCommand: Command = {
  name: 'setup',
  summary: 'Create the first admin, the clinic key wraps, TOTP and recovery codes',
  usage: USAGE,
  async run(io) {
    if (io.args.some((arg) => /^--?pass/i.test(arg))) {
      return fail(io, 'Passwords are never taken as arguments: pipe it on stdin or type it at the prompt.');
    }
    const unknown = unknownOption(io.args, { values: ['--email'] });
    if (unknown !== undefined) return fail(io, `Unknown option "${unknown}".\n\n${USAGE}`, 2);
    const given = optionValue(io.args, '--email');
    if (!given) return fail(io, `Give the admin's e-mail address: --email admin@example.com\n\n${USAGE}`, 2);
    const email = parseStaffEmail(given);
    if (!email)
      return fail(
        io,
        `${JSON.stringify(given)} is not a valid e-mail address. Example: --email admin@example.com`,
        2,
      );
    const issuer = loadClinic(io.env.clinicConfigPath).name;
    return io.withDatabase(async (db) => {
      // Refuse before asking for a password that could not be used.
      if (await isSetupComplete(db)) return fail(io, ALREADY_COMPLETE);
      const password = await readNewPassword(io, email);
      if (password === null) return 1;
      try {
        const result = await completeSetup(db, { email, password, now: new Date(), issuer });
        io.stdout.write(await describeResult(email, result));
        return 0;
      } catch (error) {
        if (error instanceof SetupError) return fail(io, error.message);
        throw error;
      }
    });
  },
};

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`clinic setup: ${message}\n`);
  return code;
}

/** The new password from stdin's first line, or typed twice at a hidden prompt; null after an error. */
async function readNewPassword(io: CommandIo, email: string): Promise<string | null> {
  const typed = await readSecret(io, `Password for ${email} (at least 12 characters): `);
  if (typed === null) return refuse(io, 'No password on stdin: pipe it as the first line.');
  const problem = newPasswordProblem(typed);
  if (problem) return refuse(io, problem);
  if (io.stdin.isTTY && (await readSecret(io, 'The same password again: ')) !== typed) {
    return refuse(io, 'The two passwords differ; nothing was changed.');
  }
  return typed;
}

function refuse(io: CommandIo, message: string): null {
  fail(io, message);
  return null;
}

/** What the admin must see once: recovery key, TOTP enrollment (QR and URI) and recovery codes. */
async function describeResult(email: string, result: SetupResult): Promise<string> {
  const qr = await QRCode.toString(result.totpUri, { type: 'terminal', small: true });
  return [
    `Set-up complete. The first admin is ${email}.`,
    '',
    'RECOVERY KEY (shown once, never again):',
    '',
    `    ${result.recoveryKey}`,
    '',
    'Store it offline now: on paper, in the clinic safe. It opens every request if all admin',
    'passwords are lost; anyone holding it can read them. Do not keep it on this computer.',
    '',
    'Two-factor sign-in: scan this QR code with an authenticator app,',
    'or enter this otpauth:// URI in it:',
    '',
    qr,
    result.totpUri,
    '',
    'Recovery codes (each signs in once without the authenticator; store them offline too):',
    '',
    ...result.recoveryCodes.map((code) => `    ${code}`),
    '',
  ].join('\n');
}
