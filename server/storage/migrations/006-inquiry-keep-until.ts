import type { Kysely, Migration } from 'kysely';

/**
 * An inquiry remembers the end of the retention period its patient was told
 * (consent.retentionMonths): the retention job deletes it then, or at the site's own period if
 * that comes first. Inquiries from before, and from clients that do not say, have none.
 */
export const inquiryKeepUntil: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('inquiries').addColumn('keep_until', 'text').execute();
    await db.schema.createIndex('inquiries_site_keep_until').on('inquiries').columns(['site_id', 'keep_until']).execute();
  },
};
