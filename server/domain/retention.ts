/**
 * Inquiries are kept only as long as each site says (sites.retention_days), and never longer
 * than the notice the patient agreed to said (its keep_until, from consent.retentionMonths),
 * then deleted with their notes and notifications. Runs daily from server/jobs.ts; safe to run
 * in several processes at once (plain deletes).
 */
import type { Store } from '../storage/database.js';
import { logChange, pruneAccessLog } from './access-log.js';
import { deleteInquiries, forgetErased } from './patients.js';

const DAY_MS = 24 * 60 * 60_000;

export async function deleteExpiredInquiries(store: Store, now = new Date()): Promise<number> {
  const sites = await store.db.selectFrom('sites').select(['id', 'retention_days']).execute();
  let deleted = 0;
  for (const site of sites) {
    const cutoff = new Date(now.getTime() - site.retention_days * DAY_MS).toISOString();
    const today = now.toISOString();
    const count = await deleteInquiries(
      store,
      site.id,
      (q) => q.where((eb) => eb.or([eb('received_at', '<', cutoff), eb('keep_until', '<=', today)])),
      async (trx, n) => {
        if (n > 0) await logChange(trx, site.id, { actor: 'system' }, 'retention', `deleted=${n} before=${cutoff} or told-period-ended`);
      },
    );
    deleted += count;
  }
  return deleted;
}

/** The daily privacy work: expired inquiries, access records past their keeping period, and erased inquiries' week. */
export async function runRetention(store: Store, now = new Date()): Promise<{ inquiries: number; accessLog: number; erased: number }> {
  return { inquiries: await deleteExpiredInquiries(store, now), accessLog: await pruneAccessLog(store, now), erased: await forgetErased(store, now) };
}
