import type { Kysely, Migration } from 'kysely';

/**
 * The inbox's form filter lists a site's forms with the newest inquiry of each: by this index,
 * not a scan of every inquiry (anyone can send inquiries with made-up form ids, thousands of them).
 */
export const inquiriesByForm: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('inquiries_site_spam_form').on('inquiries').columns(['site_id', 'spam', 'form', 'received_at']).execute();
  },
};
