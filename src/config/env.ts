import { join } from 'node:path';
import { z } from 'zod';
import { maskSecrets } from '../lib/mask-secrets.ts';
import { StartUpError } from '../lib/start-up-error.ts';

/** Settings read from the environment; every one is optional and has a safe local default. */
export type Env = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  siteUrl: string;
  smtpUrl: string | undefined;
  notifyTo: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  clinicConfigPath: string;
  /** Days raw analytics events are kept; the daily rollups are kept for good. */
  analyticsRetentionDays: number;
  /** Minutes a staff session may sit unused before it ends (the absolute limit stays 12 hours). */
  sessionIdleMinutes: number;
  /** Reverse proxies in front of the app that append to X-Forwarded-For; 0: the TCP peer is the visitor. */
  trustedProxies: number;
  /** Where the daily automatic backups go (default DATA_DIR/backups). */
  backupDir: string;
  /** How many automatic backups to keep, newest first; 0 turns them off. */
  backupKeep: number;
  /** Clinic-local "HH:MM" the daily summary e-mail goes out (to members who asked for it). */
  dailySummaryAt: string;
};

/** A problem and an example may depend on the value given, to show what was probably meant. */
type VarSpec = {
  schema: z.ZodType;
  problem: string | ((raw: string) => string);
  example: string | ((raw: string) => string);
};

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol))
    .optional();

/** One entry per variable: how to check it, what to say when it is wrong, and a good example. */
const VARS = {
  PORT: {
    schema: z.coerce.number().int().min(1).max(65535).default(3000),
    problem: 'must be a whole number from 1 to 65535',
    example: 'PORT=3000',
  },
  HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    problem: 'must be a host name or IP address to listen on',
    example: 'HOST=127.0.0.1',
  },
  DATA_DIR: {
    schema: z.string().min(1).default('./data'),
    problem: 'must be a directory path',
    example: 'DATA_DIR=./data',
  },
  DATABASE_URL: {
    schema: optionalUrl(['postgres:', 'postgresql:']),
    problem: 'must be a PostgreSQL URL starting with postgres://',
    example: 'DATABASE_URL=postgres://clinic@127.0.0.1:5432/clinic',
  },
  SITE_URL: {
    schema: optionalUrl(['http:', 'https:']).refine(
      (v) => v === undefined || !URL.canParse(v) || new URL(v).pathname === '/',
    ),
    // "clinic.example.com" is the commonest slip: say the scheme is missing, and show it added.
    problem: (raw) =>
      hasScheme(raw)
        ? 'must be an http(s) origin with no path'
        : 'must start with https:// (http:// only for a test on this machine)',
    example: (raw) =>
      hasScheme(raw) || !URL.canParse(`https://${raw}`)
        ? 'SITE_URL=https://www.example-clinic.com'
        : `SITE_URL=${new URL(`https://${raw}`).origin}`,
  },
  SMTP_URL: {
    schema: optionalUrl(['smtp:', 'smtps:']),
    problem: 'must be an SMTP URL starting with smtp:// or smtps://',
    example: 'SMTP_URL=smtp://user:pass@mail.example.com:587',
  },
  NOTIFY_TO: {
    schema: z.email().optional(),
    problem: 'must be one e-mail address',
    example: 'NOTIFY_TO=frontdesk@example-clinic.com',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    problem: 'must be one of fatal, error, warn, info, debug, trace, silent',
    example: 'LOG_LEVEL=info',
  },
  CLINIC_CONFIG: {
    schema: z.string().min(1).default('./clinic.config.json'),
    problem: 'must be the path of the clinic config file',
    example: 'CLINIC_CONFIG=./clinic.config.json',
  },
  ANALYTICS_RETENTION_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650).default(30),
    problem: 'must be a whole number of days from 1 to 3650',
    example: 'ANALYTICS_RETENTION_DAYS=30',
  },
  SESSION_IDLE_MINUTES: {
    schema: z.coerce.number().int().min(1).max(720).default(15),
    problem: 'must be a whole number of minutes from 1 to 720 (a staff session never outlasts 12 hours)',
    example: 'SESSION_IDLE_MINUTES=15',
  },
  TRUSTED_PROXIES: {
    schema: z.coerce.number().int().min(0).max(5).default(0),
    problem: 'must be the number of reverse proxies (load balancer, CDN) in front of the app, from 0 to 5',
    example: 'TRUSTED_PROXIES=1',
  },
  BACKUP_DIR: {
    schema: z.string().min(1).optional(),
    problem: 'must be a directory path',
    example: 'BACKUP_DIR=/var/backups/clinic-site',
  },
  BACKUP_KEEP: {
    schema: z.coerce.number().int().min(0).max(366).default(7),
    problem: 'must be how many daily backups to keep, a whole number from 0 (no automatic backups) to 366',
    example: 'BACKUP_KEEP=7',
  },
  DAILY_SUMMARY_AT: {
    schema: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .default('07:30'),
    problem: "must be a 24-hour time HH:MM in the clinic's time zone",
    example: 'DAILY_SUMMARY_AT=07:30',
  },
} satisfies Record<string, VarSpec>;

const hasScheme = (raw: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);

export class ConfigError extends StartUpError {
  override name = 'ConfigError';
}

/**
 * Reads and checks the environment once. Throws a ConfigError that names each bad variable,
 * what is wrong with it and an example of a good value.
 * @example parseEnv({ PORT: '8080' }).port // 8080
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const problems: string[] = [];
  const value = (name: keyof typeof VARS): unknown => {
    const spec: VarSpec = VARS[name];
    const raw = source[name] === '' ? undefined : source[name];
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // A URL's password is never echoed: `got "smtp://desk:***@mail.example.com"`.
    const text = (part: VarSpec['problem']) => (typeof part === 'string' ? part : part(String(raw ?? '')));
    problems.push(
      `${name} ${text(spec.problem)} (got ${maskSecrets(JSON.stringify(raw))}). Example: ${text(spec.example)}`,
    );
    return undefined;
  };
  const port = value('PORT') as number;
  const host = value('HOST') as string;
  const env: Env = {
    port,
    host,
    dataDir: value('DATA_DIR') as string,
    databaseUrl: value('DATABASE_URL') as string | undefined,
    siteUrl: '',
    smtpUrl: value('SMTP_URL') as string | undefined,
    notifyTo: value('NOTIFY_TO') as string | undefined,
    logLevel: value('LOG_LEVEL') as Env['logLevel'],
    clinicConfigPath: value('CLINIC_CONFIG') as string,
    analyticsRetentionDays: value('ANALYTICS_RETENTION_DAYS') as number,
    sessionIdleMinutes: value('SESSION_IDLE_MINUTES') as number,
    trustedProxies: value('TRUSTED_PROXIES') as number,
    backupDir: '',
    backupKeep: value('BACKUP_KEEP') as number,
    dailySummaryAt: value('DAILY_SUMMARY_AT') as string,
  };
  const backupDir = value('BACKUP_DIR') as string | undefined;
  const siteUrl = value('SITE_URL') as string | undefined;
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  env.backupDir = backupDir ?? join(env.dataDir, 'backups');
  env.siteUrl = new URL(siteUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).origin;
  return env;
}
