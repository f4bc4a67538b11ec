import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { makeTemplate } from './make-template.ts';
import { migrate, readMigrations } from './migrate.ts';
import { copyTemplate, stampFor, TEMPLATE_DIR, templateFits, templateIsCurrent } from './pglite-template.ts';

const all = readMigrations();
const newest = all.at(-1);
const work = mkdtempSync(join(tmpdir(), 'clinic-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('whether a template fits the code', () => {
  const stamp = stampFor(all, '0.5.16');
  it('fits the same PGlite and migrations', () => {
    expect(templateFits(stamp, all, '0.5.16')).toBe(true);
  });
  it('fits when the code has a newer migration than the template (it is applied on top)', () => {
    expect(templateFits(stampFor(all.slice(0, -1), '0.5.16'), all, '0.5.16')).toBe(true);
  });
  it('does not fit another PGlite release', () => {
    expect(templateFits(stamp, all, '0.6.0')).toBe(false);
  });
  it('does not fit when a migration it holds was edited since', () => {
    const edited = all.map((m, i) => (i === 3 ? { ...m, sql: `${m.sql}\n-- changed` } : m));
    expect(templateFits(stamp, edited, '0.5.16')).toBe(false);
  });
});

describe('a new embedded database from a template', () => {
  const templateDir = join(work, 'template');
  beforeAll(async () => {
    // A template one migration behind the code, as after an upgrade that added one.
    await makeTemplate(all.slice(0, -1), templateDir);
  }, 120_000);

  it('is a copy with every migration the template holds, and gets the newer one on top', async () => {
    const path = join(work, 'data-a', 'pgdata');
    expect(copyTemplate(path, all, templateDir)).toBe(true);
    expect(readdirSync(join(work, 'data-a'))).toEqual(['pgdata']); // no partial copy left
    const db = await openDatabase({ dataDir: join(work, 'data-a') });
    try {
      expect(await migrate(db)).toEqual([newest?.version]);
    } finally {
      await db.close();
    }
  });

  it('leaves a folder that holds a database, or anything else, alone', () => {
    const path = join(work, 'data-a', 'pgdata');
    expect(copyTemplate(path, all, templateDir)).toBe(false);
    const other = join(work, 'data-b', 'pgdata');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'notes.txt'), 'kept');
    expect(copyTemplate(other, all, templateDir)).toBe(false);
    expect(readdirSync(other)).toEqual(['notes.txt']);
  });

  it('is not used when it does not fit: the caller runs initdb', () => {
    const edited = all.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- changed` } : m));
    const path = join(work, 'data-c', 'pgdata');
    expect(copyTemplate(path, edited, templateDir)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });
});

// The build (npm ci's prepare, and `npm start`'s prestart) makes it: CI checks it is current.
it.runIf(process.env.CI === 'true')('the build left a template of this code in dist/', () => {
  expect(templateIsCurrent(all, TEMPLATE_DIR)).toBe(true);
});
