import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hasProgram, readDockerfile } from '../setup/deploy-files.ts';
import { readHiddenFields } from '../setup/form-client.ts';
import { newMarker, patientFormFields } from '../setup/patient.ts';
import { freePort, startServerProcess, type ServerProcess } from '../setup/server-process.ts';
import { fieldValue, totpAt } from '../setup/staff.ts';
import { prepareTarget, waitForReady, type E2eTarget } from './harness.ts';

// The files in deploy/, run as a host would run them: the Dockerfile's command and environment,
// the systemd unit through systemd-analyze, and the nginx site in front of the app over TLS.
const run = promisify(execFile);
const embedded = process.env.TEST_DB !== 'postgres';

describe('deploy/Dockerfile', () => {
  const stage = readDockerfile();

  it('builds in one stage and runs the production build in another, as an unprivileged user, with DATA_DIR a volume', () => {
    expect(stage.stages).toBeGreaterThanOrEqual(2);
    expect(stage.user).toBe('node');
    expect(stage.volumes).toContain(stage.env.DATA_DIR);
    expect(stage.cmd).toContain('dist/server.js');
    expect(stage.healthcheck.join(' ')).toContain('/readyz');
  });

  it("its CMD, with the image's environment, serves a fresh DATA_DIR, and its HEALTHCHECK passes", async () => {
    await run('node', ['scripts/build.mjs', '--if-stale']);
    const target = await prepareTarget();
    const dataDir = mkdtempSync(join(tmpdir(), 'clinic-docker-'));
    const env = {
      ...stage.env,
      DATA_DIR: dataDir,
      BACKUP_DIR: join(dataDir, 'backups'),
      PORT: String(await freePort()),
      ...(embedded ? {} : { DATABASE_URL: target.env.DATABASE_URL as string }),
    };
    const server = await startServerProcess(env, { command: stage.cmd });
    try {
      await waitForReady(server.url);
      const health = await run(stage.healthcheck[0] as string, stage.healthcheck.slice(1), {
        env: { ...process.env, ...env },
      });
      expect(health.stderr).toBe('');
      expect((await fetch(`${server.url}/en/`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await target.cleanup();
    }
  });
});

describe('the service command', () => {
  it('is the same in the Dockerfile, the systemd unit and npm start: the build, with the memory policy and baseline WebAssembly', () => {
    const docker = readDockerfile().cmd.join(' ');
    const unit = /^ExecStart=\/usr\/bin\/(.*)$/m.exec(
      readFileSync('deploy/clinic-site.service', 'utf8'),
    )?.[1];
    const npmStart = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } })
      .scripts.start;
    expect(docker).toMatch(
      /^node --max-semi-space-size=\d+ --max-old-space-size=\d+ --liftoff-only dist\/server\.js$/,
    );
    expect(unit).toBe(docker);
    expect(npmStart).toBe(`exec ${docker}`);
  });
});

