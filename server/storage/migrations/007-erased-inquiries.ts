import type { Kysely, Migration } from 'kysely';

/**
 * The inquiries a patient had erased, by a hash of their id, for a week: a copy the patient's
 * browser still sends afterwards (its first answer was lost) is not stored again.
 */
export const erasedInquiries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('erased_inquiries')
      .addColumn('site_id', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('erased_inquiries_pk', ['site_id', 'id_hash'])
      .execute();
  },
};
