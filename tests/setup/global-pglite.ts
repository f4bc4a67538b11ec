import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    goldenPglite: string;
    goldenPostgres: string;
  }
}

/** Migrates one embedded database and saves it as a tarball; each test file loads its own copy. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-golden-'));
  const pglite = await PGlite.create();
  await migrate(await openDatabase({ pglite }));
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = join(dir, 'golden.tar');
  writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  project.provide('goldenPglite', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
