import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('gives safe local defaults when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      siteUrl: 'http://127.0.0.1:3000',
      smtpUrl: undefined,
      notifyTo: undefined,
      logLevel: 'info',
      clinicConfigPath: './clinic.config.json',
      analyticsRetentionDays: 30,
      sessionIdleMinutes: 15,
      trustedProxies: 0,
      backupDir: 'data/backups',
      backupKeep: 7,
      dailySummaryAt: '07:30',
    });
  });

  it('reads DAILY_SUMMARY_AT as a 24-hour HH:MM and refuses anything else', () => {
    expect(parseEnv({ DAILY_SUMMARY_AT: '18:05' }).dailySummaryAt).toBe('18:05');
    for (const bad of ['7:30', '24:00', '07:60', '7.30am']) {
      expect(() => parseEnv({ DAILY_SUMMARY_AT: bad })).toThrow(
        `DAILY_SUMMARY_AT must be a 24-hour time HH:MM in the clinic's time zone (got "${bad}"). Example: DAILY_SUMMARY_AT=07:30`,
      );
    }
  });

  it('puts the automatic backups in DATA_DIR/backups unless BACKUP_DIR says where, and refuses a bad BACKUP_KEEP', () => {
    expect(parseEnv({ DATA_DIR: '/srv/clinic' }).backupDir).toBe('/srv/clinic/backups');
    expect(parseEnv({ BACKUP_DIR: '/backups', BACKUP_KEEP: '0' })).toMatchObject({
      backupDir: '/backups',
      backupKeep: 0,
    });
    expect(() => parseEnv({ BACKUP_KEEP: '-1' })).toThrow(
      'BACKUP_KEEP must be how many daily backups to keep, a whole number from 0 (no automatic backups) to 366 (got "-1"). Example: BACKUP_KEEP=7',
    );
  });

  it('reads every variable and keeps SITE_URL as an origin', () => {
    const env = parseEnv({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://clinic@db:5432/clinic',
      SITE_URL: 'https://www.example-clinic.com/',
      SMTP_URL: 'smtp://mail.example.com:587',
      NOTIFY_TO: 'desk@example-clinic.com',
      LOG_LEVEL: 'warn',
    });
    expect(env.port).toBe(8080);
    expect(env.siteUrl).toBe('https://www.example-clinic.com');
    expect(env.databaseUrl).toBe('postgres://clinic@db:5432/clinic');
  });

  it('names each bad variable, says what is wrong and gives an example', () => {
    const attempt = () =>
      parseEnv({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        SITE_URL: 'https://x.com/path',
        NOTIFY_TO: 'nobody',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT must be a whole number from 1 to 65535 \(got "abc"\)\. Example: PORT=3000/);
    expect(attempt).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(attempt).toThrow(/SITE_URL must be an http\(s\) origin with no path/);
    expect(attempt).toThrow(/NOTIFY_TO must be one e-mail address/);
  });

  it('says a SITE_URL without a scheme needs https://, with the value it probably meant', () => {
    expect(() => parseEnv({ SITE_URL: 'clinic.example.com' })).toThrow(
      'SITE_URL must start with https:// (http:// only for a test on this machine) (got "clinic.example.com"). Example: SITE_URL=https://clinic.example.com',
    );
    expect(() => parseEnv({ SITE_URL: 'not a host' })).toThrow(
      /SITE_URL must start with https:\/\/ .*Example: SITE_URL=https:\/\/www\.example-clinic\.com/,
    );
  });

  it('reads SESSION_IDLE_MINUTES and refuses a value outside 1 to 720 minutes', () => {
    expect(parseEnv({ SESSION_IDLE_MINUTES: '30' }).sessionIdleMinutes).toBe(30);
    for (const bad of ['0', '721', 'soon', '1.5']) {
      expect(() => parseEnv({ SESSION_IDLE_MINUTES: bad })).toThrow(
        /SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 720 .*Example: SESSION_IDLE_MINUTES=15/,
      );
    }
  });

  it('reads TRUSTED_PROXIES as a small whole number', () => {
    expect(parseEnv({ TRUSTED_PROXIES: '1' }).trustedProxies).toBe(1);
    for (const bad of ['-1', '6', 'yes']) {
      expect(() => parseEnv({ TRUSTED_PROXIES: bad })).toThrow(
        /TRUSTED_PROXIES must be the number of reverse proxies .*Example: TRUSTED_PROXIES=1/,
      );
    }
  });

  it('never echoes the password of a bad SMTP_URL or DATABASE_URL: user:***@host', () => {
    const attempt = () =>
      parseEnv({
        SMTP_URL: 'http://user:s3cretpw@mail.example.com',
        DATABASE_URL: 'mysql://clinic:hunter22@db/x',
      });
    expect(attempt).toThrow(
      'SMTP_URL must be an SMTP URL starting with smtp:// or smtps:// (got "http://user:***@mail.example.com")',
    );
    expect(attempt).toThrow('(got "mysql://clinic:***@db/x")');
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toMatch(/s3cretpw|hunter22/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });
});
