// The SMTP connection, from SMTP_URL (e.g. smtp://user:pass@mail.school.ru:587). Without it the
// application sends nothing: messages stay in the outbox as HELD, readable on /admin/outbox.
import 'server-only';
import nodemailer from 'nodemailer';
import { getEnv } from '../env';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Deterministic per outbox row, so a resend after a crash is recognisable as the same letter. */
  messageId: string;
};

export type MailTransport = { send(mail: OutgoingMail): Promise<void> };

export function smtpTransport(url: string, from: string): MailTransport {
  // One letter must finish (or fail) well within the sender's lease on it (SEND_POLICY.leaseMs,
  // 5 minutes): nodemailer's own default waits 10 minutes on a silent connection.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId: mail.messageId,
      });
    },
  };
}

let configured: MailTransport | null | undefined;

/** The transport from the environment, or null when SMTP_URL is not set (the demo). */
export function configuredTransport(): MailTransport | null {
  if (configured === undefined) {
    const env = getEnv();
    configured = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : null;
  }
  return configured;
}
