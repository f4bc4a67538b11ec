import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/env.ts';
import { createLogger } from '../../lib/logger.ts';
import { composeNoticeEmail } from './notice.ts';
import { createLogSender, createSmtpSender, senderFromEnv, type MailTransport } from './senders.ts';

const notice = { requestId: 'r-1', locale: 'en' as const, receivedAt: new Date('2025-01-02T03:04:05Z') };
const email = composeNoticeEmail(notice, { siteUrl: 'https://clinic.example', timeZone: 'UTC' });

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

describe('senders', () => {
  it('logs the notice without SMTP_URL: its id, language, time and link', async () => {
    const { lines, logger } = capture();
    await senderFromEnv({ smtpUrl: undefined, notifyTo: undefined }, logger).send('', notice, email);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry.notice).toEqual({ requestId: 'r-1', locale: 'en', receivedAt: '2025-01-02T03:04:05.000Z' });
    expect(entry.link).toBe('https://clinic.example/staff/requests/r-1');
    expect(entry.msg).toMatch(/SMTP_URL is not set/);
  });

  it('refuses SMTP_URL without NOTIFY_TO at start-up, saying what to set', () => {
    const { logger } = capture();
    expect(() => senderFromEnv({ smtpUrl: 'smtp://127.0.0.1:2525', notifyTo: undefined }, logger)).toThrow(
      ConfigError,
    );
    expect(() => senderFromEnv({ smtpUrl: 'smtp://127.0.0.1:2525', notifyTo: undefined }, logger)).toThrow(
      /NOTIFY_TO must be set when SMTP_URL is/,
    );
  });

  it('sends the composed subject and text from and to the given addresses', async () => {
    const sent: unknown[] = [];
    const transport: MailTransport = { sendMail: async (mail) => sent.push(mail) };
    const sender = createSmtpSender(transport, {
      from: 'a@clinic.example',
      clinicAddress: 'c@clinic.example',
    });
    await sender.send('b@clinic.example', notice, email);
    expect(sender).toMatchObject({ clinicAddress: 'c@clinic.example', mails: true });
    expect(sent).toEqual([
      { from: 'a@clinic.example', to: 'b@clinic.example', subject: email.subject, text: email.text },
    ]);
  });

  it('logs through createLogSender at info level', async () => {
    const { lines, logger } = capture();
    await createLogSender(logger).send('', notice, email);
    expect(JSON.parse(lines[0] ?? '{}').level).toBe(30);
  });
});
