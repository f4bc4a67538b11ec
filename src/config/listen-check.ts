import { createServer } from 'node:net';
import { ConfigError } from './env.ts';

/**
 * Checks, before anything touches the database, that the server will be able to listen on
 * HOST:PORT: a port already taken or a host name that does not resolve stops the start with a
 * message that says what, why and what to do, instead of a new set-up link followed by a crash.
 * @throws ConfigError naming PORT or HOST
 */
export async function checkCanListen(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenProblem(error, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** What a failed listen on HOST:PORT means, said as a configuration problem where it is one. */
export function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') {
    return new ConfigError(
      `Invalid configuration:\n- PORT ${port} is already in use on ${host}: another program (or another ` +
        'Clinic Site) listens there. Stop it, or choose a free port. Example: PORT=3001',
    );
  }
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EADDRNOTAVAIL') {
    return new ConfigError(
      `Invalid configuration:\n- HOST ${JSON.stringify(host)} is not an address of this machine (${error.code}): ` +
        'use 127.0.0.1 for this machine only, or 0.0.0.0 behind a proxy or in a container. Example: HOST=127.0.0.1',
    );
  }
  if (error.code === 'EACCES') {
    return new ConfigError(
      `Invalid configuration:\n- PORT ${port} needs more privileges than this user has (ports below 1024 ` +
        'usually do): choose a port from 1024 up and put a proxy in front. Example: PORT=3000',
    );
  }
  return error;
}
