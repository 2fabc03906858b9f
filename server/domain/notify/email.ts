/**
 * Email notifications over SMTP (nodemailer), plain text only: nothing a patient typed is ever
 * HTML, so nothing they typed can become a link or markup in a mail client.
 *
 * Each notification has a Message-ID made from its delivery id (the outbox row's id), the same
 * on every retry: delivery is at least once (the row is marked sent only after the SMTP server
 * accepted the message, so a crash in between sends it again), and mail systems and clients
 * that see the same Message-ID twice can treat the second as a copy.
 *
 * A message counts as sent only when the server took it for every address. When it took it for
 * some and refused others for now (4xx at RCPT TO, e.g. greylisting), the send fails naming the
 * addresses that took it (RefusedAddresses.told), which the outbox row keeps: later tries go to
 * the site's addresses less those, with the same Message-ID, so nobody gets a second copy (but
 * after a crash, as above). One refused for good (5xx) fails the notification at once, so the
 * inbox shows that not everyone was told (sending again would only repeat the refusal); those
 * that took it are kept all the same, for `notify retry` to leave out once the address is fixed.
 */
import { domainToASCII } from 'node:url';
import nodemailer, { type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import type { Notification } from './content.js';
import { DeliveryError, failureReason } from './reason.js';

/**
 * Bounds on one SMTP conversation. The socket timeouts only end a server that stops answering;
 * one that answers every command slowly would keep them all happy, so the whole conversation
 * also has a deadline, well inside the notifier's claim on a row (LEASE_MS in notifier.ts): a
 * send still going when the claim runs out would let another notifier send the same email.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
export const SMTP_DEADLINE_MS = 30_000;

export interface Mailer {
  send(deliveryId: string, to: string[], notification: Notification): Promise<void>;
}

/** The domain of the From address, for Message-IDs: <delivery id@that domain>. */
export function messageIdDomain(mailFrom: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'consult-widget.invalid';
}

export const messageId = (deliveryId: string, mailFrom: string): string => `<${deliveryId}@${messageIdDomain(mailFrom)}>`;

interface Refusal {
  responseCode?: number;
}

/** A send that addresses were refused for; `told` are those of the others that took the message. */
export class RefusedAddresses extends DeliveryError {
  constructor(
    reason: string,
    permanent: boolean,
    readonly told: string[],
  ) {
    super(reason, permanent);
  }
}

/**
 * Addresses the server refused at RCPT TO, as a failure: "SMTP 450 for 1 of 2 addresses". The
 * reason has counts, never the addresses or the server's words (see reason.ts). Permanent only
 * when every refusal is (5xx): an address refused for now may take the message on a retry.
 */
function refusalError(refusals: Refusal[], total: number, told: string[] = []): RefusedAddresses {
  const forGood = (r: Refusal) => typeof r.responseCode === 'number' && r.responseCode >= 500;
  const temporary = refusals.find((r) => !forGood(r));
  const code = (temporary ?? refusals[0])?.responseCode;
  const shown = typeof code === 'number' ? `SMTP ${code}` : 'SMTP refused';
  return new RefusedAddresses(`${shown} for ${refusals.length} of ${total} address${total === 1 ? '' : 'es'}`, !temporary, told);
}

/**
 * An address as nodemailer writes it in the envelope, and so in what the server accepted: its
 * domain in ASCII, lower case (punycode for 병원.한국). One this fails to match is sent again.
 */
function envelopeForm(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  return `${address.slice(0, at)}@${domainToASCII(domain) || domain.toLowerCase()}`;
}

/** Which of `to` the server took the message for, from what sendMail answered. */
function toldOf(info: SMTPSentMessageInfo, to: string[]): string[] {
  const accepted = new Set((info.accepted ?? []).map(envelopeForm));
  return to.filter((address) => accepted.has(envelopeForm(address)));
}

/** The addresses refused in what sendMail answered or threw, each with its reply code if known. */
function refusalsOf(value: unknown): Refusal[] {
  const { rejectedErrors, rejected } = (value ?? {}) as { rejectedErrors?: unknown; rejected?: unknown };
  if (Array.isArray(rejectedErrors) && rejectedErrors.length > 0) return rejectedErrors as Refusal[];
  return Array.isArray(rejected) ? rejected.map(() => ({})) : [];
}

/**
 * An SMTP_URL the URL parser refuses, usually a password with "/", "?" or "#" not written as
 * %2F, %3F, %23 (an SES password is base64). Never handed to nodemailer, whose older parser
 * would print the whole URL, password and all, in a deprecation warning.
 */
const NOT_A_URL = 'SMTP_URL is not a URL (write /, ? and # in the password as %2F, %3F, %23)';

export function createMailer(smtpUrl: string | undefined, mailFrom: string): Mailer {
  let transport: Transporter<SMTPSentMessageInfo> | undefined;
  return {
    async send(deliveryId, to, notification) {
      // Without SMTP_URL an email can never go out; the notifier marks it failed at once (see
      // notifier.ts for why).
      if (!smtpUrl) throw new DeliveryError('SMTP_URL not set', true);
      if (to.length === 0) throw new DeliveryError('no email address set', true);
      if (!URL.canParse(smtpUrl)) throw new DeliveryError(NOT_A_URL, true);
      transport ??= nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
      // Past the deadline nodemailer closes the connection, so the server cannot take the message
      // after we gave up on it (one it took just as we did goes again, as after a crash).
      const deadline = AbortSignal.timeout(SMTP_DEADLINE_MS);
      let info: SMTPSentMessageInfo;
      try {
        info = await transport.sendMail({
          // The clinic's name before MAIL_FROM's address: staff of several clinics tell them apart.
          from: { name: notification.sender || mailFrom.replace(/\s*<[^>]*>\s*$/, ''), address: /<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim() },
          to,
          subject: notification.subject,
          text: notification.text,
          messageId: messageId(deliveryId, mailFrom),
          headers: {
            'X-Consult-Delivery': deliveryId,
            // RFC 3834: an automatic message; out-of-office replies should not answer it.
            'Auto-Submitted': 'auto-generated',
          },
          signal: deadline,
        });
      } catch (error) {
        if (deadline.aborted) throw new DeliveryError('timeout');
        // Every address refused: nodemailer did not send the message at all.
        const refused = (error as { command?: unknown }).command === 'RCPT TO' ? refusalsOf(error) : [];
        if (refused.length > 0) throw refusalError(refused, to.length);
        throw error;
      }
      // Some addresses refused: nodemailer sent the message to the others, but not everyone
      // was told, so it is not sent yet.
      const refusals = refusalsOf(info);
      if (refusals.length > 0) throw refusalError(refusals, to.length, toldOf(info, to));
    },
  };
}

/**
 * Whether SMTP_URL works (connects, and logs in when it names a user), as a reason like
 * "SMTP 535" or "ECONNREFUSED", or undefined when it does. Asked at start, so that a wrong
 * password is in the log at once rather than found by a clinic a day later.
 */
export async function checkSmtp(smtpUrl: string): Promise<string | undefined> {
  if (!URL.canParse(smtpUrl)) return NOT_A_URL;
  let transport: Transporter | undefined;
  try {
    transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
    await transport.verify();
    return undefined;
  } catch (error) {
    return failureReason(error);
  } finally {
    transport?.close();
  }
}
