import nodemailer from 'nodemailer';
import { ConfigError, type Env } from '../../config/env.ts';
import type { Logger } from '../../lib/logger.ts';
import type { NewRequestNotice, NoticeEmail } from './notice.ts';

/** How notices leave: e-mailed through SMTP, or (without SMTP_URL) the clinic's written to the log. */
export type NoticeSender = {
  /** NOTIFY_TO: gets every new-request notice. Null when it is not set. */
  clinicAddress: string | null;
  /** False without SMTP_URL: then only the clinic's notice is logged; members' copies are skipped. */
  mails: boolean;
  /** Delivers one e-mail to `to`; rejects when it was not accepted, so the worker retries it. */
  send(to: string, notice: NewRequestNotice, email: NoticeEmail): Promise<void>;
};

/** The one method of a nodemailer transport the sender needs; tests may pass their own. */
export type MailTransport = {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

/**
 * A nodemailer SMTP transport for an smtp:// or smtps:// URL. Timeouts stay well under the
 * worker's lease, so a hung server cannot make two instances send the same notice.
 */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

/**
 * Sends notices as plain-text e-mail through `transport`, from `from`; `clinicAddress` is NOTIFY_TO.
 * @example createSmtpSender(smtpTransport(env.smtpUrl), { from: 'frontdesk@clinic.example', clinicAddress: 'frontdesk@clinic.example' })
 */
export function createSmtpSender(
  transport: MailTransport,
  envelope: { from: string; clinicAddress: string | null },
): NoticeSender {
  return {
    clinicAddress: envelope.clinicAddress,
    mails: true,
    async send(to, _notice, email) {
      await transport.sendMail({ from: envelope.from, to, subject: email.subject, text: email.text });
    },
  };
}

/** Without SMTP_URL: the notice goes to the log (the same facts as the e-mail) and counts as sent. */
export function createLogSender(logger: Logger): NoticeSender {
  return {
    clinicAddress: null,
    mails: false,
    send: async (_to, notice, email) => {
      logger.info(
        {
          notice: {
            requestId: notice.requestId,
            locale: notice.locale,
            receivedAt: notice.receivedAt.toISOString(),
          },
          link: email.link,
        },
        'new confidential request (SMTP_URL is not set: logged instead of e-mailed)',
      );
    },
  };
}

/**
 * The sender the environment asks for. The From address is the SMTP user when it is an e-mail
 * address (what most relays require), otherwise NOTIFY_TO itself.
 * @throws ConfigError when SMTP_URL is set without NOTIFY_TO
 */
export function senderFromEnv(env: Pick<Env, 'smtpUrl' | 'notifyTo'>, logger: Logger): NoticeSender {
  if (!env.smtpUrl) return createLogSender(logger);
  if (!env.notifyTo) {
    throw new ConfigError(
      'Invalid configuration:\n- NOTIFY_TO must be set when SMTP_URL is, to say who gets the new-request e-mails. ' +
        'Example: NOTIFY_TO=frontdesk@example-clinic.com',
    );
  }
  const user = decodeURIComponent(new URL(env.smtpUrl).username);
  const from = user.includes('@') ? user : env.notifyTo;
  return createSmtpSender(smtpTransport(env.smtpUrl), { from, clinicAddress: env.notifyTo });
}
