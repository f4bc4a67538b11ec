import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The last stage of a Dockerfile: what the image runs, with which environment, where, as whom. */
export type DockerStage = {
  from: string;
  env: Record<string, string>;
  workdir: string;
  user: string | undefined;
  volumes: string[];
  healthcheck: string[];
  cmd: string[];
  stages: number;
};

/** Reads deploy/Dockerfile's final stage (the instructions this project uses, in their JSON or key=value forms). */
export function readDockerfile(path = 'deploy/Dockerfile'): DockerStage {
  // Continuation lines join their instruction; comments go.
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = lines.filter((line) => /^FROM\s/i.test(line)).length;
  const last = lines.slice(lines.findLastIndex((line) => /^FROM\s/i.test(line)));
  const stage: DockerStage = {
    from: '',
    env: {},
    workdir: '/',
    user: undefined,
    volumes: [],
    healthcheck: [],
    cmd: [],
    stages,
  };
  for (const line of last) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = line.slice(instruction.length).trim();
    switch (instruction.toUpperCase()) {
      case 'FROM':
        stage.from = rest[0] ?? '';
        break;
      case 'ENV':
        for (const [, key, value] of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g))
          stage.env[key as string] = value as string;
        break;
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'USER':
        stage.user = args;
        break;
      case 'VOLUME':
        stage.volumes = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
    }
  }
  return stage;
}

/** Whether a program is on PATH. Under CI=true a missing one fails the test instead of skipping it. */
export function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true')
      throw new Error(`${name} is not installed; CI requires it (.ci/run installs it).`);
    process.stderr.write(`WARNING: ${name} is not installed; its deployment test is skipped.\n`);
    return false;
  }
}
