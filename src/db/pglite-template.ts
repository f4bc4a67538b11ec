import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from './migrate.ts';

/**
 * The embedded database's template, made by the production build (scripts/build.mjs): a database
 * made by initdb and migrated, closed cleanly, kept as a folder in dist/. A first start copies
 * it (a file copy, well under a second) instead of running initdb and every migration in
 * WebAssembly (seconds). initdb also grows PGlite's WebAssembly memory to about 660 MB, which an
 * instance never gives back: the build's process takes that, not the server's.
 */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../dist/pglite-template/', import.meta.url));
export const STAMP_NAME = 'clinic-template.json';

/** What a template holds: its PGlite release and a digest of each migration applied to it. */
export type TemplateStamp = { pglite: string; migrations: Record<string, string> };

const digest = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** The stamp a template made now from `migrations` would carry. */
export function stampFor(migrations: Migration[], pglite = pgliteVersion()): TemplateStamp {
  return { pglite, migrations: Object.fromEntries(migrations.map((m) => [m.version, digest(m.sql)])) };
}

/**
 * Whether a template can start a database for this code: the same PGlite release, and each
 * migration in it is the file this code has (a file edited since would never run again).
 * A template without the newest migrations still fits: they are applied on top of the copy.
 */
export function templateFits(
  stamp: TemplateStamp,
  migrations: Migration[],
  pglite = pgliteVersion(),
): boolean {
  if (stamp.pglite !== pglite) return false;
  const current = stampFor(migrations, pglite).migrations;
  return Object.entries(stamp.migrations).every(([version, sha]) => current[version] === sha);
}

/** Whether the template in `dir` exists and holds exactly these migrations (the build remakes it otherwise). */
export function templateIsCurrent(migrations: Migration[], dir = TEMPLATE_DIR): boolean {
  const stamp = readStamp(join(dir, STAMP_NAME));
  return stamp !== undefined && JSON.stringify(stamp) === JSON.stringify(stampFor(migrations));
}

/**
 * Puts a copy of the build's template at `path` (a database folder that does not exist yet, or
 * is empty) when the template fits this code; a folder with anything in it is left alone. The copy is made beside it and renamed into
 * place, so a start stopped halfway leaves no half database behind.
 * @returns whether `path` now holds the copy (false: the caller runs initdb instead)
 */
export function copyTemplate(path: string, migrations: Migration[], dir = TEMPLATE_DIR): boolean {
  if (existsSync(path) && readdirSync(path).length > 0) return false;
  const stampFile = join(dir, STAMP_NAME);
  const stamp = readStamp(stampFile);
  if (!stamp || !templateFits(stamp, migrations)) return false;
  const partial = `${path}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    cpSync(dir, partial, { recursive: true, filter: (source) => source !== stampFile });
    if (existsSync(path)) rmdirSync(path); // empty, as checked above
    renameSync(partial, path);
    return true;
  } catch {
    rmSync(partial, { recursive: true, force: true });
    return false;
  }
}

function readStamp(file: string): TemplateStamp | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TemplateStamp;
  } catch {
    return undefined;
  }
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
