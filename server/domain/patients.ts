/**
 * A patient's request to delete their data (PIPA art. 36): every inquiry of one site sent with
 * their phone number (in any field: see phones.ts) goes, with its notes and notifications. Also the deletion primitive the
 * retention job uses.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { matchingDigits, phoneDigits } from './phones.js';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { logChange, type Changer } from './access-log.js';
import { nowIso } from './clock.js';
import { sha256 } from './secrets.js';

type Narrow = (query: SelectQueryBuilder<Database, 'inquiries', { id: string }>) => SelectQueryBuilder<Database, 'inquiries', { id: string }>;

/**
 * Deletes the site's inquiries that `narrow` selects, children first, in one transaction with
 * their access record, which `record` writes from the count.
 */
export async function deleteInquiries(
  store: Store,
  siteId: string,
  narrow: Narrow,
  record: (trx: Kysely<Database>, count: number, ids: string[]) => Promise<void>,
): Promise<number> {
  const deleted = await store.db.transaction().execute(async (trx) => {
    const ids = narrow(trx.selectFrom('inquiries').select('id').where('site_id', '=', siteId));
    const deletedIds = (await ids.execute()).map((r) => r.id);
    // Children first: SQLite enforces the cascades only with foreign_keys on, PostgreSQL always.
    await trx.deleteFrom('outbox').where('site_id', '=', siteId).where('inquiry_id', 'in', ids).execute();
    await trx.deleteFrom('inquiry_notes').where('site_id', '=', siteId).where('inquiry_id', 'in', ids).execute();
    const result = await trx.deleteFrom('inquiries').where('site_id', '=', siteId).where('id', 'in', ids).executeTakeFirst();
    const count = Number(result.numDeletedRows);
    await record(trx, count, deletedIds);
    return count;
  });
  if (deleted > 0) await store.scrub();
  return deleted;
}

export async function deletePatient(store: Store, siteId: string, phone: string, by: Changer): Promise<number> {
  const digits = phoneDigits(phone);
  if (!digits) throw new Error('not a phone number such as 010-1234-5678 or +81 90-1234-5678');
  // (= too: a row an older receiver process wrote during an upgrade holds the digits bare.)
  const narrow: Narrow = (q) => q.where((eb) => eb.or([eb('phone_digits', 'like', matchingDigits(digits)), eb('phone_digits', '=', digits)]));
  return deleteInquiries(store, siteId, narrow, async (trx, count, ids) => {
    // Remembered for a week, by a hash: the patient's browser may still send a copy whose first
    // answer it never got (it tries for 24 hours), which would otherwise be stored and notified again.
    const erasedAt = nowIso();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = ids.slice(i, i + 500).map((id) => ({ site_id: siteId, id_hash: sha256(id), erased_at: erasedAt }));
      await trx.insertInto('erased_inquiries').values(rows).onConflict((oc) => oc.columns(['site_id', 'id_hash']).doUpdateSet({ erased_at: erasedAt })).execute();
    }
    // The count, never the number: the log must not keep what the patient asked to erase.
    await logChange(trx, siteId, by, 'delete-patient', `deleted=${count}`);
  });
}

/** Whether a patient had this inquiry erased (see deletePatient): a late copy of it is not stored. */
export async function wasErased(store: Store, siteId: string, inquiryId: string): Promise<boolean> {
  const row = await store.db.selectFrom('erased_inquiries').select('site_id').where('site_id', '=', siteId).where('id_hash', '=', sha256(inquiryId)).executeTakeFirst();
  return !!row;
}

/** Erased inquiries are remembered for a week: longer than a browser keeps trying to send one. */
export const ERASED_KEPT_MS = 7 * 24 * 60 * 60_000;

export async function forgetErased(store: Store, now = new Date()): Promise<number> {
  const result = await store.db.deleteFrom('erased_inquiries').where('erased_at', '<', new Date(now.getTime() - ERASED_KEPT_MS).toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
