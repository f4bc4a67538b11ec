import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The byte patterns under which a typed value could sit in clear: its UTF-8 bytes, and the hex
 * a bytea column shows in a dump. Each needle is reported by name, never by value.
 */
export function needlesFor(values: string[]): { name: string; bytes: Buffer }[] {
  return values.flatMap((value, i) => [
    { name: `value ${i} (utf-8)`, bytes: Buffer.from(value, 'utf8') },
    { name: `value ${i} (hex)`, bytes: Buffer.from(Buffer.from(value, 'utf8').toString('hex'), 'utf8') },
  ]);
}

/** Every file under `dir` (raw bytes) that holds any needle, as "path: needle name". */
export function searchTree(dir: string, needles: { name: string; bytes: Buffer }[]): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const content = readFileSync(path);
    for (const needle of needles) if (content.includes(needle.bytes)) hits.push(`${path}: ${needle.name}`);
  }
  return hits;
}

/** How many files (and bytes) a search looked at, so a test can show it searched something. */
export function treeSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += readFileSync(join(entry.parentPath, entry.name)).length;
  }
  return { files, bytes };
}

const PG_DUMP = ['/usr/lib/postgresql/15/bin/pg_dump', '/usr/bin/pg_dump'];

/** A plain-SQL pg_dump of the database at `url` (schema and data). */
export async function pgDump(url: string): Promise<string> {
  let lastError: unknown;
  for (const bin of PG_DUMP) {
    try {
      const { stdout } = await promisify(execFile)(bin, ['--no-owner', '--dbname', url], {
        maxBuffer: 256 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
