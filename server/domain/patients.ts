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

type Narrow = (query: SelectQueryBuilder<Database, 'inquiries', { id: string }>) => SelectQueryBuilder<Database, 'inquiries', { id: string }>;

/**
 * Deletes the site's inquiries that `narrow` selects, children first, in one transaction with
 * their access record, which `record` writes from the count.
 */
export async function deleteInquiries(
  store: Store,
  siteId: string,
  narrow: Narrow,
  record: (trx: Kysely<Database>, count: number) => Promise<void>,
): Promise<number> {
  const deleted = await store.db.transaction().execute(async (trx) => {
    const ids = narrow(trx.selectFrom('inquiries').select('id').where('site_id', '=', siteId));
    // Children first: SQLite enforces the cascades only with foreign_keys on, PostgreSQL always.
    await trx.deleteFrom('outbox').where('site_id', '=', siteId).where('inquiry_id', 'in', ids).execute();
    await trx.deleteFrom('inquiry_notes').where('site_id', '=', siteId).where('inquiry_id', 'in', ids).execute();
    const result = await trx.deleteFrom('inquiries').where('site_id', '=', siteId).where('id', 'in', ids).executeTakeFirst();
    const count = Number(result.numDeletedRows);
    await record(trx, count);
    return count;
  });
  if (deleted > 0) await store.scrub();
  return deleted;
}

export async function deletePatient(store: Store, siteId: string, phone: string, by: Changer): Promise<number> {
  const digits = phoneDigits(phone);
  if (!digits) throw new Error('not a phone number such as 010-1234-5678 or +81 90-1234-5678');
  return deleteInquiries(
    store,
    siteId,
    // (= too: a row an older receiver process wrote during an upgrade holds the digits bare.)
    (q) => q.where((eb) => eb.or([eb('phone_digits', 'like', matchingDigits(digits)), eb('phone_digits', '=', digits)])),
    // The count, never the number: the log must not keep what the patient asked to erase.
    (trx, count) => logChange(trx, siteId, by, 'delete-patient', `deleted=${count}`),
  );
}
