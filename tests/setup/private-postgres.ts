import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of a test's own (initdb, pg_ctl) on a free loopback port, in a temporary
 * folder: a test may stop it and start it again, which the shared server must never be.
 * PostgreSQL refuses to run as root: as root, every command runs as the `postgres` user, and the
 * folder is theirs.
 */
export type PrivateCluster = {
  port: number;
  /** The URL of a database in it (trust authentication, user postgres). */
  url(database: string): string;
  /** `pg_ctl stop -m immediate`: every server process ends at once, as in a crash. */
  stopImmediately(): Promise<void>;
  start(): Promise<void>;
  /** Stops it if it runs and deletes its folder; safe to call more than once. */
  destroy(): void;
};

/**
 * Where initdb and pg_ctl are: the newest Debian /usr/lib/postgresql/<version>/bin, else PATH.
 * Null when PostgreSQL's server programs are not installed.
 */
export function findPostgresBin(): string | null {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...versions.map((v) => join(debian, v, 'bin')),
    ...(process.env.PATH ?? '').split(delimiter),
  ];
  return (
    candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ??
    null
  );
}

const asRoot = process.getuid?.() === 0;

/** The command line that runs `program` as the cluster's owner. */
function asOwner(program: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

function ownerIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error('running as root, but there is no postgres user');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPrivateCluster(bin: string): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-pg-'));
  const dataDir = join(dir, 'data');
  const port = await freePort();
  if (asRoot) {
    const { uid, gid } = ownerIds();
    chownSync(dir, uid, gid);
  }
  const pgCtl = (...args: string[]) => asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  let destroyed = false;

  const cluster: PrivateCluster = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stopImmediately() {
      await run(...pgCtl('stop', '-m', 'immediate', '-w'));
    },
    async start() {
      await run(...pgCtl('start', '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      process.off('exit', cluster.destroy);
      if (existsSync(join(dataDir, 'postmaster.pid'))) spawnSync(...pgCtl('stop', '-m', 'immediate', '-w'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // A test process that ends without its afterAll still leaves no server behind.
  process.once('exit', cluster.destroy);
  try {
    await run(
      ...asOwner(join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync', // only the empty cluster is made without fsync; the server fsyncs its commits
      ]),
    );
    await cluster.start();
    return cluster;
  } catch (error) {
    cluster.destroy();
    throw error;
  }
}
