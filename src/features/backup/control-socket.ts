import { chmodSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { createBackup } from './backup.ts';
import { BackupError, type BackupHeader } from './format.ts';

/**
 * While the server holds the embedded database, `clinic backup` cannot open it: it asks the
 * server instead, over a Unix socket in DATA_DIR that only DATA_DIR's owner can reach (the
 * socket is 0600 inside a 0700 folder). One JSON line each way: the file to write, then the
 * backup's header or a problem in a sentence.
 */
export const controlSocketPath = (dataDir: string) => join(dataDir, 'clinic.sock');

type Ask = { command: 'backup'; file: string };
type Answer = { ok: true; header: BackupHeader } | { ok: false; message: string };

/** Answers backup requests on DATA_DIR's socket until closed. */
export function listenForBackups(options: {
  db: Database;
  dataDir: string;
  logger: Logger;
}): Promise<Server> {
  const { db, logger } = options;
  const path = controlSocketPath(options.dataDir);
  // Whoever holds the DATA_DIR lock owns the socket: one left by a killed server is stale.
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > 4096) return socket.destroy();
      const end = received.indexOf('\n');
      if (end < 0) return;
      socket.removeAllListeners('data');
      void answer(received.slice(0, end)).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });
  const answer = async (line: string): Promise<Answer> => {
    let ask: Ask;
    try {
      ask = JSON.parse(line) as Ask;
      if (ask.command !== 'backup' || typeof ask.file !== 'string' || !ask.file.startsWith('/'))
        throw new Error();
    } catch {
      return { ok: false, message: 'The server did not understand the request.' };
    }
    try {
      const header = await createBackup(db, ask.file);
      logger.info({ file: ask.file }, 'backup written on request');
      return { ok: true, header };
    } catch (error) {
      if (error instanceof BackupError) return { ok: false, message: error.message };
      const err = errorKind(error);
      logger.error({ err }, 'backup on request failed');
      return {
        ok: false,
        message: `The server could not write the backup (${String(err.code ?? err.type)}).`,
      };
    }
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      chmodSync(path, 0o600);
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** The running server's answer to "write a backup to `file`" (an absolute path). */
export function askServerForBackup(dataDir: string, file: string): Promise<BackupHeader> {
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(dataDir));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () =>
      socket.write(`${JSON.stringify({ command: 'backup', file } satisfies Ask)}\n`),
    );
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          `DATA_DIR ${dataDir} is in use and its server does not answer on ${controlSocketPath(dataDir)} (${error.code}). ` +
            'Run the backup from the same user as the server, or stop the server first.',
        ),
      ),
    );
    socket.on('end', () => {
      try {
        const reply = JSON.parse(received) as Answer;
        if (reply.ok) resolve(reply.header);
        else reject(new BackupError(reply.message));
      } catch {
        reject(new BackupError('The server gave no answer about the backup.'));
      }
    });
  });
}
