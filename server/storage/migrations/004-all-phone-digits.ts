import type { Kysely, Migration } from 'kysely';
import { storedDigits } from '../../domain/phones.js';

interface Row {
  site_id: string;
  id: string;
  payload: string;
  phone_digits: string;
}

/**
 * Inquiries are found and deleted by every phone number they carry, not only a field named
 * `phone` (a clinic's own form may ask for `mobile`): each number's digits between spaces. The
 * inquiries stored before are rewritten from their payloads, a batch at a time. It derives
 * them with today's phones.ts on purpose: the column is only ever what that rule makes of the
 * payload. (Rows an older process writes during a rolling upgrade keep bare digits; deletion
 * matches those too.)
 */
export const allPhoneDigits: Migration = {
  async up(db: Kysely<unknown>) {
    const inquiries = db as unknown as Kysely<{ inquiries: Row }>;
    let last: { site_id: string; id: string } | undefined;
    for (;;) {
      let query = inquiries.selectFrom('inquiries').select(['site_id', 'id', 'payload', 'phone_digits']).orderBy('site_id').orderBy('id').limit(500);
      if (last) {
        const { site_id, id } = last;
        query = query.where((eb) => eb.or([eb('site_id', '>', site_id), eb.and([eb('site_id', '=', site_id), eb('id', '>', id)])]));
      }
      const rows = await query.execute();
      if (rows.length === 0) return;
      for (const row of rows) {
        const digits = storedDigits((JSON.parse(row.payload) as { fields?: Record<string, unknown> }).fields ?? {});
        if (digits !== row.phone_digits) {
          await inquiries.updateTable('inquiries').set({ phone_digits: digits }).where('site_id', '=', row.site_id).where('id', '=', row.id).execute();
        }
      }
      last = rows[rows.length - 1];
    }
  },
};
