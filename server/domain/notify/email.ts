/**
 * Email notifications over SMTP (nodemailer), plain text only: nothing a patient typed is ever
 * HTML, so nothing they typed can become a link or markup in a mail client.
 *
 * Each notification has a Message-ID made from its delivery id (the outbox row's id), the same
 * on every retry: delivery is at least once (the row is marked sent only after the SMTP server
 * accepted the message, so a crash in between sends it again), and mail systems and clients
 * that see the same Message-ID twice can treat the second as a copy.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Notification } from './content.js';
import { DeliveryError } from './reason.js';

/** Bounds on one SMTP conversation, well inside the notifier's claim on a row (LEASE_MS). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export interface Mailer {
  send(deliveryId: string, to: string[], notification: Notification): Promise<void>;
}

/** The domain of the From address, for Message-IDs: <delivery id@that domain>. */
export function messageIdDomain(mailFrom: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'consult-widget.invalid';
}

export const messageId = (deliveryId: string, mailFrom: string): string => `<${deliveryId}@${messageIdDomain(mailFrom)}>`;

export function createMailer(smtpUrl: string | undefined, mailFrom: string): Mailer {
  let transport: Transporter | undefined;
  return {
    async send(deliveryId, to, notification) {
      // Without SMTP_URL an email can never go out; the notifier marks it failed at once (see
      // notifier.ts for why).
      if (!smtpUrl) throw new DeliveryError('SMTP_URL not set', true);
      if (to.length === 0) throw new DeliveryError('no email address set', true);
      transport ??= nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
      await transport.sendMail({
        from: mailFrom,
        to,
        subject: notification.subject,
        text: notification.text,
        messageId: messageId(deliveryId, mailFrom),
        headers: {
          'X-Consult-Delivery': deliveryId,
          // RFC 3834: an automatic message; out-of-office replies should not answer it.
          'Auto-Submitted': 'auto-generated',
        },
      });
    },
  };
}
