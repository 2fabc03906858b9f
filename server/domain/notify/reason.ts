/**
 * A failed send as a short reason for the outbox's last_error and the logs: "SMTP 550",
 * "HTTP 503", "ECONNREFUSED", "timeout". Never an error's message: an SMTP server's reply may
 * quote the recipient or the message, and the inbox shows this text to staff.
 */
import { getSystemErrorName } from 'node:util';

/** A reason we decided on ourselves (not a transport error), e.g. "SMTP_URL not set". */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    /** true: trying again cannot help (a setting is missing), so the row fails at once. */
    readonly permanent = false,
    /** true: nothing is to be sent for now (the inquiry is spam): the row is held, which is no failure. */
    readonly held = false,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

/** Undici's socket codes in the words staff would use. */
const FETCH_CODES: Record<string, string> = {
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

export function failureReason(error: unknown): string {
  if (error instanceof DeliveryError) return error.reason;
  const e = (error ?? {}) as { name?: string; code?: unknown; errno?: unknown; responseCode?: unknown; cause?: { code?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  // nodemailer: the SMTP reply code; for a socket error it keeps the system errno
  // (ECONNREFUSED) beside its own code (ESOCKET), which says less.
  if (typeof e.responseCode === 'number') return `SMTP ${e.responseCode}`;
  if (typeof e.errno === 'number' && e.errno < 0) {
    try {
      return getSystemErrorName(e.errno);
    } catch {
      // not a system errno after all
    }
  }
  // fetch (undici): the socket error is the cause of a plain "fetch failed".
  const cause = e.cause?.code;
  if (typeof cause === 'string') return FETCH_CODES[cause] ?? cause.slice(0, 40);
  // …or has no code at all (a port fetch refuses to use): the message could name the URL,
  // which may hold a token (Slack's do), so it stays out.
  if (e.name === 'TypeError' && e.cause) return 'fetch failed';
  if (typeof e.code === 'string') return e.code.slice(0, 40);
  return (e.name ?? 'error').slice(0, 40);
}

/**
 * What a failure reason means, for staff: the inbox explains each kind in their language
 * (inbox-detail.ts) rather than showing "ECONNREFUSED". The kinds, not sentences, cross the API,
 * as the inbox's texts are translated in the browser.
 */
export type FailureKind =
  | 'login' // the mail server refused the receiver's SMTP user name or password
  | 'address' // the mail server refused a recipient address
  | 'not-set' // no SMTP server, address or webhook URL, or one that is not valid
  | 'unreachable' // nothing answered at that address (refused, unknown host, network down)
  | 'timeout'
  | 'certificate' // the server's HTTPS/TLS certificate is not trusted
  | 'rejected' // the webhook answered with an error (HTTP 4xx/5xx)
  | 'other';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'connection closed', 'fetch failed']);

export function failureKind(reason: string | null | undefined): FailureKind {
  if (!reason) return 'other';
  if (/^SMTP 53[05]\b/.test(reason)) return 'login';
  if (/^SMTP \d+ for \d+ of \d+ address/.test(reason)) return 'address';
  if (/not set|^no (email address|webhook URL)|not a URL|URL invalid/.test(reason)) return 'not-set';
  if (UNREACHABLE.has(reason)) return 'unreachable';
  if (/timeout|ETIMEDOUT/i.test(reason)) return 'timeout';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(reason)) return 'certificate';
  if (/^HTTP \d+$/.test(reason)) return 'rejected';
  return 'other';
}
