import { verifyAudit } from '../../features/audit/index.ts';
import type { Command } from '../command.ts';

/** `clinic audit verify`: walks the hash chain; exits 1 at the first break. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'audit verify: check that the audit trail is complete and unaltered',
  usage:
    'Usage: npm run clinic -- audit verify\n\nExits 0 when every entry links to the one before it and is unchanged, 1 at the first break.',
  async run(io) {
    if (io.args[0] !== 'verify' || io.args.length > 1) {
      const unknown = io.args[0] === 'verify' ? io.args[1] : io.args[0];
      io.stderr.write(
        `${unknown === undefined ? '' : `clinic audit: Unknown option "${unknown}".\n\n`}${this.usage}\n`,
      );
      return 2;
    }
    const check = await io.withDatabase((db) => verifyAudit(db));
    if (check.ok) {
      io.stdout.write(`Audit trail intact: ${check.entries} entries verified.\n`);
      return 0;
    }
    io.stderr.write(
      `Audit trail BROKEN at entry ${check.brokenAt}: ${check.reason}. (${check.entries} entries checked.)\n`,
    );
    return 1;
  },
};