describe('deploy/compose.yaml', () => {
  it('runs the app on PostgreSQL, which it waits for by its health check, each with a volume', () => {
    const compose = parseYaml(readFileSync('deploy/compose.yaml', 'utf8')) as {
      services: Record<string, Record<string, unknown>>;
      volumes: Record<string, unknown>;
    };
    const { app, db } = compose.services;
    expect(app?.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(String((app?.environment as Record<string, string>).DATABASE_URL)).toMatch(
      /^postgres:\/\/.*@db:5432\//,
    );
    expect(db?.healthcheck).toMatchObject({
      test: expect.arrayContaining([expect.stringContaining('pg_isready')]),
    });
    for (const service of [app, db]) {
      const named = (service?.volumes as string[]).map((v) => v.split(':')[0]);
      expect(named.some((name) => name && name in compose.volumes)).toBe(true);
    }
  });
});

describe.skipIf(!embedded)('deploy/clinic-site.service', () => {
  it('passes systemd-analyze verify without a warning, with the hardening a service needs', async () => {
    if (!hasProgram('systemd-analyze')) return;
    const { stdout, stderr } = await run('systemd-analyze', ['verify', 'deploy/clinic-site.service']);
    expect(stdout + stderr).toBe('');
    const unit = readFileSync('deploy/clinic-site.service', 'utf8');
    for (const line of [
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/clinic-site',
      'PrivateTmp=yes',
      'Restart=on-failure',
      'Environment=DATA_DIR=/var/lib/clinic-site',
    ])
      expect(unit).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });
});

type TlsAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

describe('deploy/nginx/clinic-site.conf in front of the app (TLS, TRUSTED_PROXIES=1)', () => {
  const ready = hasProgram('nginx') && hasProgram('openssl');
  let dir: string;
  let target: E2eTarget;
  let app: ServerProcess;
  let nginx: ChildProcess;
  let ca: string;
  let siteUrl: string;
  let plainUrl: string;

  /** One HTTPS exchange through nginx, from a chosen loopback address, trusting the test's certificate. */
  const tls = (
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
  ) =>
    new Promise<TlsAnswer>((resolve, reject) => {
      const req = request(
        new URL(path, siteUrl),
        {
          method: options.method ?? 'GET',
          ca,
          headers: options.headers,
          localAddress: options.from ?? '127.0.0.1',
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += String(chunk)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  beforeAll(async () => {
    if (!ready) return;
    dir = mkdtempSync(join(tmpdir(), 'clinic-nginx-'));
    chmodSync(dir, 0o755);
    await run('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ]);
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const [appPort, tlsPort, plainPort] = [await freePort(), await freePort(), await freePort()];
    siteUrl = `https://localhost:${tlsPort}`;
    plainUrl = `http://127.0.0.1:${plainPort}`;
    // The shipped site file, with only its host-specific paths and ports changed.
    const site = readFileSync('deploy/nginx/clinic-site.conf', 'utf8')
      .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${appPort};`)
      .replace('/var/cache/nginx/clinic-site', join(dir, 'cache'))
      .replace('/var/log/nginx/clinic-site.access.log', join(dir, 'access.log'))
      .replace(/^\s*listen \[::\].*$/gm, '')
      .replace('listen 80;', `listen 127.0.0.1:${plainPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`)
      .replace(/\/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem/, join(dir, 'cert.pem'))
      .replace(/\/etc\/letsencrypt\/live\/[^/]+\/privkey\.pem/, join(dir, 'key.pem'));
    for (const temp of ['cache', 'temp']) {
      mkdirSync(join(dir, temp));
      chmodSync(join(dir, temp), 0o777); // nginx's workers run as an unprivileged user
    }
    const temp = (name: string) => `${name}_temp_path ${join(dir, 'temp', name)};`;
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        'worker_processes 1;',
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'error.log')} warn;`,
        'events { worker_connections 256; }',
        'http {',
        ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n'),
        site,
        '}',
      ].join('\n'),
    );
    target = await prepareTarget();
    app = await startServerProcess({
      ...target.env,
      SITE_URL: siteUrl,
      TRUSTED_PROXIES: '1',
      PORT: String(appPort),
    });
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'inherit',
    });
    for (let i = 0; i < 100; i++) {
      const up = await tls('/readyz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nginx did not answer: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
  });

  afterAll(async () => {
    if (!ready) return;
    nginx?.kill('SIGQUIT');
    app?.child.kill('SIGTERM');
    await app?.exited;
    await target?.cleanup();
  });

  it.runIf(ready)('sends plain http to https, and every https page carries HSTS', async () => {
    const plain = await fetch(`${plainUrl}/en/faq`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\/127\.0\.0\.1(:\d+)?\/en\/faq$/);
    const page = await tls('/en/faq', { headers: { 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    const asset = /href="(\/assets\/site\.[^"]+\.css)"/.exec((await tls('/en/')).body)?.[1];
    expect((await tls(asset as string)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.runIf(ready)('staff sign-in sets a __Host- cookie (Secure, Path=/, no Domain)', async () => {
    const jar = new Map<string, string>();
    const send = async (path: string, fields?: Record<string, string>) => {
      const answer = await tls(path, {
        method: fields ? 'POST' : 'GET',
        headers: {
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(fields ? { origin: siteUrl, 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: fields ? new URLSearchParams(fields).toString() : undefined,
      });
      for (const line of (answer.headers['set-cookie'] as string[] | undefined) ?? []) {
        const [pair = ''] = line.split(';');
        jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        cookies.push(line);
      }
      return answer;
    };
    const cookies: string[] = [];
    const form = await send('/staff/sign-in');
    const step1 = await send('/staff/sign-in', {
      csrf: fieldValue(form.body, 'csrf'),
      return: fieldValue(form.body, 'return'),
      draft: fieldValue(form.body, 'draft'),
      email: target.clinic.email,
      password: target.clinic.password,
    });
    expect(step1.status).toBe(303);
    const codePage = await send(String(step1.headers.location));
    const signedIn = await send('/staff/sign-in/code', {
      csrf: fieldValue(codePage.body, 'csrf'),
      return: fieldValue(codePage.body, 'return'),
      draft: fieldValue(codePage.body, 'draft'),
      code: await totpAt(target.clinic.totpSecret, new Date()),
    });
    expect(signedIn.status).toBe(303);
    const session = cookies.filter((line) => line.startsWith('__Host-clinic_session='));
    expect(session.length).toBeGreaterThan(0);
    for (const line of session) {
      expect(line).toMatch(/;\s*Secure/i);
      expect(line).toMatch(/;\s*Path=\//i);
      expect(line).not.toMatch(/;\s*Domain=/i);
    }
    expect((await send('/staff/')).status).toBe(200);
  });

  it.runIf(ready)('the request form posts 303 through the proxy', async () => {
    const page = await tls('/en/request', { from: '127.0.0.5' });
    expect(page.status).toBe(200);
    const { hidden } = readHiddenFields(page.body);
    await new Promise((r) => setTimeout(r, 2_100)); // the form refuses a post faster than a person types
    const body = new URLSearchParams([
      ...Object.entries(hidden),
      ['website', ''],
      ...patientFormFields(newMarker()),
    ]);
    const sent = await tls('/en/request', {
      method: 'POST',
      from: '127.0.0.5',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    expect(sent.status).toBe(303);
  });

  it.runIf(ready)('two visitors with different addresses get separate rate limits', async () => {
    const beacon = (from: string) =>
      tls('/api/event', {
        method: 'POST',
        from,
        headers: {
          origin: siteUrl,
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent':
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
          // A visitor may send its own header; nginx appends the address it saw, the one the app trusts.
          'x-forwarded-for': '203.0.113.99',
        },
        body: JSON.stringify({ n: 'pageview', u: '/en/' }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push(await beacon('127.0.0.6'));
    expect(statuses.filter((s) => s === 202)).toHaveLength(120);
    expect(statuses.at(-1)).toBe(429);
    expect(await beacon('127.0.0.7')).toBe(202);
  });
});
