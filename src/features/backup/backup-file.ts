import { open, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { RawSql } from '../../db/client.ts';
import { BackupError, headerLine, rowLine, type BackupHeader } from './format.ts';
import { readRows } from './queries.ts';
import { BACKED_UP_TABLES } from './tables.ts';

/**
 * The file side of backup and restore: writing a backup so that a half-written one never
 * looks complete, and reading one line by line with every file problem turned into a sentence.
 */

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** What went wrong with a file, for a person. */
function fileProblem(file: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `There is no file at ${file}.`;
    case 'EISDIR':
      return `${file} is a folder, not a backup file.`;
    case 'EACCES':
    case 'EPERM':
      return `${file} cannot be opened: permission denied.`;
    case 'Z_BUF_ERROR':
      return `${file} is incomplete: the file ends early (cut short, or still being copied).`;
    case 'Z_DATA_ERROR':
      // zlib reads the gzip header first: failing there means the file was never gzip.
      return /header check/.test((error as Error).message)
        ? `${file} is not a Clinic Site backup (it is not a gzip file).`
        : `${file} is damaged: its compressed data is corrupt.`;
    case 'ERR_ENCODING_INVALID_ENCODED_DATA':
      return `${file} is not a Clinic Site backup (it is not text).`;
    default:
      return `${file} cannot be read (${errorCode(error) ?? (error as Error).message}).`;
  }
}

async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: unknown) => {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    },
  );
}

/** Streams lines, gzip'd, to the open file. */
export type SaveLines = (lines: AsyncIterable<string>) => Promise<void>;

/**
 * Writes a backup to `file`: first to `file.partial` (owner-only, fsynced), renamed only once
 * complete, so a half-written backup never looks like one. `produce` gets the function that
 * saves the lines (it calls it inside its database snapshot). Never overwrites a file.
 */
export async function writeBackupFile<T>(file: string, produce: (save: SaveLines) => Promise<T>): Promise<T> {
  if (await fileExists(file)) {
    throw new BackupError(`${file} already exists: a backup never overwrites a file; choose another name.`);
  }
  const partial = `${file}.partial`;
  const handle = await open(partial, 'wx', 0o600).catch((error: unknown) => {
    if (errorCode(error) === 'EEXIST') {
      throw new BackupError(
        `${partial} already exists: another backup is running, or one was interrupted (delete it, then try again).`,
      );
    }
    if (errorCode(error) === 'ENOENT')
      throw new BackupError(`Cannot write ${file}: its folder does not exist.`);
    throw new BackupError(`Cannot write ${partial} (${errorCode(error) ?? (error as Error).message}).`);
  });
  try {
    const result = await produce((lines) =>
      pipeline(Readable.from(lines), createGzip(), handle.createWriteStream()),
    );
    // The bytes reach the disk before the name says the backup is complete.
    const written = await open(partial, 'r+');
    await written.sync().finally(() => written.close());
    if (await fileExists(file))
      throw new BackupError(`${file} appeared while the backup was written; it was kept.`);
    await rename(partial, file);
    return result;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/** The header line, then every row of every backed-up table, a batch per string. */
export async function* backupLines(sql: RawSql, header: BackupHeader): AsyncGenerator<string> {
  yield headerLine(header);
  for (const table of BACKED_UP_TABLES) {
    for await (const batch of readRows(sql, table)) {
      yield batch.map((row) => rowLine(table.name, row)).join('');
    }
  }
}

/**
 * The lines of a gzip'd backup file, read as a stream. Every problem with the file (missing,
 * not gzip, cut short, not UTF-8) is thrown as a BackupError naming it.
 */
export async function* backupFileLines(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw new BackupError(fileProblem(file, error));
  });
  const input = handle.createReadStream();
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
    }
    pending += decoder.decode();
  } catch (error) {
    throw new BackupError(fileProblem(file, error));
  } finally {
    gunzip.destroy();
    input.destroy();
  }
  if (pending !== '') yield pending;
}
