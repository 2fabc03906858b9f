/**
 * The notifier: delivers the outbox's due rows (see ../outbox.ts) and records how it went.
 *
 * Several notifiers may run on one database (several receiver processes on PostgreSQL, or a
 * second process on one SQLite file). A row is taken with one conditional UPDATE that succeeds
 * for one of them only: it sets a lease (locked_until) and counts the attempt, and only if the
 * row is still pending, due, unleased (or its lease ran out) and its attempts are what this
 * notifier read. Both engines run such an UPDATE atomically (PostgreSQL re-checks the WHERE
 * against the committed row when two collide; SQLite has one writer at a time), so the same
 * row is never sent by two notifiers at once: every send has a deadline well inside the lease.
 * (attempts, id) is then this claim's token: a failure is written only if nobody took the row
 * since. A success is written whoever holds the row: a notification that arrived must never
 * be sent again because of bookkeeping.
 *
 * A notification arrives once. The row is marked sent only after the SMTP server accepted the
 * message or the webhook answered 2xx, never before; a crash (or lost database) between the
 * send and the mark sends it once more when the lease runs out. Webhooks therefore carry a
 * stable X-Consult-Delivery header and emails a stable Message-ID (both from the row's id), so
 * that one repeat can be recognised and dropped. Counting the attempt at claim time, and giving
 * up on a row whose attempts are used up when it comes round again, means a row that crashes
 * its sender (or keeps losing its claim) runs out of attempts instead of looping forever.
 *
 * Logs name the row, channel, attempt and a short reason, never what the patient sent.
 */
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../storage/database.js';
import type { ReceiverConfig } from '../../config.js';
import type { Inquiry } from '../../../src/schema/inquiry.js';
import { getSite } from '../sites.js';
import { buildNotification, type Notification } from './content.js';
import { retryDelayMs } from './backoff.js';
import { createMailer, RefusedAddresses } from './email.js';
import { sendWebhook } from './webhook.js';
import { DeliveryError, failureReason } from './reason.js';

/**
 * How long a claim holds a row. Several times longer than any send can take: a webhook gives up
 * after 10 s (WEBHOOK_TIMEOUT_MS), an SMTP conversation after 30 s (SMTP_DEADLINE_MS), both
 * deadlines on the whole send rather than idle timeouts, so a live sender never loses its row
 * to another. A sender that died gives its rows back after this.
 */
export const LEASE_MS = 2 * 60_000;
/** Rows taken per run, and sent at once: a slow webhook does not hold up the emails behind it. */
const BATCH = 20;
const PARALLEL = 4;

type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

export interface Notifier {
  /** Sends what is due now; resolves with how many rows it took. */
  runOnce(log: Log): Promise<number>;
}

