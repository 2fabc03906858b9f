/**
 * The notification outbox: one row per channel for each new inquiry, written in the same
 * transaction as the inquiry itself, then delivered (and retried) by the notifier.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { nowIso } from './clock.js';
import { newId } from './secrets.js';
import type { Site } from './sites.js';

export type Channel = 'email' | 'webhook';

export function channelsOf(site: Site): Channel[] {
  const channels: Channel[] = [];
  if (site.notify.emails.length > 0) channels.push('email');
  if (site.notify.webhookUrl) channels.push('webhook');
  return channels;
}

export async function enqueueNotifications(trx: Kysely<Database>, site: Site, inquiryId: string): Promise<void> {
  const channels = channelsOf(site);
  if (channels.length === 0) return;
  const now = nowIso();
  await trx
    .insertInto('outbox')
    .values(
      channels.map((channel) => ({
        id: newId(),
        site_id: site.id,
        inquiry_id: inquiryId,
        channel,
        state: 'pending',
        next_attempt_at: now,
        locked_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })),
    )
    .execute();
}

/**
 * Sends a site's failed notifications again, from the first try: for after the cause is fixed
 * (SMTP_URL set, the webhook back up). Answers how many were queued again.
 */
export async function retryFailedNotifications(trx: Kysely<Database>, siteId: string): Promise<number> {
  const result = await trx
    .updateTable('outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: nowIso(), locked_until: null })
    .where('site_id', '=', siteId)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How notifications are going, for /healthz: an uptime check alerts the agency before a clinic notices. */
export interface NotificationHealth {
  /** Rows that failed and are being tried again (a wrong SMTP password, a webhook down). */
  retrying: number;
  /** Rows that gave up in the last 24 hours. */
  failedLastDay: number;
}

export async function notificationHealth(db: Kysely<Database>): Promise<NotificationHealth> {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  const [retrying, failedLastDay] = await Promise.all(
    [
      db.selectFrom('outbox').where('state', '=', 'pending').where('last_error', 'is not', null),
      // Its last try was when it gave up (a day of retries after it was made).
      db.selectFrom('outbox').where('state', '=', 'failed').where('next_attempt_at', '>', dayAgo),
    ].map(async (rows) => Number((await rows.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n)),
  );
  return { retrying, failedLastDay };
}
