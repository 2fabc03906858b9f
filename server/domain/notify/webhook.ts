/**
 * Webhook notifications: one POST per notification, JSON signed with the site's secret, or a
 * Slack-compatible `{ "text": … }` message.
 *
 * Verifying a webhook (for the README). Each request carries
 *
 *   X-Consult-Delivery: <delivery id>           the same on every retry of one notification
 *   X-Consult-Signature: t=<unix seconds>,v1=<hex>
 *
 * where v1 = hex(HMAC-SHA256(key = the site's webhook secret, message = `${t}.${raw body}`)),
 * the raw body being the request's bytes exactly as received (before any JSON parsing). A
 * receiver should:
 *   1. read t and v1 from X-Consult-Signature;
 *   2. refuse the request if t is more than 5 minutes from its own clock (a replay);
 *   3. compute the HMAC above and compare it with v1 in constant time
 *      (Node: crypto.timingSafeEqual; Python: hmac.compare_digest; PHP: hash_equals);
 *   4. answer 2xx quickly, and ignore a X-Consult-Delivery it has already handled.
 * Node: createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex') === v1.
 *
 * Step 4 matters because delivery is at least once: the receiver marks a notification sent
 * only after the webhook answered 2xx, so a crash between the two (or an answer lost on the
 * way back) sends it again, with the same delivery id. Slack-mode messages are signed too when
 * a secret is set; Slack ignores the headers.
 */
import { createHmac } from 'node:crypto';
import { DeliveryError } from './reason.js';
import type { Notification } from './content.js';

/**
 * A webhook that has not answered by then is tried again later. A deadline on the whole
 * request (connecting, sending, the answer), not an idle timeout, well inside the notifier's
 * claim on the row (LEASE_MS in notifier.ts).
 */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookTarget {
  url: string;
  secret?: string;
  mode: 'json' | 'slack';
}

export async function sendWebhook(target: WebhookTarget, deliveryId: string, notification: Notification, now = Date.now()): Promise<void> {
  if (!/^https?:\/\//i.test(target.url) || !URL.canParse(target.url)) throw new DeliveryError('webhook URL invalid', true);
  const body = JSON.stringify(target.mode === 'slack' ? { text: notification.slackText } : notification.json);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'ConsultWidget-Receiver',
    'x-consult-event': 'inquiry.received',
    'x-consult-delivery': deliveryId,
  };
  if (target.secret) headers['x-consult-signature'] = signature(target.secret, Math.floor(now / 1000), body);
  const response = await fetch(target.url, {
    method: 'POST',
    headers,
    body,
    // A redirect is an answer, not a delivery: following it would send patient data to an
    // address nobody configured.
    redirect: 'manual',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  // Only the status matters; reading (and dropping) the body frees the connection.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new DeliveryError(`HTTP ${response.status}`);
}
