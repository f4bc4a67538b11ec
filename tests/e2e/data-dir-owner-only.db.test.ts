import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../setup/server-process.ts';

/** Every path under `dir` (itself included) with group or world permission bits. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
  return found;
}

// The embedded database holds every sealed request: a pre-made DATA_DIR open to others (0755,
// what mkdir gives by default) must not leave the database readable by other users.
describe.runIf(process.env.TEST_DB !== 'postgres')('DATA_DIR', () => {
  it('is owner-only after a start and a request, even when it was made 0755 beforehand', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'clinic-perm-')), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const server = await startServerProcess({ DATA_DIR: dataDir, BACKUP_KEEP: '0' });
    try {
      expect((await fetch(`${server.url}/en/`)).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      // A write: the sign-in page stores the visitor's CSRF session.
      expect((await fetch(`${server.url}/staff/sign-in`)).status).toBe(200);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