interface DueRow {
  id: string;
  channel: string;
  attempts: number;
  last_error: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createNotifier(store: Store, config: ReceiverConfig): Notifier {
  const { db } = store;
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  let warned = false;

  /**
   * Takes the row for this notifier; false when another took it first. A row whose attempts
   * are used up is not sent again but failed, with the same condition (its last try crashed its
   * sender, or lost its claim, before it could write how it went).
   */
  async function claim(row: DueRow): Promise<boolean> {
    const now = Date.now();
    const spent = row.attempts >= config.notifyMaxAttempts;
    const result = await db
      .updateTable('outbox')
      .set(spent ? { state: 'failed', locked_until: null, last_error: row.last_error ?? 'interrupted' } : { locked_until: iso(now + LEASE_MS), attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .where('next_attempt_at', '<=', iso(now))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso(now))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Writes the failure of this claim, unless the row was taken from us meanwhile. */
  async function settle(id: string, attempt: number, change: { state: string; next_attempt_at?: string; last_error: string }) {
    const result = await db
      .updateTable('outbox')
      .set({ ...change, locked_until: null })
      .where('id', '=', id)
      .where('attempts', '=', attempt)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Marks the row sent, whoever holds it now: the notification arrived, which no later claim can
   * undo, and a row left pending would be sent again and again. A notifier that took the row
   * meanwhile then finds it sent and writes nothing. False when it was sent already (by that
   * other notifier: the one repeat the stable ids are for) or is gone.
   */
  async function markSent(id: string): Promise<boolean> {
    const result = await db
      .updateTable('outbox')
      .set({ state: 'sent', sent_at: iso(Date.now()), last_error: null, locked_until: null })
      .where('id', '=', id)
      .where('state', '!=', 'sent')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Adds to the addresses the row's email has reached, whoever holds the row now (as markSent):
   * they must not be sent it again. Appended in SQL, so two notifiers' additions both stay.
   */
  async function recordTold(id: string, told: string[]): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ told_addresses: sql<string>`COALESCE(told_addresses, ' ') || ${`${told.join(' ')} `}` })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Sends the email to the site's addresses as they are now, less those an earlier try reached:
   * an address added since gets it, one removed does not.
   */
  async function sendEmail(row: { id: string; told_addresses: string | null }, emails: string[], notification: Notification): Promise<void> {
    const told = new Set(row.told_addresses?.split(' ').filter(Boolean));
    const to = emails.filter((address) => !told.has(address));
    // Everyone still on the site has it (the others were removed): the notification is done.
    if (to.length === 0 && told.size > 0) return;
    try {
      await mailer.send(row.id, to, notification);
    } catch (error) {
      if (error instanceof RefusedAddresses && error.told.length > 0) await recordTold(row.id, error.told);
      throw error;
    }
  }

  async function deliver(id: string): Promise<void> {
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new DeliveryError('inquiry deleted', true);
    const site = await getSite(store, row.site_id);
    const inquiry = await db
      .selectFrom('inquiries')
      .select(['id', 'form', 'received_at', 'payload', 'spam', 'status'])
      .where('site_id', '=', row.site_id)
      .where('id', '=', row.inquiry_id)
      .executeTakeFirst();
    if (!site || !inquiry) throw new DeliveryError('inquiry deleted', true);
    // Spam is never queued; this guards a row queued before staff refiled the inquiry as spam.
    if (inquiry.spam === 1 || inquiry.status === 'spam') throw new DeliveryError('spam: not sent', true, true);
    const notification = buildNotification({
      deliveryId: row.id,
      site: { id: site.id, name: site.name, fullContent: site.notify.fullContent },
      inquiry: { id: inquiry.id, form: inquiry.form, receivedAt: inquiry.received_at, payload: JSON.parse(inquiry.payload) as Inquiry },
      publicUrl: config.publicUrl,
    });
    if (row.channel === 'email') return sendEmail(row, site.notify.emails, notification);
    if (row.channel === 'webhook') {
      if (!site.notify.webhookUrl) throw new DeliveryError('no webhook URL set', true);
      return sendWebhook({ url: site.notify.webhookUrl, secret: site.notify.webhookSecret, mode: site.notify.webhookMode }, row.id, notification);
    }
    throw new DeliveryError(`unknown channel`, true);
  }

  async function handle(row: DueRow, log: Log): Promise<boolean> {
    if (!(await claim(row))) return false;
    if (row.attempts >= config.notifyMaxAttempts) {
      const reason = row.last_error ?? 'interrupted';
      log.error({ outbox: row.id, channel: row.channel, attempt: row.attempts, reason }, 'notification failed for good');
      return true;
    }
    const attempt = row.attempts + 1;
    const context = { outbox: row.id, channel: row.channel, attempt };
    try {
      await deliver(row.id);
    } catch (error) {
      const reason = failureReason(error);
      if (error instanceof DeliveryError && error.held) {
        // Not a failure (/healthz and the inbox would warn of one for a day): held until staff
        // refile the inquiry as no spam (inbox.ts setStatus).
        await db.updateTable('outbox').set({ state: 'held', locked_until: null }).where('id', '=', row.id).execute();
        log.info({ ...context, reason }, 'notification held');
        return true;
      }
      const permanent = error instanceof DeliveryError && error.permanent;
      if (permanent || attempt >= config.notifyMaxAttempts) {
        await settle(row.id, attempt, { state: 'failed', last_error: reason });
        log.error({ ...context, reason }, 'notification failed for good');
      } else {
        const delay = retryDelayMs(attempt, { baseMs: config.notifyRetryBaseMs, maxMs: config.notifyRetryMaxMs });
        await settle(row.id, attempt, { state: 'pending', next_attempt_at: iso(Date.now() + delay), last_error: reason });
        log.warn({ ...context, reason, retryInMs: delay }, 'notification failed; will retry');
      }
      return true;
    }
    if (await markSent(row.id)) log.info(context, 'notification sent');
    // Another notifier took the row (a send outlasted its lease) and sent it too, or it is gone.
    else log.warn(context, 'notification sent, but the row was already marked sent or is gone');
    return true;
  }

  return {
    async runOnce(log) {
      if (!config.smtpUrl && !warned) {
        warned = true;
        // Without SMTP, email notifications are marked failed at once rather than kept pending:
        // a clinic expects to see in its inbox that nobody was emailed, and an email sent hours
        // later, once someone configures SMTP, would announce an inquiry long since handled.
        log.warn('SMTP_URL is not set: email notifications cannot be sent and are marked failed');
      }
      const now = iso(Date.now());
      const due = await db
        .selectFrom('outbox')
        .select(['id', 'channel', 'attempts', 'last_error'])
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(BATCH)
        .execute();
      let taken = 0;
      const queue = [...due];
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
          for (let row = queue.shift(); row; row = queue.shift()) {
            try {
              if (await handle(row, log)) taken++;
            } catch (error) {
              // The database failed us; the row's lease runs out and a later run tries again.
              log.error({ outbox: row.id, channel: row.channel, reason: failureReason(error) }, 'notification could not be processed');
            }
          }
        }),
      );
      return taken;
    },
  };
}

/** The notifier as a receiver job (see ../../jobs.ts). */
export function notifierJob(store: Store, config: ReceiverConfig) {
  const notifier = createNotifier(store, config);
  return { name: 'notify', everyMs: config.notifyPollMs, run: (log: Log) => notifier.runOnce(log) };
}
