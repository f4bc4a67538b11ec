import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './client.ts';
import { migrate, readMigrations } from './migrate.ts';
import { STAMP_NAME, stampFor, TEMPLATE_DIR, templateIsCurrent } from './pglite-template.ts';

/**
 * Makes the embedded database's template in `dir` (see pglite-template.ts): initdb, every
 * migration, a clean close, then the stamp; the old one is replaced by rename.
 */
export async function makeTemplate(migrations = readMigrations(), dir = TEMPLATE_DIR): Promise<void> {
  const target = dir.replace(/\/$/, '');
  const partial = `${target}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const pglite = await PGlite.create(partial);
  await migrate(await openDatabase({ pglite }), migrations);
  await pglite.close();
  writeFileSync(join(partial, STAMP_NAME), `${JSON.stringify(stampFor(migrations))}\n`);
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
}

/** Makes the template unless the one in dist/ already holds this PGlite and these migrations. */
export async function makeTemplateIfStale(): Promise<boolean> {
  const migrations = readMigrations();
  if (templateIsCurrent(migrations)) return false;
  await makeTemplate(migrations);
  return true;
}
