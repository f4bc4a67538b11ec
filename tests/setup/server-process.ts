import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A free loopback port for another process to listen on. It is drawn from below Linux's
 * ephemeral range (32768–60999): a port the OS hands out for `listen(0)` is also one it hands
 * out for outgoing connections (the PostgreSQL pools of tests running beside this one), so one
 * could take it in the second or two before the child process listens.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
};

/**
 * Runs the real server from its source (`src/server.ts`, through tsx) in a child process with
 * `env` added to this process's environment; `command` runs something else instead, such as
 * `['npm', 'start']` or the production build. Resolves once /healthz answers, or rejects with
 * what the process printed if it exits first.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { waitForReady?: boolean; nodeOptions?: string[]; command?: string[]; cwd?: string } = {},
): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const [file, ...args] = options.command ?? [
    process.execPath,
    ...(options.nodeOptions ?? []),
    '--import',
    'tsx',
    'src/server.ts',
  ];
  const child = spawn(file as string, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const server: ServerProcess = { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  if (options.waitForReady === false) return server;
  let ended = false;
  void exited.then(() => (ended = true));
  for (let i = 0; i < 600; i++) {
    if (ended) throw new Error(`server exited before it was ready:\n${output}`);
    try {
      if ((await fetch(`${server.url}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready in 60 s:\n${output}`);
}
