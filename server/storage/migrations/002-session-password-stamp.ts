import type { Kysely, Migration } from 'kysely';

/**
 * Each session remembers which password opened it (a short hash of the stored password hash),
 * so that a new password ends every session opened with the old one, even one whose login was
 * being checked while the password changed. Sessions from before have none and end: their staff
 * log in once more.
 */
export const sessionPasswordStamp: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').addColumn('password_stamp', 'text').execute();
  },
};
