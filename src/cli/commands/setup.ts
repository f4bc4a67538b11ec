import QRCode from 'qrcode';
import { loadClinic } from '../../config/clinic.ts';
import {
  checkTotpCode,
  completeSetup,
  createTotpEnrollment,
  isSetupComplete,
  newPasswordProblem,
  parseStaffEmail,
  SetupError,
  type SetupResult,
  type TotpEnrollment,
} from '../../features/keys/index.ts';
import type { Command, CommandIo } from '../command.ts';
import { optionValue, unknownOption } from '../option-value.ts';
import { readAnswer, readSecret } from '../read-secret.ts';

const USAGE = `Usage: npm run clinic -- setup --email <address>

Creates the first admin and gives them the clinic key: wrapped under their password and under a
recovery key printed once. Prints the two-factor (TOTP) enrollment, asks for one code from the
authenticator app (nothing is stored until a right code), then prints ten recovery codes.
The password is read from stdin (first line) when stdin is not a terminal, otherwise prompted
twice without echo. It is never accepted as an argument. The code is the next line of stdin,
or typed at the prompt.`;

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
      const enrollment = createTotpEnrollment(email, issuer);
      io.stdout.write(await describeEnrollment(enrollment));
      const confirmedStep = await confirmCode(io, enrollment.secret);
      if (confirmedStep === null) return 1;
      try {
        const totp = { secret: enrollment.secret, confirmedStep };
        const result = await completeSetup(db, { email, password, now: new Date(), issuer, totp });
        io.stdout.write(describeResult(email, result));
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

export const CODE_PROMPT = 'Code from your authenticator app: ';
/** Tries before the command gives up; a new run shows a new QR code. */
export const CODE_TRIES = 3;

/**
 * Asks for one code from the app just enrolled, as the set-up link does: it proves the app holds
 * the secret before the admin exists, so nobody is left with a password and no working second
 * factor. Resolves to the code's time step (stored, so the code cannot also sign in), or null
 * after the last wrong try or the end of stdin, when nothing has been stored.
 */
async function confirmCode(io: CommandIo, secret: string): Promise<number | null> {
  for (let tryNumber = 1; tryNumber <= CODE_TRIES; tryNumber++) {
    const typed = await readAnswer(io, CODE_PROMPT);
    if (typed === null)
      return refuse(io, 'No code on stdin: pipe it as the line after the password. Nothing was stored.');
    const check = await checkTotpCode(secret, typed, new Date(), null);
    if (check.ok) return check.timeStep;
    const left = CODE_TRIES - tryNumber;
    const problem = /^\d{6}$/.test(typed.replace(/[\s-]/g, ''))
      ? 'That code is not right for this account: check that the app shows the account just added and that its clock is right.'
      : 'Enter the 6-digit code the app shows for this account now; it changes every 30 seconds.';
    fail(
      io,
      left > 0
        ? `${problem} Try again (${left} ${left === 1 ? 'try' : 'tries'} left).`
        : `${problem} Nothing was stored; run set-up again for a new QR code.`,
    );
  }
  return null;
}

function refuse(io: CommandIo, message: string): null {
  fail(io, message);
  return null;
}

/** The authenticator enrollment, shown before the code is asked for: QR code and URI. */
async function describeEnrollment(enrollment: TotpEnrollment): Promise<string> {
  const qr = await QRCode.toString(enrollment.uri, { type: 'terminal', small: true });
  return [
    'Two-factor sign-in: scan this QR code with an authenticator app,',
    'or enter this otpauth:// URI in it:',
    '',
    qr,
    enrollment.uri,
    '',
  ].join('\n');
}

/** What the admin must see once after the code: recovery key and recovery codes. */
function describeResult(email: string, result: SetupResult): string {
  return [
    '',
    `Set-up complete. The first admin is ${email}.`,
    '',
    'RECOVERY KEY (shown once, never again):',
    '',
    `    ${result.recoveryKey}`,
    '',
    'Store it offline now: on paper, in the clinic safe. It opens every request if all admin',
    'passwords are lost; anyone holding it can read them. Do not keep it on this computer.',
    '',
    'Recovery codes (each signs in once without the authenticator; store them offline too):',
    '',
    ...result.recoveryCodes.map((code) => `    ${code}`),
    '',
  ].join('\n');
}
